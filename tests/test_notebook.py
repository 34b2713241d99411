"""notebooks/explore.ipynb runs top to bottom in a real kernel, and is committed without outputs."""
from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


def outputs(nb: nbformat.NotebookNode, mime: str) -> list[str]:
    found = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if mime in data:
                found.append(data[mime])
            elif mime == "text/plain" and out.get("output_type") == "stream":
                found.append(out.get("text", ""))
    return found


def test_committed_without_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.outputs == [] and c.execution_count is None for c in code)


@pytest.fixture(scope="module")
def executed() -> nbformat.NotebookNode:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    # The kernel imports graphbuild from this checkout, installed or not.
    env_path = os.environ.get("PYTHONPATH", "")
    os.environ["PYTHONPATH"] = str(ROOT) + (os.pathsep + env_path if env_path else "")
    try:
        NotebookClient(nb, timeout=120, kernel_name="python3",
                       resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    finally:
        if env_path:
            os.environ["PYTHONPATH"] = env_path
        else:
            del os.environ["PYTHONPATH"]
    return nb


def test_notebook_runs_and_shows_everything(executed: nbformat.NotebookNode) -> None:
    produced = [o for c in executed.cells for o in c.get("outputs", [])]
    assert not [o for o in produced if o.get("output_type") == "error"]
    assert not [o["text"] for o in produced if o.get("name") == "stderr"]  # no warnings either
    html = "\n".join(outputs(executed, "text/html"))
    # Summary tables: node labels and relation types of the seeds graph, with counts.
    for word in ("<table", "Person", "Agency", "Allegation", "MENTIONED_IN", "ALLEGES"):
        assert word in html
    # The page, inline, sandboxed, carrying the graph (escaped into srcdoc).
    assert '<iframe srcdoc="&lt;!DOCTYPE html&gt;' in html and 'sandbox="allow-scripts"' in html
    # Two catalogue queries ran on the embedded engine and returned rows.
    assert html.count('class="query-result"') == 2
    assert html.count("<td>") > 20

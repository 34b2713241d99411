"""The database commands run as real processes, and the one-line error every failure must give."""
from __future__ import annotations

import subprocess
import sys

# The commands on an app of their own, so this runs without the project's full command line.
CLI = """
import typer
from graphbuild import cli_db
app = typer.Typer(pretty_exceptions_enable=False)
app.command("load")(cli_db.load)
app.command("unload")(cli_db.unload)
app.command("query")(cli_db.query)
app()
"""


def cli(*args: str) -> subprocess.CompletedProcess:
    """Run a command in a new process; the timeout only guards against a hang."""
    return subprocess.run([sys.executable, "-c", CLI, *args], capture_output=True, text=True, timeout=60)


def assert_one_line_error(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.stderr and not result.stdout
    for word in words:
        assert word in lines[0], lines[0]

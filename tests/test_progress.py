"""Progress of a build on stderr: documents done of total and words per second, on a terminal and off one."""
from __future__ import annotations

import io
import re
import time
from types import SimpleNamespace

from typer.testing import CliRunner

from conftest import SEEDS
from graphbuild.cli import app
from graphbuild.cli_progress import ProgressReport


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def docs(n: int, words: int = 100) -> list:
    return [SimpleNamespace(words=words) for _ in range(n)]


def test_off_a_terminal_a_line_at_each_tenth_of_the_documents():
    stream, clock = io.StringIO(), Clock()
    corpus = docs(20)
    with ProgressReport(stream, interactive=False, clock=clock, every=1e9) as report:
        report.begin(corpus)
        for doc in corpus:
            clock.now += 1
            report.step(doc)
    lines = stream.getvalue().splitlines()
    assert lines == [f"progress: documents {n}/20 ({n * 5}%), 100 words/s, 0:{n:02} elapsed" for n in range(2, 21, 2)]


def test_off_a_terminal_a_line_every_so_often_while_a_long_document_is_read():
    stream = io.StringIO()
    with ProgressReport(stream, interactive=False, every=0.1) as report:
        report.begin(docs(3))
        time.sleep(0.8)  # no document done meanwhile
    lines = stream.getvalue().splitlines()
    assert len(lines) >= 2 and all(line.startswith("progress: documents 0/3 (0%), 0 words/s") for line in lines)


def test_on_a_terminal_a_bar_redrawn_in_place():
    stream, clock = io.StringIO(), Clock()
    with ProgressReport(stream, interactive=True, clock=clock) as report:
        report.begin(docs(4, words=250))
        clock.now += 2
        report.step(SimpleNamespace(words=250))
    out = stream.getvalue()
    assert out.count("\r") == 2 and out.endswith("\n")
    assert "[######------------------] documents 1/4 (25%), 125 words/s, 0:02 elapsed" in out


def test_disabled_it_writes_nothing():
    stream = io.StringIO()
    with ProgressReport(stream, enabled=False, interactive=False, every=0.01) as report:
        report.begin(docs(2))
        report.step(docs(1)[0])
        time.sleep(0.05)
    assert stream.getvalue() == ""


def test_a_build_logs_its_progress_when_stderr_is_not_a_terminal(tmp_path, fast_model):
    result = CliRunner().invoke(app, ["build", str(SEEDS), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("progress:")]
    done = [re.match(r"progress: documents (\d)/3 \((\d+)%\), ([\d,]+) words/s, \d+:\d\d elapsed$", line) for line in lines]
    assert all(done) and [m.group(1, 2) for m in done] == [("1", "33"), ("2", "66"), ("3", "100")], lines
    assert int(done[-1].group(3).replace(",", "")) > 0
    quiet = CliRunner().invoke(app, ["build", str(SEEDS), "--out", str(tmp_path), "-q"])
    assert quiet.exit_code == 0 and "progress:" not in quiet.stderr

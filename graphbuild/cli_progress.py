"""A build's progress on stderr: documents done of total and words per second.

On a terminal, a bar redrawn in place; elsewhere (a log file, a CI job) a line each time another tenth
of the documents is done, and at least every 30 seconds while a long document is being read.
"""
from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, TextIO

LOG_EVERY = 30.0  # seconds between log lines at most, when stderr is not a terminal
BAR_WIDTH = 24


class ProgressReport:
    """Call :meth:`begin` with the documents, :meth:`step` with each one done, and leave the ``with``
    block to end the report. Disabled, it writes nothing."""

    def __init__(self, stream: TextIO | None = None, *, enabled: bool = True, interactive: bool | None = None,
                 every: float = LOG_EVERY, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled
        self.interactive = self.stream.isatty() if interactive is None else interactive
        self.every = every
        self.clock = clock
        self.total = self.done = self.words = 0
        self.started = self.last_line = 0.0
        self._next_tenth = 1
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    def __enter__(self) -> ProgressReport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def begin(self, documents: Sequence[Any]) -> None:
        """Start counting: ``documents`` are all the build will read (each with ``words``)."""
        if not self.enabled:
            return
        self.total = len(documents)
        self.started = self.last_line = self.clock()
        if self.interactive:
            self._draw()
        else:
            self._ticker = threading.Thread(target=self._tick, daemon=True, name="progress")
            self._ticker.start()

    def step(self, document: Any) -> None:
        """One more document done (or skipped)."""
        if not self.enabled or not self.total:
            return
        with self._lock:
            self.done += 1
            self.words += getattr(document, "words", 0)
            if self.interactive:
                self._draw()
            elif self.done * 10 // self.total >= self._next_tenth:
                self._next_tenth = self.done * 10 // self.total + 1
                self._log()

    def close(self) -> None:
        """End the report: the bar's line is finished; the periodic log stops."""
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join()
            self._ticker = None
        if self.enabled and self.interactive and self.total:
            self.stream.write("\n")
            self.stream.flush()
            self.total = 0

    def text(self) -> str:
        """"documents 15/150 (10%), 4,520 words/s, 0:42 elapsed"."""
        elapsed = max(self.clock() - self.started, 1e-9)
        percent = self.done * 100 // self.total if self.total else 100
        minutes, seconds = divmod(int(elapsed), 60)
        return (f"documents {self.done:,}/{self.total:,} ({percent}%), {self.words / elapsed:,.0f} words/s, "
                f"{minutes}:{seconds:02} elapsed")

    def _draw(self) -> None:
        filled = BAR_WIDTH * self.done // self.total if self.total else BAR_WIDTH
        self.stream.write(f"\r[{'#' * filled}{'-' * (BAR_WIDTH - filled)}] {self.text()}\x1b[K")
        self.stream.flush()

    def _log(self) -> None:
        self.stream.write(f"progress: {self.text()}\n")
        self.stream.flush()
        self.last_line = self.clock()

    def _tick(self) -> None:
        """A log line when ``every`` seconds pass without one (a long document, a slow model)."""
        while not self._stop.wait(min(1.0, self.every / 4)):
            with self._lock:
                if self.done < self.total and self.clock() - self.last_line >= self.every:
                    self._log()

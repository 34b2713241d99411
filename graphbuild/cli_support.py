"""What every command shares: user errors as one line on stderr and a non-zero exit, never a traceback."""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from typer.core import TyperCommand

from .errors import GraphbuildError
from .lifetime import STOP_SIGNALS



class Stopped(BaseException):
    """A stop signal arrived; raised where the command was, so ``finally`` blocks and cleanups run."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


Debug = Annotated[bool, typer.Option("--debug", help="Show the traceback of an error instead of one line.")]


class Command(TyperCommand):
    """A command whose usage line names its arguments as the README does: ``SOURCES...``, ``[QUERY]``."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = (param.metavar or param.name or "").upper() + ("..." if param.nargs != 1 else "")
                pieces.append(name if param.required else f"[{name}]")
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces


@contextmanager
def user_errors(debug: bool = False) -> Iterator[None]:
    """Library errors and I/O failures become ``error: <one line>`` and exit status 1; Ctrl-C exits 130,
    SIGTERM and SIGHUP 128 plus their number, after the work in progress has been cleaned up.

    With ``debug`` the exception propagates, traceback and all.
    """
    try:
        with _stop_signals_raise():
            yield
    except (GraphbuildError, OSError) as e:
        if debug:
            raise
        if isinstance(e, OSError) and not isinstance(e, GraphbuildError):
            message = f"cannot write {e.filename}: {e.strerror or e}" if e.filename else str(e)
        else:
            message = str(e)
        typer.echo(f"error: {' '.join(message.split())}", err=True)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        typer.echo("error: interrupted", err=True)
        raise typer.Exit(130) from None
    except Stopped as e:
        typer.echo(f"error: stopped by {signal.Signals(e.signum).name}", err=True)
        raise typer.Exit(128 + e.signum) from None


@contextmanager
def _stop_signals_raise() -> Iterator[None]:
    """While the block runs (in the main thread), SIGTERM and SIGHUP raise :class:`Stopped` in it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: Any) -> None:
        raise Stopped(signum)

    old = {sig: signal.signal(sig, handler) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, previous in old.items():
            signal.signal(sig, previous)


def warn(message: str) -> None:
    """A per-document warning on stderr."""
    typer.echo(f"warning: {message}", err=True)

"""What every command shares: user errors as one line on stderr and a non-zero exit, never a traceback."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer

from .errors import GraphbuildError


@contextmanager
def user_errors(debug: bool = False) -> Iterator[None]:
    """Library errors and I/O failures become ``error: <one line>`` and exit status 1; Ctrl-C exits 130.

    With ``debug`` the exception propagates, traceback and all.
    """
    try:
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


def warn(message: str) -> None:
    """A per-document warning on stderr."""
    typer.echo(f"warning: {message}", err=True)

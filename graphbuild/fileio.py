"""Safe output: write to a temp file beside the target, then rename, so no half-written file remains;
and a lock on an output folder, so two builds never mix their outputs in it."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import OutputBusyError

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: folders are not locked
    fcntl = None

LOCK_NAME = ".graphbuild.lock"
_held: dict[str, int] = {}  # real path of each folder this process holds -> how many times it took it


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temp path in the target's folder; on success it replaces ``path``, on error it is removed."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    os.chmod(tmp_path, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get the usual permissions
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write ``text`` as UTF-8 to ``path`` atomically."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)


@contextmanager
def folder_lock(folder: str | Path) -> Iterator[Path]:
    """Hold ``folder`` (created if missing) for this process while the block writes into it.

    Another process holding it raises :class:`OutputBusyError` naming that process, at once. The
    same process may take a folder again inside the block. The lock is an ``flock`` on a hidden file
    in the folder, removed when the block ends; a killed holder's lock goes with it. Folders the lock
    created are removed again if nothing was written into them (a build that failed leaves no trace).
    """
    target = Path(folder)
    created = _missing_folders(target)
    target.mkdir(parents=True, exist_ok=True)
    try:
        with _holding(target):
            yield target
    finally:
        _remove_empty(created)


def _missing_folders(folder: Path) -> list[Path]:
    """``folder`` and those of its parents that do not exist, deepest first."""
    missing = []
    for path in (folder, *folder.parents):
        if path.exists() or path.is_symlink():
            break
        missing.append(path)
    return missing


def _remove_empty(folders: list[Path]) -> None:
    for path in folders:  # deepest first: a parent can be empty only once its child is gone
        try:
            path.rmdir()
        except OSError:  # not empty (something was written), or gone: leave the rest as it is
            return


@contextmanager
def _holding(target: Path) -> Iterator[None]:
    key = os.path.realpath(target)
    if fcntl is None or key in _held:
        _held[key] = _held.get(key, 0) + 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    lock = target / LOCK_NAME
    fd = _acquire(lock, target)
    _held[key] = 1
    try:
        yield
    finally:
        del _held[key]
        lock.unlink(missing_ok=True)  # while still holding it: a process that opens it next makes a new one
        os.close(fd)


def _acquire(lock: Path, folder: Path) -> int:
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip() or "unknown"
            os.close(fd)
            raise OutputBusyError(f"{folder}: another graphbuild process (pid {holder}) is writing to this "
                                  "folder; wait for it to end or give another output folder") from None
        try:
            mine, named = os.fstat(fd), os.stat(lock)
            same = (mine.st_dev, mine.st_ino) == (named.st_dev, named.st_ino)
        except FileNotFoundError:
            same = False
        if same:  # not a file its last holder removed between our open and our lock
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
            return fd
        os.close(fd)

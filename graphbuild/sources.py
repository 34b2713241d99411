"""Sources to files: the files named and those found below folders, each with the name a graph records.

The recorded name is the file's path relative to the folder given (relative to the folders' common
parent when several sources are given), so no two files share a name and a graph does not depend on
where the corpus lives. Links to folders are followed, each folder read once: a link back into a
folder being read (a loop) or to a folder read already is skipped with a warning, and so is a broken
link. Folders to exclude (the build's own output folder) are skipped with a warning.
"""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import InputError
from .formats import format_of, readable, readable_suffixes

Warn = Callable[[str], None]


def find_files(sources: Iterable[str | Path], warn: Warn = lambda message: None, *,
               exclude: Iterable[str | Path] = ()) -> list[tuple[Path, str]]:
    """(file, name to record) for files named directly and readable files below folders (recursively).

    Raises :class:`InputError` for a missing path or a folder with no readable file.
    """
    paths = [Path(s) for s in sources]
    for path in paths:
        if not path.is_dir() and not path.is_file():
            problem = "broken symbolic link" if path.is_symlink() else "no such file or folder"
            raise InputError(f"{path}: {problem}")
    base = _common_folder(paths)
    skip = {os.path.realpath(p) for p in exclude if Path(p).is_dir()}
    files: dict[str, Path] = {}  # name -> file: a file that overlapping sources both give counts once
    for path in paths:
        found = _files_below(path, warn, skip) if path.is_dir() else [path]
        if path.is_dir() and not found:
            raise InputError(f"{path}: folder holds no document graphbuild reads ({', '.join(readable_suffixes())})")
        for file in found:
            files.setdefault(_name(file, path, base), file)
    return [(files[name], name) for name in sorted(files)]


def _common_folder(paths: list[Path]) -> str | None:
    """The folder the recorded names are relative to: the folders' (or files' folders') common parent."""
    roots = [os.path.abspath(p if p.is_dir() else p.parent) for p in paths]
    try:
        return os.path.commonpath(roots)
    except ValueError:  # paths on different drives
        return None


def _name(file: Path, source: Path, base: str | None) -> str:
    if base is None:
        return file.name if file == source else file.relative_to(source).as_posix()
    return Path(os.path.relpath(os.path.abspath(file), base)).as_posix()


def _files_below(root: Path, warn: Warn, skip: set[str]) -> list[Path]:
    """Readable files below ``root``; folders reached through links are read after the real ones."""
    found: list[Path] = []
    seen: dict[tuple[int, int], Path] = {}  # (device, inode) of each folder read -> the path it was read by
    unreadable: Counter = Counter()  # known formats without a reader, by name
    real, linked = [root], []
    while real or linked:
        folder = real.pop() if real else linked.pop(0)
        if not _first_visit(folder, seen, warn):
            continue
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as e:
            warn(f"{folder}: skipped, cannot be read ({e.strerror or e})")
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink() and not path.exists():
                warn(f"{path}: skipped, broken symbolic link (to {os.readlink(path)})")
            elif entry.is_dir():
                if os.path.realpath(path) in skip:
                    warn(f"{path}: skipped, the output folder of this build")
                else:
                    (linked if entry.is_symlink() else real).append(path)
            elif entry.is_file():
                if readable(path):
                    found.append(path)
                elif format_of(path) is not None:
                    unreadable[format_of(path).name] += 1
    if unreadable:
        kinds = ", ".join(f"{n} {kind}{'s' if n > 1 else ''}" for kind, n in sorted(unreadable.items()))
        warn(f"{root}: skipped {kinds}: graphbuild has no reader for {'them' if sum(unreadable.values()) > 1 else 'it'}")
    return found


def _first_visit(folder: Path, seen: dict[tuple[int, int], Path], warn: Warn) -> bool:
    """Record a folder as read; False, after a warning, if it was read already (through a link)."""
    try:
        st = folder.stat()
    except OSError as e:
        warn(f"{folder}: skipped, cannot be read ({e.strerror or e})")
        return False
    key = (st.st_dev, st.st_ino)
    first = seen.get(key)
    if first is None:
        seen[key] = folder
        return True
    if folder.is_relative_to(first):
        warn(f"{folder}: skipped, a symbolic link loop (it leads back to {first})")
    else:
        warn(f"{folder}: skipped, a symbolic link to {first}, which is read already")
    return False

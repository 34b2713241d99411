"""What Linux's /proc says about a process: its sockets, the TCP ports listening, whether it still runs."""
from __future__ import annotations

import os
import time
from pathlib import Path


def listening_tcp() -> dict[str, tuple[str, int]]:
    """Socket inode -> (hex address, port) of every TCP socket in LISTEN state on this machine (IPv4 and IPv6)."""
    found = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if os.path.exists(table):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                if fields[3] == "0A":  # TCP_LISTEN
                    address, port = fields[1].split(":")
                    found[fields[9]] = (address, int(port, 16))
    return found


def socket_inodes(pid: int) -> set[str]:
    """Inodes of the sockets process ``pid`` holds open."""
    out = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            out.add(target[8:-1])
    return out


def alive(pid: int) -> bool:
    """Whether process ``pid`` exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def gone(pid: int, wait: float = 10.0) -> bool:
    """Whether process ``pid`` has exited (or is a zombie) within ``wait`` seconds."""
    deadline = time.monotonic() + wait
    while alive(pid):
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.02)
    return True

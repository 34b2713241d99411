"""Memory the build no longer uses goes back to the operating system."""
from __future__ import annotations

import pytest

from graphbuild.memory import _malloc_trim, release_free_memory


def resident_mb() -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) // 1024 for line in status if line.startswith("VmRSS"))


@pytest.mark.skipif(_malloc_trim() is None, reason="the allocator has no malloc_trim (not glibc)")
def test_freed_heap_pages_are_returned():
    blocks = [str(i).encode().ljust(4000) for i in range(25_000)]  # 100 MB in blocks the heap serves, touched
    survivors = blocks[::50]  # a few live blocks keep the heap from shrinking by itself, as extraction results do
    del blocks
    before = resident_mb()
    assert release_free_memory()
    assert before - resident_mb() > 50, (before, resident_mb())
    assert len(survivors) == 500

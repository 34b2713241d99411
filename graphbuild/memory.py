"""Give memory the process no longer uses back to the operating system."""
from __future__ import annotations

import ctypes
import gc
from functools import cache


@cache
def _malloc_trim():
    try:
        return ctypes.CDLL(None).malloc_trim  # glibc only
    except (AttributeError, OSError, TypeError):  # TypeError: no CDLL(None) on Windows
        return None


def release_free_memory() -> bool:
    """Collect garbage, then return the allocator's free pages to the OS; True where it can (glibc).

    Once the model is dropped, glibc keeps most of what it freed resident, and small Python objects
    cannot reuse those pages: the graph would then be built on top of the model's memory instead of
    in its place. Elsewhere than glibc this only collects garbage.
    """
    gc.collect()
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True

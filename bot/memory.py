"""Memory that stays flat over months of running.

glibc gives each thread that allocates its own malloc arena (up to eight per core), and
memory freed in one arena is not reused by another. The bot's threads (the SQLite driver's,
the default executor's) each grew one: in a soak the resident size rose about 1.4 MB a minute
and kept rising, while Python's own heap stayed flat. Two arenas keep it flat at no measured
cost in speed (bench/soak.py prints both figures). `MALLOC_ARENA_MAX` in the environment, when
an operator sets it, wins; on a C library other than glibc this does nothing.

Building the place index at start-up leaves tens of megabytes freed but still held by the
allocator; `release_free_memory` hands them back (a soak's RSS fell 242 → 196 MB when it
was called after start-up), and is called again after each retention prune.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import logging
import os
import sys
from typing import Any

log = logging.getLogger(__name__)
_M_ARENA_MAX = -8  # mallopt's parameter number in glibc's malloc.h
ARENAS = 2


def _glibc(function: str) -> Any | None:
    """A function of glibc's malloc, or None on another system or C library (musl and others
    have no mallopt or malloc_trim: nothing to tune)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return getattr(ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6"), function)
    except (OSError, AttributeError):
        return None


def limit_malloc_arenas(arenas: int = ARENAS) -> bool:
    """Cap glibc's malloc arenas for threads started from now on; whether it was done."""
    mallopt = None if "MALLOC_ARENA_MAX" in os.environ else _glibc("mallopt")
    if mallopt is None:
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    done = bool(mallopt(_M_ARENA_MAX, arenas) == 1)
    log.debug("malloc arenas capped=%s arenas=%d", done, arenas)
    return done


def release_free_memory() -> bool:
    """Give the memory the C allocator holds free back to the system (glibc's malloc_trim);
    whether any was. Cheap enough to call after start-up and each prune; elsewhere a no-op."""
    trim = _glibc("malloc_trim")
    if trim is None:
        return False
    trim.argtypes = (ctypes.c_size_t,)
    trim.restype = ctypes.c_int
    return bool(trim(0))


# Allocations (less deallocations) of container objects between two collections of the
# youngest generation; Python's default is 700. A poll makes a few hundred objects that
# outlive it briefly (the request, its answer, their dicts), so at 700 the collector ran
# four times a second at 1,000 feeds, 9% of the bot's CPU with its older generations
# (a scratch harness running `App.run_forever` on 1,000 loopback feeds for a minute); at
# 10,000 it runs a few times a minute (same harness, three runs of each alternately: 7-17%
# less CPU in all; resident memory unchanged, 228 MB). Cyclic garbage waits a little longer
# to be freed.
YOUNG_THRESHOLD = 10_000


def settle_heap() -> int:
    """After start-up: the objects alive now (the places index, the word forms, the rules:
    a few hundred thousand that live as long as the bot) are moved out of the cyclic
    garbage collector's sight, so its full collections, which a long run makes every
    minute or so, no longer walk them each time (64 ms each on this machine); and the
    youngest generation is collected less often (YOUNG_THRESHOLD). Returns how many
    objects were set aside."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
    release_free_memory()
    return gc.get_freeze_count()

"""glibc's malloc arenas capped for the long run, so freed memory is reused across threads
(issue 11: resident memory grew through a soak while Python's heap stayed flat)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.paths import REPO

# Eight threads allocating at once, then glibc's own count of its heaps (malloc_info's XML).
PROBE = """
import ctypes, ctypes.util, sys, tempfile, threading
if sys.argv[1] == "cap":
    from bot.memory import limit_malloc_arenas
    print("capped", limit_malloc_arenas())
libc = ctypes.CDLL(ctypes.util.find_library("c"))
libc.fopen.restype = ctypes.c_void_p
libc.fopen.argtypes = (ctypes.c_char_p, ctypes.c_char_p)
libc.malloc_info.argtypes = (ctypes.c_int, ctypes.c_void_p)
libc.fclose.argtypes = (ctypes.c_void_p,)
together = threading.Barrier(8)
def work():
    together.wait()
    keep = [bytearray(200_000) for _ in range(50)]
    together.wait()
threads = [threading.Thread(target=work) for _ in range(8)]
for t in threads: t.start()
for t in threads: t.join()
with tempfile.NamedTemporaryFile("r") as f:
    fp = libc.fopen(f.name.encode(), b"w")
    libc.malloc_info(0, fp)
    libc.fclose(fp)
    print("heaps", f.read().count("<heap nr="))
"""

glibc = pytest.mark.skipif(
    not sys.platform.startswith("linux") or os.confstr("CS_GNU_LIBC_VERSION") is None,
    reason="glibc only",
)


def heaps(mode: str, **env: str) -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"} | env
    out = subprocess.run(
        [sys.executable, "-c", PROBE, mode],
        cwd=REPO,
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return dict(line.split(" ", 1) for line in out.splitlines())


@glibc
def test_the_cap_keeps_threads_to_two_arenas_where_glibc_would_make_one_each() -> None:
    assert int(heaps("none")["heaps"]) > 2
    capped = heaps("cap")
    assert capped["capped"] == "True"
    assert int(capped["heaps"]) <= 2


@glibc
def test_an_operators_malloc_arena_max_is_left_alone() -> None:
    chosen = heaps("cap", MALLOC_ARENA_MAX="4")
    assert chosen["capped"] == "False"
    assert int(chosen["heaps"]) <= 4


# Many mid-sized blocks freed but for every 50th, so the heap's top stays in use and glibc
# keeps the freed pages; then the resident size before and after handing them back.
TRIM_PROBE = """
import os
from bot.memory import release_free_memory
def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
blocks = [bytearray(1000) for _ in range(60_000)]
kept = blocks[::50]
del blocks
before = rss_mb()
released = release_free_memory()
print(released, before, rss_mb(), len(kept))
"""


@glibc
def test_memory_freed_but_held_by_the_allocator_is_handed_back() -> None:
    out = subprocess.run(
        [sys.executable, "-c", TRIM_PROBE],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    released, before, after = out[0], float(out[1]), float(out[2])
    assert released == "True"
    assert before - after > 20, (before, after)  # about 57 MB were freed


def test_settling_the_heap_sets_start_up_objects_aside_and_collects_the_young_less_often() -> None:
    # In a process of its own: freezing and the thresholds are the whole interpreter's.
    probe = (
        "import gc\n"
        "from bot.memory import YOUNG_THRESHOLD, settle_heap\n"
        "kept = [[i] for i in range(50_000)]\n"
        "before = gc.get_threshold()\n"
        "frozen = settle_heap()\n"
        "print(before[0], gc.get_threshold()[0], YOUNG_THRESHOLD, frozen >= 50_000)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out[0] == "700"  # Python's default, before
    assert out[1] == out[2] == "10000"
    assert out[3] == "True"  # the lists alive at start-up are set aside

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

"""Run a benchmark's --phase in fresh processes: once with an empty cache, once warm."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any


def cold_then_warm(script: str, phase: Callable[[str], dict[str, Any]]) -> None:
    """`script --phase DIR` prints one phase's figures; without it, run both and print them."""
    if len(sys.argv) == 3 and sys.argv[1] == "--phase":
        print(json.dumps(phase(sys.argv[2])))
        return
    with tempfile.TemporaryDirectory() as cache:
        for label in ("build (no cache)", "cached load"):
            out = subprocess.run(
                [sys.executable, script, "--phase", cache],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            size = sum(p.stat().st_size for p in Path(cache).glob("*.json.gz"))
            print(f"{label:18} {out.strip()}  cache_file_kb={size // 1024}")

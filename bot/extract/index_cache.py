"""The on-disk cache of built place indexes: gzip'd JSON, keyed, written atomically."""

from __future__ import annotations

import gzip
import json
import logging
import os
import tempfile
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

Index = dict[str, Any]


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsalert"


def read_index(path: Path, key: str, *, fields: Iterable[str], what: str) -> Index | None:
    """The cached index, or None when it is missing, stale or unreadable."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            index = json.load(f)
    except FileNotFoundError:
        return None
    except (OSError, EOFError, zlib.error, ValueError) as e:
        log.warning("%s cache unreadable, rebuilding path=%s error=%s", what, path, e)
        return None
    if not isinstance(index, dict) or any(f not in index for f in fields):
        log.warning("%s cache malformed, rebuilding path=%s", what, path)
        return None
    return index if index["key"] == key else None


def write_index(path: Path, index: Index, *, what: str) -> None:
    """Writes atomically; a cache that cannot be written only costs the next start time."""
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
            gz.write(json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode())
        os.replace(tmp, path)
        tmp = None
    except OSError as e:
        log.warning("%s cache not written path=%s error=%s", what, path, e)
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)

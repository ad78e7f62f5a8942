"""Where tests find the project's golden data and the real third-party corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
SEED = SHARED / "seeds" / "000_5fa3452b8dbc7d06.txt"


def need(path: Path) -> Path:
    """Real third-party data stays in ../shared; skip clearly where it is absent."""
    if not path.exists():
        pytest.skip(f"{path} is not here (CI always has ../shared)")
    return path

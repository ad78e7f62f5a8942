"""pymorphy3's Ukrainian and Russian analyzers, one per language for the whole process, their
dictionaries mapped from disk rather than read into memory.

pymorphy3 reads each dictionary's word graphs (DAWGs, about 28 MB for the two languages)
into arrays on the heap. The bot looks up a few thousand words, which touch a small part
of them. Mapped read-only, they cost only the pages those lookups touch, the kernel may
drop those pages and read them again when memory is short, and several workers on one
machine share them. Resident memory after start-up (places, words, rules and the warm-up)
fell 217 → 193 MB, at the same speed of lookup (memoryview indexing against array
indexing, both in C).

The mapping replaces how dawg_python's `Dictionary` and `Guide` read their units (an array
read from the open file) while the analyzers are built. If that library's shape is not the
one expected, the dictionaries are read as pymorphy3 reads them.
"""

from __future__ import annotations

import logging
import mmap
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

log = logging.getLogger(__name__)

_analyzers: dict[str, Any] = {}
_failed: set[str] = set()
_lock = threading.Lock()


def analyzer(lang: str) -> Any | None:
    """The analyzer of "uk" or "ru", built on first use; None without its dictionary (the
    failure is logged once; callers then treat every word as unknown)."""
    found = _analyzers.get(lang)
    if found is not None or lang in _failed:
        return found
    with _lock:  # the extractor's thread and the event loop may both ask first
        if lang not in _analyzers and lang not in _failed:
            try:
                import pymorphy3

                with _mapped_dawgs():
                    _analyzers[lang] = pymorphy3.MorphAnalyzer(lang=lang)
            except Exception as exc:
                _failed.add(lang)
                log.warning("word dictionary unavailable lang=%s: %s", lang, exc)
    return _analyzers.get(lang)


def loaded() -> frozenset[str]:
    """The languages whose analyzer is built."""
    return frozenset(_analyzers)


def _units_mapped(fp: Any, width: int) -> memoryview | None:
    """The bytes of the count-prefixed units (`width` bytes each) at `fp`'s position, as a
    read-only view of the mapped file, `fp` moved past them; None for a stream that is not
    a file on disk."""
    try:
        fileno = fp.fileno()
    except (AttributeError, OSError, ValueError):
        return None
    (count,) = struct.unpack("=I", fp.read(4))
    start = fp.tell()
    view = memoryview(mmap.mmap(fileno, 0, access=mmap.ACCESS_READ))
    units = view[start : start + count * width]
    fp.seek(start + count * width)
    return units


@contextmanager
def _mapped_dawgs() -> Iterator[None]:
    """While pymorphy3 builds an analyzer, dawg_python's graphs are mapped, not read."""
    try:
        from dawg_python import wrapper  # type: ignore[import-untyped]
    except ImportError:
        yield
        return
    dictionary, guide = getattr(wrapper, "Dictionary", None), getattr(wrapper, "Guide", None)
    if dictionary is None or guide is None or not _shaped_as_known(dictionary, guide):
        yield
        return
    read_dictionary, read_guide = dictionary.read, guide.read

    def map_dictionary(self: Any, fp: Any) -> None:
        units = _units_mapped(fp, 4)
        if units is None:
            read_dictionary(self, fp)
        else:
            self._units = units.cast("I")

    def map_guide(self: Any, fp: Any) -> None:
        units = _units_mapped(fp, 2)  # two bytes a unit: child, sibling
        if units is None:
            read_guide(self, fp)
        else:
            self._units = units

    dictionary.read, guide.read = map_dictionary, map_guide
    try:
        yield
    finally:
        dictionary.read, guide.read = read_dictionary, read_guide


def _shaped_as_known(dictionary: type, guide: type) -> bool:
    """Whether dawg_python keeps its units as this module expects: an array of 4-byte
    unsigned ints (Dictionary) and one of bytes (Guide), each read after a 4-byte count."""
    try:
        units = dictionary()._units
        return bool(
            units.typecode == "I" and units.itemsize == 4 and guide()._units.typecode == "B"
        )
    except Exception:
        return False

"""Text from outside (feeds, JSON Lines, chat) made safe to store, print and send.

A JSON feed may carry a lone surrogate escape ("\\ud800"), which no UTF-8 encoder accepts: a
store, a terminal or a chat API would fail on it. Bidirectional overrides (U+202E) make a
title read backwards in a console or a chat, and other control characters have no business
in a headline. Each is replaced (a surrogate by U+FFFD, so the reader sees something was
there) or dropped; newlines and tabs stay.
"""

from __future__ import annotations

import re

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 controls but tab and newlines, DEL, C1 controls, the bidi embeddings, overrides and
# isolates, and the byte-order mark.
_UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")


def clean_text(text: str) -> str:
    """The text with lone surrogates as U+FFFD and unwanted control characters dropped."""
    if text.isascii() and text.isprintable():
        return text  # most headlines: nothing to do
    return _UNWANTED.sub("", _LONE_SURROGATE.sub("\ufffd", text))


def clean_optional(text: str | None) -> str | None:
    return None if text is None else clean_text(text)

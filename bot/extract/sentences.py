"""Split article text into sentences, keeping paragraph numbers for event merging."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations that end in a period but do not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "gen",
        "col",
        "lt",
        "maj",
        "sgt",
        "capt",
        "adm",
        "gov",
        "sen",
        "rep",
        "pres",
        "prof",
        "jan",
        "feb",
        "mar",
        "apr",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "vs",
        "etc",
        "jr",
        "sr",
        "inc",
        "corp",
        "co",
        "ltd",
        "approx",
        "est",
        "dept",
        "univ",
        "mt",
        "ft",
        "km",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
        "вул",
        "м",
        "ст",
        "р",
        "обл",
        "им",
        "т.д",
        "т.п",
        # "2,5 тыс. детей", "1,5 тис. людей": thousands, mid-sentence
        "тис",
        "тыс",
        "thous",
    ]
)
_CANDIDATE = re.compile(r"[.!?…]+[\"”»’')\]]*(?=\s+)")
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?…]*[\"”»’')\]]*$")
_NEXT_CHAR = re.compile(r"\s*(\S)")
_LIST_NUMBER = re.compile(r"^\s*\d{1,2}\.$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence with its position: paragraph 0 is the title."""

    index: int
    paragraph: int
    text: str
    is_title: bool = False


def _ends_sentence(text: str, end: int) -> bool:
    # Only the word before the mark matters: a bounded window keeps a long text linear.
    chunk = text[max(0, end - 64) : end]
    m = _WORD_BEFORE.search(chunk)
    if not m:
        return True
    word = m.group(1).rstrip(".").lower()
    if word in _ABBREVIATIONS:
        return False
    if word.isdigit() and len(word) <= 2 and _LIST_NUMBER.search(chunk):
        return False  # "1. м. Харків — ...": a list's number opens its line
    # A single capital initial ("Oleh S. Syniehubov") or a decimal does not end a sentence.
    if len(word) == 1 and word.isalpha():
        return False
    nxt = _NEXT_CHAR.match(text, end)
    # A lower-case continuation after a quote or ellipsis is the same sentence.
    return not (nxt is not None and nxt.group(1).islower() and chunk.rstrip()[-1:] in '…"”»’')


def split_paragraph(text: str) -> list[str]:
    out: list[str] = []
    start = 0
    for m in _CANDIDATE.finditer(text):
        end = m.end()
        if end <= start or not _ends_sentence(text, end):
            continue
        piece = text[start:end].strip()
        if piece:
            out.append(piece)
        start = end
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


# (a line opening on a list's number, "2. с. Кутузівка — ...", is a paragraph of its own)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n(?=\s*[^\w\s\"'«„“(\[])|\n(?=\s*\d{1,2}[.)]\s)")


_LINE_END = re.compile(r"[.!?…:;]\W*$")
_MID_PHRASE = re.compile(r"(?:\S+\s+){5,}\S*[a-zа-яіїєґ,]\s*$")
_OPENING_QUOTES = frozenset("«“„\"'(")


# A text hard-wrapped at a fixed width: its lines, but the last, run this long.
_WRAPPED_LINE = range(60, 131)


def _hard_wrapped(lines: list[str]) -> bool:
    """Whether the text is cut into lines of one width (a wire's or a mail's copy): most lines
    full, and at least one cut mid-sentence before a word in lower case. Then a line that
    starts with a capital goes on the sentence too ("по гостинице в Кривом" / "Роге, где")."""
    full = [len(line.strip()) in _WRAPPED_LINE for line in lines[:-1]]
    if len(full) < 2 or sum(full) < 0.75 * len(full):
        return False
    return any(
        not _LINE_END.search(line) and nxt.lstrip()[:1].islower()
        for line, nxt in zip(lines, lines[1:], strict=False)
    )


def _unwrap(lines: list[str]) -> list[str]:
    out: list[str] = []
    wrapped = _hard_wrapped(lines)
    for line in lines:
        head = line.lstrip()[:1]
        # (Not a capital after a long line: a post's first line is often a headline
        # without a full stop. A number goes on a long line cut mid-phrase: "killing a" /
        # "58-year-old resident".)
        if (
            out
            and (
                (head.isalpha() and head.islower())
                or (wrapped and len(out[-1].strip()) in _WRAPPED_LINE)
                # a number or a quoted name on a long line cut mid-phrase: "killing a" /
                # "58-year-old resident", "ракетным комплексом" / "«Искандер-М» по цехам"
                or (
                    (head.isdigit() or head in _OPENING_QUOTES)
                    and _MID_PHRASE.search(out[-1]) is not None
                )
            )
            and not _LINE_END.search(out[-1])
        ):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
    return out


def split_sentences(title: str, text: str) -> tuple[Sentence, ...]:
    """Title first (paragraph 0), then the body's sentences paragraph by paragraph."""
    sentences: list[Sentence] = []
    if title.strip():
        sentences.append(Sentence(0, 0, " ".join(title.split()), is_title=True))
    # A line that starts with a bullet or an emoji ("▪️Куп'янськ – ...", "🔹 ...") is a
    # paragraph of its own, as posts use them.
    paragraphs = [p for p in _PARAGRAPH_BREAK.split(text) if p.strip()]
    if len(paragraphs) == 1:
        # Feeds often flatten paragraphs into single newlines; a line that goes on in lower
        # case after one with no closing mark is the same sentence, wrapped.
        paragraphs = _unwrap([p for p in text.split("\n") if p.strip()])
    for pno, para in enumerate(paragraphs, start=1):
        for piece in split_paragraph(" ".join(para.split())):
            sentences.append(Sentence(len(sentences), pno, piece))
    return tuple(sentences)

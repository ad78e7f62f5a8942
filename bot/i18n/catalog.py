"""Keeps the message catalogs: `python -m bot.i18n.catalog update|compile|check`.

update   collects every marked message of `bot/` (and the commands' help lines) into
         `locale/newsalert.pot` and merges it into each language's `.po`; new messages
         come in untranslated, vanished ones are dropped.
compile  writes each `.po` as `.mo` next to it (what the installed bot reads).
check    exits 1 when a message has no translation, a fuzzy one, or one whose
         `{placeholders}` differ from the English; prints each such message.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from bot.i18n import DOMAIN, LANGUAGES, LOCALE_DIR

PACKAGE_DIR = LOCALE_DIR.parent.parent
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
# gettext's usual marks, and the Translator's methods, which take the same arguments.
KEYWORDS: dict[str, Any] = {
    "_": None,
    "N_": None,
    "N_plural": (1, 2),
    "NP_": ((1, "c"), 2),
    "pgettext": ((1, "c"), 2),
    "gettext": None,
    "ngettext": (1, 2),
    # Errors for the person who typed something, translated where they are shown.
    "UsageError": None,
    "UserError": None,
    "FilterError": None,
    "_not_understood": None,
}
_MAY_DROP = frozenset({"here", "n"})
_PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract() -> Catalog:
    """Every message the code marks, with where it is used, as one template catalog."""
    template = Catalog(
        project="newsalert",
        version="1",
        copyright_holder="the newsalert authors",
        domain=DOMAIN,
        creation_date=_EPOCH,
    )
    for filename, lineno, message, comments, context in extract_from_dir(
        str(PACKAGE_DIR),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    ):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    for name, summary in _help_summaries():
        template.add(summary, None, [("bot/commands/__init__.py", 0)], auto_comments=[name])
    return template


# A fixed date keeps the template's header from changing on every run.
_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


def _help_summaries() -> Iterator[tuple[str, str]]:
    """The first line of each listed command's docstring: what /help and the menu show."""
    from bot.commands import help_entries

    for entry in help_entries():
        yield entry.name, entry.summary


def update() -> None:
    template = extract()
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    with TEMPLATE.open("wb") as f:
        write_po(f, template, width=99, sort_output=False, omit_header=False)
    for language in LANGUAGES:
        if language == "en":
            continue
        path = po_path(language)
        if path.exists():
            with path.open("rb") as f:
                catalog = read_po(f, locale=language)
        else:
            catalog = Catalog(
                locale=language,
                project="newsalert",
                version="1",
                copyright_holder="the newsalert authors",
                domain=DOMAIN,
            )
            path.parent.mkdir(parents=True, exist_ok=True)
        catalog.update(template, no_fuzzy_matching=True)
        with path.open("wb") as f:
            write_po(f, catalog, width=99, include_previous=False, ignore_obsolete=True)
        print(f"{path.relative_to(PACKAGE_DIR)}: {len(catalog)} messages")


def compile_all() -> None:
    for language in LANGUAGES:
        if language == "en":
            continue
        path = po_path(language)
        with path.open("rb") as f:
            catalog = read_po(f, locale=language)
        with path.with_suffix(".mo").open("wb") as f:
            write_mo(f, catalog, use_fuzzy=False)


def problems(language: str, path: Path | None = None) -> list[str]:
    """What keeps a language's catalog (its `.po`, or the one at `path`) from covering the
    code: missing, fuzzy or mismatched translations of the messages the code marks now."""
    path = path or po_path(language)
    if not path.exists():
        return [f"{path}: no catalog"]
    with path.open("rb") as f:
        catalog = read_po(f, locale=language)
    found = []
    for wanted in extract():
        if not wanted.id:
            continue
        have = catalog.get(wanted.id, context=wanted.context)
        label = wanted.id if isinstance(wanted.id, str) else wanted.id[0]
        if have is None or not _translated(have):
            found.append(f"{language}: not translated: {label!r}")
        elif have.fuzzy:
            found.append(f"{language}: fuzzy: {label!r}")
        elif not _fits(have):
            found.append(f"{language}: placeholders differ: {label!r}")
    return found


def _translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, tuple | list) else [message.string]
    return bool(strings) and all(strings)


def _fits(message: Message) -> bool:
    ids = message.id if isinstance(message.id, tuple | list) else [message.id]
    strings = message.string if isinstance(message.string, tuple | list) else [message.string]
    wanted = set().union(*(_names(i) for i in ids))
    # A translation never asks for a value the code does not give, and keeps every value
    # but those its grammar may say otherwise: "тут" for "in {here}", "одна" for "{n}".
    needed = wanted - _MAY_DROP
    return all(needed <= _names(s) <= wanted for s in strings[:1]) and all(
        _names(s) <= wanted for s in strings
    )


def _names(text: str | None) -> set[str]:
    return set(_PLACEHOLDER.findall(text or ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.i18n.catalog", description=__doc__)
    parser.add_argument("action", choices=("update", "compile", "check"))
    args = parser.parse_args(argv)
    if args.action == "update":
        update()
    elif args.action == "compile":
        compile_all()
    else:
        found = [p for language in LANGUAGES if language != "en" for p in problems(language)]
        for line in found:
            print(line)
        return 1 if found else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())

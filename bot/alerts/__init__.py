"""Subscriptions meet events: the filter language, severity rules and matching."""

from __future__ import annotations

from bot.alerts.filters import FILTER_HELP, PlaceResolver, format_filter, parse_filter
from bot.alerts.match import match_article, matches, place_matches
from bot.alerts.severity import severity_of

__all__ = [
    "FILTER_HELP",
    "PlaceResolver",
    "format_filter",
    "match_article",
    "matches",
    "parse_filter",
    "place_matches",
    "severity_of",
]

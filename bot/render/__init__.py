"""Alerts as platform-neutral Documents, and splitting them to a platform's size limit."""

from __future__ import annotations

from bot.render.alert import fact_line, order_events, render_alert
from bot.render.split import split_document
from bot.render.summary import format_figure

__all__ = ["fact_line", "format_figure", "order_events", "render_alert", "split_document"]

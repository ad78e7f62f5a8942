"""What the bot does, counted for Prometheus: polls, articles, events, stories, alerts,
deliveries, the outbox, rate limits, extraction time.

One `Metrics` per app, on its own registry (tests and several apps in one process never
share counters). The stages call its few methods; `/metrics` (bot.ops) renders it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

# Poll and extraction times: from a cached feed (milliseconds) to a slow site (a minute).
_POLL_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)
_EXTRACT_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self._poll_series: dict[tuple[str, str], tuple[Any, Any, Any]] = {}
        self.polls = Counter(
            "newsalert_polls", "Source polls by outcome (ok, not_modified, error, paused)",
            ["source", "outcome"], registry=r,
        )  # fmt: skip
        # One histogram for all sources: one per source was 15 series each, three quarters
        # of a page of 1,000 sources, and making that page cost a fifth of a CPU second.
        self.poll_seconds = Histogram(
            "newsalert_poll_seconds", "Time one poll took: fetch, record, extract, queue",
            buckets=_POLL_BUCKETS, registry=r,
        )  # fmt: skip
        self.source_failing = Gauge(
            "newsalert_source_consecutive_failures", "Polls failed in a row, per source",
            ["source"], registry=r,
        )  # fmt: skip
        self.articles = Counter(
            "newsalert_articles", "New articles recorded", ["source"], registry=r
        )
        self.events = Counter(
            "newsalert_events", "Events extracted, by kind", ["kind"], registry=r
        )
        self.extract_seconds = Histogram(
            "newsalert_extract_seconds", "Extraction time per article",
            buckets=_EXTRACT_BUCKETS, registry=r,
        )  # fmt: skip
        self.extract_errors = Counter(
            "newsalert_extract_errors", "Articles the extractor failed on", registry=r
        )
        self.stories = Counter(
            "newsalert_story_changes", "What reports did to stories (new, update, duplicate)",
            ["status"], registry=r,
        )  # fmt: skip
        self.alerts = Counter(
            "newsalert_alerts_queued", "Alerts queued, by severity", ["severity"], registry=r
        )
        self.deliveries = Counter(
            "newsalert_deliveries", "Delivery attempts by platform and outcome "
            "(sent, retrying, failed, chat_gone, unrecorded)",
            ["platform", "outcome"], registry=r,
        )  # fmt: skip
        self.rate_limited = Counter(
            "newsalert_rate_limited_seconds", "Seconds sends waited on a platform's 429s",
            ["platform"], registry=r,
        )  # fmt: skip
        self.outbox_pending = Gauge(
            "newsalert_outbox_pending", "Alerts waiting to be sent", registry=r
        )
        self.outbox_oldest = Gauge(
            "newsalert_outbox_oldest_pending_seconds", "Age of the oldest alert waiting",
            registry=r,
        )  # fmt: skip
        # Several workers on one PostgreSQL store: this one's share and whether it leads.
        self.worker_sources = Gauge(
            "newsalert_worker_sources", "Sources this worker holds leases on", registry=r
        )
        self.worker_leading = Gauge(
            "newsalert_worker_leading", "1 while this worker leads, else 0", registry=r
        )
        self.store_errors = Counter(
            "newsalert_store_errors", "Store operations that failed", ["what"], registry=r
        )
        self.pruned = Counter(
            "newsalert_pruned_rows", "Rows retention removed or emptied", ["table"], registry=r
        )

    def polled(self, source_id: str, outcome: str, *, failing: int = 0, articles: int = 0) -> None:
        """One poll counted: its outcome, the source's failures in a row, its new articles.
        (Each source's series are looked up once: a label lookup is most of what counting
        costs, and a thousand sources are polled thirty times a second.)"""
        key = (source_id, outcome)
        series = self._poll_series.get(key)
        if series is None:
            series = self._poll_series[key] = (
                self.polls.labels(source_id, outcome),
                self.source_failing.labels(source_id),
                self.articles.labels(source_id),
            )
        polls, failing_gauge, new = series
        polls.inc()
        failing_gauge.set(failing)
        if articles:
            new.inc(articles)

    def outbox(self, pending: int, oldest: datetime | None, now: datetime) -> None:
        self.outbox_pending.set(pending)
        self.outbox_oldest.set(max(0.0, (now - oldest).total_seconds()) if oldest else 0.0)

    def render(self) -> bytes:
        """The Prometheus text exposition of every metric."""
        return generate_latest(self.registry)

"""Benchmark of the job feeds (run with `make bench`, not part of `make test`).

A deployment Indeed feed of 1,000 and of 20,000 jobs over 20 practices: build time, peak
Python memory and queries of each; then what a board's poll costs (the stored file served,
or a 304) against building the feed. Reports ratios, so the machine's speed cancels out."""

from __future__ import annotations

import time
import tracemalloc

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobs.models import Board, Feed
from jobs.syndication import feeds
from tests.factories import PracticeFactory
from tests.jobs.feed_helpers import boards_on, bulk_jobs

pytestmark = pytest.mark.django_db

SMALL, LARGE = 1_000, 20_000
POLLS = 20


@pytest.fixture
def practices() -> list:
    found = [PracticeFactory() for _ in range(20)]
    for practice in found:
        boards_on(practice, Board.INDEED)
    return found


def _build(feed: Feed) -> tuple[float, int, int, Feed]:
    """(seconds, peak traced bytes, queries) of one forced build, and the feed."""
    tracemalloc.start()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        feed = feeds.build(feed, force=True)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return elapsed, peak, len(queries), feed


def _timed_build(feed: Feed) -> float:
    """Seconds of one forced build without tracemalloc slowing it down."""
    started = time.perf_counter()
    feeds.build(feed, force=True)
    return time.perf_counter() - started


def test_building_1000_versus_20000_jobs(practices):
    feed = feeds.feed_get(practice=None, kind="indeed")
    bulk_jobs(practices, SMALL)
    _build(feed)  # warm: translations, URL resolver, lxml
    small_s = _timed_build(feed)
    _, small_peak, small_q, small = _build(feed)
    bulk_jobs(practices, LARGE - SMALL, start=SMALL)
    large_s = _timed_build(feed)
    _, large_peak, large_q, large = _build(feed)

    print(f"\nbuild of {SMALL:,} jobs: {small_s * 1000:.0f} ms, peak {small_peak / 1e6:.1f} MB, "
          f"{small_q} queries, file {small.size / 1e6:.1f} MB")
    print(f"build of {LARGE:,} jobs: {large_s * 1000:.0f} ms, peak {large_peak / 1e6:.1f} MB, "
          f"{large_q} queries, file {large.size / 1e6:.1f} MB")
    print(f"ratios {LARGE // SMALL}x jobs: time {large_s / small_s:.1f}x, peak memory "
          f"{large_peak / small_peak:.2f}x, queries {large_q / small_q:.1f}x; peak memory is "
          f"{large_peak / large.size:.1%} of the {LARGE:,}-job file")
    assert large.job_count == LARGE


def test_a_poll_costs_a_fraction_of_a_build(client, practices):
    bulk_jobs(practices, LARGE)
    url = reverse("feeds:indeed")
    b"".join(client.get(url).streaming_content)  # built on first read
    feed = Feed.objects.get(practice=None, kind="indeed")
    build_s = _timed_build(feed)

    with CaptureQueriesContext(connection) as queries:  # one request: each resets the log
        b"".join(client.get(url).streaming_content)
    poll_queries = len(queries)  # now: the next request clears the log it reads
    started = time.perf_counter()
    for _ in range(POLLS):
        response = client.get(url)
        size = sum(len(chunk) for chunk in response.streaming_content)
    served_s = (time.perf_counter() - started) / POLLS
    started = time.perf_counter()
    for _ in range(POLLS):
        assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    unchanged_s = (time.perf_counter() - started) / POLLS

    print(f"\n{LARGE:,}-job feed ({size / 1e6:.1f} MB): build {build_s * 1000:.0f} ms; "
          f"poll served from the file {served_s * 1000:.1f} ms "
          f"({poll_queries} queries), 304 poll {unchanged_s * 1000:.1f} ms")
    started = time.perf_counter()
    for _ in range(POLLS):
        packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        packed_size = sum(len(chunk) for chunk in packed.streaming_content)
    packed_s = (time.perf_counter() - started) / POLLS
    assert packed["Content-Encoding"] == "gzip"
    print(f"ratios: a build costs {build_s / served_s:.0f}x a served poll and "
          f"{build_s / unchanged_s:.0f}x a 304 poll")
    print(f"gzip poll: {packed_size / 1e6:.1f} MB in {packed_s * 1000:.1f} ms, "
          f"{size / packed_size:.1f}x fewer bytes than the XML")

"""A deployment feed of 20,000 jobs: flat memory and the same queries as for 2,000."""

from __future__ import annotations

import tracemalloc

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jobs.models import Board, Feed
from jobs.syndication import feeds
from tests.factories import PracticeFactory
from tests.jobs.feed_helpers import boards_on, bulk_jobs

pytestmark = pytest.mark.django_db


def measure(feed: Feed) -> tuple[int, int, Feed]:
    """(peak traced bytes, queries) of one build of the feed."""
    tracemalloc.start()
    try:
        with CaptureQueriesContext(connection) as queries:
            feed = feeds.build(feed, force=True)
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, len(queries), feed


def test_a_feed_of_20000_jobs_builds_in_flat_memory_and_the_same_queries():
    practices = [PracticeFactory() for _ in range(20)]
    for practice in practices:
        boards_on(practice, Board.INDEED)
    feed = feeds.feed_get(practice=None, kind="indeed")
    bulk_jobs(practices, 2_000)
    measure(feed)  # the first build also loads translations, URLs and lxml: not per job
    small_peak, small_queries, small = measure(feed)
    bulk_jobs(practices, 18_000, start=2_000)

    large_peak, large_queries, large = measure(feed)

    assert (small.job_count, large.job_count) == (2_000, 20_000)
    assert large_queries == small_queries
    assert large_peak < 1.5 * small_peak
    assert large_peak < large.size / 5  # nowhere near holding the document

"""Fixtures of the push-board tests: quick timeouts, a board on 127.0.0.1, a job whose
practice calls it through the generic webhook."""

from __future__ import annotations

import pytest

from tests.jobs.push.boards import BoardServer, fast, published_job, webhook


@pytest.fixture(autouse=True)
def _fast(settings):
    fast(settings)


@pytest.fixture
def server():
    with BoardServer() as board:
        yield board


@pytest.fixture
def job(practice, server):
    webhook(practice, f"{server.url}/hook")
    return published_job(practice)

"""Fixtures of the core's tests: an empty Postgres database to restore into."""

from __future__ import annotations

import psycopg2
import pytest
from django.db import connection
from psycopg2 import sql

from tests.hiring.backup_helpers import database_url


@pytest.fixture
def fresh_database():
    """An empty Postgres database next to the test database; its URL."""
    settings = connection.settings_dict
    name = f"{settings['NAME']}_restore"
    server = {"host": settings["HOST"] or None, "port": settings["PORT"] or None,
              "user": settings["USER"] or None, "password": settings["PASSWORD"] or None}
    admin = psycopg2.connect(dbname="postgres", **server)
    admin.autocommit = True

    def run(statement: str) -> None:
        with admin.cursor() as cursor:
            cursor.execute(sql.SQL(statement).format(sql.Identifier(name)))

    run("DROP DATABASE IF EXISTS {} WITH (FORCE)")
    run("CREATE DATABASE {}")
    yield database_url(name), {"dbname": name, **server}
    run("DROP DATABASE IF EXISTS {} WITH (FORCE)")
    admin.close()

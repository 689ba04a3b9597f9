"""Refill what candidate search reads, for rows from before search existed or after its
rules changed. Safe to run at any time; the services keep the index current otherwise."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django_scopes import scopes_disabled

from candidates.models import Candidate
from candidates.search import candidate_search_reindex


class Command(BaseCommand):
    help = "Recompute the search columns of every candidate (or of one practice's)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--practice", help="Only this practice (its slug).")

    def handle(self, *args: Any, practice: str | None = None, **options: Any) -> None:
        with scopes_disabled():  # staff tooling across practices (STYLE §3)
            candidates = Candidate.objects.all()
            if practice:
                candidates = candidates.filter(practice__slug=practice)
            count = candidate_search_reindex(candidates=candidates)
        self.stdout.write(f"Reindexed {count} candidates.")

"""Benchmark of candidate search (run with `make bench`, not part of `make test`).

5,000 candidates of one practice, each with a résumé of about 250 words. The same searches
run with the GIN indexes of migration 0005, then with them dropped (inside the test's
transaction), then once more after recreating them. Reports the ratio, so the machine's
speed cancels out."""

from __future__ import annotations

import random
import statistics
import time

import pytest
from django.db import connection
from django_scopes import scope, scopes_disabled

from candidates.models import Candidate, Resume
from candidates.search import candidate_search, candidate_search_reindex
from hiring.models import Membership

pytestmark = pytest.mark.django_db

CANDIDATES = 5_000
ROUNDS = 7
INDEXES = ("candidate_search_document", "candidate_search_name_trgm",
           "candidate_search_contact_trgm")
# a résumé word, a misspelt name, the start of a name, a phone number, two résumé words
QUERIES = ["phlebotomy", "jordn rivra", "kowal", "(503) 555-0142", "spanish venipuncture"]
FIRST = ["Alicia", "Brandon", "Chloe", "Darius", "Elena", "Farah", "Gabriel", "Hannah",
         "Isaac", "Jasmine", "Kevin", "Laura", "Marisol", "Nathan", "Olivia", "Priya", "Quinn",
         "Rosa", "Samuel", "Tessa", "Uma", "Victor", "Whitney", "Yusuf", "Jordan", "Avery"]
LAST = ["Moreno", "Okafor", "Nguyen", "Patel", "Kowalski", "Haddad", "Santos", "Lindqvist",
        "Bennett", "Carter", "Osei", "Fitzgerald", "Vega", "Brooks", "Reyes", "Raman",
        "Harper", "Delgado", "Adeyemi", "Whitman", "Krishnan", "Alvarez", "Coleman", "Ibrahim",
        "Rivera", "Chen", "Schmidt", "Kim", "Johnson", "Garcia"]
WORDS = ["patient", "patients", "clinic", "vitals", "intake", "scheduling", "insurance",
         "billing", "coding", "referrals", "immunizations", "injections", "triage", "charting",
         "electronic", "health", "records", "front", "desk", "check-in", "checkout", "prior",
         "authorization", "pediatric", "family", "practice", "urgent", "care", "medical",
         "assistant", "receptionist", "manager", "supervised", "trained", "team", "staff",
         "providers", "phones", "calendar", "compliance", "HIPAA", "CPR", "BLS", "certified",
         "registered", "years", "experience", "bilingual", "English", "fluent", "responsible",
         "improved", "reduced", "wait", "times", "workflow", "spreadsheets", "Epic",
         "athenahealth", "eClinicalWorks", "claims", "denials", "collections"]


def _resume_text(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(240)]
    # about 1 in 100 résumés mention a rarer skill, 1 in 5 a second language
    if rng.random() < 0.01:
        words.insert(rng.randrange(len(words)), "phlebotomy and venipuncture")
    if rng.random() < 0.2:
        words.append("Spanish")
    # and a few words nobody else uses, as real résumés do (places, schools, employers)
    words += ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(8))
              for _ in range(10)]
    return " ".join(words)


@pytest.fixture
def crowd(practice, owner) -> Membership:
    rng = random.Random(5000)
    with scopes_disabled():
        candidates = Candidate.objects.bulk_create([
            Candidate(practice=practice, first_name=rng.choice(FIRST),
                      last_name=rng.choice(LAST), email=f"applicant{n}@example.test",
                      phone=f"(503) 555-{n:04d}")
            for n in range(CANDIDATES)], batch_size=1000)
        Resume.objects.bulk_create([
            Resume(practice=practice, candidate=candidate, file="resumes/bench.txt",
                   original_name="resume.txt", content_type="text/plain", extension="txt",
                   size=1, sha256="0" * 64, text=_resume_text(rng),
                   text_status=Resume.TextStatus.DONE)
            for candidate in candidates], batch_size=1000)
        candidate_search_reindex(candidates=Candidate.objects.filter(practice=practice))
        membership = Membership.objects.get(practice=practice, user=owner)
    with connection.cursor() as cursor:
        # check the deferred foreign keys now: PostgreSQL refuses to build an index on a
        # table with checks pending
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        # what autovacuum does in production: move the GIN indexes' pending list (fast
        # update) into the index proper, else every search reads it through
        for name in INDEXES:
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [name])
        cursor.execute("ANALYZE candidates_candidate")
    return membership


def _timed_searches(membership: Membership) -> dict[str, tuple[float, int]]:
    """Per query: the median time of ROUNDS searches (ms) and how many results."""
    timings: dict[str, tuple[float, int]] = {}
    with scope(practice=membership.practice):
        for query in QUERIES:
            times, found = [], 0
            for _ in range(ROUNDS):
                started = time.perf_counter()
                found = len(candidate_search(practice=membership.practice, query=query,
                                             membership=membership))
                times.append((time.perf_counter() - started) * 1000)
            timings[query] = (statistics.median(times), found)
    return timings


def _drop_indexes() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = ANY(%s)",
                       [list(INDEXES)])
        definitions = [row[0] for row in cursor.fetchall()]
        for name in INDEXES:
            cursor.execute(f"DROP INDEX {name}")
    return definitions


def _create_indexes(definitions: list[str]) -> None:
    with connection.cursor() as cursor:
        for definition in definitions:
            cursor.execute(definition)
        cursor.execute("ANALYZE candidates_candidate")


def test_search_with_and_without_gin_indexes(crowd):
    _timed_searches(crowd)  # warm the caches (and set the new rows' hint bits)
    indexed = _timed_searches(crowd)
    definitions = _drop_indexes()
    assert len(definitions) == len(INDEXES)
    unindexed = _timed_searches(crowd)
    _create_indexes(definitions)
    recreated = _timed_searches(crowd)

    print(f"\nCandidate search over {CANDIDATES} candidates with résumés, median of {ROUNDS} "
          f"(whole selector: filter and rank, applications, snippets):")
    for query in QUERIES:
        print(f"  {query!r:26} {indexed[query][1]:3} results: with GIN {indexed[query][0]:6.1f} "
              f"ms, without {unindexed[query][0]:6.1f} ms, recreated {recreated[query][0]:6.1f} ms")
    with_gin = sum(min(indexed[q][0], recreated[q][0]) for q in QUERIES)
    without_gin = sum(unindexed[q][0] for q in QUERIES)
    print(f"  all queries: with GIN {with_gin:.1f} ms, without {without_gin:.1f} ms; "
          f"ratio {without_gin / with_gin:.1f}x")
    # the indexes change the speed, never the answer
    assert {q: n for q, (_ms, n) in indexed.items()} == {
        q: n for q, (_ms, n) in unindexed.items()}

"""Candidate search: one box for names, e-mail, phone and the words of résumés and notes.

On PostgreSQL (tests, production) each candidate row carries what search reads: a folded
name and contact line with trigram GIN indexes, and a weighted tsvector with a GIN index,
kept by `candidate_search_refresh`. The embedded SQLite default has none of these indexes
and searches with plain LIKE behind the same selector (STYLE §7). The document's recipe and
the query that reads it live together here because they must agree on configurations and
weights.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import (
    CombinedSearchQuery,
    CombinedSearchVector,
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import (
    Case,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    TextChoices,
    TextField,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Left
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from candidates.models import Application, Candidate, Note, Resume
from candidates.selectors import application_visible
from hiring.models import Membership, Practice
from hiring.roles import Perm

QUERY_MAX_LENGTH = 200
MAX_WORDS = 8
RESULTS_LIMIT = 50
# A tsvector must stay under PostgreSQL's 1 MB whatever a résumé holds; ts_headline reads
# the text again for each result, so it gets a shorter piece
DOCUMENT_TEXT_MAX = 100_000
HEADLINE_TEXT_MAX = 30_000
# How close a spelling must be to a name's words (pg_trgm word_similarity, 0 to 1). The
# default 0.6 misses two typos in a name ("jordn rivra" is 0.47); at 0.4 "chen" also finds
# "Cohen" and "mike" finds "Michael", below the names that start as typed.
WORD_SIMILARITY = 0.4
MIN_SUBSTRING = 3  # shorter pieces of an e-mail address match nearly everyone
MIN_PHONE_DIGITS = 4  # "the last four digits" is how people read a number back
PHONE_LIKE = re.compile(r"^[\d\s().+\-/]+$")
# Private-use characters: they survive escaping, then become <mark> tags
MARK_START, MARK_END = "\ue000", "\ue001"

# Configurations. Names are indexed twice: under 'simple', so they match as written (no
# stemming: "Hayes" stays "hayes"; no stop words: a "Will" or a "Don" stays findable), and
# under 'english', so a query mixing a name with résumé words ("kelly phlebotomy") matches as
# a whole under the english query. Résumés and notes are prose: 'english' stems them, so
# "nursing" finds "nurse". E-mail and phone digits are tokens: 'simple'. A query is parsed
# both ways (websearch syntax: "quoted phrase", or, -word) and either may match.
NAME_CONFIG, TEXT_CONFIG = "simple", "english"

# How a candidate matched, best first; the order of the results before any score
NAME_EXACT, EMAIL_EXACT, NAME_PREFIX, CONTACT, NAME_SIMILAR, TEXT = 5, 4, 3, 2, 1, 0


class Match(TextChoices):
    """Where a candidate matched, shown with the result."""

    NAME = "name", _("Name")
    CONTACT = "contact", _("E-mail or phone")
    RESUME = "resume", _("Résumé")
    NOTES = "notes", _("Notes")
    TEXT = "text", _("Résumé or notes")


TIER_MATCH = {NAME_EXACT: Match.NAME, EMAIL_EXACT: Match.CONTACT, NAME_PREFIX: Match.NAME,
              CONTACT: Match.CONTACT, NAME_SIMILAR: Match.NAME, TEXT: Match.TEXT}


@dataclass(frozen=True)
class SearchHit:
    candidate: Candidate
    applications: list[Application]  # those this member may open, newest first
    matched: Match
    snippet: SafeString | str = ""  # escaped text with the words found in <mark>


# --- Keeping what search reads -----------------------------------------------------------

def fold(text: str) -> str:
    """Lowercase, without accents, single spaces: "José  Núñez" and "jose nunez" meet."""
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c))
                    .casefold().split())


def name_key(text: str) -> str:
    """A name as search compares it: folded, and a hyphen separates words as a space does,
    so "lopez" starts a word of "García-López"."""
    return fold(text.replace("-", " "))


def phone_digits(text: str) -> str:
    """A phone number as its digits, without the US country code: "+1 (555) 010-0123" and
    "555.010.0123" are both 5550100123."""
    digits = re.sub(r"[^0-9]", "", unicodedata.normalize("NFKC", text))
    return digits[1:] if len(digits) == 11 and digits.startswith("1") else digits


def _resume_text() -> Subquery:
    """All versions of the candidate's résumé text, newest first."""
    texts = (Resume.objects.filter(candidate=OuterRef("pk")).order_by().values("candidate")
             .annotate(all_text=StringAgg("text", " ", order_by="-version"))
             .values("all_text"))
    return Subquery(texts, output_field=TextField())


def _notes_text() -> Subquery:
    """The team's notes on the candidate, newest first. Whoever may open one of the
    candidate's applications reads all of them on its timeline, so search reads them too."""
    bodies = (Note.objects.filter(candidate=OuterRef("pk")).order_by().values("candidate")
              .annotate(all_text=StringAgg("body", " ", order_by="-created_at"))
              .values("all_text"))
    return Subquery(bodies, output_field=TextField())


def _document(*, name: Any, full_name: list[Any], contact: Any) -> CombinedSearchVector:
    return (SearchVector(name, config=NAME_CONFIG, weight="A")
            + SearchVector(*full_name, config=TEXT_CONFIG, weight="A")
            + SearchVector(contact, config=NAME_CONFIG, weight="B")
            + SearchVector(Left(_resume_text(), DOCUMENT_TEXT_MAX), config=TEXT_CONFIG,
                           weight="C")
            + SearchVector(Left(_notes_text(), DOCUMENT_TEXT_MAX), config=TEXT_CONFIG,
                           weight="D"))


def _folded(candidate: Candidate) -> dict[str, str]:
    return {"search_name": name_key(candidate.full_name),
            "search_contact": fold(f"{candidate.email} {phone_digits(candidate.phone)}")}


def candidate_search_refresh(candidate: Candidate) -> Candidate:
    """Recompute what search reads of a saved candidate: call it after their name, e-mail
    or phone changed, after a résumé's text was read and after a note was added."""
    fields: dict[str, Any] = _folded(candidate)
    if connection.vendor == "postgresql":
        fields["search_document"] = _document(
            name=Value(fields["search_name"]), full_name=[Value(candidate.full_name)],
            contact=Value(fields["search_contact"]))
    Candidate.objects.filter(pk=candidate.pk).update(**fields)
    # a later save() of this instance must not write an outdated document back
    candidate.refresh_from_db(fields=list(fields))
    return candidate


def candidate_search_reindex(*, candidates: QuerySet[Candidate], batch_size: int = 500) -> int:
    """Refill what search reads for many candidates at once (rows from before search, or
    after a change of these rules); returns how many."""
    pks = list(candidates.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), batch_size):
        batch = pks[start:start + batch_size]
        rows = list(Candidate.objects.filter(pk__in=batch)
                    .only("first_name", "last_name", "email", "phone"))
        for row in rows:
            for name, value in _folded(row).items():
                setattr(row, name, value)
        Candidate.objects.bulk_update(rows, ["search_name", "search_contact"])
        if connection.vendor == "postgresql":
            Candidate.objects.filter(pk__in=batch).update(search_document=_document(
                name=F("search_name"), full_name=["first_name", "last_name"],
                contact=F("search_contact")))
    return len(pks)


# --- Searching ----------------------------------------------------------------------------

def candidate_search(*, practice: Practice, query: str, membership: Membership,
                     limit: int = RESULTS_LIMIT) -> list[SearchHit]:
    """The candidates of the practice this member may see that match `query`, best first:
    the name as typed or the start of it, the e-mail or phone, a near spelling of the name,
    then the weight of the words found (name, contact, résumé, notes). At most `limit`."""
    if membership.practice_id != practice.pk:
        raise ValidationError("The membership is not one of this practice.")
    query = " ".join(query.split())[:QUERY_MAX_LENGTH]
    if not query:
        return []
    candidates = _visible(practice=practice, membership=membership)
    if connection.vendor == "postgresql":
        tsquery: CombinedSearchQuery | None = (
            SearchQuery(query, config=TEXT_CONFIG, search_type="websearch")
            | SearchQuery(fold(query), config=NAME_CONFIG, search_type="websearch"))
        with transaction.atomic():  # the threshold is set for this transaction only
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)",
                               [str(WORD_SIMILARITY)])
            found = list(_ranked_postgres(candidates, query, tsquery)[:limit])
    else:
        tsquery = None
        found = list(_ranked_portable(candidates, query)[:limit])
    prefetch_related_objects(found, Prefetch(
        "applications", to_attr="visible_applications",
        queryset=application_visible(membership=membership).select_related("job", "stage")
        .order_by("-created_at")))
    snippets: dict[int, tuple[Match, SafeString]] = {}
    text_only = [c.pk for c in found if c.tier == TEXT]
    if tsquery is not None and text_only:
        snippets = _snippets(candidates.filter(pk__in=text_only), tsquery)
    hits = []
    for candidate in found:
        matched, snippet = snippets.get(candidate.pk, (TIER_MATCH[candidate.tier], ""))
        hits.append(SearchHit(candidate=candidate, applications=candidate.visible_applications,
                              matched=matched, snippet=snippet))
    return hits


def _visible(*, practice: Practice, membership: Membership) -> QuerySet[Candidate]:
    candidates = practice.candidates.all()
    # the rule of jobs.selectors.job_visible: owners and managers see every job and so every
    # candidate; an interviewer, those who applied to a job of their teams
    if not membership.can(Perm.MANAGE_JOBS):
        candidates = candidates.filter(
            pk__in=application_visible(membership=membership).values("candidate"))
    return candidates


def _phone_query(query: str) -> str:
    """The digits of a query that looks like (part of) a phone number, else ""."""
    digits = phone_digits(query) if PHONE_LIKE.match(query) else ""
    return digits if len(digits) >= MIN_PHONE_DIGITS else ""


def _name_prefix(words: list[str], *fields: str) -> Q:
    """Each word starts a word of the name: "jor", "jor riv" and "rivera" find Jordan
    Rivera."""
    condition = Q()
    for word in words:
        condition &= Q.create([
            (f"{f}__{lookup}", value) for f in fields
            for lookup, value in (("startswith", word), ("contains", f" {word}"))],
            connector=Q.OR)
    return condition


def _ranked_postgres(candidates: QuerySet[Candidate], query: str,
                     tsquery: CombinedSearchQuery) -> QuerySet[Candidate]:
    name = name_key(query)
    prefix = _name_prefix(name.split()[:MAX_WORDS], "search_name")
    similar = Q(TrigramWordSimilar(F("search_name"), Value(name)))
    if digits := _phone_query(query):
        # a phone number: only the digits can match (names and prose have none)
        contact = Q(search_contact__contains=digits)
        matches = contact
    else:
        # Each branch can use a GIN index, so PostgreSQL ORs index scans instead of reading
        # every row. A word typed from its start always passes the similarity threshold
        # (all its trigrams but the last are in the name: 1/2 at least), so `prefix` only
        # ranks. A query with a space is no piece of an e-mail address.
        contact = (Q(search_contact__contains=fold(query))
                   if len(query) >= MIN_SUBSTRING and " " not in query else None)
        matches = similar | Q(search_document=tsquery)
        if contact is not None:
            matches |= contact
    tiers = [When(search_name=name, then=Value(NAME_EXACT)),
             When(email__iexact=query, then=Value(EMAIL_EXACT)),
             When(prefix, then=Value(NAME_PREFIX)),
             *([When(contact, then=Value(CONTACT))] if contact is not None else []),
             When(similar, then=Value(NAME_SIMILAR))]
    return (candidates.filter(matches)
            .annotate(tier=Case(*tiers, default=Value(TEXT)),
                      similarity=TrigramWordSimilarity(Value(name), "search_name"),
                      text_rank=SearchRank(F("search_document"), tsquery))
            .order_by("-tier", F("similarity").desc(nulls_last=True),
                      F("text_rank").desc(nulls_last=True), "last_name", "first_name", "pk"))


def _ranked_portable(candidates: QuerySet[Candidate], query: str) -> QuerySet[Candidate]:
    """The embedded default: every word somewhere in the name, contact, résumés or notes;
    no typo tolerance, no index."""
    words = query.split()[:MAX_WORDS]
    matches = Q()
    for word in words:
        matches &= (Q(first_name__icontains=word) | Q(last_name__icontains=word)
                    | Q(email__icontains=word) | Q(phone__icontains=word)
                    | Exists(Resume.objects.filter(candidate=OuterRef("pk"),
                                                   text__icontains=word))
                    | Exists(Note.objects.filter(candidate=OuterRef("pk"),
                                                 body__icontains=word)))
    contact = Q(email__icontains=query) if len(query) >= MIN_SUBSTRING else Q(pk=None)
    if digits := _phone_query(query):
        contact |= Q(search_contact__contains=digits)
        matches |= contact
    prefix = _name_prefix([w.lower() for w in words], "first_name", "last_name")
    return (candidates.filter(matches)
            .annotate(tier=Case(When(email__iexact=query, then=Value(EMAIL_EXACT)),
                                When(prefix, then=Value(NAME_PREFIX)),
                                When(contact, then=Value(CONTACT)),
                                default=Value(TEXT)))
            .order_by("-tier", "last_name", "first_name", "pk"))


def _snippets(candidates: QuerySet[Candidate], tsquery: CombinedSearchQuery
              ) -> dict[int, tuple[Match, SafeString]]:
    """Where the words were found, for candidates matched by text only: a few words of the
    résumé around them, else of the notes. One query for the page."""
    options = {"config": TEXT_CONFIG, "start_sel": MARK_START, "stop_sel": MARK_END,
               "max_words": 18, "min_words": 6, "max_fragments": 2,
               "fragment_delimiter": " … "}
    rows = candidates.annotate(
        resume_headline=SearchHeadline(Left(_resume_text(), HEADLINE_TEXT_MAX), tsquery,
                                       **options),
        notes_headline=SearchHeadline(Left(_notes_text(), HEADLINE_TEXT_MAX), tsquery,
                                      **options),
    ).values_list("pk", "resume_headline", "notes_headline")
    found = {}
    for pk, resume, notes in rows:
        if resume and MARK_START in resume:
            found[pk] = (Match.RESUME, _highlighted(resume))
        elif notes and MARK_START in notes:
            found[pk] = (Match.NOTES, _highlighted(notes))
    return found


def _highlighted(headline: str) -> SafeString:
    """The applicant wrote this text: escape all of it, then turn our marks into <mark>."""
    text = escape(" ".join(headline.split()))
    return mark_safe(text.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))  # noqa: S308

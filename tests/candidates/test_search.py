"""Candidate search: names (whole, partial, misspelt), e-mail, phone, résumé and notes words,
ranked, within what the member may see, on the real PostgreSQL."""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from candidates.models import Candidate, Resume
from candidates.search import (
    Match,
    candidate_search,
    candidate_search_refresh,
    candidate_search_reindex,
)
from candidates.services import resume_text_extract
from candidates.team_work import note_add
from hiring.models import Membership, Practice, User
from jobs.models import Job
from tests.candidates.files import pdf_upload
from tests.factories import ApplicationFactory, JobFactory, ResumeFactory

pytestmark = pytest.mark.django_db


def _candidate(practice: Practice, first: str = "Jordan", last: str = "Rivera", *,
               job: Job | None = None, **fields: str) -> Candidate:
    """A candidate with one application, indexed as the services index them."""
    extra = {"job": job} if job else {}
    with scopes_disabled():
        application = ApplicationFactory(
            practice=practice, candidate__first_name=first, candidate__last_name=last,
            **{f"candidate__{k}": v for k, v in fields.items()}, **extra)
        return candidate_search_refresh(application.candidate)


def _with_resume(candidate: Candidate, text: str) -> Candidate:
    """A résumé read the way the worker reads it (text extraction, then the index)."""
    with scopes_disabled():
        resume = ResumeFactory(practice=candidate.practice,
                               application=candidate.applications.first(),
                               file__data=text.encode(), size=len(text))
    with scope(practice=candidate.practice):
        resume_text_extract(resume=resume)
    return candidate


def _search(user: User, practice: Practice, query: str) -> list:
    with scope(practice=practice):
        membership = Membership.objects.get(practice=practice, user=user)
        return candidate_search(practice=practice, query=query, membership=membership)


def _names(hits: list) -> list[str]:
    return [hit.candidate.full_name for hit in hits]


def test_it_finds_a_candidate_by_full_name(practice, owner):
    _candidate(practice, "Jordan", "Rivera")
    _candidate(practice, "Avery", "Chen")

    hits = _search(owner, practice, "Jordan Rivera")

    assert _names(hits) == ["Jordan Rivera"]
    assert hits[0].matched == Match.NAME


@pytest.mark.parametrize("query", ["jor", "Riv", "jor riv", "JORDAN"])
def test_it_finds_a_candidate_by_the_start_of_a_name(practice, owner, query):
    _candidate(practice, "Jordan", "Rivera")
    _candidate(practice, "Avery", "Chen")

    assert _names(_search(owner, practice, query)) == ["Jordan Rivera"]


@pytest.mark.parametrize("query", ["jordn rivra", "rivra", "jordn", "Jordan Riviera"])
def test_it_forgives_a_typo_in_the_name(practice, owner, query):
    _candidate(practice, "Jordan", "Rivera")
    _candidate(practice, "Avery", "Chen")

    assert _names(_search(owner, practice, query)) == ["Jordan Rivera"]


def test_it_finds_a_name_typed_without_its_accents(practice, owner):
    _candidate(practice, "José", "Núñez")

    assert _names(_search(owner, practice, "jose nunez")) == ["José Núñez"]


def test_a_part_of_a_hyphenated_name_counts_as_the_start_of_a_name(practice, owner):
    _candidate(practice, "Ana", "García-López")
    _candidate(practice, "Lopeza", "Smith")  # starts with it too, but a longer word

    assert _names(_search(owner, practice, "lopez")) == ["Ana García-López", "Lopeza Smith"]


@pytest.mark.parametrize("query", ["j.rivera@clinicmail.test", "J.Rivera@ClinicMail.test",
                                   "rivera@clinic"])
def test_it_finds_a_candidate_by_email(practice, owner, query):
    _candidate(practice, "Jordan", "Rivera", email="j.rivera@clinicmail.test")
    _candidate(practice, "Avery", "Chen", email="avery@example.test")

    hits = _search(owner, practice, query)

    assert _names(hits) == ["Jordan Rivera"]
    assert hits[0].matched == Match.CONTACT


@pytest.mark.parametrize("query", ["(555) 010-0123", "555.010.0123", "+1 555 010 0123",
                                   "0123"])
def test_it_finds_a_phone_number_in_another_format(practice, owner, query):
    _candidate(practice, "Jordan", "Rivera", phone="555.010.0123")
    _candidate(practice, "Avery", "Chen", phone="(555) 010-0999")

    assert _names(_search(owner, practice, query)) == ["Jordan Rivera"]


def test_it_finds_a_word_only_in_the_resume(practice, owner):
    _with_resume(_candidate(practice, "Jordan", "Rivera"),
                 "Certified medical assistant. Five years of phlebotomy in urgent care.")
    _with_resume(_candidate(practice, "Avery", "Chen"), "Front desk lead, insurance billing.")

    hits = _search(owner, practice, "phlebotomy")

    assert _names(hits) == ["Jordan Rivera"]
    assert hits[0].matched == Match.RESUME
    assert "<mark>phlebotomy</mark>" in hits[0].snippet


def test_resume_words_match_other_forms_of_the_word(practice, owner):
    _with_resume(_candidate(practice, "Jordan", "Rivera"), "Nursing assistant, night shifts.")

    assert _names(_search(owner, practice, "nurse")) == ["Jordan Rivera"]


def test_it_finds_a_word_only_in_a_note(practice, owner):
    jordan = _candidate(practice, "Jordan", "Rivera")
    _candidate(practice, "Avery", "Chen")
    with scope(practice=practice):
        note_add(application=jordan.applications.get(), author=owner,
                 body="Speaks Tagalog with patients; ask about weekends.")

    hits = _search(owner, practice, "tagalog")

    assert _names(hits) == ["Jordan Rivera"]
    assert hits[0].matched == Match.NOTES
    assert "<mark>Tagalog</mark>" in hits[0].snippet


def test_a_name_match_ranks_above_a_resume_only_match(practice, owner):
    _with_resume(_candidate(practice, "Avery", "Chen"),
                 "Trained by Dr. Jordan at Riverside; references from Jordan on request.")
    _candidate(practice, "Jordan", "Rivera")

    hits = _search(owner, practice, "jordan")

    assert _names(hits) == ["Jordan Rivera", "Avery Chen"]
    assert [hit.matched for hit in hits] == [Match.NAME, Match.RESUME]


def test_the_exact_name_ranks_above_a_near_spelling(practice, owner):
    _candidate(practice, "Jordan", "Riviera")
    _candidate(practice, "Jordan", "Rivera")

    assert _names(_search(owner, practice, "jordan rivera"))[0] == "Jordan Rivera"


def test_it_never_returns_another_practices_candidate(practice, other_practice, owner):
    _candidate(other_practice, "Jordan", "Rivera", phone="555.010.0123")
    _with_resume(_candidate(other_practice, "Avery", "Chen"), "phlebotomy")

    for query in ("Jordan Rivera", "jordn", "555.010.0123", "phlebotomy"):
        assert _search(owner, practice, query) == []


def test_an_interviewer_finds_only_candidates_of_their_teams_jobs(practice, interviewer):
    with scopes_disabled():
        team_job = JobFactory(practice=practice, status=Job.Status.PUBLISHED)
        team_job.hiring_team.add(Membership.objects.get(user=interviewer))
    _candidate(practice, "Jordan", "Rivera", job=team_job)
    _candidate(practice, "Jordan", "Rivers")  # applied to a job of another team

    hits = _search(interviewer, practice, "jordan")

    assert _names(hits) == ["Jordan Rivera"]
    assert [a.job for a in hits[0].applications] == [team_job]


def test_an_interviewer_sees_only_the_applications_of_their_teams(practice, interviewer):
    with scopes_disabled():
        team_job = JobFactory(practice=practice, status=Job.Status.PUBLISHED)
        team_job.hiring_team.add(Membership.objects.get(user=interviewer))
    jordan = _candidate(practice, "Jordan", "Rivera", job=team_job)
    with scopes_disabled():
        ApplicationFactory(practice=practice, candidate=jordan)  # another team's job

    [hit] = _search(interviewer, practice, "jordan")

    assert [a.job for a in hit.applications] == [team_job]


def test_a_membership_of_another_practice_is_refused(practice, other_practice, other_owner):
    with scope(practice=other_practice):
        membership = Membership.objects.get(user=other_owner)
    with scope(practice=practice), pytest.raises(ValidationError):
        candidate_search(practice=practice, query="jordan", membership=membership)


def test_a_new_applicant_is_findable_at_once(client, owner, practice):
    """The apply form's services keep the index: nothing to run afterwards."""
    with scopes_disabled():
        job = JobFactory(practice=practice, status=Job.Status.PUBLISHED)
    client.post(reverse("candidates:apply", kwargs={"practice": practice.slug,
                                                    "job_slug": job.slug}), {
        "first_name": "Avery", "last_name": "Chen", "email": "avery@example.test",
        "phone": "(555) 010-0199", "consent": "on", "submission_key": str(uuid.uuid4()),
        "resume": pdf_upload()})

    assert _names(_search(owner, practice, "avery chen")) == ["Avery Chen"]
    assert _names(_search(owner, practice, "555-010-0199")) == ["Avery Chen"]


def test_reindex_command_fills_candidates_from_before_search(practice, owner):
    with scopes_disabled():
        ApplicationFactory(practice=practice, candidate__first_name="Jordan",
                           candidate__last_name="Rivera")  # created without the services

    assert _search(owner, practice, "jordan") == []
    call_command("candidate_search_reindex", verbosity=0)
    assert _names(_search(owner, practice, "jordan")) == ["Jordan Rivera"]


# --- The page -----------------------------------------------------------------------------

def _page(client, practice: Practice, query: str | None = None):
    url = reverse("candidates-staff:candidate-search", kwargs={"practice": practice.slug})
    return client.get(url, {"q": query} if query is not None else {})


def test_the_page_lists_matches_with_their_jobs_and_links(owner_client, practice):
    jordan = _with_resume(_candidate(practice, "Jordan", "Rivera",
                                     email="j.rivera@clinicmail.test"),
                          "Phlebotomy and EKG.")
    with scopes_disabled():
        application = jordan.applications.select_related("job").get()

    response = _page(owner_client, practice, "phlebotomy")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Jordan Rivera" in page
    assert "j.rivera@clinicmail.test" in page
    assert application.job.title in page
    assert reverse("candidates-staff:application-detail", kwargs={
        "practice": practice.slug, "application_id": application.public_id}) in page
    assert "<mark>Phlebotomy</mark>" in page


def test_the_snippet_escapes_what_the_applicant_wrote(owner_client, practice):
    _with_resume(_candidate(practice), "Phlebotomy <script>alert(1)</script> for ages 5 < 12 "
                                       "& <b>EKG</b> <i onmouseover=alert(1)")

    page = _page(owner_client, practice, "phlebotomy").content.decode()

    assert "<mark>Phlebotomy</mark>" in page
    assert "5 &lt; 12 &amp;" in page
    assert "&lt;i onmouseover" in page
    assert "<script>alert" not in page
    assert "<i onmouseover" not in page


def test_the_page_without_a_query_invites_a_search(owner_client, practice):
    _candidate(practice)

    response = _page(owner_client, practice)

    assert response.status_code == 200
    assert "Look someone up by name" in response.content.decode()
    assert "Jordan Rivera" not in response.content.decode()


def test_the_page_says_when_nothing_matches(owner_client, practice):
    _candidate(practice)

    page = _page(owner_client, practice, "zzyzx").content.decode()

    assert "No candidate matches “zzyzx”" in page


def test_the_top_bar_has_a_labelled_search_box(owner_client, practice):
    page = _page(owner_client, practice, "jordan").content.decode()

    assert '<label class="visually-hidden" for="topbar-search-q">Search candidates</label>' in page
    assert 'id="topbar-search-q" name="q" value="jordan"' in page


def _candidates_with_resumes(practice: Practice, job: Job, count: int) -> None:
    with scopes_disabled():
        for _ in range(count):
            ResumeFactory(practice=practice, application__job=job, file__data=b"x")
        Resume.objects.filter(practice=practice).update(text="Phlebotomy and EKG.")
        candidate_search_reindex(candidates=Candidate.objects.filter(practice=practice))


def test_the_page_runs_as_many_queries_for_200_candidates_as_for_10(
        owner_client, practice, django_assert_num_queries):
    with scopes_disabled():
        job = JobFactory(practice=practice, status=Job.Status.PUBLISHED)
    _candidates_with_resumes(practice, job, 10)
    _page(owner_client, practice, "phlebotomy")  # the first request of a session writes more
    with CaptureQueriesContext(connection) as few:
        assert _page(owner_client, practice, "phlebotomy").content.decode().count(
            "<mark>") == 10
    _candidates_with_resumes(practice, job, 190)

    with django_assert_num_queries(len(few.captured_queries)):
        page = _page(owner_client, practice, "phlebotomy").content.decode()

    assert page.count("<mark>") == 50  # the best 50
    assert "The best 50 matches" in page

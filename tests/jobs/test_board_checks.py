"""What each job board needs of a job beyond the publish checklist, and the pay range state
laws ask for (jobs/syndication/checks.py)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from jobs import services
from jobs.models import Board, BoardAccount, Job, JobBoardOptOut, WorkplaceType
from jobs.syndication import checks
from jobs.syndication.checks import (
    PAY_RANGE_STATES,
    US_STATES,
    all_board_problems,
    board_problems,
    checklist,
    state_code,
)
from tests.factories import JobFactory, LocationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(practice, scoped) -> Job:
    """Riverside, Springfield IL; passes the publish checklist and every board's rules."""
    return JobFactory(practice=practice)


def _fields(problems) -> list[str]:
    return [p.field for p in problems]


def _text(problems) -> str:
    return " ".join(p.message for p in problems)


def test_a_complete_job_is_ready_for_every_board(job):
    assert {board: board_problems(job, board) for board in Board} == {
        board: [] for board in Board}


# --- Indeed ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("title", "says"), [
    ("Medical Assistant $20/hr", "pay"),
    ("Medical Assistant - 22 per hour", "pay"),
    ("Medical Assistant 45k", "pay"),
    ("Medical Assistant - Springfield", "place"),
    ("Medical Assistant, Illinois", "place"),
    ("Remote Medical Biller", "place"),
    ("URGENT: Medical Assistant", "hiring"),
    ("Now hiring Medical Assistants!", "hiring"),
    ("Full-time Medical Assistant", "hiring"),
    ("MEDICAL ASSISTANT", "capitals"),
])
def test_indeed_wants_the_title_only(job, title, says):
    job.title = title

    problems = board_problems(job, Board.INDEED)

    assert _fields(problems)[:1] == ["title"]
    assert says in _text(problems)


@pytest.mark.parametrize("title", ["MA / Medical Assistant", "LPN", "Medical Assistant II",
                                   "Front Desk Coordinator (Pediatrics)"])
def test_ordinary_titles_pass_indeed(job, title):
    job.title = title

    assert board_problems(job, Board.INDEED) == []


def test_indeed_needs_city_and_state_unless_fully_remote(job, practice):
    practice.city = ""

    assert _fields(board_problems(job, Board.INDEED)) == ["location"]
    job.workplace_type = WorkplaceType.REMOTE
    assert board_problems(job, Board.INDEED) == []


def test_indeed_needs_a_state_it_knows(job, practice):
    practice.state = "Ill."

    problems = board_problems(job, Board.INDEED)

    assert _fields(problems) == ["location"]
    assert "two-letter code" in _text(problems)


def test_indeed_reads_the_site_rather_than_the_practice(job, practice):
    practice.city = ""
    job.location = LocationFactory(practice=practice, city="Peoria")

    assert board_problems(job, Board.INDEED) == []


def test_indeed_wants_the_pay_and_a_description(job, practice):
    practice.state = "TX"
    job.pay_min = job.pay_max = None
    for name in services.SECTION_FIELDS:
        setattr(job, name, "")

    problems = board_problems(job, Board.INDEED)

    assert _fields(problems) == ["pay_min", "about"]


def test_a_state_law_asking_for_the_range_says_so_instead(job):
    job.pay_min = job.pay_max = None

    problems = board_problems(job, Board.INDEED)

    assert _fields(problems) == ["pay_min"]
    assert "Illinois" in _text(problems)


def test_indeed_needs_the_country(job, practice):
    practice.country = ""

    assert _fields(board_problems(job, Board.INDEED)) == [checks.PRACTICE_COUNTRY]


# --- ZipRecruiter ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["Confidential", "unknown", "Confidential Clinic", "N/A"])
def test_ziprecruiter_refuses_a_placeholder_company(job, practice, name):
    practice.name = name

    problems = board_problems(job, Board.ZIPRECRUITER)

    assert _fields(problems) == [checks.PRACTICE_NAME]
    assert "Settings" in _text(problems)


def test_ziprecruiter_takes_a_postal_code_alone(job, practice):
    practice.city = practice.state = ""

    assert board_problems(job, Board.ZIPRECRUITER) == []
    practice.postal_code = ""
    assert _fields(board_problems(job, Board.ZIPRECRUITER)) == ["location"]


def test_ziprecruiter_takes_the_city_only_with_the_state(job, practice):
    practice.state = ""

    problems = board_problems(job, Board.ZIPRECRUITER)

    assert _fields(problems) == ["location"]
    assert "with the state" in _text(problems)


def test_ziprecruiter_needs_a_two_letter_country(job, practice):
    practice.country = "U"

    assert _fields(board_problems(job, Board.ZIPRECRUITER)) == [checks.PRACTICE_COUNTRY]


# --- Google ---------------------------------------------------------------------------------

def test_google_wants_a_plain_text_title(job):
    job.title = "<b>Medical Assistant</b>"

    assert _fields(board_problems(job, Board.GOOGLE)) == ["title"]


def test_google_wants_a_description_that_is_not_the_title(job):
    for name in services.SECTION_FIELDS:
        setattr(job, name, "")
    job.about = "<p>Medical  assistant</p>"

    assert "about" in _fields(board_problems(job, Board.GOOGLE))


def test_google_wants_a_complete_description(job):
    job.qualifications = "<p> </p>"

    assert _fields(board_problems(job, Board.GOOGLE)) == ["qualifications"]


def test_google_drops_a_job_whose_closing_date_passed(job, practice):
    job.closes_on = services.practice_today(practice) - timedelta(days=1)

    assert _fields(board_problems(job, Board.GOOGLE)) == ["closes_on"]
    job.closes_on = services.practice_today(practice)
    assert board_problems(job, Board.GOOGLE) == []


def test_google_needs_the_country(job, practice):
    practice.country = ""

    assert _fields(board_problems(job, Board.GOOGLE)) == [checks.PRACTICE_COUNTRY]


# --- Other job sites (generic feed) ---------------------------------------------------------

def _describe(job: Job, characters: int) -> None:
    for name in services.SECTION_FIELDS:
        setattr(job, name, "")
    job.about = f"<p>{'x' * characters}</p>"


def test_adzuna_wants_100_characters_and_talent_50(job):
    _describe(job, 99)
    problems = board_problems(job, Board.GENERIC)
    assert _fields(problems) == ["about"]
    assert "Adzuna" in _text(problems)
    assert "Talent.com" not in _text(problems)

    _describe(job, 49)
    assert "Talent.com" in _text(board_problems(job, Board.GENERIC))

    _describe(job, 100)
    assert board_problems(job, Board.GENERIC) == []


# --- Pay transparency -----------------------------------------------------------------------

def test_every_pay_range_state_is_a_state_and_names_its_law():
    assert set(PAY_RANGE_STATES) <= set(US_STATES)
    assert {"CA", "CO", "WA", "NY", "IL", "MD", "MN", "HI", "DC", "NJ", "VT", "MA"} <= set(
        PAY_RANGE_STATES)
    assert all(len(law) > 10 for law in PAY_RANGE_STATES.values())


@pytest.mark.parametrize(("typed", "code"), [
    ("IL", "IL"), ("il", "IL"), ("Illinois", "IL"), (" new  york ", "NY"),
    ("Washington, D.C.", "DC"), ("District of Columbia", "DC"), ("Washington", "WA"),
    ("Ontario", ""), ("", ""),
])
def test_state_code_reads_codes_and_names(typed, code):
    assert state_code(typed) == code


def test_a_pay_range_state_wants_both_ends_on_every_board(job):
    job.pay_max = None

    for board in Board:
        problems = board_problems(job, board)
        assert _fields(problems) == ["pay_max"], board
        assert "Illinois" in _text(problems)


def test_the_missing_end_is_the_field_to_fix(job):
    job.pay_min, job.pay_max = None, Decimal("30")

    assert _fields(board_problems(job, Board.GOOGLE)) == ["pay_min"]


def test_the_sites_state_decides_over_the_practices(job, practice):
    practice.state = "Texas"
    job.pay_max = None
    assert board_problems(job, Board.GOOGLE) == []

    job.location = LocationFactory(practice=practice, state="California")
    problems = board_problems(job, Board.GOOGLE)

    assert _fields(problems) == ["pay_max"]
    assert "California" in _text(problems)


def test_the_state_law_is_only_for_us_jobs(job, practice):
    practice.country = "CA"  # Canada
    practice.state = "CA"
    job.pay_max = None

    assert board_problems(job, Board.GENERIC) == []


# --- The boards a job goes to, and the checklist --------------------------------------------

def test_only_the_boards_the_job_goes_to_are_checked(job, practice):
    assert set(all_board_problems(job)) == {Board.GOOGLE}  # on unless turned off

    for board in (Board.INDEED, Board.ZIPRECRUITER):
        BoardAccount.objects.create(practice=practice, board=board, enabled=True)
    JobBoardOptOut.objects.create(practice=practice, job=job, board=Board.ZIPRECRUITER)

    assert set(all_board_problems(job)) == {Board.GOOGLE, Board.INDEED}


def test_the_checklist_says_what_every_board_needs_once(job):
    job.pay_max = None
    job.title = "Medical Assistant $20/hr"

    result = checklist({board: board_problems(job, board)
                        for board in (Board.INDEED, Board.GOOGLE)})

    assert _fields(result.shared) == ["pay_max"]
    assert [(board, _fields(problems)) for board, _label, problems in result.boards] == [
        (Board.INDEED, ["title"]), (Board.GOOGLE, [])]
    assert not result.ready


def test_a_job_with_no_problems_is_ready(job):
    result = checklist(all_board_problems(job))

    assert result.ready
    assert result.boards == [(Board.GOOGLE, "Google for Jobs", [])]


def test_board_problems_do_not_stop_publishing(job, practice, owner):
    BoardAccount.objects.create(practice=practice, board=Board.INDEED, enabled=True)
    job.title = "URGENT Medical Assistant $20/hr"
    job.pay_max = None
    job.save()
    assert all_board_problems(job)[Board.INDEED]

    services.job_publish(job=job, actor=owner)

    job.refresh_from_db()
    assert job.status == Job.Status.PUBLISHED
    assert job.published_at <= timezone.now()

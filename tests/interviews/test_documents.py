"""The printable kit and the interview summary as Word files: what is on the page."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import docx
import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from docx.oxml.ns import qn

from interviews.documents import kit_docx, summary_docx
from interviews.models import CompetencyRating, Scorecard
from tests.factories import (
    ApplicationFactory,
    CompetencyFactory,
    InterviewFactory,
    InterviewKitFactory,
    KitQuestionFactory,
    MembershipFactory,
    UserFactory,
)
from tests.libreoffice import docx_as_pdf_text

pytestmark = pytest.mark.django_db
BOX = "\N{BALLOT BOX}"


def _open(content: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(content))


def _all_text(document) -> str:
    """Every word of the body, table cells included, one paragraph a line."""
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t")))
                     for p in document.element.body.iter(qn("w:p")))


def _rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def _table_starting(document, first_cell: str):
    return next(t for t in document.tables if t.rows[0].cells[0].text == first_cell)


# --- The printable kit --------------------------------------------------------------------------

@pytest.fixture
def kit(practice):
    with scopes_disabled():
        kit = InterviewKitFactory(practice=practice, name="Structured interview",
                                  job__title="Medical Assistant")
        KitQuestionFactory(practice=practice, kit=kit, position=0,
                           question="Tell me about a busy morning.",
                           listen_for="Puts the sickest patient first\nKeeps people informed",
                           follow_ups="What would you change?")
        KitQuestionFactory(practice=practice, kit=kit, position=1,
                           question="How do you give an injection to a scared child?",
                           listen_for="Calm, honest words", follow_ups="")
        CompetencyFactory(practice=practice, job=kit.job, position=0, name="Patient care",
                          description="Puts patients first.", anchor_1="Rushes patients.",
                          anchor_2="Kind when not busy.", anchor_3="Kind and efficient.",
                          anchor_4="Patients ask for them by name.")
        CompetencyFactory(practice=practice, job=kit.job, position=1, name="Old skill",
                          archived=True)
    return kit


@pytest.fixture
def kit_document(kit, practice):
    with scope(practice=practice):
        return _open(kit_docx(kit))


def test_kit_has_letterhead_and_title(kit_document):
    header = "".join(t.text for t in kit_document.sections[0].header._element.iter(qn("w:t")))
    assert "Riverside Family Practice" in header
    assert kit_document.paragraphs[0].style.name == "Title"
    assert kit_document.paragraphs[0].text == "Medical Assistant \N{EM DASH} Structured interview"


def test_kit_leaves_lines_for_candidate_date_and_interviewer(kit_document):
    assert _rows(kit_document.tables[0]) == [["Candidate", ""], ["Date", ""],
                                             ["Interviewer", ""]]


def test_kit_numbers_the_questions_with_listen_for_and_follow_ups(kit_document):
    questions = [p.text for p in kit_document.paragraphs if p.style.name == "Heading 2"]
    bullets = [p.text for p in kit_document.paragraphs if p.style.name == "List Bullet"]

    assert questions[:2] == ["1. Tell me about a busy morning.",
                             "2. How do you give an injection to a scared child?"]
    assert bullets == ["Puts the sickest patient first", "Keeps people informed",
                       "What would you change?", "Calm, honest words"]
    labels = [p.text for p in kit_document.paragraphs if p.text in {"Listen for", "Follow-ups"}]
    assert labels == ["Listen for", "Follow-ups", "Listen for"]  # no empty "Follow-ups"


def test_kit_has_a_notes_box_per_question_and_one_overall(kit_document):
    boxes = [t for t in kit_document.tables if len(t.columns) == 1]

    assert [t.rows[0].cells[0].text for t in boxes] == [
        "Notes", "Notes", "Overall notes: why this recommendation?"]


def test_kit_score_sheet_has_each_active_competency_with_its_anchors(kit_document):
    grid = _rows(_table_starting(kit_document, "Competency"))

    assert grid[0] == ["Competency", "1 \N{EM DASH} concern", "2 \N{EM DASH} mixed",
                       "3 \N{EM DASH} solid", "4 \N{EM DASH} outstanding"]
    assert grid[1] == ["Patient care\nPuts patients first.", f"{BOX} 1\nRushes patients.",
                       f"{BOX} 2\nKind when not busy.", f"{BOX} 3\nKind and efficient.",
                       f"{BOX} 4\nPatients ask for them by name."]
    assert len(grid) == 2  # the archived competency is not rated any more


def test_kit_ends_with_recommendation_boxes(kit_document):
    boxes = _table_starting(kit_document, f"{BOX} Strong no")

    assert _rows(boxes) == [[f"{BOX} Strong no", f"{BOX} No", f"{BOX} Yes",
                             f"{BOX} Strong yes"]]


def test_kit_converts_to_pdf_with_libreoffice(kit, practice, tmp_path):
    with scope(practice=practice):
        text = docx_as_pdf_text(kit_docx(kit), tmp_path)

    assert "1. Tell me about a busy morning." in text
    assert "Page 1 of" in text


# --- The interview summary ----------------------------------------------------------------------

def _scorecard(interview, *, name: str, recommendation: str, note: str,
               ratings: dict, submitted: bool = True) -> Scorecard:
    membership = MembershipFactory(practice=interview.practice, user=UserFactory(full_name=name))
    interview.interviewers.add(membership)
    scorecard = Scorecard.objects.create(
        practice=interview.practice, interview=interview, interviewer=membership,
        recommendation=recommendation, note=note,
        submitted_at=timezone.now() if submitted else None)
    for competency, (rating, rating_note) in ratings.items():
        CompetencyRating.objects.create(practice=interview.practice, scorecard=scorecard,
                                        competency=competency, rating=rating, note=rating_note)
    return scorecard


@pytest.fixture
def application(practice):
    with scopes_disabled():
        application = ApplicationFactory(practice=practice, candidate__first_name="Jordan",
                                         candidate__last_name="Rivera",
                                         job__title="Medical Assistant")
        care = CompetencyFactory(practice=practice, job=application.job, name="Patient care")
        teamwork = CompetencyFactory(practice=practice, job=application.job, name="Teamwork")
        # 10:00 in Chicago (CDT)
        interview = InterviewFactory(practice=practice, application=application,
                                     starts_at=datetime(2025, 3, 10, 15, 0, tzinfo=UTC))
        _scorecard(interview, name="Dana Lee", recommendation="yes",
                   note="Calm under pressure.",
                   ratings={care: (3, "Good with the mock patient."), teamwork: (2, "")})
        _scorecard(interview, name="Sam Ortiz", recommendation="strong_yes",
                   note="Hire.", ratings={care: (4, ""), teamwork: (2, "Quiet.")})
        _scorecard(interview, name="Kim Draft", recommendation="no",
                   note="DRAFT ONLY, not for the summary", submitted=False,
                   ratings={care: (1, "draft rating note"), teamwork: (1, "")})
    return application


@pytest.fixture
def summary_document(application, practice):
    with scope(practice=practice):
        return _open(summary_docx(application))


def test_summary_names_candidate_job_and_stage(summary_document, application):
    facts = {row.cells[0].text: row.cells[1].text for row in summary_document.tables[0].rows}

    assert summary_document.paragraphs[0].text == "Interview summary: Jordan Rivera"
    assert facts["Candidate"] == "Jordan Rivera"
    assert facts["Job"] == "Medical Assistant"
    assert facts["Stage"] == (application.stage.name if application.stage else "\N{EM DASH}")
    assert facts["Scorecards"] == "2"


def test_summary_aggregates_the_submitted_ratings(summary_document):
    grid = _rows(_table_starting(summary_document, "Competency"))

    assert grid[0] == ["Competency", "Average", "Spread", "Lowest\N{EN DASH}highest",
                       "Ratings"]
    assert grid[1] == ["Patient care", "3.50", "0.50", "3\N{EN DASH}4", "2"]
    assert grid[2] == ["Teamwork", "2.00", "0.00", "2\N{EN DASH}2", "2"]


def test_summary_counts_the_recommendations(summary_document):
    counts = _rows(_table_starting(summary_document, "Strong no"))

    assert counts == [["Strong no", "0"], ["No", "0"], ["Yes", "1"], ["Strong yes", "1"]]


def test_summary_shows_each_submitted_scorecard_in_the_practice_time_zone(summary_document):
    text = _all_text(summary_document)

    assert "Dana Lee" in text
    assert "Sam Ortiz" in text
    assert "Monday, March 10, 2025, 10:00 AM (America/Chicago)" in text
    assert "Calm under pressure." in text
    assert "Good with the mock patient." in text
    ratings = _rows(next(t for t in summary_document.tables
                         if t.rows[0].cells[0].text == "Competency"
                         and t.rows[0].cells[1].text == "Rating"))
    assert ratings[1] == ["Patient care", "3 \N{EM DASH} solid",
                          "Good with the mock patient."]


def test_summary_leaves_out_drafts(summary_document):
    text = _all_text(summary_document)

    assert "Kim Draft" not in text
    assert "DRAFT ONLY" not in text
    assert "draft rating note" not in text


def test_summary_converts_to_pdf_with_libreoffice(application, practice, tmp_path):
    with scope(practice=practice):
        text = docx_as_pdf_text(summary_docx(application), tmp_path)

    assert "Interview summary: Jordan Rivera" in text
    assert "Calm under pressure." in text
    assert "Page 1 of" in text


"""Interview documents as Word files: a kit to print and take into the room (questions,
what to listen for, room for notes, the score sheet), and a candidate's interview summary
(the team's aggregate scores, then each submitted scorecard)."""

from __future__ import annotations

import zoneinfo
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt

from hiring.documents import MUTED, add_grid, add_key_value_table, new_document, to_bytes
from interviews.kits import competencies_for
from interviews.models import Competency, Scorecard
from interviews.scorecards import RATINGS, scorecard_aggregate, submitted_scorecards

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table, _Cell, _Row

    from candidates.models import Application
    from interviews.models import InterviewKit

BOX = "\N{BALLOT BOX}"  # ☐: ticked with a pen
WHEN = "l, F j, Y, g:i A"


def scale_label(rating: int) -> str:
    """"3 — solid": the model's own words for each point, so screen and paper agree."""
    return str(Competency._meta.get_field(f"anchor_{rating}").verbose_name)


# --- small layout pieces ------------------------------------------------------------------------

def _cell_text(cell: _Cell, text: str, *, bold: bool = False, small: bool = False) -> None:
    """Write into a cell's first empty paragraph, or a new one below what is there."""
    paragraph = cell.paragraphs[-1]
    if paragraph.text:
        paragraph = cell.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(2)
    run = paragraph.add_run(text)
    run.bold = bold
    if small:
        run.font.size = Pt(8.5)
        run.font.color.rgb = MUTED


def _row_property(row: _Row, name: str) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement(name))


def _header_row(table: Table, labels: list[str]) -> None:
    """Bold labels in the first row, repeated on each page the table runs onto."""
    row = table.rows[0]
    for cell, label in zip(row.cells, labels, strict=True):
        _cell_text(cell, label, bold=True)
    _row_property(row, "w:tblHeader")


def _add_row(table: Table) -> _Row:
    row = table.add_row()
    _row_property(row, "w:cantSplit")  # a competency or a note box never breaks mid-row
    return row


def _write_in_box(document: Document, label: str, height: Cm) -> None:
    """An empty bordered box with a small label, to write in by hand."""
    table = add_grid(document, [1])
    row = table.rows[0]
    row.height, row.height_rule = height, WD_ROW_HEIGHT_RULE.AT_LEAST
    _row_property(row, "w:cantSplit")
    _cell_text(row.cells[0], label, small=True)
    document.add_paragraph()  # Word glues two tables that touch into one


def _bulleted(document: Document, label: str, items: list[str]) -> None:
    if not items:
        return
    heading = document.add_paragraph()
    heading.paragraph_format.space_after = Pt(2)
    heading.paragraph_format.keep_with_next = True
    heading.add_run(label).bold = True
    for item in items:
        document.add_paragraph(item, style="List Bullet")


def _fill_in_lines(document: Document, labels: list[str]) -> None:
    table = add_key_value_table(document, [(label, "") for label in labels])
    for row in table.rows:
        row.height, row.height_rule = Cm(0.9), WD_ROW_HEIGHT_RULE.AT_LEAST


# --- The printable kit --------------------------------------------------------------------------

def kit_docx(kit: InterviewKit) -> bytes:
    """The kit to take into the interview: each question with what to listen for, its
    follow-ups and room for notes, then the score sheet (one row per competency, its four
    anchored ratings to tick) and the overall recommendation."""
    job = kit.job
    title = f"{job.title} \N{EM DASH} {kit.name}"
    document = new_document(kit.practice)
    document.core_properties.title = title
    document.core_properties.subject = _("Interview kit")
    document.add_heading(title, level=0)
    _fill_in_lines(document, [_("Candidate"), _("Date"), _("Interviewer")])

    document.add_heading(_("Questions"), level=1)
    questions = list(kit.questions.all())
    if not questions:
        document.add_paragraph(_("This kit has no questions yet."))
    for number, question in enumerate(questions, start=1):
        document.add_heading(f"{number}. {question.question}", level=2)
        _bulleted(document, _("Listen for"), question.listen_for_list)
        _bulleted(document, _("Follow-ups"), question.follow_up_list)
        _write_in_box(document, _("Notes"), Cm(3.5))

    _score_sheet(document, competencies_for(job))
    return to_bytes(document)


def _score_sheet(document: Document, competencies: list[Competency]) -> None:
    document.add_heading(_("Scores"), level=1)
    if competencies:
        document.add_paragraph(_("For each competency, tick the one description that fits "
                                 "what you heard best."))
        table = add_grid(document, [3.2, 2.2, 2.2, 2.2, 2.2])
        _header_row(table, [_("Competency"), *(scale_label(r) for r in RATINGS)])
        for competency in competencies:
            cells = _add_row(table).cells
            _cell_text(cells[0], competency.name, bold=True)
            if competency.description:
                _cell_text(cells[0], competency.description, small=True)
            for cell, (rating, anchor) in zip(cells[1:], competency.anchors, strict=True):
                _cell_text(cell, f"{BOX} {rating}", bold=True)
                _cell_text(cell, anchor, small=True)
        document.add_paragraph()
    else:
        document.add_paragraph(_("This job rates no competencies yet."))

    document.add_heading(_("Overall recommendation"), level=2)
    boxes = add_grid(document, [1] * len(Scorecard.Recommendation.choices))
    for cell, (_value, label) in zip(boxes.rows[0].cells, Scorecard.Recommendation.choices,
                                     strict=True):
        _cell_text(cell, f"{BOX} {label}", bold=True)
    document.add_paragraph()
    _write_in_box(document, _("Overall notes: why this recommendation?"), Cm(4))


# --- The interview summary ----------------------------------------------------------------------

def _figure(value: float | None) -> str:
    return "\N{EM DASH}" if value is None else number_format(value, decimal_pos=2)


def _stage(application: Application) -> str:
    stage = application.stage.name if application.stage else "\N{EM DASH}"
    if application.status != application.Status.ACTIVE:
        return f"{stage} ({application.get_status_display()})"
    return stage


def summary_docx(application: Application) -> bytes:
    """What the team thought of a candidate: the aggregate of the submitted scorecards
    (never drafts), then each scorecard with its ratings and notes."""
    practice = application.practice
    zone = zoneinfo.ZoneInfo(practice.timezone)
    name = application.candidate.full_name
    title = _("Interview summary: %(name)s") % {"name": name}
    aggregate = scorecard_aggregate(application)
    document = new_document(practice)
    document.core_properties.title = title
    document.core_properties.subject = _("Interview summary")
    document.add_heading(title, level=0)
    add_key_value_table(document, [
        (_("Candidate"), name), (_("Job"), application.job.title),
        (_("Stage"), _stage(application)),
        (_("Scorecards"), str(aggregate.scorecards)),
        (_("Made on"), date_format(timezone.localtime(timezone.now(), zone), WHEN)),
    ])

    document.add_heading(_("Ratings by competency"), level=1)
    table = add_grid(document, [4, 1.6, 1.6, 2.2, 1.6])
    _header_row(table, [_("Competency"), _("Average"), _("Spread"),
                        _("Lowest\N{EN DASH}highest"), _("Ratings")])
    for score in aggregate.competencies:
        span = ("\N{EM DASH}" if score.lowest is None
                else f"{score.lowest}\N{EN DASH}{score.highest}")
        for cell, text in zip(_add_row(table).cells, [
                score.name, _figure(score.average), _figure(score.spread), span,
                str(score.count)], strict=True):
            _cell_text(cell, text)
    document.add_paragraph(_("Spread is the standard deviation: 0 when everyone gave the "
                             "same rating."), style="Fine Print")

    document.add_heading(_("Recommendations"), level=1)
    table = add_grid(document, [4, 1.6], rows=0)
    for _value, label, count in aggregate.recommendation_rows:
        label_cell, count_cell = _add_row(table).cells
        _cell_text(label_cell, str(label))
        _cell_text(count_cell, str(count))

    document.add_heading(_("Scorecards"), level=1)
    for scorecard in submitted_scorecards(application):
        _scorecard(document, scorecard, zone)
    return to_bytes(document)


def _scorecard(document: Document, scorecard: Scorecard, zone: zoneinfo.ZoneInfo) -> None:
    interview = scorecard.interview
    interviewer = str(scorecard.interviewer.user)
    document.add_heading(interviewer, level=2)
    when = date_format(timezone.localtime(interview.starts_at, zone), WHEN)
    add_key_value_table(document, [
        (_("Interviewer"), interviewer),
        (_("Interview"), f"{when} ({zone.key}), {interview.get_kind_display()}"),
        (_("Recommendation"), scorecard.get_recommendation_display()),
    ])
    document.add_paragraph()
    table = add_grid(document, [3.2, 1.8, 6])
    _header_row(table, [_("Competency"), _("Rating"), _("Note")])
    ratings = sorted(scorecard.ratings.all(),
                     key=lambda r: (r.competency.position, r.competency_id))
    for rating in ratings:
        cells = _add_row(table).cells
        _cell_text(cells[0], rating.competency.name, bold=True)
        _cell_text(cells[1], scale_label(rating.rating) if rating.rating else "\N{EM DASH}")
        _cell_text(cells[2], rating.note)
    if scorecard.note:
        note = document.add_paragraph()
        note.paragraph_format.space_before = Pt(8)
        note.add_run(_("Overall note")).bold = True
        for line in scorecard.note.splitlines():
            if line.strip():
                document.add_paragraph(line.strip())

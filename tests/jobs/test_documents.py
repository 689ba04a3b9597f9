"""Job descriptions as Word files: letterhead, facts, sections, page numbers, and a PDF that
LibreOffice can print."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import docx
import pytest
from django.core.files.base import ContentFile
from django_scopes import scopes_disabled
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from PIL import Image

from hiring.documents import add_html
from jobs.documents import job_description_docx, template_docx
from jobs.models import Job, JobTemplate, Location, PayUnit
from jobs.pay import pay_text
from tests.libreoffice import docx_as_pdf_text

pytestmark = pytest.mark.django_db

RESPONSIBILITIES = ("<ul><li>Room patients and take vital signs</li>"
                    "<li>Give injections &amp; vaccines</li><li>Schedule follow-ups</li></ul>")


@pytest.fixture
def job(practice) -> Job:
    with scopes_disabled():
        return Job.objects.create(
            practice=practice, title="Medical Assistant", slug="medical-assistant",
            about="<p>Help our doctors care for <strong>families</strong>.</p>",
            responsibilities=RESPONSIBILITIES,
            qualifications="<ul><li>Certified medical assistant</li></ul>",
            how_to_apply="<p>Send us your resume.</p>",
            pay_min=Decimal("24"), pay_max=Decimal("28"), pay_unit=PayUnit.HOUR,
            openings=2, closes_on=date(2026, 3, 31))


def _open(content: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(content))


def _text(element) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def _facts(document) -> dict[str, str]:
    return {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}


def _image(kind: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 60), "#0f766e").save(buffer, format=kind)
    return buffer.getvalue()


def _header_images(document) -> list:
    header_part = document.sections[0].header.part
    return [rel.target_part for rel in header_part.rels.values() if rel.reltype == RT.IMAGE]


def test_header_names_the_practice(job):
    document = _open(job_description_docx(job))

    header = _text(document.sections[0].header._element)
    assert "Riverside Family Practice" in header
    assert "Springfield, IL" in header


def test_title_comes_first_then_the_sections_in_order(job):
    document = _open(job_description_docx(job))

    assert document.paragraphs[0].style.name == "Title"
    assert document.paragraphs[0].text == "Medical Assistant"
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["About the role", "What you'll do", "Who you are",
                        "How to apply and what happens next"]


def test_responsibilities_are_bullet_paragraphs(job):
    document = _open(job_description_docx(job))

    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets[:3] == ["Room patients and take vital signs", "Give injections & vaccines",
                           "Schedule follow-ups"]


def test_facts_show_pay_place_openings_and_closing_date(job):
    facts = _facts(_open(job_description_docx(job)))

    assert facts["Pay"] == "$24.00 \N{EN DASH} $28.00 per hour"
    assert facts["Location"] == "12 Main Street, Springfield, IL 62701"
    assert facts["Workplace"] == "On-site"
    assert facts["Employment type"] == "Full-time"
    assert facts["Openings"] == "2"
    assert facts["Applications close"] == "March 31, 2026"


def test_a_job_at_another_site_shows_that_site(job, practice):
    with scopes_disabled():
        job.location = Location.objects.create(
            practice=practice, name="Eastside office", street="400 Oak Avenue",
            city="Springfield", state="IL", postal_code="62704")
        job.save()

    facts = _facts(_open(job_description_docx(job)))

    assert facts["Location"] == "Eastside office: 400 Oak Avenue, Springfield, IL 62704"


def test_it_ends_with_the_equal_opportunity_statement(job):
    document = _open(job_description_docx(job))

    last = document.paragraphs[-1]
    assert last.text.startswith("Riverside Family Practice is an equal opportunity employer.")
    assert last.style.name == "Fine Print"


def test_footer_numbers_pages_with_word_fields(job):
    document = _open(job_description_docx(job))

    footer = document.sections[0].footer._element
    fields = [e.text.strip() for e in footer.iter(qn("w:instrText"))]
    assert fields == ["PAGE", "NUMPAGES"]
    assert _text(footer).startswith("Page ")


def test_the_logo_is_embedded_in_the_header(job, practice):
    png = _image()
    with scopes_disabled():
        practice.logo.save("logo.png", ContentFile(png))

    document = _open(job_description_docx(job))

    assert [image.blob for image in _header_images(document)] == [png]


def test_a_webp_logo_is_placed_as_png(job, practice):
    with scopes_disabled():
        practice.logo.save("logo.webp", ContentFile(_image("WEBP")))

    document = _open(job_description_docx(job))

    assert [image.content_type for image in _header_images(document)] == ["image/png"]


def test_a_missing_logo_file_leaves_the_logo_out(job, practice):
    with scopes_disabled():
        practice.logo.name = "practices/gone.png"
        practice.save()

    document = _open(job_description_docx(job))

    assert _header_images(document) == []
    assert "Riverside Family Practice" in _text(document.sections[0].header._element)


def test_template_leaves_placeholders_for_the_practice(practice):
    with scopes_disabled():
        template = JobTemplate.objects.create(
            practice=practice, title="Medical Assistant",
            about="<p>Join {practice_name} as a medical assistant.</p>",
            responsibilities=RESPONSIBILITIES, pay_min=Decimal("18"), pay_max=Decimal("24"))

    document = _open(template_docx(template, practice))

    facts = _facts(document)
    assert facts["Location"] == "[Location]"
    assert facts["Applications close"] == "[Closing date]"
    assert facts["Pay"] == "[Pay range, e.g. $18.00 \N{EN DASH} $24.00 per hour]"
    texts = [p.text for p in document.paragraphs]
    assert "Join Riverside Family Practice as a medical assistant." in texts
    assert "Riverside Family Practice" in _text(document.sections[0].header._element)


def test_description_converts_to_pdf_with_libreoffice(job, tmp_path):
    text = docx_as_pdf_text(job_description_docx(job), tmp_path)

    assert "Medical Assistant" in text
    assert "Page 1 of" in text


# --- add_html -----------------------------------------------------------------------------

def _paragraphs(html: str) -> list[tuple[str, str]]:
    document = docx.Document()
    add_html(document, html)
    return [(p.style.name, p.text) for p in document.paragraphs]


def test_add_html_keeps_every_word_of_a_list_inside_a_paragraph():
    html = ("<p>Before <ul><li>One <strong>bold</strong> <em>word</em></li>"
            "<li>Two<ul><li>Nested</li></ul>tail</li></ul>after</p><p>Next</p>")

    assert _paragraphs(html) == [
        ("Normal", "Before"),
        ("List Bullet", "One bold word"),
        ("List Bullet", "Two"),
        ("List Bullet 2", "Nested"),
        ("List Continue", "tail"),
        ("Normal", "after"),
        ("Normal", "Next"),
    ]


def test_add_html_keeps_ampersands_and_angle_brackets_as_text():
    html = "<p>R&amp;D &lt;b&gt;not bold&lt;/b&gt; &amp; x &gt; y</p>"

    document = docx.Document()
    add_html(document, html)

    (paragraph,) = document.paragraphs
    assert paragraph.text == "R&D <b>not bold</b> & x > y"
    assert not any(run.bold for run in paragraph.runs)


def test_add_html_formats_bold_italic_links_and_headings():
    document = docx.Document()
    add_html(document, '<h3>Perks</h3><p><b>Paid</b> <i>time</i> off: '
                       '<a href="https://example.org/benefits">see benefits</a></p>')

    heading, paragraph = document.paragraphs
    assert (heading.style.name, heading.text) == ("Heading 2", "Perks")
    assert paragraph.text == "Paid time off: see benefits (https://example.org/benefits)"
    assert [r.text for r in paragraph.runs if r.bold] == ["Paid"]
    assert [r.text for r in paragraph.runs if r.italic] == ["time"]
    assert paragraph.hyperlinks[0].url == "https://example.org/benefits"


def test_add_html_restarts_numbering_for_each_list():
    document = docx.Document()
    add_html(document, "<ol><li>a</li><li>b</li></ol><p>then</p><ol><li>c</li></ol>")

    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    ids = [p._p.pPr.numPr.numId.val for p in numbered]
    assert ids[0] == ids[1] != ids[2]


# --- pay_text -----------------------------------------------------------------------------

@pytest.mark.parametrize(("pay_min", "pay_max", "unit", "expected"), [
    ("24", "28", PayUnit.HOUR, "$24.00 \N{EN DASH} $28.00 per hour"),
    ("65000", "80000", PayUnit.YEAR, "$65,000 \N{EN DASH} $80,000 per year"),
    ("65000.50", "80000", PayUnit.YEAR, "$65,000.50 \N{EN DASH} $80,000.00 per year"),
    ("1200", "1500", PayUnit.WEEK, "$1,200.00 \N{EN DASH} $1,500.00 per week"),
    ("300", "350", PayUnit.DAY, "$300.00 \N{EN DASH} $350.00 per day"),
    ("5000", None, PayUnit.MONTH, "From $5,000 per month"),
    ("20", None, PayUnit.HOUR, "From $20.00 per hour"),
    (None, "90000", PayUnit.YEAR, "Up to $90,000 per year"),
    (None, "28.5", "hour", "Up to $28.50 per hour"),
    ("25", "25", PayUnit.HOUR, "$25.00 per hour"),
    ("19.999", None, PayUnit.HOUR, "From $20.00 per hour"),
    (None, None, PayUnit.HOUR, ""),
])
def test_pay_text(pay_min, pay_max, unit, expected):
    low = Decimal(pay_min) if pay_min else None
    high = Decimal(pay_max) if pay_max else None

    assert pay_text(low, high, unit, "USD") == expected


def test_pay_text_names_other_currencies():
    assert pay_text(Decimal("30"), None, PayUnit.HOUR, "CAD") == "From CA$30.00 per hour"
    assert pay_text(Decimal("1000"), None, PayUnit.WEEK, "MXN") == "From MXN 1,000.00 per week"

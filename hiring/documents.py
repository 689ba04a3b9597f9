"""Word documents in the practice's colours: one letterhead, one set of styles, page numbers.

Every document we hand to a practice (job descriptions, offer letters, interview kits) starts
from `new_document(practice)`, so they look like one family when printed side by side and a
practice can keep editing them in Word: we set styles, not run-by-run formatting."""

from __future__ import annotations

import io
import logging
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.image.image import Image as DocxImage
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from PIL import Image

from hiring.colors import readable_on_white

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.styles.style import BaseStyle
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    from hiring.models import Practice

logger = logging.getLogger(__name__)

# Arial, not Calibri: LibreOffice (our PDF converter) maps it to the metric-compatible
# Liberation Sans, so the PDF breaks lines and pages where Word does.
FONT = "Arial"
BODY_SIZE = Pt(10.5)
TEXT = RGBColor(0x1F, 0x29, 0x33)
MUTED = RGBColor(0x4B, 0x55, 0x63)  # still 7:1 on white, so small print survives a copier
RULE = "D0D5DD"
LOGO_HEIGHT = Cm(1.6)
LOGO_MAX_WIDTH = Cm(5)
LINK_SCHEMES = ("http://", "https://", "mailto:", "tel:")


# --- styles -------------------------------------------------------------------------------

def _set_font(rpr: BaseOxmlElement, name: str = FONT) -> None:
    """Name the font outright: the default template's theme fonts (asciiTheme…) win over a
    plain font name in Word, so they have to go."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), name)


def _set_color(style: BaseStyle, hex_color: str) -> None:
    style.font.color.rgb = RGBColor.from_string(hex_color.upper())
    color = style.element.rPr.find(qn("w:color"))
    for attr in ("themeColor", "themeShade", "themeTint"):
        color.attrib.pop(qn(f"w:{attr}"), None)


# what may follow w:pBdr inside w:pPr (ECMA-376 CT_PPrBase order), so Word accepts the file
_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
               "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
               "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
               "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
               "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
               "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def _bottom_border(ppr: BaseOxmlElement, hex_color: str, *, size: int = 8, space: int = 4) -> None:
    """A rule under a paragraph (size in eighths of a point)."""
    for old in ppr.findall(qn("w:pBdr")):
        ppr.remove(old)
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", str(size)), ("space", str(space)),
                       ("color", hex_color)):
        bottom.set(qn(f"w:{key}"), value)
    border.append(bottom)
    ppr.insert_element_before(border, *_AFTER_PBDR)


def _style_document(document: Document, accent: str) -> None:
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    _set_font(defaults.find(qn("w:rPr")))

    normal = styles["Normal"]
    _set_font(normal.element.get_or_add_rPr())
    normal.font.size = BODY_SIZE
    normal.font.color.rgb = TEXT
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15

    title = styles["Title"]
    _set_font(title.element.get_or_add_rPr())
    _set_color(title, accent)
    title.font.size = Pt(22)
    title.font.bold = True
    title.paragraph_format.space_after = Pt(10)
    _bottom_border(title.element.get_or_add_pPr(), accent, size=12, space=6)

    for level, size, before in ((1, 13, 16), (2, 11.5, 10), (3, 10.5, 8)):
        heading = styles[f"Heading {level}"]
        _set_font(heading.element.get_or_add_rPr())
        _set_color(heading, accent if level < 3 else str(TEXT))
        heading.font.size = Pt(size)
        heading.font.bold = True
        heading.paragraph_format.space_before = Pt(before)
        heading.paragraph_format.space_after = Pt(4)
        heading.paragraph_format.keep_with_next = True

    for name in ("List Bullet", "List Bullet 2", "List Bullet 3", "List Number",
                 "List Number 2", "List Number 3"):
        styles[name].paragraph_format.space_after = Pt(6)  # after the last item only

    for name in ("Header", "Footer"):
        styles[name].font.size = Pt(9)
        styles[name].font.color.rgb = MUTED

    fine_print = styles.add_style("Fine Print", WD_STYLE_TYPE.PARAGRAPH)
    fine_print.base_style = normal
    fine_print.font.size = Pt(9)
    fine_print.font.color.rgb = MUTED
    fine_print.paragraph_format.space_before = Pt(12)
    _ensure_link_style(document, accent)


def _ensure_link_style(document: Document, color: str = "0563C1") -> None:
    """Word's own "Hyperlink" character style, which python-docx's template lacks; blue
    (Word's) unless the letterhead already made it in the practice's colour."""
    if "Hyperlink" in [s.name for s in document.styles]:
        return
    link = document.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = RGBColor.from_string(color.upper())
    link.font.underline = True


# --- letterhead ---------------------------------------------------------------------------

def _contact_line(practice: Practice) -> str:
    place = ", ".join(p for p in (practice.city, practice.state) if p)
    website = practice.website.removeprefix("https://").removeprefix("http://").rstrip("/")
    return "  ·  ".join(p for p in (place, practice.phone, website) if p)


def _logo_bytes(practice: Practice) -> bytes | None:
    """The logo as bytes python-docx can place, or None. A missing file or an odd format
    must not stop the document: formats Word can't show (WebP) go through Pillow to PNG."""
    if not practice.logo:
        return None
    try:
        with practice.logo.open("rb") as logo:
            data = logo.read()
    except Exception:  # each storage backend (disk, S3) raises its own errors
        logger.warning("Practice %s: logo file missing or unreadable", practice.pk)
        return None
    try:
        DocxImage.from_blob(data)
    except Exception:  # python-docx raises a different error per format; Pillow may cope
        return _png(data, practice)
    return data


def _png(data: bytes, practice: Practice) -> bytes | None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            png = io.BytesIO()
            image.save(png, format="PNG")
        return png.getvalue()
    except (OSError, ValueError, Image.DecompressionBombError):
        logger.warning("Practice %s: logo is not an image we can place", practice.pk)
        return None


def _set_width(table: Table, column: int, width: int) -> None:
    # LibreOffice reads the grid, Word reads the cells: set both (SPECS §6.1)
    table.columns[column].width = width
    for cell in table.columns[column].cells:
        cell.width = width


def _borders(table: Table, visible: set[str], color: str = RULE) -> None:
    """Hairlines on the named edges (top, bottom, insideH…) and none elsewhere."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single" if edge in visible else "nil")
        if edge in visible:
            element.set(qn("w:sz"), "4")
            element.set(qn("w:color"), color)
        borders.append(element)
    # Word rejects a file whose table properties are out of schema order
    table._tbl.tblPr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar",
                                           "w:tblLook", "w:tblCaption", "w:tblDescription",
                                           "w:tblPrChange")


def _flush(table: Table) -> None:
    """No side padding in the cells: Word and LibreOffice then agree that the table, and
    the text in its first column, start exactly at the margin like the text around it."""
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption",
                                           "w:tblDescription", "w:tblPrChange")


def _add_letterhead(document: Document, practice: Practice, accent: str) -> None:
    """Logo left, name and contact line beside it, a thin rule in the brand colour below."""
    section = document.sections[0]
    header = section.header
    body_width = section.page_width - section.left_margin - section.right_margin
    logo = _logo_bytes(practice)
    first = header.paragraphs[0]

    if logo:
        table = header.add_table(rows=1, cols=2, width=body_width)
        table.autofit = False
        _borders(table, visible=set())
        _flush(table)
        logo_cell, text_cell = table.rows[0].cells
        picture = logo_cell.paragraphs[0].add_run().add_picture(io.BytesIO(logo),
                                                                height=LOGO_HEIGHT)
        picture._inline.docPr.set("descr", f"{practice.name} logo")  # for screen readers
        for side in ("distT", "distB", "distL", "distR"):
            # missing, LibreOffice adds 0.125 in around it and the logo leaves the margin
            picture._inline.set(side, "0")
        if picture.width > LOGO_MAX_WIDTH:  # a wide wordmark: limit the width instead
            picture.height = int(picture.height * LOGO_MAX_WIDTH / picture.width)
            picture.width = LOGO_MAX_WIDTH
        logo_width = picture.width + Cm(0.4)
        _set_width(table, 0, logo_width)
        _set_width(table, 1, body_width - logo_width)
        for cell in table.rows[0].cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            cell.paragraphs[0].style = "Header"
        header._element.remove(first._p)  # the header's empty first line, above the table
        container, name_paragraph = text_cell, text_cell.paragraphs[0]
        height = picture.height
    else:
        container, name_paragraph = header, first
        height = 0

    name = name_paragraph.add_run(practice.name)
    name.bold = True
    name.font.size = Pt(13)
    name.font.color.rgb = RGBColor.from_string(accent.upper())
    contact = _contact_line(practice)
    if contact:
        container.add_paragraph(contact, style="Header").paragraph_format.space_before = Pt(2)
    height = max(height, Cm(1.1) if contact else Cm(0.7))
    # the body starts a fixed gap below the letterhead, on every page, with or without logo
    section.top_margin = section.header_distance + height + Cm(0.8)

    # 2 pt high, so the rule adds no visible gap of its own
    rule = header.add_paragraph(style="Header")
    rule.add_run().font.size = Pt(2)
    _bottom_border(rule._p.get_or_add_pPr(), accent, size=6, space=1)


def _add_field(paragraph: Paragraph, instruction: str, placeholder: str) -> None:
    """A Word field (PAGE, NUMPAGES): python-docx has no API for them and can't know the
    page count, so Word and LibreOffice compute the value when they lay out the page."""
    def run_with(child: BaseOxmlElement) -> None:
        run = paragraph.add_run()
        run._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _add_page_numbers(document: Document) -> None:
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Page ")
    _add_field(paragraph, "PAGE", "1")
    paragraph.add_run(" of ")
    _add_field(paragraph, "NUMPAGES", "1")


def new_document(practice: Practice) -> Document:
    """A blank US Letter document with the practice's letterhead, its colour on headings
    (darkened until readable), one body font, and "Page X of Y" in the footer."""
    document = docx.Document()
    # light brand colours (mint, sky blue) vanish on paper; darkened, they keep their hue
    accent = readable_on_white(practice.brand_color).removeprefix("#")
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.59), Cm(27.94)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin = section.bottom_margin = Cm(2.0)  # the letterhead moves the top one
    section.header_distance = section.footer_distance = Cm(1.0)
    _style_document(document, accent)
    _add_letterhead(document, practice, accent)
    _add_page_numbers(document)
    # python-docx's defaults would name itself as the author in Word's file properties
    document.core_properties.author = practice.name
    document.core_properties.last_modified_by = practice.name
    document.core_properties.comments = ""
    return document


def add_key_value_table(document: Document, rows: list[tuple[str, str]]) -> Table:
    """A two-column table of facts (label, value) with hairlines between rows and no
    boxes, which stays light on paper; for a job's facts or a scorecard's candidate data."""
    section = document.sections[-1]
    body_width = section.page_width - section.left_margin - section.right_margin
    table = document.add_table(rows=0, cols=2)
    table.autofit = False
    _borders(table, visible={"bottom", "insideH"})  # the heading above is the top edge
    _flush(table)
    for label, value in rows:
        label_cell, value_cell = table.add_row().cells
        label_paragraph = label_cell.paragraphs[0]
        label_run = label_paragraph.add_run(label)
        label_run.bold = True
        label_run.font.color.rgb = MUTED
        value_paragraph = value_cell.paragraphs[0]
        value_paragraph.add_run(value)
        for paragraph in (label_paragraph, value_paragraph):
            paragraph.paragraph_format.space_before = Pt(3)
            paragraph.paragraph_format.space_after = Pt(3)
    _set_width(table, 0, Cm(4.2))
    _set_width(table, 1, body_width - Cm(4.2))
    return table


def add_grid(document: Document, weights: list[float], rows: int = 1) -> Table:
    """A table with hairlines on every edge and the body's full width, split between the
    columns by `weights`: for what is filled in by hand (score grids, boxes to write in)
    and for tables of figures."""
    section = document.sections[-1]
    body_width = section.page_width - section.left_margin - section.right_margin
    table = document.add_table(rows=rows, cols=len(weights))
    table.autofit = False
    _borders(table, visible={"top", "left", "bottom", "right", "insideH", "insideV"})
    for column, weight in enumerate(weights):
        _set_width(table, column, int(body_width * weight / sum(weights)))
    return table


# --- sanitised HTML -----------------------------------------------------------------------

class _HtmlWriter(HTMLParser):
    """Writes the sanitised subset (p, br, ul, ol, li, strong, b, em, i, h3, h4, a) as
    paragraphs. Anything else is ignored but its text kept: losing words is worse than
    losing a tag."""

    HEADINGS = {"h3": "Heading 2", "h4": "Heading 3"}

    def __init__(self, document: Document) -> None:
        super().__init__(convert_charrefs=True)
        self.document = document
        self.paragraph: Paragraph | None = None
        self.lists: list[tuple[str, str | None]] = []  # (tag, numId of a restarted list)
        self.bold = 0
        self.italic = 0
        self.href: str | None = None
        self.hyperlink = None
        self.link_text: list[str] = []

    # paragraphs

    def _open(self, style: str) -> Paragraph:
        self._close()
        self.paragraph = self.document.add_paragraph(style=style)
        if style.startswith("List Number") and self.lists and self.lists[-1][1]:
            numpr = self.paragraph._p.get_or_add_pPr().get_or_add_numPr()
            numpr.get_or_add_ilvl().val = 0
            numpr.get_or_add_numId().val = int(self.lists[-1][1])
        return self.paragraph

    def _close(self) -> None:
        self._end_link()
        paragraph, self.paragraph = self.paragraph, None
        if paragraph is None:
            return
        runs = paragraph.runs
        if runs and runs[-1].text.endswith(" "):
            runs[-1].text = runs[-1].text.rstrip(" ")
        if not paragraph.text.strip() and not paragraph._p.xpath(".//w:br|.//w:hyperlink"):
            paragraph._p.getparent().remove(paragraph._p)  # an empty <p></p> or stray blank

    def _list_style(self, kind: str) -> str:
        depth = min(len(self.lists), 3)
        base = "List Bullet" if kind == "ul" else "List Number"
        return base if depth <= 1 else f"{base} {depth}"

    def _continue_style(self) -> str:
        depth = min(len(self.lists), 3)
        return "List Continue" if depth <= 1 else f"List Continue {depth}"

    def _restart_numbering(self, style_name: str) -> str:
        """A fresh w:num for this <ol>: without it every numbered list in the document
        would carry on counting from the previous one (python-docx issue #25)."""
        num_id = self.document.styles[style_name].element.pPr.numPr.numId.val
        numbering = self.document.part.numbering_part.element
        abstract_id = numbering.num_having_numId(num_id).abstractNumId.val
        num = numbering.add_num(abstract_id)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return str(num.numId)

    # inline text

    def _text_paragraph(self) -> Paragraph:
        if self.paragraph is None:
            # text outside any <p> (or after a nested list) still gets its own paragraph
            self._open(self._continue_style() if self.lists else "Normal")
        return self.paragraph

    def _add_run(self, text: str) -> None:
        paragraph = self._text_paragraph()
        if not paragraph.text or paragraph.text.endswith((" ", "\n")):
            text = text.lstrip(" ")  # HTML collapses white space; so do we
        if not text:
            return
        if self.href is not None and self.hyperlink is None and self.href.startswith(
                LINK_SCHEMES):
            part = self.document.part
            rel_id = part.relate_to(self.href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
            self.hyperlink = OxmlElement("w:hyperlink")
            self.hyperlink.set(qn("r:id"), rel_id)
            paragraph._p.append(self.hyperlink)
        run = paragraph.add_run(text, style="Hyperlink" if self.hyperlink is not None else None)
        self._format(run)
        if self.hyperlink is not None:
            self.hyperlink.append(run._r)
        if self.href is not None:
            self.link_text.append(text)

    def _end_link(self) -> None:
        """On paper a link is only its words, so add the address unless it is the words."""
        href, text = self.href, "".join(self.link_text).strip()
        self.href, self.hyperlink, self.link_text = None, None, []
        if not href or self.paragraph is None:
            return
        shown = href.removeprefix("mailto:").removeprefix("tel:")
        bare = shown.removeprefix("https://").removeprefix("http://").rstrip("/")
        if text and text.rstrip("/") not in {shown.rstrip("/"), bare}:
            self._format(self.paragraph.add_run(f" ({shown})"))

    def _format(self, run: Run) -> None:
        if self.bold:
            run.bold = True
        if self.italic:
            run.italic = True

    # parser callbacks

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "p":
            if self.lists:  # a <p> inside an <li>: keep the item's words in the list
                if self.paragraph is None or self.paragraph.text.strip():
                    self._open(self._continue_style())
            else:
                self._open("Normal")
        elif tag in self.HEADINGS:
            self._open(self.HEADINGS[tag])
        elif tag in {"ul", "ol"}:
            self._close()
            self.lists.append((tag, None))
            if tag == "ol":
                self.lists[-1] = (tag, self._restart_numbering(self._list_style("ol")))
        elif tag == "li":
            # a stray <li> outside any list is still a bullet
            self._open(self._list_style(self.lists[-1][0]) if self.lists else "List Bullet")
        elif tag == "br":
            if self.paragraph is not None and self.paragraph.text:
                self.paragraph.add_run().add_break()
        elif tag in {"strong", "b"}:
            self.bold += 1
        elif tag in {"em", "i"}:
            self.italic += 1
        elif tag == "a":
            self._end_link()
            self.href = (dict(attrs).get("href") or "").strip() or None

    def handle_endtag(self, tag: str) -> None:
        if tag in {"p", "li", *self.HEADINGS}:
            self._close()
        elif tag in {"ul", "ol"}:
            self._close()
            if self.lists:
                self.lists.pop()
        elif tag in {"strong", "b"}:
            self.bold = max(0, self.bold - 1)
        elif tag in {"em", "i"}:
            self.italic = max(0, self.italic - 1)
        elif tag == "a":
            self._end_link()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)  # <br/>: nothing to end

    def handle_data(self, data: str) -> None:
        words = " ".join(data.split())
        if not words and self.paragraph is None:
            return  # layout white space between blocks
        # HTML's rule: any run of white space is one space, and it still separates words
        before = " " if data[:1].isspace() else ""
        after = " " if data[-1:].isspace() and words else ""
        self._add_run(before + words + after)

    def close(self) -> None:
        super().close()
        self._close()


def add_html(document: Document, html: str) -> None:
    """Append sanitised section HTML (jobs.sanitize) as styled paragraphs: <ul>/<ol> become
    List Bullet/List Number (nested up to three levels), <h3>/<h4> Heading 2/3, links real
    hyperlinks followed by their address in brackets so the printed page keeps it."""
    _ensure_link_style(document)
    writer = _HtmlWriter(document)
    writer.feed(html or "")
    writer.close()


def to_bytes(document: Document) -> bytes:
    """The .docx file's bytes, for a FileField or an HTTP response."""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

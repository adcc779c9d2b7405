"""A small PDF document builder for Rahai's printed documents (committee minutes, the annual
statistics report): A4 pages, a header with the document's title and an optional CONFIDENTIAL
marking, a footer with page numbers, headings, paragraphs, label/value facts, bullet lists,
simple tables and SVG charts.

English and Urdu mix freely: Latin text is set in Noto Sans and Arabic-script text falls back
to Noto Naskh Arabic (both vendored in ``rahai/core/fonts``, see
``docs/decisions/0001-pdf-with-fpdf2.md``); HarfBuzz shapes it (joining forms) and the bidi
algorithm lays out right-to-left runs. A document in a right-to-left language (Urdu) is laid
out from the right: headings, labels and table columns. Texts people wrote (names, minutes)
take their direction from their first letter, like ``dir="auto"`` on a web page, so Urdu
minutes read right to left in an English document and English ones left to right in an Urdu
document; the document's own sentences (``auto=False``) follow the document's language.

    with translation.override("ur"):
        doc = PdfDocument(title="...", confidential=True)
        doc.heading("...")
        doc.table(["...", "..."], [["...", "..."]], widths=[2, 1])
        content = doc.output()  # bytes, starting with %PDF
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from django.utils import timezone, translation
from django.utils.translation import gettext
from fpdf import FPDF
from fpdf.enums import Align, TableBordersLayout, TextDirection
from fpdf.fonts import FontFace
from fpdf.line_break import TextLine

FONT_DIR = Path(__file__).resolve().parent / "fonts"
LATIN = "notosans"
ARABIC = "notonaskh"
FONT_FILES = {
    (LATIN, ""): "NotoSans-Regular.ttf",
    (LATIN, "B"): "NotoSans-Bold.ttf",
    (ARABIC, ""): "NotoNaskhArabic-Regular.ttf",
    (ARABIC, "B"): "NotoNaskhArabic-Bold.ttf",
}
MARGIN = 18  # mm, left and right
TOP = 22  # mm, below the header
BOTTOM = 20  # mm, above the footer
BODY_SIZE = 10
HEADING_SIZES = {0: 17, 1: 13, 2: 11}
TEXT = (20, 20, 20)
MUTED = (100, 100, 100)
RED = (170, 0, 0)
RULE = (190, 190, 190)
# Control characters other than newline and tab break the layout; drop them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _has_strong_ltr(text: str) -> bool:
    return any(unicodedata.bidirectional(char) == "L" for char in text)


def _ordered_fragments(line: TextLine) -> list:
    """fpdf2's visual order of a line's fragments, with numbers kept inside right-to-left text
    in a left-to-right paragraph.

    fpdf2 splits a line into runs by direction and loses the bidi embedding levels: in an
    English paragraph quoting Urdu, "کہ 15 دن" is three runs (Urdu, the number at the higher
    level the bidi algorithm gives it, Urdu), and reversing only the Urdu runs moves the
    number out of place. Here a run of digits (with no Latin letter) that follows
    right-to-left text joins that text's run, which is then reversed as one, as rule L2 does.
    """
    fragments = line.fragments
    if not fragments:
        return []
    first = fragments[0]
    rtl_paragraph = first.paragraph_direction == TextDirection.RTL or (
        not first.paragraph_direction and first.fragment_direction == TextDirection.RTL
    )
    runs: list[tuple[TextDirection, list]] = []
    for fragment in fragments:
        direction = fragment.fragment_direction
        text = fragment.string
        if (
            not rtl_paragraph
            and direction != TextDirection.RTL
            and runs
            and runs[-1][0] == TextDirection.RTL
            and any(char.isdigit() for char in text)
            and not _has_strong_ltr(text)
        ):
            direction = TextDirection.RTL
        if runs and runs[-1][0] == direction:
            runs[-1][1].append(fragment)
        else:
            runs.append((direction, [fragment]))
    if rtl_paragraph:
        runs.reverse()
    ordered: list = []
    for direction, run in runs:
        ordered += run[::-1] if direction == TextDirection.RTL else run
    return ordered


TextLine.get_ordered_fragments = _ordered_fragments


class _Canvas(FPDF):
    """FPDF with the document's header and footer on every page."""

    def __init__(self, document: PdfDocument) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.document = document

    def header(self) -> None:
        self.document._draw_header()

    def footer(self) -> None:
        self.document._draw_footer()


class PdfDocument:
    def __init__(
        self,
        *,
        title: str,
        subtitle: str = "",
        language: str | None = None,
        confidential: bool = False,
        author: str = "Rahai",
    ) -> None:
        self.language = language or translation.get_language() or "en"
        self.title = title
        self.confidential = confidential
        with translation.override(self.language):
            self.rtl = translation.get_language_bidi()
            self._page_label = gettext("Page %(page)s of %(pages)s")
            self._confidential_label = gettext("CONFIDENTIAL")
            self._generated_label = gettext("Made with Rahai on %(date)s") % {
                "date": timezone.localtime().strftime("%Y-%m-%d %H:%M")
            }
        self.direction = TextDirection.RTL if self.rtl else TextDirection.LTR
        self.align = Align.R if self.rtl else Align.L
        pdf = self.pdf = _Canvas(self)
        pdf.set_margins(MARGIN, TOP, MARGIN)
        pdf.set_auto_page_break(True, margin=BOTTOM)
        for (family, style), filename in FONT_FILES.items():
            pdf.add_font(family, style, str(FONT_DIR / filename))
        pdf.set_fallback_fonts([ARABIC], exact_match=False)
        pdf.set_text_shaping(True, direction=self.direction)
        self._covered = set(pdf.fonts[LATIN].cmap) | set(pdf.fonts[ARABIC].cmap)
        pdf.set_title(self.clean(title))
        pdf.set_author(author)
        pdf.set_creator("Rahai")
        pdf.set_lang(self.language)
        pdf.set_text_color(*TEXT)
        pdf.add_page()
        self.heading(title, level=0)
        if subtitle:
            self.paragraph(subtitle, muted=True, size=11, auto=False)
        self.spacer(2)

    # --- text ------------------------------------------------------------------------------

    def clean(self, text) -> str:
        """The text with characters neither font can draw replaced by '?'."""
        text = _CONTROL.sub("", str(text if text is not None else "")).replace("\t", " ")
        return "".join(
            char if char in "\n " or ord(char) in self._covered else "?" for char in text
        )

    def _font(self, *, bold: bool = False, size: float = BODY_SIZE) -> None:
        self.pdf.set_font(LATIN, "B" if bold else "", size)

    def direction_of(self, text: str) -> TextDirection:
        """The direction of the text's first letter (the document's if it has none)."""
        for char in text:
            kind = unicodedata.bidirectional(char)
            if kind in ("R", "AL"):
                return TextDirection.RTL
            if kind == "L":
                return TextDirection.LTR
        return self.direction

    def _block(self, text: str, *, size: float, auto: bool) -> None:
        direction = self.direction_of(text) if auto else self.direction
        self.pdf.text_shaping["direction"] = direction
        align = Align.R if direction == TextDirection.RTL else Align.L
        self.pdf.multi_cell(0, size * 0.6, text, align=align, new_x="LMARGIN", new_y="NEXT")
        self.pdf.text_shaping["direction"] = self.direction

    def heading(self, text: str, *, level: int = 1, auto: bool = True) -> None:
        size = HEADING_SIZES.get(level, HEADING_SIZES[2])
        pdf = self.pdf
        if level > 0:
            pdf.ln(3)
            # Keep a heading with the first lines that follow it.
            if pdf.get_y() > pdf.h - BOTTOM - 25:
                pdf.add_page()
        self._font(bold=True, size=size)
        self._block(self.clean(text), size=size, auto=auto)
        pdf.ln(1.5)

    def paragraph(
        self,
        text: str,
        *,
        bold: bool = False,
        muted: bool = False,
        size: float = BODY_SIZE,
        auto: bool = True,
    ) -> None:
        """A paragraph; blank lines in ``text`` start new paragraphs, each with its own
        direction (``auto=False``: the document's, for the document's own sentences)."""
        pdf = self.pdf
        self._font(bold=bold, size=size)
        if muted:
            pdf.set_text_color(*MUTED)
        for block in re.split(r"\n\s*\n", self.clean(text).strip()):
            self._block(block, size=size, auto=auto)
            pdf.ln(1.5)
        pdf.set_text_color(*TEXT)

    def bullets(self, items: Sequence[str], *, numbered: bool = False) -> None:
        for index, item in enumerate(items, 1):
            marker = f"{index}." if numbered else "•"
            self.paragraph(f"{marker} {item}")

    def spacer(self, height: float = 4) -> None:
        self.pdf.ln(height)

    # --- tables ----------------------------------------------------------------------------

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        widths: Sequence[float] | None = None,
        size: float = 9,
    ) -> None:
        """A table with a heading row (repeated on each page). ``widths`` are relative."""
        widths = list(widths or [1] * len(headers))
        order = (lambda cells: list(reversed(list(cells)))) if self.rtl else list
        pdf = self.pdf
        self._font(size=size)
        pdf.set_draw_color(*RULE)
        pdf.text_shaping["direction"] = None  # each cell takes the direction of its text
        with pdf.table(
            col_widths=order(widths),
            text_align=self.align,
            borders_layout=TableBordersLayout.HORIZONTAL_LINES,
            headings_style=FontFace(emphasis="BOLD", fill_color=(238, 238, 238)),
            line_height=size * 0.55,
            padding=1.5,
            width=pdf.epw,
        ) as table:
            for cells in [headers, *rows]:
                row = table.row()
                for cell in order(cells):
                    row.cell(self.clean(cell))
        pdf.text_shaping["direction"] = self.direction
        pdf.set_draw_color(0, 0, 0)
        pdf.ln(3)

    def facts(self, pairs: Sequence[tuple[str, str]], *, size: float = BODY_SIZE) -> None:
        """Label and value pairs, like the facts on a web page."""
        order = (lambda cells: list(reversed(list(cells)))) if self.rtl else list
        pdf = self.pdf
        self._font(size=size)
        pdf.text_shaping["direction"] = None  # each cell takes the direction of its text
        with pdf.table(
            col_widths=order([1, 3]),
            text_align=self.align,
            borders_layout=TableBordersLayout.NONE,
            first_row_as_headings=False,
            line_height=size * 0.55,
            padding=0.8,
            width=pdf.epw,
        ) as table:
            for label, value in pairs:
                row = table.row()
                cells = [(label, FontFace(emphasis="BOLD", color=MUTED)), (value, None)]
                for text, style in order(cells):
                    row.cell(self.clean(text), style=style)
        pdf.text_shaping["direction"] = self.direction
        pdf.ln(2)

    # --- images ----------------------------------------------------------------------------

    def svg(self, svg: str, *, width: float = 170, caption: str = "") -> None:
        """An SVG drawing (e.g. a chart that a page also shows), centred, ``width`` in mm."""
        self.pdf.image(io.BytesIO(svg.encode("utf-8")), x=Align.C, w=min(width, self.pdf.epw))
        if caption:
            self.paragraph(caption, muted=True, size=8.5, auto=False)
        else:
            self.spacer(2)

    # --- header and footer -----------------------------------------------------------------

    def _draw_header(self) -> None:
        pdf = self.pdf
        pdf.set_y(8)
        self._font(size=8)
        pdf.set_text_color(*MUTED)
        title_align, mark_align = (Align.R, Align.L) if self.rtl else (Align.L, Align.R)
        width = pdf.epw * (0.7 if self.confidential else 1)
        pdf.set_x(pdf.w - MARGIN - width if self.rtl else MARGIN)
        pdf.cell(width, 5, self.clean(self.title)[:120], align=title_align)
        if self.confidential:
            self._font(bold=True, size=8)
            pdf.set_text_color(*RED)
            pdf.set_x(MARGIN if self.rtl else pdf.w - MARGIN - pdf.epw * 0.3)
            pdf.cell(pdf.epw * 0.3, 5, self._confidential_label, align=mark_align)
        pdf.set_draw_color(*RULE)
        pdf.line(MARGIN, 14, pdf.w - MARGIN, 14)
        pdf.set_draw_color(0, 0, 0)
        pdf.set_text_color(*TEXT)
        pdf.set_y(TOP)

    def _draw_footer(self) -> None:
        pdf = self.pdf
        pdf.set_y(-14)
        self._font(size=8)
        pdf.set_text_color(*MUTED)
        page = self._page_label % {"page": pdf.page_no(), "pages": pdf.str_alias_nb_pages}
        half = pdf.epw / 2
        first, second = (page, self._generated_label)
        if self.rtl:
            pdf.set_x(pdf.w - MARGIN - half)
            pdf.cell(half, 5, first, align=Align.R)
            pdf.set_x(MARGIN)
            pdf.cell(half, 5, second, align=Align.L)
        else:
            pdf.set_x(MARGIN)
            pdf.cell(half, 5, first, align=Align.L)
            pdf.cell(half, 5, second, align=Align.R)
        if self.confidential:
            pdf.set_y(-9)
            self._font(bold=True, size=7)
            pdf.set_text_color(*RED)
            pdf.cell(0, 4, self._confidential_label, align=Align.C)
        pdf.set_text_color(*TEXT)

    # --- output ----------------------------------------------------------------------------

    def output(self) -> bytes:
        return bytes(self.pdf.output())

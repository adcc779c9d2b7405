"""The report's charts in the PDF: Urdu labels drawn as shaped glyph outlines (fpdf2 does not
shape SVG text), Latin labels and numbers kept as text, the HTML's charts untouched."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from rahai.core.pdf import PdfDocument
from rahai.core.svgtext import ARABIC_SCRIPT
from rahai.insights.charts import Flow, bar_chart, heatmap, sankey
from rahai.reports.output import pdf_svg

TEXTS = re.compile(r"<text\b[^>]*>([^<]*)</text>")


def drawn_texts(svg: str) -> list[str]:
    return TEXTS.findall(svg)


def test_urdu_bar_labels_become_outlines_and_latin_labels_and_numbers_stay_text():
    chart = bar_chart([("پنجاب", 12), ("خیبر پختونخوا (KP)", 7), ("Sindh", 3)], title="صوبے")
    svg = pdf_svg(str(chart))
    assert not any(ARABIC_SCRIPT.search(text) for text in drawn_texts(svg))
    assert "Sindh" in drawn_texts(svg) and "12" in drawn_texts(svg)
    assert svg.count("<g ") >= 2 and "<path transform=" in svg


def test_the_chart_itself_is_unchanged_for_the_html_report():
    chart = str(bar_chart([("پنجاب", 12)], title="صوبے"))
    assert re.search(r"<text [^>]*>پنجاب<title>", chart)  # as the HTML report shows it
    assert "پنجاب" not in pdf_svg(chart)


def test_rotated_urdu_heatmap_columns_keep_their_rotation():
    chart = heatmap(["Lahore"], ["پنجاب", "سندھ"], [[3, 9]], title="Heat map")
    svg = pdf_svg(str(chart))
    assert not any(ARABIC_SCRIPT.search(text) for text in drawn_texts(svg))
    assert (
        len(re.findall(r'<g fill="#1f2933" transform="translate\([^)]*\) rotate\(-50\)', svg)) == 2
    )


def test_bold_urdu_sankey_titles_and_labels_are_outlines():
    chart = sankey(
        ["آغاز", "راستہ", "منزل"],
        [Flow((0, "پنجاب"), (1, "ایران"), 10), Flow((1, "ایران"), (2, "ترکی"), 10)],
        title="راستے",
    )
    svg = pdf_svg(str(chart))
    assert not any(ARABIC_SCRIPT.search(text) for text in drawn_texts(svg))


def test_a_pdf_with_an_urdu_chart_draws_its_labels_as_outlines_not_unshaped_text():
    chart = bar_chart([("پنجاب", 12), ("Sindh", 3)], title="صوبے")
    doc = PdfDocument(title="Charts", language="en")
    doc.svg(pdf_svg(str(chart)), width=165)
    content = doc.output()
    text = PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert "Sindh" in text
    assert not ARABIC_SCRIPT.search(text)


def test_a_heatmap_with_shaded_cells_can_be_drawn_in_a_pdf():
    chart = heatmap(["Lahore", "Multan"], ["2024", "2025"], [[3, 9], [0, 12]], title="Heat map")
    svg = pdf_svg(str(chart))
    assert "rgba(" not in svg and 'fill-opacity="' in svg
    doc = PdfDocument(title="Charts", language="en")
    doc.svg(svg, width=165)
    assert doc.output().startswith(b"%PDF")

"""The PDF document builder: A4 pages with a header and numbered footer, an optional
CONFIDENTIAL marking, headings, paragraphs, facts, tables and SVG, in English and Urdu."""

import io

from django.utils import translation
from pypdf import PdfReader

from rahai.core.pdf import PdfDocument

CHART = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">'
    '<rect x="10" y="20" width="40" height="70" fill="#369"/>'
    '<rect x="60" y="50" width="40" height="40" fill="#c63"/></svg>'
)


def _pages(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def test_a_document_is_a4_with_title_page_numbers_and_no_marking_unless_asked():
    doc = PdfDocument(title="Annual statistics 2026", language="en")
    doc.heading("Cases by province")
    doc.paragraph("First paragraph.\n\nSecond paragraph.")
    content = doc.output()
    assert content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    assert reader.metadata.title == "Annual statistics 2026"
    text = reader.pages[0].extract_text()
    assert "Cases by province" in text and "Second paragraph." in text
    assert "Page 1 of 1" in text and "CONFIDENTIAL" not in text


def test_long_documents_number_every_page_and_repeat_the_marking_and_table_headings():
    doc = PdfDocument(title="Minutes", language="en", confidential=True)
    doc.facts([("Venue", "DC Office"), ("Chair", "Deputy Commissioner")])
    doc.table(
        ["Action", "Owner", "Due"],
        [[f"Action {n}", "Labour Department", "2026-04-01"] for n in range(80)],
        widths=[3, 2, 1],
    )
    doc.svg(CHART, width=80, caption="Figure 1: cases by month")
    pages = _pages(doc.output())
    assert len(pages) >= 2
    for number, text in enumerate(pages, 1):
        assert f"Page {number} of {len(pages)}" in text
        assert text.count("CONFIDENTIAL") >= 1
        assert "Action Owner Due" in text  # the heading row on every page
    assert "Action 79" in pages[-1] and "Figure 1: cases by month" in pages[-1]


def test_urdu_text_is_shaped_with_the_naskh_font_and_runs_right_to_left():
    doc = PdfDocument(title="ضلعی ویجیلنس کمیٹی", language="ur")
    doc.paragraph("محکمہ محنت کو ہدایت کی گئی کہ 15 دن میں رپورٹ دے۔")
    content = doc.output()
    assert b"NotoNaskhArabic" in content  # embedded (subset) for the Urdu glyphs
    text = _pages(content)[0]
    # Text is extracted in visual order: right-to-left words come out last word first.
    assert "دے۔ رپورٹ میں دن 15 کہ گئی کی ہدایت کو محنت محکمہ" in text


def test_urdu_quoted_in_an_english_paragraph_keeps_its_numbers_in_place():
    doc = PdfDocument(title="Minutes", language="en")
    doc.paragraph("Decided: محکمہ محنت کو ہدایت کی گئی کہ 15 دن میں رپورٹ دے۔")
    text = _pages(doc.output())[0]
    assert "Decided: دے۔ رپورٹ میں دن 15 کہ گئی کی ہدایت کو محنت محکمہ" in text


def test_the_document_follows_the_active_language_and_translates_its_own_labels():
    with translation.override("ur"):
        doc = PdfDocument(title="Report")
    assert doc.language == "ur" and doc.rtl
    english = PdfDocument(title="Report", language="en")
    assert not english.rtl


def test_characters_no_font_can_draw_are_replaced_not_dropped_silently():
    doc = PdfDocument(title="Minutes", language="en")
    assert doc.clean("OK 🙂\x07 done") == "OK ? done"

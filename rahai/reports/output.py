"""Writing the annual report: ``report.html``, ``report.pdf``, ``tables/*.csv`` and
``tables.zip``, all or nothing.

Everything is written into a temporary directory beside the target and renamed into place at
the end, so a failure never leaves a partial report behind (as ``rahai.opendata.output``).
The HTML is one standalone file: inline CSS and SVG, no script, no external asset.
"""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rahai.core.outdir import atomic_output_dir
from rahai.core.pdf import ARABIC, LATIN, PdfDocument
from rahai.core.svgtext import ARABIC_SCRIPT, arabic_text_as_paths
from rahai.reports.annual import AnnualReport

REPORT_HTML = "report.html"
REPORT_PDF = "report.pdf"
TABLES = "tables"
TABLES_ZIP = "tables.zip"
SUPPRESSED_FILL = "#c8ced6"
_UNDRAWN = re.compile(r"<(title|desc|pattern)\b[^>]*>.*?</\1>", re.DOTALL)
_TEXT = re.compile(r"<text [^>]*>([^<]*)</text>")
_HATCH_FILL = re.compile(r'fill="url\(#hatch-\d+\)"')
_RGBA_FILL = re.compile(r'fill="rgba\((\d+),(\d+),(\d+),([\d.]+)\)"')


class ReportExists(FileExistsError):
    pass


def report_html(report: AnnualReport) -> str:
    with translation.override(report.language):
        return render_to_string(
            "reports/annual.html",
            {
                "report": report,
                "generated": timezone.localtime(report.generated_at).strftime("%Y-%m-%d %H:%M"),
            },
        )


def _for_pdf(text: str) -> str:
    """The route arrow is in neither of the PDF's fonts: a single guillemet stands in."""
    return text.replace("\u2192", "\u203a")


def pdf_svg(svg: str) -> str:
    """A chart as fpdf2 can draw it: Urdu labels as shaped glyph outlines (fpdf2 does not
    shape SVG text), the PDF's font instead of ``inherit``, and a flat grey instead of the
    hatch pattern it cannot fill (a suppressed bar keeps its "<5" label and its drawing at
    the threshold, so its size still never shows)."""
    svg = _for_pdf(svg.replace('font-family="inherit"', f'font-family="{LATIN}"'))
    svg = _UNDRAWN.sub("", svg)  # tooltips, descriptions, the pattern: not drawn in a PDF
    svg = arabic_text_as_paths(svg)
    # A label in a form svgtext leaves as text: fpdf2 draws SVG text in one font without
    # fallback, so it takes the Naskh font (unshaped, but legible letters).
    svg = _TEXT.sub(
        lambda m: (
            m.group(0).replace("<text ", f'<text font-family="{ARABIC}" ', 1)
            if ARABIC_SCRIPT.search(m.group(1))
            else m.group(0)
        ),
        svg,
    )
    # fpdf2 does not read rgba() colours (the heatmap's shades): an opacity of its own instead.
    svg = _RGBA_FILL.sub(r'fill="rgb(\1,\2,\3)" fill-opacity="\4"', svg)
    return _HATCH_FILL.sub(f'fill="{SUPPRESSED_FILL}"', svg)


def report_pdf(report: AnnualReport) -> bytes:
    with translation.override(report.language):
        doc = PdfDocument(title=report.title, subtitle=report.subtitle, language=report.language)
        doc.paragraph(report.freshness.sentence(), muted=True, size=9, auto=False)
        for section in report.sections:
            doc.heading(section.title, auto=False)
            doc.paragraph(section.explanation, auto=False)
            doc.svg(pdf_svg(str(section.chart)), width=165)
            table = section.table
            widths = [3 if i < table.label_columns else 1.2 for i in range(len(table.columns))]
            doc.table(
                [str(c) for c in table.columns],
                [[_for_pdf(str(cell)) for cell in row] for row in table.rows]
                or [[_("No data")] + [""] * (len(table.columns) - 1)],
                widths=widths,
            )
        doc.heading(_("Definitions and counting rules"), auto=False)
        for text in report.definitions:
            doc.paragraph(text, size=9, auto=False)
        return doc.output()


def csv_name(slug: str) -> str:
    return f"{slug}.csv"


def write_report(
    report: AnnualReport,
    out_dir: str | os.PathLike,
    *,
    overwrite: bool = False,
    progress=None,
) -> Path:
    """Write the report into ``out_dir`` atomically; refuse a non-empty directory unless
    ``overwrite``."""
    with atomic_output_dir(out_dir, overwrite=overwrite, private=True, error=ReportExists) as tmp:
        (tmp / TABLES).mkdir()
        for section in report.sections:
            # A byte-order mark, so that spreadsheet programs read Urdu labels as UTF-8.
            (tmp / TABLES / csv_name(section.slug)).write_text(
                "\ufeff" + section.table.csv(), encoding="utf-8"
            )
        with zipfile.ZipFile(tmp / TABLES_ZIP, "w", zipfile.ZIP_DEFLATED) as archive:
            for section in report.sections:
                name = csv_name(section.slug)
                archive.write(tmp / TABLES / name, f"{TABLES}/{name}")
        if progress:
            progress(85, "html")
        (tmp / REPORT_HTML).write_text(report_html(report), encoding="utf-8")
        if progress:
            progress(90, "pdf")
        (tmp / REPORT_PDF).write_bytes(report_pdf(report))
    return Path(out_dir).resolve()

"""`rahai report annual`: report.html, report.pdf and the tables as CSV, written all or
nothing; small cells are "<5" in every file; no personal data or case reference anywhere."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from rahai.cases.models import Case
from rahai.core.svgtext import ARABIC_SCRIPT
from rahai.insights import fill
from rahai.people.models import Person
from rahai.reports import output

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("report", "annual", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_it_writes_html_pdf_and_csv_tables(world, tmp_path):
    fill.fill(rebuild=True)
    out = tmp_path / "annual"
    message = run("--year", "2026", "--out", str(out))
    assert "report.html" in message
    assert (out / "report.pdf").read_bytes().startswith(b"%PDF")
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and '<html lang="en" dir="ltr">' in html
    assert "<svg" in html and "<script" not in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    names = {path.name for path in (out / "tables").iterdir()}
    assert {"totals.csv", "exploitation.csv", "gender.csv", "age.csv", "nationality.csv"} <= names
    assert {"case-types.csv", "provinces.csv", "hotline-channels.csv", "services.csv"} <= names
    assert {"root-causes.csv", "routes.csv", "destinations.csv"} <= names
    assert (out / "tables.zip").is_file()


def test_small_cells_are_below_the_threshold_in_html_pdf_and_csv(world, tmp_path):
    fill.fill(rebuild=True)
    out = tmp_path / "annual"
    run("--year", "2026", "--out", str(out))
    html = (out / "report.html").read_text(encoding="utf-8")
    assert '<td class="n">&lt;5</td>' in html
    rows = list(csv.reader(io.StringIO((out / "tables" / "totals.csv").read_text("utf-8-sig"))))
    assert ["Victims identified", "<5"] in rows and ["Cases opened", "<5"] in rows
    text = pdf_text(out / "report.pdf")
    assert "Victims identified <5" in text or "Victims identified\n<5" in text


def test_the_files_hold_no_personal_data_or_case_references(generated, tmp_path):
    fill.fill(rebuild=True)
    out = tmp_path / "annual"
    run("--year", "2025", "--out", str(out))
    texts = [(out / "report.html").read_text("utf-8"), pdf_text(out / "report.pdf")]
    texts += [path.read_text("utf-8-sig") for path in (out / "tables").iterdir()]
    forbidden = ["Muhammad Imran", "محمد عمران", "35202", "1234567", "Abdul Ghafoor", "Zarghuna"]
    forbidden += ["Testwali", "TS-TST-"]
    forbidden += list(Case.objects.values_list("reference", flat=True))
    forbidden += [p.given_name for p in Person.objects.all()[:20]]
    for text in texts:
        for word in forbidden:
            assert word not in text


def test_urdu_is_right_to_left(world, tmp_path):
    fill.fill(rebuild=True)
    out = tmp_path / "ur"
    run("--year", "2026", "--out", str(out), "--language", "ur")
    html = (out / "report.html").read_text("utf-8")
    assert '<html lang="ur" dir="rtl">' in html
    assert ARABIC_SCRIPT.search("".join(re.findall(r"<text [^>]*>([^<]*)", html)))  # browsers shape
    assert (out / "report.pdf").read_bytes().startswith(b"%PDF")


def test_it_says_when_the_counts_were_never_filled_and_fills_with_the_flag(world, tmp_path):
    out = tmp_path / "annual"
    with pytest.raises(CommandError, match="rahai insights fill"):
        run("--year", "2026", "--out", str(out))
    assert not out.exists()
    run("--year", "2026", "--out", str(out), "--fill")
    assert (out / "report.html").is_file()


def test_it_refuses_a_directory_that_is_not_empty(world, tmp_path):
    fill.fill(rebuild=True)
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(CommandError, match="not empty"):
        run("--year", "2026", "--out", str(tmp_path))
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_a_failure_leaves_nothing_partial(world, tmp_path, monkeypatch):
    fill.fill(rebuild=True)

    def broken(report):
        raise OSError("disk full")

    monkeypatch.setattr(output, "report_pdf", broken)
    with pytest.raises(OSError):
        run("--year", "2026", "--out", str(tmp_path / "annual"))
    assert list(tmp_path.iterdir()) == []


def test_it_says_when_the_year_has_no_figures(world, tmp_path):
    fill.fill(rebuild=True)
    err = io.StringIO()
    call_command(
        "report",
        "annual",
        "--year",
        "2019",
        "--out",
        str(tmp_path / "r"),
        stdout=io.StringIO(),
        stderr=err,
    )
    assert "no figures for 2019" in err.getvalue() and "rahai insights fill" in err.getvalue()
    assert (tmp_path / "r" / "report.pdf").is_file()

"""The release's HTML report, written in the active language, lists its years with that
language's comma: "2024, 2025" in English, "2024، 2025" in Urdu."""

from django.template.loader import render_to_string
from django.utils import translation


def _report() -> str:
    report = {"years": [2024, 2025], "generated_at": "2026-03-01T10:00:00+05:00"}
    return render_to_string("opendata/report.html", {"report": report, "tables": []})


def test_the_english_report_lists_the_years_with_a_comma():
    html = _report()
    assert "Rahai open data release 2024, 2025</title>" in html
    assert "Victims registered in 2024, 2025;" in html


def test_the_urdu_report_lists_the_years_with_the_urdu_comma():
    with translation.override("ur"):
        html = _report()
    assert 'dir="rtl"' in html
    assert "2024، 2025 میں درج متاثرہ افراد" in html
    assert "2024, 2025" not in html

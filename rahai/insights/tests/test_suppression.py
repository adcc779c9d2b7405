"""Small counts are shown as "<5" everywhere -- page, chart, CSV -- and the threshold is a
setting; a suppressed figure's real size is never drawn."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from rahai.insights import charts, fill
from rahai.insights.suppression import shown, shown_mean, shown_share
from rahai.insights.tables import Table
from rahai.testing import make_case

pytestmark = pytest.mark.django_db


def test_counts_below_the_threshold_are_withheld():
    assert shown(0).text == "0" and not shown(0).suppressed
    for n in (1, 2, 3, 4):
        cell = shown(n)
        assert cell.suppressed and cell.text == "<5" and cell.value is None
    assert shown(5).text == "5" and shown(12345).text == "12,345"


def test_shares_and_means_need_both_counts_shown():
    assert shown_share(3, 100).text == "<5"
    assert shown_share(50, 4).text == "<5"
    assert shown_share(25, 100).text == "25.0 %"
    assert shown_share(0, 0).text == "–"
    assert shown_mean(100, 3).suppressed
    assert shown_mean(100, 10).text == "10.0"


def test_the_threshold_is_a_setting(settings):
    settings.RAHAI_SUPPRESSION_THRESHOLD = 11
    assert shown(10).text == "<11"
    assert shown(11).text == "11"
    settings.RAHAI_SUPPRESSION_THRESHOLD = 3
    assert shown(3).text == "3" and shown(2).text == "<3"


def test_a_table_suppresses_as_it_is_built_and_its_csv_says_the_same():
    table = Table("t", "T", ["Place", "Count"], [["Lahore", 3], ["Karachi", 1234], ["Quetta", 0]])
    assert [str(row[1]) for row in table.rows] == ["<5", "1,234", "0"]
    assert table.csv().splitlines() == ["Place,Count", "Lahore,<5", "Karachi,1234", "Quetta,0"]


def _svg_texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [el.text or "" for el in root.iter() if el.tag.endswith(("text", "title"))]


@pytest.mark.parametrize(
    "draw",
    [
        lambda v: charts.bar_chart([("Lahore", v), ("Karachi", shown(40))], title="Bars"),
        lambda v: charts.line_chart(["2025", "2026"], [("Cases", [v, shown(40)])], title="Line"),
        lambda v: charts.stacked_bar_chart(
            ["2025", "2026"], [("Web", [v, shown(40)]), ("SMS", [shown(9), shown(8)])], title="S"
        ),
        lambda v: charts.heatmap(
            ["Debt"], ["Forced labour", "Begging"], [[v, shown(40)]], title="H"
        ),
        lambda v: charts.district_map(
            [
                charts.MapPoint("Lahore", 31.5, 74.3, v),
                charts.MapPoint("Karachi", 24.9, 67.0, shown(40)),
            ],
            title="Map",
        ),
        lambda v: charts.sankey(
            ["Origin", "Destination"],
            [
                charts.Flow((0, "Punjab"), (1, "Greece"), v),
                charts.Flow((0, "Sindh"), (1, "Oman"), shown(40)),
            ],
            title="Flows",
        ),
    ],
)
def test_charts_draw_a_suppressed_value_without_its_size(draw):
    three, four = draw(shown(3)), draw(shown(4))
    ET.fromstring(three)  # well-formed SVG
    assert "&lt;5" in three
    # The drawing is the same whether the hidden count is 3 or 4: nothing leaks.
    assert re.sub(r"chart-\d+|hatch-\d+", "", three) == re.sub(r"chart-\d+|hatch-\d+", "", four)
    assert not any(re.fullmatch(r"[34]", t.strip()) for t in _svg_texts(three))


def test_chart_labels_are_escaped():
    svg = charts.bar_chart([("<script>alert(1)</script>", 7)], title="<b>x</b>")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    ET.fromstring(svg)


def test_charts_with_no_data_say_so():
    for svg in (
        charts.bar_chart([], title="t", empty="Nothing"),
        charts.line_chart([], [], title="t", empty="Nothing"),
        charts.sankey(["a", "b"], [], title="t", empty="Nothing"),
        charts.heatmap([], [], [], title="t", empty="Nothing"),
    ):
        assert "Nothing" in svg
        ET.fromstring(svg)


def test_the_map_has_the_outline_of_pakistan():
    svg = charts.district_map([], title="Map")
    assert svg.count("<path") >= 3  # Pakistan and its neighbours
    ET.fromstring(svg)


def test_small_counts_show_as_less_than_five_on_the_page_and_in_the_csv(world, login):
    for _i in range(2):
        make_case(world.owner)  # three cases in March 2026 with the World's
    fill.fill()
    client = login(world.analyst)
    html = client.get(reverse("insights:overview")).content.decode()
    assert "&lt;5" in html
    assert not re.search(r'class="num">3<', html)
    body = client.get(reverse("insights:csv", args=["overview", "totals"])).content.decode()
    assert "Cases,<5" in body and "Cases,3" not in body


def test_a_lower_threshold_shows_the_count(world, login, settings):
    settings.RAHAI_SUPPRESSION_THRESHOLD = 2
    for _i in range(2):
        make_case(world.owner)
    fill.fill()
    body = login(world.analyst).get(reverse("insights:csv", args=["overview", "totals"]))
    assert "Cases,3" in body.content.decode()

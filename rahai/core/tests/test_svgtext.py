"""Arabic-script SVG text drawn as HarfBuzz-shaped glyph outlines for fpdf2, which does not
shape SVG text: joined letters, bidi order, the anchor, size, fill and transform kept; Latin
text and forms it does not understand left as they are."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
import uharfbuzz as hb
from fontTools.pens.boundsPen import BoundsPen
from fontTools.svgLib.path import parse_path

from rahai.core.pdf import ARABIC, FONT_DIR, FONT_FILES
from rahai.core.svgtext import (
    ARABIC_SCRIPT,
    arabic_text_as_paths,
    glyph_path,
    shape_line,
    vendored_face,
)

SVG = "{http://www.w3.org/2000/svg}"
PUNJAB = "پنجاب"


def chart(*elements: str, root: str = 'font-size="12"') -> str:
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 100" {root}>{"".join(elements)}</svg>'


def groups(svg: str) -> list[ET.Element]:
    return ET.fromstring(svg).findall(f"{SVG}g")


def numbers(transform: str, function: str) -> list[float]:
    found = re.findall(rf"{function}\(([^)]*)\)", transform)
    return [float(n) for n in re.split(r"[ ,]+", found[-1].strip())]


def harfbuzz_advance(text: str, size: float) -> float:
    """The word's advance straight from HarfBuzz, in the Naskh font, in user units."""
    font = hb.Font(hb.Face(hb.Blob.from_file_path(str(FONT_DIR / FONT_FILES[(ARABIC, "")]))))
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    hb.shape(font, buffer)
    return sum(p.x_advance for p in buffer.glyph_positions) * size / font.face.upem


def ink_extent(group: ET.Element) -> tuple[float, float]:
    """Leftmost and rightmost inked x of a group's glyph paths, relative to the group."""
    lefts, rights = [], []
    for path in group.findall(f"{SVG}path"):
        transform = path.get("transform")
        dx, _dy = numbers(transform, "translate")
        (scale,) = numbers(transform, "scale")
        pen = BoundsPen(None)
        parse_path(path.get("d"), pen)
        if pen.bounds:
            lefts.append(dx + pen.bounds[0] * scale)
            rights.append(dx + pen.bounds[2] * scale)
    return min(lefts), max(rights)


def test_an_urdu_label_becomes_glyph_paths_and_no_arabic_text_remains():
    svg = arabic_text_as_paths(
        chart(f'<text x="100" y="20" fill="#1f2933">{PUNJAB}</text><rect width="5" height="5"/>')
    )
    assert "<text" not in svg and not ARABIC_SCRIPT.search(svg)
    (group,) = groups(svg)
    assert group.get("fill") == "#1f2933"
    assert len(group.findall(f"{SVG}path")) == 5  # پ ن ج ا ب, each joined where it joins
    assert '<rect width="5" height="5"/>' in svg  # the rest of the drawing as it was


@pytest.mark.parametrize(("anchor", "share"), [("start", 0), ("middle", 0.5), ("end", 1)])
def test_the_paths_span_harfbuzz_advance_placed_by_the_anchor(anchor, share):
    svg = arabic_text_as_paths(
        chart(f'<text x="200" y="40" text-anchor="{anchor}" font-size="20">{PUNJAB}</text>')
    )
    (group,) = groups(svg)
    width = harfbuzz_advance(PUNJAB, 20)
    left, baseline = numbers(group.get("transform"), "translate")
    assert left == pytest.approx(200 - share * width, abs=0.01)
    assert baseline == 40
    ink_left, ink_right = ink_extent(group)
    # The ink lies within the advance (side bearings aside) and fills most of it.
    assert ink_left >= -0.5 and ink_right <= width + 0.5
    assert ink_right - ink_left > 0.8 * width


def test_a_word_is_shaped_with_joined_forms_not_isolated_letters():
    word = [g.glyph_id for g in shape_line(PUNJAB).glyphs][::-1]  # drawn right to left
    isolated = [shape_line(letter).glyphs[0].glyph_id for letter in PUNJAB]
    assert len(word) == len(isolated) == 5
    # پ initial, ن and ج medial, ا final; ب after an alef (which never joins on) stands alone.
    assert [w != i for w, i in zip(word, isolated, strict=True)] == [True, True, True, True, False]


def test_numbers_and_brackets_in_urdu_text_follow_the_bidi_algorithm():
    line = shape_line("پنجاب (12)")
    names = [g.face.font.getGlyphName(g.glyph_id) for g in line.glyphs]
    # Read right to left: the word, then "(12)" with its brackets mirrored into place.
    assert names[:5] == ["parenleft", "one", "two", "parenright", "space"]
    assert {g.face for g in line.glyphs[5:]} == {vendored_face(ARABIC)}
    assert [g.x for g in line.glyphs] == sorted(g.x for g in line.glyphs)


def test_latin_text_and_numbers_stay_text():
    svg = chart(
        '<text x="10" y="20" text-anchor="end" fill="#6b7785">Sindh</text>',
        '<text x="50" y="20">&lt;5</text><text x="90" y="20">1,234</text>',
    )
    assert arabic_text_as_paths(svg) == svg


def test_entities_are_read_as_the_characters_they_stand_for():
    (group,) = groups(arabic_text_as_paths(chart(f'<text x="0" y="20">{PUNJAB} &lt;5</text>')))
    assert len(group.findall(f"{SVG}path")) == 7  # five letters, "<" mirrored, "5"


def test_a_rotated_label_keeps_its_transform():
    svg = arabic_text_as_paths(
        chart(f'<text transform="translate(71.0,104) rotate(-50)" fill="#000">{PUNJAB}</text>')
    )
    (group,) = groups(svg)
    assert group.get("transform") == "translate(71.0,104) rotate(-50) translate(0,0)"


def test_the_font_size_comes_from_the_text_or_what_it_is_in():
    def scales(svg: str) -> list[float]:
        """The glyph scale of each drawn label, in document order."""
        drawn = ET.fromstring(arabic_text_as_paths(svg)).iter(f"{SVG}g")
        paths = [g.find(f"{SVG}path") for g in drawn]
        return [numbers(p.get("transform"), "scale")[0] for p in paths if p is not None]

    assert scales(chart(f'<text font-size="10">{PUNJAB}</text>')) == [0.010]
    assert scales(chart(f'<text font-size="10px">{PUNJAB}</text>')) == [0.010]
    assert scales(chart(f"<text>{PUNJAB}</text>")) == [0.012]
    assert scales(chart(f"<text>{PUNJAB}</text>", root="")) == [0.016]
    nested = f'<g style="font-size:14px"><text>{PUNJAB}</text></g><text>{PUNJAB}</text>'
    assert scales(chart(nested)) == [0.014, 0.012]


def test_a_bold_label_is_drawn_in_the_bold_font():
    regular = groups(arabic_text_as_paths(chart(f"<text>{PUNJAB}</text>")))[0]
    bold = groups(arabic_text_as_paths(chart(f'<text font-weight="bold">{PUNJAB}</text>')))[0]
    outlines = [[p.get("d") for p in g.findall(f"{SVG}path")] for g in (regular, bold)]
    assert outlines[0] != outlines[1]


@pytest.mark.parametrize(
    "element",
    [
        f'<text x="0" y="20"><tspan>{PUNJAB}</tspan></text>',
        f'<text x="0" y="20" dx="3">{PUNJAB}</text>',
        f'<text x="0 8 16" y="20">{PUNJAB}</text>',
        f'<text x="0" y="20" style="font-size:2em">{PUNJAB}</text>',
        f'<text x="0" y="20" font-size="120%">{PUNJAB}</text>',
        f'<text x="0" y="20" text-anchor="inherit">{PUNJAB}</text>',
    ],
)
def test_a_text_in_a_form_it_does_not_understand_stays_as_it_was(element):
    svg = chart(element)
    assert arabic_text_as_paths(svg) == svg


def test_glyph_outlines_are_drawn_once_per_font_and_glyph():
    arabic_text_as_paths(chart(f"<text>{PUNJAB}</text>"))
    before = glyph_path.cache_info()
    arabic_text_as_paths(chart(f"<text>{PUNJAB}</text>"))
    after = glyph_path.cache_info()
    assert after.misses == before.misses and after.hits == before.hits + 5

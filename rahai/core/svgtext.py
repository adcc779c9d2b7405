"""Arabic-script text in an SVG drawn as glyph outlines, for PDF documents.

fpdf2 draws SVG ``<text>`` without shaping: Urdu would come out as isolated letters in
logical (left-to-right) order. Before a chart reaches fpdf2, ``arabic_text_as_paths`` replaces
each ``<text>`` holding Arabic-script letters by the outlines of its glyphs: the line is split
into bidi runs (``fpdf.bidi``, the Unicode bidi algorithm, the paragraph's direction taken from
its first letter), each run is shaped by HarfBuzz in the vendored font the PDF uses for it
(Noto Naskh Arabic for Arabic script, Noto Sans for the rest, as fpdf2's fallback does in
tables), and each glyph becomes a ``<path>`` from fontTools, scaled by font-size / unitsPerEm
with the y axis flipped. The element's ``x``, ``y``, ``text-anchor`` (geometric: ``end`` is
the right edge whatever the direction), ``font-size``, ``font-weight``, fill and
``transform`` are kept on a ``<g>`` that stands where the ``<text>`` stood.

A ``<text>`` in a form this does not understand (child elements such as ``<tspan>``, per-glyph
positions, ``dx``, ``style``, relative font sizes...) is left as it is; so is text without
Arabic-script letters, which fpdf2 draws well.

    svg = arabic_text_as_paths(svg)
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import uharfbuzz as hb
from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont
from fpdf.bidi import BidiParagraph

from rahai.core.pdf import ARABIC, FONT_DIR, FONT_FILES, LATIN

ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefe]")
URDU = "ur"  # Rahai's Arabic-script text is Urdu: HarfBuzz picks the font's Urdu forms
DEFAULT_FONT_SIZE = 16.0  # CSS "medium", when neither the element nor an ancestor sets one
ANCHOR_SHARE = {"start": 0.0, "middle": 0.5, "end": 1.0}
INHERITED = ("font-size", "font-weight", "text-anchor")
# Attributes of <text> that mean the same on the <g> that replaces it.
CARRIED_OVER = ("id", "fill", "fill-opacity", "opacity")
UNDERSTOOD = {"x", "y", "transform", "font-family", *INHERITED, *CARRIED_OVER}
_TAG = re.compile(
    r"<(/?)([A-Za-z][\w:.-]*)((?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(/?)>"
)
_ATTRIBUTE = re.compile(r"([^\s=/>]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_TEXT_CONTENT = re.compile(r"([^<]*)</text\s*>")
_LENGTH = re.compile(r"\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(px)?\s*")
_SPACES = re.compile(r"\s+")
_MARKS_AND_JOINERS = {"Mn", "Me", "Cf"}


class NotUnderstood(ValueError):
    """A ``<text>`` this module does not know how to draw: it stays a ``<text>``."""


# --- fonts ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Face:
    """A vendored font file: HarfBuzz shapes with it, fontTools draws its glyphs."""

    path: Path

    @cached_property
    def shaper(self) -> hb.Font:
        return hb.Font(hb.Face(hb.Blob.from_file_path(str(self.path))))

    @cached_property
    def font(self) -> TTFont:
        return TTFont(str(self.path))

    @cached_property
    def units_per_em(self) -> int:
        return self.font["head"].unitsPerEm

    @cached_property
    def covered(self) -> frozenset[int]:
        return frozenset(self.font.getBestCmap())


@cache
def vendored_face(family: str, bold: bool = False) -> Face:
    return Face(FONT_DIR / FONT_FILES[(family, "B" if bold else "")])


@cache
def glyph_path(face: Face, glyph_id: int) -> str:
    """The glyph's outline as SVG path data in font units, y pointing down as in SVG."""
    glyph_set = face.font.getGlyphSet()
    pen = SVGPathPen(glyph_set, ntos=_number_text)
    glyph_set[face.font.getGlyphName(glyph_id)].draw(TransformPen(pen, (1, 0, 0, -1, 0, 0)))
    return pen.getCommands()


# --- shaping ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """Characters of one bidi level drawn in one font, in logical order."""

    text: str
    level: int
    family: str

    @property
    def right_to_left(self) -> bool:
        return self.level % 2 == 1


@dataclass(frozen=True)
class PlacedGlyph:
    face: Face
    glyph_id: int
    x: float  # ems from the left end of the line
    y: float  # ems above the baseline


@dataclass(frozen=True)
class Line:
    glyphs: tuple[PlacedGlyph, ...]  # left to right
    advance: float  # ems


def family_for(char: str, previous: str | None) -> str:
    """Arabic script in the Naskh font, the rest in Noto Sans unless only Naskh has it;
    marks and joiners (ZWNJ) stay with the letter before them so words are shaped whole."""
    if ARABIC_SCRIPT.match(char):
        return ARABIC
    if previous and unicodedata.category(char) in _MARKS_AND_JOINERS:
        return previous
    return LATIN if ord(char) in vendored_face(LATIN).covered else ARABIC


def logical_runs(text: str) -> list[Run]:
    """The text's runs of one level and font. The paragraph takes its direction from its
    first letter, like ``dir="auto"``, not from the charts' ``direction:ltr`` (which is there
    to keep anchors geometric): "12 کیس" then reads "12" first, right to left."""
    # Joiners (ZWNJ in Urdu) are kept: they decide the joining forms.
    paragraph = BidiParagraph(text, preserve_bn_chars=True)
    paragraph.get_reordered_characters()  # resolves the levels, rule L1 included
    runs: list[Run] = []
    for character in paragraph.get_characters():
        char, level = character.character, character.embedding_level
        family = family_for(char, runs[-1].family if runs else None)
        if runs and (runs[-1].level, runs[-1].family) == (level, family):
            runs[-1] = Run(runs[-1].text + char, level, family)
        else:
            runs.append(Run(char, level, family))
    return runs


def visual_order(runs: list[Run]) -> list[Run]:
    """Rule L2 of the bidi algorithm on runs: from the highest level to the lowest odd one,
    reverse every sequence of runs at that level or above."""
    ordered = list(runs)
    odd_levels = [run.level for run in runs if run.right_to_left]
    if not odd_levels:
        return ordered
    for level in range(max(run.level for run in runs), min(odd_levels) - 1, -1):
        reordered: list[Run] = []
        sequence: list[Run] = []
        for run in ordered:
            if run.level >= level:
                sequence.append(run)
            else:
                reordered += sequence[::-1] + [run]
                sequence = []
        ordered = reordered + sequence[::-1]
    return ordered


def shape_run(run: Run, bold: bool) -> tuple[Face, list[tuple[int, float, float, float]]]:
    """HarfBuzz's glyphs for a run, left to right: (glyph id, x offset, y offset, advance)
    in font units."""
    run_face = vendored_face(run.family, bold)
    buffer = hb.Buffer()
    buffer.add_str(run.text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if run.right_to_left else "ltr"
    if run.family == ARABIC:
        buffer.language = URDU
    hb.shape(run_face.shaper, buffer)
    return run_face, [
        (info.codepoint, position.x_offset, position.y_offset, position.x_advance)
        for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True)
    ]


def shape_line(text: str, *, bold: bool = False) -> Line:
    """One line of text shaped and laid out left to right, in ems."""
    glyphs: list[PlacedGlyph] = []
    pen = 0.0
    for run in visual_order(logical_runs(text)):
        run_face, shaped = shape_run(run, bold)
        em = run_face.units_per_em
        for glyph_id, x_offset, y_offset, advance in shaped:
            glyphs.append(PlacedGlyph(run_face, glyph_id, pen + x_offset / em, y_offset / em))
            pen += advance / em
    return Line(tuple(glyphs), pen)


# --- SVG --------------------------------------------------------------------------------------


def arabic_text_as_paths(svg: str) -> str:
    """The SVG with every simple ``<text>`` holding Arabic-script letters drawn as paths."""
    out: list[str] = []
    inherited: list[dict[str, str]] = [{}]
    position = 0
    while tag := _TAG.search(svg, position):
        closing, name, raw_attributes, self_closing = tag.groups()
        out.append(svg[position : tag.end()])
        position = tag.end()
        if closing:
            if len(inherited) > 1:
                inherited.pop()
            continue
        attributes = parse_attributes(raw_attributes)
        content = _TEXT_CONTENT.match(svg, position) if name == "text" else None
        if content and not self_closing:
            try:
                out[-1] = text_as_paths(attributes, content.group(1), inherited[-1])
                position = content.end()
                continue
            except NotUnderstood:
                pass
        if not self_closing:
            inherited.append({**inherited[-1], **inheritable(attributes)})
    out.append(svg[position:])
    return "".join(out)


def parse_attributes(raw: str) -> dict[str, str]:
    return {
        name: html.unescape(double if double is not None else single)
        for name, double, single in _ATTRIBUTE.findall(raw)
    }


def inheritable(attributes: dict[str, str]) -> dict[str, str]:
    """The font size, weight and anchor an element passes to the text inside it."""
    found = {name: attributes[name] for name in INHERITED if name in attributes}
    for declaration in attributes.get("style", "").split(";"):
        name, _colon, value = declaration.partition(":")
        if name.strip() in INHERITED and value.strip():
            found[name.strip()] = value.strip()
    return found


def text_as_paths(attributes: dict[str, str], content: str, inherited: dict[str, str]) -> str:
    """A ``<g>`` of glyph paths drawing the ``<text>`` (raises ``NotUnderstood``)."""
    text = _SPACES.sub(" ", html.unescape(content)).strip()
    if not ARABIC_SCRIPT.search(text):
        raise NotUnderstood("no Arabic-script letters")
    if unknown := set(attributes) - UNDERSTOOD:
        raise NotUnderstood(f"attributes {sorted(unknown)}")
    style = {**inherited, **attributes}
    size = length(style.get("font-size", str(DEFAULT_FONT_SIZE)))
    anchor = style.get("text-anchor", "start").strip()
    if anchor not in ANCHOR_SHARE:
        raise NotUnderstood(f"text-anchor {anchor}")
    line = shape_line(text, bold=is_bold(style.get("font-weight", "normal")))
    left = length(attributes.get("x", "0")) - line.advance * size * ANCHOR_SHARE[anchor]
    baseline = length(attributes.get("y", "0"))
    placement = f"translate({_number_text(left)},{_number_text(baseline)})"
    transform = f"{attributes['transform']} {placement}" if "transform" in attributes else placement
    carried = "".join(
        f' {name}="{html.escape(attributes[name])}"' for name in CARRIED_OVER if name in attributes
    )
    paths = "".join(glyph_element(glyph, size) for glyph in line.glyphs)
    return f'<g{carried} transform="{html.escape(transform)}">{paths}</g>'


def glyph_element(glyph: PlacedGlyph, size: float) -> str:
    outline = glyph_path(glyph.face, glyph.glyph_id)
    if not outline:
        return ""  # a space
    scale = size / glyph.face.units_per_em
    return (
        f'<path transform="translate({_number_text(glyph.x * size)},'
        f'{_number_text(-glyph.y * size)}) scale({scale:.6g})" d="{outline}"/>'
    )


def length(value: str) -> float:
    """A plain number or pixels; lists of positions, em and percentages are not understood."""
    match = _LENGTH.fullmatch(value)
    if not match:
        raise NotUnderstood(f"length {value!r}")
    return float(match.group(1))


def is_bold(weight: str) -> bool:
    weight = weight.strip()
    if weight.isdigit():
        return int(weight) >= 600
    return weight in {"bold", "bolder"}


def _number_text(number: float) -> str:
    text = f"{number:.2f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text

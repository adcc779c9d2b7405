"""Rahai ships its own icon and, for the staff pages, an Urdu font: no 404 for /favicon.ico, and
Urdu never shows as boxes on a machine without an Arabic-script font. Nothing is fetched from
the network: both are static files in the repository."""

import posixpath
import re

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

ARABIC_BLOCKS = [
    (0x0600, 0x06FF),  # Arabic
    (0x0750, 0x077F),  # Arabic Supplement
    (0x0870, 0x089F),  # Arabic Extended-B
    (0x08A0, 0x08FF),  # Arabic Extended-A
    (0xFB50, 0xFDFF),  # Arabic Presentation Forms-A
    (0xFE70, 0xFEFF),  # Arabic Presentation Forms-B
]


def _stylesheet() -> str:
    path = finders.find("rahai/rahai.css")
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def _font_faces() -> list[str]:
    return re.findall(r"@font-face\s*\{(.*?)\}", _stylesheet(), re.S)


def test_the_icon_is_a_small_svg_in_the_static_files():
    path = finders.find("rahai/favicon.svg")
    assert path, "rahai/core/static/rahai/favicon.svg is missing"
    with open(path, "rb") as handle:
        icon = handle.read()
    assert icon.startswith(b"<svg") and len(icon) < 1024


@pytest.mark.django_db
def test_favicon_ico_answers_with_the_icon_instead_of_a_404(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("rahai/favicon.svg")
    icon = client.get(response["Location"])
    assert icon.status_code == 200 and icon["Content-Type"].startswith("image/svg+xml")


@pytest.mark.django_db
def test_the_staff_and_the_public_pages_link_the_icon(client):
    link = f'<link rel="icon" href="{static("rahai/favicon.svg")}" type="image/svg+xml">'
    assert link in client.get(reverse("accounts:login")).content.decode()
    public = client.get(reverse("hotline:report")).content.decode()
    assert link in public


def test_the_staff_stylesheet_declares_rahai_naskh_in_two_weights_swapping_in():
    faces = _font_faces()
    assert len(faces) == 2
    assert {re.search(r"font-weight:\s*(\d+)", face).group(1) for face in faces} == {"400", "700"}
    for face in faces:
        assert 'font-family: "Rahai Naskh"' in face
        assert "font-display: swap" in face


def test_the_font_files_the_stylesheet_names_are_shipped_as_woff2_with_their_licence():
    for face in _font_faces():
        (url,) = re.findall(r'url\("([^"]+)"\)', face)
        assert not url.startswith(("http:", "https:", "/")), url  # beside the stylesheet
        path = finders.find(posixpath.normpath(posixpath.join("rahai", url)))
        assert path, f"{url} is not a static file"
        with open(path, "rb") as handle:
            assert handle.read(4) == b"wOF2"
    licence = finders.find("rahai/fonts/OFL.txt")
    assert licence
    with open(licence, encoding="utf-8") as handle:
        assert "SIL Open Font License" in handle.read()


def test_the_font_is_fetched_only_for_arabic_script_text():
    for face in _font_faces():
        ranges = re.search(r"unicode-range:\s*([^;]+);", face).group(1)
        spans = [
            tuple(int(part, 16) for part in item.strip().removeprefix("U+").split("-"))
            for item in ranges.split(",")
        ]
        assert (0x0600, 0x06FF) in spans  # Urdu's letters, digits and comma
        for low, high in spans:
            assert any(start <= low <= high <= end for start, end in ARABIC_BLOCKS), hex(low)


def test_rahai_naskh_comes_after_the_devices_own_urdu_fonts():
    stacks = re.findall(r"font-family:\s*([^;]+);", _stylesheet())
    with_naskh = [stack for stack in stacks if "Rahai Naskh" in stack and "," in stack]
    assert len(with_naskh) >= 2  # the page and the .urdu names
    for stack in with_naskh:
        fonts = [font.strip().strip('"') for font in stack.split(",")]
        assert fonts.index("Rahai Naskh") > fonts.index("Noto Nastaliq Urdu")
        assert fonts.index("Rahai Naskh") > fonts.index("Jameel Noori Nastaleeq")
        assert fonts.index("Rahai Naskh") == len(fonts) - 2  # then only the generic family


@pytest.mark.django_db
def test_the_public_report_form_loads_no_font_and_no_stylesheet(client):
    page = client.get(reverse("hotline:report")).content.decode()
    assert "woff2" not in page and "rahai.css" not in page and "Rahai Naskh" not in page

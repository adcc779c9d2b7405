"""The API modules reach cases and persons only through the access layer and the services."""

import re
from pathlib import Path

import rahai

ROOT = Path(rahai.__file__).resolve().parent
API_MODULES = [
    ROOT / "cases" / "api.py",
    ROOT / "people" / "api.py",
    ROOT / "geo" / "api.py",
    *sorted((ROOT / "api").glob("*.py")),
]
FORBIDDEN = re.compile(
    r"\b(Case|Person|CaseRole|Event|Note|CaseShare|PersonSearchKey)\.(objects|_default_manager|_base_manager)\b"
)
WRITES = re.compile(r"(?<!router)\.(save|delete|update|bulk_create|create|get_or_create)\(")


def test_api_modules_never_query_case_or_person_models_directly():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in API_MODULES
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if FORBIDDEN.search(line)
    ]
    assert offenders == []


def test_api_modules_never_write_models_themselves():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in API_MODULES
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if WRITES.search(line)
    ]
    assert offenders == []

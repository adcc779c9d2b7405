"""Reading uploaded files into header + rows of text, with a clear message for a bad file.

Spreadsheets (CSV, XLSX): the first row names the columns. HTCDS JSON (as ``export.build``
writes it): each victim context, then each perpetrator context, then each other role (witness,
reporter) becomes one row of HTCDS flat column names (``htcds.FLAT_COLUMNS``), with its case and
its person.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date, datetime

from django.utils.translation import gettext_lazy as _

from rahai.exchange import htcds
from rahai.exchange.htcds import FLAT_COLUMNS

MAX_ROWS = 20_000
MAX_BYTES = 20 * 1024 * 1024


class FileProblem(Exception):
    """The file cannot be read at all; the message is for the user (no content echoed)."""


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if not value.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    if text[:2] in ("'=", "'+", "'-", "'@"):
        text = text[1:]  # written that way so that spreadsheets do not run it as a formula
    return text


def _header(cells) -> list[str]:
    header = [_text(cell) for cell in cells]
    while header and not header[-1]:
        header.pop()
    if not header or not any(header):
        raise FileProblem(_("The first row must name the columns; it is empty."))
    seen = set()
    for name in header:
        if not name:
            raise FileProblem(_("Every column needs a name in the first row."))
        if name in seen:
            raise FileProblem(_("Two columns have the same name in the first row."))
        seen.add(name)
    return header


def read_csv(data: bytes) -> tuple[list[str], list[dict[str, str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileProblem(_("This CSV file is not in UTF-8; save it as “CSV UTF-8”.")) from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        reader = csv.reader(io.StringIO(text), dialect)
        header = _header(next(reader, []))
        rows = []
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                rows.append(None)  # keep row numbers right
                continue
            if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
                raise FileProblem(
                    _("Row %(row)d has more cells than the first row has column names.")
                    % {"row": reader.line_num}
                )
            rows.append(
                {name: _text(cells[i]) if i < len(cells) else "" for i, name in enumerate(header)}
            )
            if len(rows) > MAX_ROWS:
                raise FileProblem(_("The file has more than %(n)d rows.") % {"n": MAX_ROWS})
    except csv.Error:
        raise FileProblem(_("This is not a CSV file we can read.")) from None
    return header, rows


def read_xlsx(data: bytes) -> tuple[list[str], list[dict[str, str]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise FileProblem(_("This is not an XLSX spreadsheet we can read.")) from None
    try:
        sheet = book.worksheets[0]
        lines = sheet.iter_rows(values_only=True)
        header = _header(next(lines, ()))
        rows = []
        for cells in lines:
            if not any(_text(cell) for cell in cells):
                rows.append(None)
                continue
            rows.append(
                {name: _text(cells[i]) if i < len(cells) else "" for i, name in enumerate(header)}
            )
            if len(rows) > MAX_ROWS:
                raise FileProblem(_("The file has more than %(n)d rows.") % {"n": MAX_ROWS})
    finally:
        book.close()
    while rows and rows[-1] is None:
        rows.pop()
    return header, rows


def read_spreadsheet(data: bytes, filename: str) -> tuple[list[str], list[dict[str, str] | None]]:
    if not data:
        raise FileProblem(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise FileProblem(_("The file is larger than 20 MB."))
    if data[:2] == b"PK" or filename.lower().endswith((".xlsx", ".xlsm")):
        return read_xlsx(data)
    return read_csv(data)


def read_htcds(data: bytes) -> tuple[list[str], list[dict[str, str] | None]]:
    """Victims, then perpetrators, then other roles (witnesses, reporters) of an HTCDS 2.0 JSON
    file as rows keyed by HTCDS flat column names: row 1 is the first victim context, the
    perpetrator contexts follow the last one, the other roles the last perpetrator context."""
    if not data:
        raise FileProblem(_("The file is empty."))
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise FileProblem(_("This is not a JSON file.")) from None
    if not isinstance(doc, dict) or doc.get("standard") != htcds.STANDARD:
        raise FileProblem(_("This JSON file is not an HTCDS export."))
    if not str(doc.get("version", "")).startswith("2"):
        raise FileProblem(_("Only HTCDS version 2 files can be imported."))
    tables = {}
    for table in (
        "case",
        "person",
        "victimContext",
        "perpetratorContext",
        "otherRole",
        "historicEvent",
    ):
        rows = doc.get(table, [])
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise FileProblem(
                _("The HTCDS file's “%(table)s” table is not a list of records.") % {"table": table}
            )
        tables[table] = rows
    cases = {str(c.get("cas_Id", "")): c for c in tables["case"]}
    persons = {str(p.get("prs_Id", "")): p for p in tables["person"]}
    countries = {}
    for event in tables["historicEvent"]:
        if str(event.get("hte_Type", "")).casefold() == "exploitation":
            key = (str(event.get("cas_Id", "")), str(event.get("prs_Id", "")))
            countries.setdefault(key, event.get("hte_Country", ""))
    rows: list[dict[str, str] | None] = []
    roles = [(record, "victim") for record in tables["victimContext"]]
    roles += [(record, "suspect") for record in tables["perpetratorContext"]]
    # An other role names itself (``rah_Role``: witness, reporter); one that does not is shown
    # as "otherRole", an unknown role, rather than read as a victim.
    roles += [
        (record, _text(record.get("rah_Role")) or "otherRole") for record in tables["otherRole"]
    ]
    for record, role in roles:
        case_id, person_id = str(record.get("cas_Id", "")), str(record.get("prs_Id", ""))
        merged = {**cases.get(case_id, {}), **persons.get(person_id, {}), **record}
        merged["rah_Role"] = role
        # The country of exploitation is a victim's route event, never a perpetrator's.
        merged["hte_Country"] = (
            countries.get((case_id, person_id), countries.get((case_id, ""), ""))
            if role == "victim"
            else ""
        )
        if len(rows) >= MAX_ROWS:
            raise FileProblem(_("The file has more than %(n)d rows.") % {"n": MAX_ROWS})
        rows.append({column: _flat(merged.get(column)) for column in FLAT_COLUMNS.values()})
    return list(FLAT_COLUMNS.values()), rows


def _flat(value) -> str:
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, bool):
        return "1" if value else ""
    return _text(value)

"""HTCDS export: only the cases the user may see, audited, and personal data only for those
allowed to see it."""

import io
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from rahai.accounts.models import RoleCode
from rahai.audit.models import AuditAction, AuditEntry
from rahai.exchange.services import export_htcds
from rahai.testing import make_case, make_user, make_victim

pytestmark = pytest.mark.django_db


@pytest.fixture
def outsider_case(world):
    case = make_case(world.outsider, title="Karachi boat")
    make_victim(
        world.outsider, case, given_name="Zarina", family_name="Baloch", cnic="42101-7654321-2"
    )
    return case


def doc_for(user, **kwargs):
    return json.loads(export_htcds(user=user, fmt="json", **kwargs).content)


def test_export_holds_only_the_cases_the_user_may_see(world, outsider_case):
    owner = doc_for(world.owner)
    assert [c["cas_Id"] for c in owner["case"]] == [world.case.reference]
    partner = doc_for(world.partner)  # the case is shared with the partner
    assert [c["cas_Id"] for c in partner["case"]] == [world.case.reference]
    outsider = doc_for(world.outsider)
    assert [c["cas_Id"] for c in outsider["case"]] == [outsider_case.reference]
    assert "Zarina" not in json.dumps(owner, ensure_ascii=False)


def test_export_follows_htcds_names(world):
    doc = doc_for(world.owner)
    assert doc["standard"] == "HTCDS" and doc["version"] == "2.0"
    person = doc["person"][0]
    assert person["prs_FirstName"] == "Muhammad Imran" and person["prs_Gender"] == "Male"
    assert person["rah_CNIC"] == "3520212345671"
    assert doc["victimContext"][0]["vic_TraffickingStatus"] == "Possible"
    assert doc["case"][0]["cas_Status"] == "Active"


def test_every_export_is_audited_with_what_and_how_many(world):
    before = AuditEntry.objects.count()
    export_htcds(user=world.owner, fmt="xlsx")
    entry = AuditEntry.objects.filter(seq__gt=before).get()
    assert entry.action == AuditAction.EXPORT and entry.actor == world.owner
    assert entry.details["format"] == "xlsx" and entry.details["cases"] == 1
    assert entry.details["persons"] == 1 and entry.details["personal_data"] is True
    assert entry.details["case_references"] == [world.case.reference]


def test_an_export_without_personal_data_has_no_names_or_numbers(world):
    text = export_htcds(user=world.owner, fmt="json", personal=False).content.decode()
    for value in ("Muhammad", "Imran", "Khan", "محمد", "3520212345671", "+923001234567", "Ghafoor"):
        assert value not in text
    doc = json.loads(text)
    assert doc["personalData"] is False and doc["person"][0]["prs_Id"] == "X1"


def test_analyst_cannot_export_personal_data(world, login, client):
    with pytest.raises(PermissionDenied):
        export_htcds(user=world.analyst, fmt="json")
    login(world.analyst)
    assert client.get("/exchange/export/").status_code == 404
    assert client.post("/exchange/export/", {"format": "json", "personal": "on"}).status_code == 404
    assert client.get("/api/exchange/htcds").status_code == 403
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_xlsx_has_one_sheet_per_htcds_table(world):
    content = export_htcds(user=world.owner, fmt="xlsx").content
    book = load_workbook(io.BytesIO(content), read_only=True)
    assert {"case", "person", "victimContext", "historicEvent"} <= set(book.sheetnames)
    rows = list(book["person"].iter_rows(values_only=True))
    assert "prs_FirstName" in rows[0] and "Muhammad Imran" in rows[1]


def test_csv_is_one_row_per_role_with_htcds_columns(world):
    text = export_htcds(user=world.owner, fmt="csv").content.decode("utf-8-sig")
    header, row = text.splitlines()[:2]
    assert header.startswith("cas_Id,rah_CaseTypes,cas_Status")
    assert world.case.reference in row and "'+923001234567" in row  # never a formula


def test_export_page_downloads_a_file_with_the_case_list_filters(world, login, client):
    login(world.owner)
    page = client.get("/exchange/export/?status=active")
    assert page.status_code == 200 and 'value="active" selected' in page.content.decode()
    response = client.post(
        "/exchange/export/", {"format": "json", "personal": "on", "status": "closed"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert json.loads(response.content)["case"] == []  # the only case is active


def test_api_export_returns_the_file(world, login, client):
    login(world.owner)
    response = client.get("/api/exchange/htcds?format=csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert world.case.reference in response.content.decode("utf-8-sig")


def test_cli_exports_what_the_user_may_see(world, outsider_case, tmp_path):
    out = tmp_path / "export.json"
    call_command("export", "htcds", "--user", "owner", "--format", "json", "--out", str(out))
    assert [c["cas_Id"] for c in json.loads(out.read_text())["case"]] == [world.case.reference]
    with pytest.raises(CommandError):
        call_command("export", "htcds", "--user", "analyst", "--out", str(tmp_path / "a.json"))


def test_restricted_cases_stay_with_their_team(world):
    from rahai.testing import restricted_team

    colleague = make_user("colleague", world.owner_org, RoleCode.CASEWORKER)
    team = restricted_team(world, world.owner)
    make_case(world.owner, sensitivity="restricted", team=team, title="Child case")
    assert len(doc_for(world.owner)["case"]) == 2
    assert len(doc_for(colleague)["case"]) == 1

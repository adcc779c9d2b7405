"""HTCDS 2.0 export over the API: the cases the caller may see, as a file (audited)."""

from datetime import date
from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from rahai.api.common import caller
from rahai.audit.services import client_ip
from rahai.cases.selectors import CaseFilters
from rahai.exchange.services import export_htcds

router = Router(tags=["exchange"])


class ExportQuery(Schema):
    format: Literal["json", "xlsx", "csv"] = "json"
    personal: bool = Field(True, description="Include names, identity numbers, phones, texts.")
    case_type: str | None = None
    status: str | None = None
    province: str | None = Field(None, max_length=2)
    district: str | None = Field(None, max_length=3)
    owner: int | None = None
    opened_from: date | None = None
    opened_to: date | None = None


@router.get(
    "/htcds",
    summary="Export the cases you may see as an HTCDS 2.0 file (audited)",
    response={200: None},
    description="JSON (HTCDS tables), XLSX (one sheet per table) or CSV (one row per person's "
    "role in a case). Field names: see docs/exchange.md.",
)
def export(request: HttpRequest, query: Query[ExportQuery]):
    exported = export_htcds(
        user=caller(request),
        fmt=query.format,
        filters=CaseFilters(
            case_type=query.case_type or "",
            status=query.status or "",
            province=(query.province or "").upper(),
            district=(query.district or "").upper(),
            owner=query.owner,
            opened_from=query.opened_from,
            opened_to=query.opened_to,
        ),
        personal=query.personal,
        ip_address=client_ip(request),
    )
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    return response

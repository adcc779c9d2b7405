"""The consolidated law for API clients, read-only: laws with their sections, and a search of
the sections (any signed-in user or API token, like the other reference data; no personal data).
"""

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from rahai.api.common import choices
from rahai.api.pagination import Pagination
from rahai.justice.models import Law, LawTheme, Offence
from rahai.justice.selectors_laws import find_offences, law_entries, offence_url

router = Router(tags=["law"])


def _years(value) -> float | None:
    return None if value is None else float(value)


class OffenceOut(Schema):
    law: str = Field(description="The law's code, e.g. ptpa-2018.")
    section: str
    title: str
    description: str
    penalty: str = Field(description="As the law states it, in English.")
    min_years: float | None = Field(description="Minimum imprisonment in years, if any.")
    max_years: float | None = Field(
        description="Maximum imprisonment in years; empty for life, death or no imprisonment."
    )
    max_fine_rs: int | None = Field(description="Maximum fine in rupees, if the law sets one.")
    chargeable: bool = Field(description="False for a repealed section or one with no offence.")
    repealed_note: str
    needs_verification: bool = Field(description="Sources disagree: check before relying on it.")
    url: str = Field(description="The section on the law page.")

    @staticmethod
    def resolve_law(obj: Offence) -> str:
        return obj.law.code

    @staticmethod
    def resolve_min_years(obj: Offence) -> float | None:
        return _years(obj.min_years)

    @staticmethod
    def resolve_max_years(obj: Offence) -> float | None:
        return _years(obj.max_years)

    @staticmethod
    def resolve_url(obj: Offence) -> str:
        return offence_url(obj)


class LawOut(Schema):
    code: str
    short_name: str
    title: str
    citation: str
    year: int | None
    province: str | None = Field(description="Province code; empty for a federal law.")
    theme: choices(LawTheme)
    notes: str
    needs_verification: bool
    offences: list[OffenceOut]

    @staticmethod
    def resolve_province(obj: Law) -> str | None:
        return obj.province.code if obj.province_id else None

    @staticmethod
    def resolve_offences(obj: Law) -> list[Offence]:
        return list(obj.offences.all())


class LawFilters(Schema):
    theme: choices(LawTheme, blank=True) = ""


class OffenceFilters(Schema):
    q: str = Field("", max_length=100, description='A section number or words: "366", "slave".')
    chargeable: bool | None = Field(
        None, description="Only sections that can (or cannot) be charged."
    )
    theme: choices(LawTheme, blank=True) = ""
    law: str = Field("", max_length=40, description="A law's code, e.g. ppc-1860.")


@router.get("/laws", response=list[LawOut], summary="List laws with their sections")
@paginate(Pagination)
def list_laws(request: HttpRequest, filters: Query[LawFilters]):
    return [entry.law for entry in law_entries(theme=filters.theme)]


@router.get("/offences", response=list[OffenceOut], summary="Search the sections of the laws")
@paginate(Pagination)
def list_offences(request: HttpRequest, filters: Query[OffenceFilters]):
    return find_offences(
        q=filters.q,
        theme=filters.theme,
        law=filters.law.strip(),
        chargeable=filters.chargeable,
    )

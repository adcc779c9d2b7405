"""Reference data for API clients: provinces, districts and countries (any signed-in user)."""

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from rahai.api.pagination import Pagination
from rahai.geo.models import Country, District, Province

router = Router(tags=["reference data"])


class ProvinceOut(Schema):
    code: str
    name: str = Field(description="In the request's language.")
    name_en: str
    name_ur: str


class DistrictOut(Schema):
    code: str
    province: str = Field(description="Province code.")
    name: str = Field(description="In the request's language.")
    name_en: str
    name_ur: str

    @staticmethod
    def resolve_province(obj: District) -> str:
        return obj.province.code


class CountryOut(Schema):
    code: str = Field(description="ISO 3166 alpha-2.")
    alpha3: str
    name: str = Field(description="In the request's language.")
    name_en: str
    name_ur: str


class DistrictFilters(Schema):
    province: str | None = Field(None, max_length=2, description="Province code, e.g. PB.")


@router.get("/provinces", response=list[ProvinceOut], summary="List provinces and territories")
@paginate(Pagination)
def list_provinces(request: HttpRequest):
    return Province.objects.order_by("name_en")


@router.get("/districts", response=list[DistrictOut], summary="List districts of Pakistan")
@paginate(Pagination)
def list_districts(request: HttpRequest, filters: Query[DistrictFilters]):
    districts = District.objects.filter(active=True).select_related("province")
    if filters.province:
        districts = districts.filter(province__code=filters.province.strip().upper())
    return districts.order_by("province__name_en", "name_en")


@router.get("/countries", response=list[CountryOut], summary="List countries (ISO 3166)")
@paginate(Pagination)
def list_countries(request: HttpRequest):
    return Country.objects.order_by("name_en")

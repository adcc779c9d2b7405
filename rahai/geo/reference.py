"""Loading Pakistan's provinces and districts (shipped CSV) and the world's countries (pycountry).

Loading only adds what is missing: corrections an administrator made are never overwritten.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pycountry

DATA_DIR = Path(__file__).resolve().parent / "data"

# Urdu names for the countries on Pakistan's common trafficking and smuggling routes.
COUNTRY_NAMES_UR = {
    "PK": "پاکستان",
    "AF": "افغانستان",
    "IR": "ایران",
    "TR": "ترکی",
    "GR": "یونان",
    "IT": "اٹلی",
    "LY": "لیبیا",
    "EG": "مصر",
    "AE": "متحدہ عرب امارات",
    "SA": "سعودی عرب",
    "OM": "عمان",
    "QA": "قطر",
    "KW": "کویت",
    "BH": "بحرین",
    "MY": "ملائیشیا",
    "TH": "تھائی لینڈ",
    "AU": "آسٹریلیا",
    "GB": "برطانیہ",
    "ES": "اسپین",
    "FR": "فرانس",
    "DE": "جرمنی",
    "CN": "چین",
    "IN": "بھارت",
    "BD": "بنگلہ دیش",
    "AZ": "آذربائیجان",
    "RS": "سربیا",
    "BA": "بوسنیا و ہرزیگووینا",
    "MX": "میکسیکو",
    "US": "امریکہ",
    "CA": "کینیڈا",
}


def _urdu_country_names() -> dict[str, str]:
    """Urdu country names from pycountry's bundled iso3166-1 catalogue, then our own list."""
    import gettext

    try:
        catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ur"])
    except OSError:
        return dict(COUNTRY_NAMES_UR)
    names = {}
    for country in pycountry.countries:
        translated = catalogue.gettext(country.name)
        if translated != country.name:
            names[country.alpha_2] = translated
    names.update(COUNTRY_NAMES_UR)
    return names


def _decimal(value: str) -> Decimal | None:
    return Decimal(value) if value else None


def load_reference(Province, District, Country) -> dict[str, int]:  # noqa: N803 (model classes)
    """Create missing provinces, districts and countries; return how many of each were added."""
    added = {"provinces": 0, "districts": 0, "countries": 0}
    provinces = {}
    with (DATA_DIR / "provinces.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            province, created = Province.objects.get_or_create(
                code=row["code"],
                defaults={
                    "name_en": row["name_en"],
                    "name_ur": row["name_ur"],
                    "latitude": _decimal(row["lat"]),
                    "longitude": _decimal(row["lon"]),
                },
            )
            provinces[row["code"]] = province
            added["provinces"] += int(created)
    existing = set(District.objects.values_list("code", flat=True))
    new_districts = []
    with (DATA_DIR / "districts.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["code"] in existing:
                continue
            new_districts.append(
                District(
                    province=provinces[row["province_code"]],
                    code=row["code"],
                    name_en=row["name_en"],
                    name_ur=row["name_ur"],
                    latitude=_decimal(row["lat"]),
                    longitude=_decimal(row["lon"]),
                )
            )
    District.objects.bulk_create(new_districts)
    added["districts"] = len(new_districts)
    existing = set(Country.objects.values_list("code", flat=True))
    names_ur = _urdu_country_names()
    new_countries = [
        Country(
            code=country.alpha_2,
            alpha3=country.alpha_3,
            name_en=getattr(country, "common_name", None) or country.name,
            name_ur=names_ur.get(country.alpha_2, ""),
        )
        for country in pycountry.countries
        if country.alpha_2 not in existing
    ]
    Country.objects.bulk_create(new_countries)
    added["countries"] = len(new_countries)
    return added

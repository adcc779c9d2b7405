"""The codebook: every microdata column, what it means and the values it may take."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from rahai.opendata import release as r

_FLAG = "0; 1; -99 (not recorded); blank (withheld)"
_WITHHELD = _("blank when this release withholds it")


def _bands() -> str:
    return "; ".join(label for _low, _high, label in r.AGE_BANDS)


def codebook(ladders_chosen: dict[str, str], period: str, years=()) -> list[dict[str, str]]:
    """One entry per microdata column: name, description, allowed values, whether it is a
    quasi-identifier, and the generalisation level this release used for it."""
    qi = {
        "yearOfRegistration": (
            "period",
            _("Year the case was registered, or the release's period when generalised"),
            "; ".join(dict.fromkeys([*(str(y) for y in years), period])),
        ),
        "monthOfRegistration": (
            "period",
            _("Month the case was registered (01–12)"),
            "01–12; " + str(_WITHHELD),
        ),
        "gender": (
            "gender",
            _("Gender of the victim"),
            "Female; Male; Transgender/NonConforming; -99; " + str(_WITHHELD),
        ),
        "age": ("age", _("Age in years at registration"), "0–120; -99; " + str(_WITHHELD)),
        "ageBroad": ("age", _("Age band at registration (CTDC bands)"), _bands() + "; -99; blank"),
        "majorityStatus": (
            "age",
            _("Minor (under 18) or adult at registration"),
            "Minor; Adult; -99; blank",
        ),
        "citizenship": (
            "citizenship",
            _("Citizenship (ISO 3166 alpha-2), or Other when generalised"),
            "ISO 3166 alpha-2; Other; -99; blank",
        ),
        "placeOfRegistration": (
            "place",
            _(
                "Where the case was registered: PK (national), PK-<province> or PK-<province>-<district>"
            ),
            "PK; PK-PB; PK-SD; PK-KP; PK-BA; PK-IS; PK-GB; PK-JK",
        ),
        "CountryOfExploitation": (
            "country_of_exploitation",
            _("Country of the first exploitation event of the route (ISO 3166 alpha-2), or Abroad"),
            "ISO 3166 alpha-2; Abroad; -99; blank",
        ),
    }
    entries: list[dict[str, str]] = []
    for column in r.microdata_columns(r.make_ladders(period)):
        if column in qi:
            ladder, description, values = qi[column]
            entries.append(
                {
                    "column": column,
                    "description": str(description),
                    "values": str(values),
                    "quasi_identifier": "yes",
                    "generalisation": ladders_chosen.get(ladder, ""),
                }
            )
        elif column.startswith("meansOfControl"):
            entries.append(
                {
                    "column": column,
                    "description": str(
                        _(
                            "Means of control used (1) or not (0); NotSpecified is 1 when none was recorded"
                        )
                    ),
                    "values": "0; 1",
                    "quasi_identifier": "no",
                    "generalisation": "",
                }
            )
        elif column == "RecruiterRelationship":
            entries.append(
                {
                    "column": column,
                    "description": str(_("The victim's relationship to the recruiter")),
                    "values": "; ".join(dict.fromkeys(r.RECRUITER_RELATIONSHIPS.values()))
                    + "; -99",
                    "quasi_identifier": "no",
                    "generalisation": "",
                }
            )
        else:
            broad = column in r.BROAD_EXPLOITATION
            entries.append(
                {
                    "column": column,
                    "description": str(
                        _("Broad type of exploitation (CTDC flag)")
                        if broad
                        else _("Detailed type of exploitation (Rahai's list)")
                    ),
                    "values": _FLAG,
                    "quasi_identifier": "yes",
                    "generalisation": ladders_chosen.get("exploitation", ""),
                }
            )
    return entries


TABLE_TITLES = {
    "victims_by_year_exploitation_gender": _(
        "Victims by year, type of exploitation and gender (a victim counts once per type)"
    ),
    "victims_by_province_gender": _("Victims by province of registration and gender"),
    "victims_by_age_band_citizenship": _("Victims by age band and citizenship"),
    "victims_by_country_of_exploitation_majority": _(
        "Victims by country of exploitation and majority status"
    ),
}

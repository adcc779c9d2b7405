"""Helpers the API modules share: choice types, reference lookups, the caller, input cleaning."""

from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Schema
from pydantic import ConfigDict

from rahai.geo.models import Country, District
from rahai.orgs.models import Organisation, Team


def choices(enum: type[models.TextChoices], *, blank: bool = False) -> Any:
    """A ``Literal`` of a TextChoices' codes (plus ``""`` when the field may be blank)."""
    values = tuple(enum.values) + (("",) if blank else ())
    return Literal[values]  # type: ignore[valid-type]


class InputSchema(Schema):
    """Input bodies reject unknown fields, so a misspelt field is an error, not silently lost."""

    model_config = ConfigDict(extra="forbid")


class OrganisationOut(Schema):
    id: int
    name: str


def caller(request: HttpRequest):
    """The authenticated user (from the token or the session)."""
    return request.auth  # type: ignore[attr-defined]


def patch_data(
    payload: Schema, *, not_null: tuple[str, ...] = (), blank_text: tuple[str, ...] = ()
):
    """The fields a PATCH body actually sent; ``null`` on a text field means empty, on a field
    that cannot be empty it is an error."""
    data = payload.model_dump(exclude_unset=True)
    errors: dict[str, list] = {}
    for name in list(data):
        if data[name] is None:
            if name in blank_text:
                data[name] = ""
            elif name in not_null:
                errors[name] = [gettext("This field cannot be empty.")]
    if errors:
        raise ValidationError(errors)
    return data


class Lookups:
    """Turns codes and ids from the request into reference rows, collecting one error per field."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def _fail(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def district(self, field: str, code: str | None) -> District | None:
        if code is None or code == "":
            return None
        district = (
            District.objects.select_related("province")
            .filter(code=code.strip().upper(), active=True)
            .first()
        )
        if district is None:
            self._fail(field, gettext("Unknown district code."))
        return district

    def country(self, field: str, code: str | None) -> Country | None:
        if code is None or code == "":
            return None
        country = Country.objects.filter(code=code.strip().upper()).first()
        if country is None:
            self._fail(field, gettext("Unknown country code (use ISO 3166 alpha-2, e.g. AE)."))
        return country

    def organisation(self, field: str, org_id: int | None) -> Organisation | None:
        if org_id is None:
            return None
        organisation = Organisation.objects.filter(pk=org_id, active=True).first()
        if organisation is None:
            self._fail(field, gettext("Unknown organisation."))
        return organisation

    def team(self, field: str, team_id: int | None, user) -> Team | None:
        """Only a team the user is on: nobody may hide a case behind a team they cannot see."""
        if team_id is None:
            return None
        team = Team.objects.filter(pk=team_id, members=user).first()
        if team is None:
            self._fail(field, gettext("Choose a team you are a member of."))
        return team

    def check(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)

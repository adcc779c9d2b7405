"""Case transfers over the API: the transfers in and out, asking another organisation to take
a case over, and accepting, declining or cancelling.

Before accepting, the receiving organisation sees only a summary without names (as on the
transfer page); transfers are read through ``rahai.referrals.access`` and changed through
``rahai.referrals.transfers``.
"""

from datetime import datetime
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from rahai.api.common import InputSchema, Lookups, OrganisationOut, caller
from rahai.api.pagination import Pagination
from rahai.cases.access import access_case, can_edit_case
from rahai.referrals import selectors, transfers
from rahai.referrals.access import access_transfer, can_decide_transfer, transfer_summary
from rahai.referrals.models import CaseTransfer

router = Router(tags=["transfers"])


class TransferFilters(Schema):
    box: Literal["in", "out"] = Field(
        "in", description="in: offered to your organisation; out: asked for by it."
    )


class TransferCreateIn(InputSchema):
    case: int
    to_organisation: int
    reason: str = Field(..., max_length=2000, description="Shown before acceptance: no names.")
    keep_access: bool = Field(True, description="Keep read-and-note access afterwards.")


class TransferActionIn(InputSchema):
    action: Literal["accept", "decline", "cancel"]
    note: str = Field("", max_length=2000, description="Required to decline.")
    team: int | None = Field(None, description="For `accept` of a restricted case.")


class SummaryOut(Schema):
    case_types: list[str]
    district: str
    opened_year: int
    victims: int
    suspects: int
    restricted: bool


class TransferListOut(Schema):
    id: int
    reference: str
    status: str
    from_organisation: OrganisationOut
    to_organisation: OrganisationOut
    requested_at: datetime
    decided_at: datetime | None


class TransferOut(TransferListOut):
    case: int | None = Field(description="Only for those who may see the case.")
    reason: str
    keep_access: bool
    decision_note: str
    summary: SummaryOut
    actions: list[str] = Field(description="What you may do now.")

    @staticmethod
    def resolve_case(obj: CaseTransfer) -> int | None:
        return obj.case_id if obj.viewer_sees_case else None

    @staticmethod
    def resolve_summary(obj: CaseTransfer) -> dict:
        return vars(transfer_summary(obj))

    @staticmethod
    def resolve_actions(obj: CaseTransfer) -> list[str]:
        return obj.api_actions


def _transfer_out(user, transfer_id: int) -> CaseTransfer:
    transfer = access_transfer(user, transfer_id)
    actions = []
    if can_decide_transfer(user, transfer):
        actions += ["accept", "decline"]
    if _can_cancel(user, transfer):
        actions.append("cancel")
    transfer.api_actions = actions
    return transfer


def _can_cancel(user, transfer: CaseTransfer) -> bool:
    return transfer.is_pending and transfer.viewer_sees_case and can_edit_case(user, transfer.case)


@router.get("", response=list[TransferListOut], summary="Transfers to or from your organisation")
@paginate(Pagination)
def list_transfers(request: HttpRequest, filters: Query[TransferFilters]):
    return selectors.transfer_box(caller(request), filters.box)


@router.post("", response={201: TransferOut}, summary="Ask another organisation to take a case")
def create_transfer(request: HttpRequest, payload: TransferCreateIn):
    user = caller(request)
    case = access_case(user, payload.case, write=True)
    lookups = Lookups()
    organisation = lookups.organisation("to_organisation", payload.to_organisation)
    lookups.check()
    transfer = transfers.transfer_request(
        user=user,
        case=case,
        organisation=organisation,
        reason=payload.reason,
        keep_access=payload.keep_access,
    )
    return Status(201, _transfer_out(user, transfer.pk))


@router.get("/{int:transfer_id}", response=TransferOut, summary="Read a transfer")
def get_transfer(request: HttpRequest, transfer_id: int):
    return _transfer_out(caller(request), transfer_id)


@router.post(
    "/{int:transfer_id}/actions", response=TransferOut, summary="Accept, decline or cancel"
)
def act_on_transfer(request: HttpRequest, transfer_id: int, payload: TransferActionIn):
    user = caller(request)
    transfer = access_transfer(user, transfer_id)
    if payload.action == "accept":
        lookups = Lookups()
        team = lookups.team("team", payload.team, user)
        lookups.check()
        transfers.transfer_accept(user=user, transfer=transfer, team=team, note=payload.note)
    elif payload.action == "decline":
        transfers.transfer_decline(user=user, transfer=transfer, note=payload.note)
    else:
        if not transfer.viewer_sees_case:
            raise PermissionDenied
        if not transfer.is_pending:
            raise ValidationError(gettext("This transfer is no longer waiting."))
        transfers.transfer_cancel(user=user, transfer=transfer)
    return _transfer_out(user, transfer_id)

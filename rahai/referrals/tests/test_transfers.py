"""Transfers: a police station hands a case that turned transnational to the FIA circle."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from rahai.audit.models import AuditAction, AuditEntry
from rahai.referrals.access import access_transfer
from rahai.referrals.models import TransferStatus
from rahai.referrals.transfers import transfer_accept, transfer_request
from rahai.testing import restricted_team

pytestmark = pytest.mark.django_db


def _request(world, fia, **extra):
    return transfer_request(
        user=world.owner,
        case=world.case,
        organisation=fia.organisation,
        reason="Victim was taken to Iran: transnational, FIA's jurisdiction.",
        **extra,
    )


def test_a_transfer_moves_ownership_once_accepted(world, fia, login):
    client = login(world.owner)
    response = client.post(
        reverse("referrals:transfer_create", args=[world.case.pk]),
        {"organisation": fia.organisation.pk, "reason": "Transnational: FIA.", "keep_access": "on"},
    )
    transfer = world.case.transfers.get()
    assert response["Location"] == reverse("referrals:transfer_detail", args=[transfer.pk])

    fia_client = login(fia)
    case_url = reverse("cases:detail", args=[world.case.pk])
    assert fia_client.get(case_url).status_code == 404
    page = fia_client.get(reverse("referrals:transfer_detail", args=[transfer.pk])).content.decode()
    assert "Transnational: FIA." in page and "Trafficking (internal)" in page
    for secret in ("Imran", world.case.reference, "Brick kiln family"):
        assert secret not in page, secret

    response = fia_client.post(reverse("referrals:transfer_act", args=[transfer.pk, "accept"]))
    assert response["Location"] == case_url
    world.case.refresh_from_db()
    transfer.refresh_from_db()
    assert world.case.owner == fia.organisation and transfer.status == TransferStatus.ACCEPTED
    assert fia_client.get(case_url).status_code == 200
    assert fia_client.get(reverse("cases:edit", args=[world.case.pk])).status_code == 200
    # The police station kept read access through a share; it may no longer edit.
    owner_client = login(world.owner)
    assert owner_client.get(case_url).status_code == 200
    assert owner_client.get(reverse("cases:edit", args=[world.case.pk])).status_code == 403
    entry = AuditEntry.objects.get(object_type="case", action=AuditAction.UPDATE, fields=["owner"])
    assert entry.details["changes"]["owner"] == [world.owner_org.pk, fia.organisation.pk]
    history = fia_client.get(case_url).content.decode()
    assert transfer.reference in history


def test_without_keeping_access_the_former_owner_loses_the_case(world, fia, login):
    transfer = _request(world, fia, keep_access=False)
    transfer_accept(user=fia, transfer=access_transfer(fia, transfer.pk))
    assert login(world.owner).get(reverse("cases:detail", args=[world.case.pk])).status_code == 404


def test_a_declined_transfer_leaves_the_case_where_it_was(world, fia, login):
    transfer = _request(world, fia)
    client = login(fia)
    client.post(
        reverse("referrals:transfer_act", args=[transfer.pk, "decline"]), {"text": "Internal"}
    )
    transfer.refresh_from_db()
    world.case.refresh_from_db()
    assert transfer.status == TransferStatus.DECLINED and world.case.owner == world.owner_org


def test_only_one_transfer_waits_at_a_time_and_the_requester_may_cancel(world, fia, login):
    transfer = _request(world, fia)
    with pytest.raises(ValidationError):
        _request(world, fia)
    login(world.owner).post(reverse("referrals:transfer_act", args=[transfer.pk, "cancel"]))
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.CANCELLED
    assert _request(world, fia).status == TransferStatus.REQUESTED


def test_outsiders_and_partners_cannot_see_or_decide_a_transfer(world, fia, login):
    transfer = _request(world, fia)
    url = reverse("referrals:transfer_detail", args=[transfer.pk])
    accept = reverse("referrals:transfer_act", args=[transfer.pk, "accept"])
    for user in (world.outsider, world.analyst):
        assert login(user).get(url).status_code == 404
        assert login(user).post(accept).status_code == 404
    # The partner sees the case and so the transfer, but cannot accept it for the FIA.
    assert login(world.partner).get(url).status_code == 200
    assert login(world.partner).post(accept).status_code == 403
    assert (
        login(world.partner)
        .get(reverse("referrals:transfer_create", args=[world.case.pk]))
        .status_code
        == 403
    )


def test_a_restricted_case_needs_a_team_of_the_new_owner(world, fia):
    from rahai.cases.services import case_update

    team = restricted_team(world, world.owner)
    case_update(user=world.owner, case=world.case, data={"sensitivity": "restricted", "team": team})
    transfer = _request(world, fia)
    with pytest.raises(ValidationError):
        transfer_accept(user=fia, transfer=access_transfer(fia, transfer.pk))
    from rahai.orgs.models import Team

    fia_team = Team.objects.create(name="FIA child protection", organisation=fia.organisation)
    fia_team.members.set([fia])
    case = transfer_accept(user=fia, transfer=access_transfer(fia, transfer.pk), team=fia_team)
    assert case.team == fia_team and case.owner == fia.organisation

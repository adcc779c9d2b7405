"""Case transfer pages: request from the case page, the receiver's decision, the history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rahai.cases.access import access_case, can_edit_case
from rahai.core.forms import apply_service_errors
from rahai.referrals import transfers
from rahai.referrals.access import access_transfer, can_decide_transfer, transfer_summary
from rahai.referrals.forms import TextForm, TransferAcceptForm, TransferForm


@login_required
def transfer_create(request, case_id: int):
    case = access_case(request.user, case_id, write=True)
    form = TransferForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            transfer = transfers.transfer_request(
                user=request.user,
                case=case,
                organisation=form.cleaned_data["organisation"],
                reason=form.cleaned_data["reason"],
                keep_access=form.cleaned_data["keep_access"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Transfer requested; it waits for the other side."))
            return redirect("referrals:transfer_detail", transfer_id=transfer.pk)
    return render(request, "referrals/transfer_form.html", {"case": case, "form": form})


@login_required
def transfer_detail(request, transfer_id: int):
    transfer = access_transfer(request.user, transfer_id)
    can_decide = can_decide_transfer(request.user, transfer)
    can_cancel = (
        transfer.is_pending
        and transfer.viewer_sees_case
        and can_edit_case(request.user, transfer.case)
    )
    context = {
        "transfer": transfer,
        "summary": transfer_summary(transfer),
        "can_decide": can_decide,
        "can_cancel": can_cancel,
        "accept_form": TransferAcceptForm(user=request.user) if can_decide else None,
        "text_form": TextForm(),
    }
    return render(request, "referrals/transfer_detail.html", context)


@login_required
@require_POST
def transfer_act(request, transfer_id: int, action: str):
    transfer = access_transfer(request.user, transfer_id)
    try:
        if action == "accept":
            form = TransferAcceptForm(request.POST, user=request.user)
            form.is_valid()
            case = transfers.transfer_accept(
                user=request.user,
                transfer=transfer,
                team=form.cleaned_data.get("team"),
                note=form.cleaned_data.get("text", ""),
            )
            messages.success(request, _("The case is now your organisation's."))
            return redirect("cases:detail", case_id=case.pk)
        form = TextForm(request.POST)
        form.is_valid()
        note = form.cleaned_data.get("text", "")
        if action == "decline":
            transfers.transfer_decline(user=request.user, transfer=transfer, note=note)
            messages.success(request, _("Transfer declined."))
        elif action == "cancel":
            transfers.transfer_cancel(user=request.user, transfer=transfer)
            messages.success(request, _("Transfer cancelled."))
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("referrals:transfer_detail", transfer_id=transfer.pk)

"""The referrals-and-transfers card on the case page (an inclusion tag, so the case view stays
as it is). ``case`` came from ``access_case``: whoever sees the case sees its referrals."""

from django import template

from rahai.cases.access import can_edit_case
from rahai.referrals import selectors

register = template.Library()


@register.inclusion_tag("referrals/case_card.html", takes_context=True)
def case_referrals_card(context, case):
    user = context["request"].user
    referrals = list(selectors.case_referrals(case))
    for referral in referrals:
        referral.overdue = selectors.is_overdue(referral)
    transfers = list(selectors.case_transfers(case)[:10])
    return {
        "case": case,
        "referrals": referrals,
        "transfers": transfers,
        "pending_transfer": next((t for t in transfers if t.is_pending), None),
        "can_edit": can_edit_case(user, case),
    }

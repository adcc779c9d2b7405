"""Who may see hotline contacts: the staff of the hotline that received them.

Hotline operators and supervisors of a hotline organisation see its contacts (and contacts
not yet routed to any hotline). A contact turned into a case is also visible, read-only,
to whoever may see that case. Everyone else gets 404.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from rahai.accounts.models import RoleCode
from rahai.cases.access import visible_cases
from rahai.hotline.choices import Channel
from rahai.hotline.models import Contact, ContactMessage, ContactStatus
from rahai.orgs.models import OrganisationKind

HOTLINE_ROLES = (RoleCode.HOTLINE_OPERATOR, RoleCode.SUPERVISOR)


def works_hotline(user) -> bool:
    return (
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.organisation_id is not None
        and user.organisation.kind == OrganisationKind.HOTLINE
        and user.has_role(*HOTLINE_ROLES)
    )


def visible_contacts(user) -> QuerySet[Contact]:
    if not getattr(user, "is_authenticated", False) or not user.works_cases:
        return Contact.objects.none()
    scope = Q(case_id__in=visible_cases(user).values("id"))
    if works_hotline(user):
        scope |= Q(organisation_id=user.organisation_id) | Q(organisation__isnull=True)
    return Contact.objects.filter(scope)


def access_contact(user, contact_id, *, write: bool = False) -> Contact:
    """The contact if the user may see it; ``write`` needs the receiving hotline's staff."""
    queryset = visible_contacts(user)
    if write:
        if not works_hotline(user):
            raise Http404
        queryset = queryset.filter(
            Q(organisation_id=user.organisation_id) | Q(organisation__isnull=True)
        )
    try:
        return queryset.select_related("district__province", "country", "case").get(
            pk=int(contact_id)
        )
    except (Contact.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


def contact_by_reference_and_pin(reference: str, pin: str) -> Contact | None:
    """For the public status page: the contact only when the PIN matches (no user involved)."""
    from rahai.hotline.codes import pin_matches

    contact = Contact.objects.filter(reference=reference.strip().upper()).first()
    if contact is None or not pin_matches(contact, pin):
        return None
    return contact


# The public channels have no signed-in user; these narrow lookups are all they may do.


def reference_taken(reference: str) -> bool:
    return Contact.objects.filter(reference=reference).exists()


def message_by_external_id(external_id: str):
    """The stored message with a provider's id (for idempotent redelivery), or None."""
    # Asked of every delivery and almost always a miss: a one-column probe first (compiling the
    # message and contact select costs more CPU than the lookup itself).
    found = ContactMessage.objects.filter(external_id=external_id).values_list("pk", flat=True)
    if not found[:1]:
        return None
    return ContactMessage.objects.select_related("contact").filter(external_id=external_id).first()


def web_contact_by_submission_key(key: str) -> Contact | None:
    """A web report already stored under this form's one-time key (a re-sent form), or None."""
    return Contact.objects.filter(submission_key=key, channel=Channel.WEB).first()


def open_thread(*, channel: str, sender_digest: str, since) -> Contact | None:
    """The sender's open conversation on this channel since ``since``, locked for appending."""
    threads = (
        Contact.objects.filter(
            channel=channel, sender_digest=sender_digest, last_message_at__gte=since
        )
        .exclude(status=ContactStatus.CLOSED)
        .order_by("-last_message_at")
    )
    # Most messages open a new thread: probe one column before locking and reading a whole row.
    if not threads.values_list("pk", flat=True)[:1]:
        return None
    return threads.select_for_update().first()


def system_contacts(*, purpose: str) -> QuerySet[Contact]:
    assert purpose, "a system job must say why it reads every contact"
    return Contact.objects.all()

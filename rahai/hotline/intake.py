"""Receiving reports from the public channels (web form, SMS, WhatsApp, email).

Every function here commits the whole report in one transaction before it returns, so a
channel acknowledges only what is durably stored; on any failure nothing is half-written and
the caller answers with an error the sender can retry.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rahai.core.crypto import blind_index
from rahai.core.languages import Language
from rahai.geo.models import Country, District
from rahai.hotline.access import (
    message_by_external_id,
    open_thread,
    reference_taken,
    web_contact_by_submission_key,
)
from rahai.hotline.choices import Answer, CallerType, Channel
from rahai.hotline.codes import new_pin, new_reference, pin_digest, submission_pin
from rahai.hotline.models import (
    Contact,
    ContactMessage,
    MessageDirection,
)
from rahai.hotline.triage_apply import apply_suggestion
from rahai.orgs.models import Organisation, OrganisationKind
from rahai.people.validation import normalise_phone

MAX_NARRATIVE = 10_000
MAX_MESSAGE = 5_000
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_FILES = 3
ALLOWED_TYPES = {
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/webp": (b"RIFF",),
    "application/pdf": (b"%PDF-",),
}
THREAD_WINDOW = timedelta(hours=24)


@dataclass
class ReportData:
    """What a reporter told us, whatever the channel."""

    narrative: str = ""
    district: District | None = None
    country: Country | None = None
    place: str = ""
    when_text: str = ""
    persons_at_risk: int | None = None
    children_involved: str = Answer.UNKNOWN
    immediate_danger: str = Answer.UNKNOWN
    caller_type: str = CallerType.UNKNOWN
    reporter_name: str = ""
    reporter_phone: str = ""
    reporter_email: str = ""
    language: str = "ur"
    screening: list[str] = field(default_factory=list)
    persons_mentioned: list[dict] = field(default_factory=list)
    wants_referral: bool = False
    wants_information: bool = False
    submission_key: str = ""  # web form only: see Contact.submission_key


@dataclass(frozen=True)
class Upload:
    name: str
    content_type: str
    data: bytes


def receiving_hotline() -> Organisation | None:
    """The hotline organisation that public reports go to."""
    name = getattr(settings, "RAHAI_HOTLINE_ORGANISATION", "")
    hotlines = Organisation.objects.filter(kind=OrganisationKind.HOTLINE, active=True)
    if name:
        named = hotlines.filter(name=name).first()
        if named is not None:
            return named
    return hotlines.order_by("id").first()


def clean_report(data: ReportData) -> ReportData:
    errors: dict[str, list] = {}
    data.narrative = (data.narrative or "").strip()
    if len(data.narrative) > MAX_NARRATIVE:
        errors["narrative"] = [
            ValidationError(_("Please keep the description under 10,000 characters."))
        ]
    if data.district is not None and data.country is not None:
        errors["country"] = [
            ValidationError(_("Choose a district of Pakistan or a foreign country, not both."))
        ]
    if data.persons_at_risk is not None and not 0 <= data.persons_at_risk <= 10_000:
        errors["persons_at_risk"] = [ValidationError(_("Give a number between 0 and 10,000."))]
    if data.reporter_phone:
        try:
            data.reporter_phone = normalise_phone(data.reporter_phone)
        except ValidationError as exc:
            errors["reporter_phone"] = exc.error_list
    for name in ("reporter_name", "reporter_email", "place", "when_text"):
        setattr(data, name, (getattr(data, name) or "").strip()[:200])
    if errors:
        raise ValidationError(errors)
    return data


def clean_uploads(uploads: list[Upload]) -> list[Upload]:
    if len(uploads) > MAX_FILES:
        raise ValidationError({"attachments": [_("Send at most 3 files.")]})
    for upload in uploads:
        if len(upload.data) > MAX_FILE_BYTES:
            raise ValidationError({"attachments": [_("Each file must be under 5 MB.")]})
        signatures = ALLOWED_TYPES.get(upload.content_type)
        if not signatures or not any(upload.data.startswith(sig) for sig in signatures):
            raise ValidationError(
                {"attachments": [_("Only photos (JPEG, PNG, WebP) and PDF documents can be sent.")]}
            )
    return uploads


def _new_contact(*, channel: str, data: ReportData, now) -> tuple[Contact, str]:
    pin = new_pin()
    for _attempt in range(5):
        reference = new_reference()
        if not reference_taken(reference):
            break
    contact = Contact(
        reference=reference,
        pin_digest=pin_digest(reference, pin),
        channel=channel,
        organisation=receiving_hotline(),
        received_at=now,
        last_message_at=now,
        language=data.language if data.language in Language else Language.URDU,
        caller_type=data.caller_type,
        narrative=data.narrative,
        reporter_name=data.reporter_name,
        reporter_phone=data.reporter_phone,
        reporter_email=data.reporter_email,
        anonymous=not (data.reporter_name or data.reporter_phone or data.reporter_email),
        persons_mentioned=list(data.persons_mentioned or []),
        district=data.district,
        country=data.country,
        place=data.place,
        when_text=data.when_text,
        persons_at_risk=data.persons_at_risk,
        children_involved=data.children_involved,
        immediate_danger=data.immediate_danger,
        screening=sorted(set(data.screening or [])),
    )
    apply_suggestion(contact, data)
    return contact, pin


def web_report_submit(*, data: ReportData, uploads: list[Upload]) -> tuple[Contact, str]:
    """A report from the public web form; returns the contact and the PIN (shown once)."""
    from rahai.hotline.alerts import alert_if_crisis

    data = clean_report(data)
    uploads = clean_uploads(uploads)
    if not data.narrative and data.district is None and data.country is None and not uploads:
        raise ValidationError({"narrative": [_("Please tell us what happened.")]})
    key = (data.submission_key or "").strip()[:40] or None
    if key:
        sent_before = web_contact_by_submission_key(key)
        if sent_before is not None:
            return sent_before, submission_pin(key)
    # Triage before the transaction: on SQLite the write lock is held from BEGIN IMMEDIATE.
    contact, pin = _new_contact(channel=Channel.WEB, data=data, now=timezone.now())
    if key:
        contact.submission_key, pin = key, submission_pin(key)
        contact.pin_digest = pin_digest(contact.reference, pin)
    try:
        with transaction.atomic():
            contact.save()
            for upload in uploads:
                contact.attachments.create(
                    filename=upload.name[:200],
                    content_type=upload.content_type,
                    size=len(upload.data),
                    content=base64.b64encode(upload.data).decode(),
                )
            alert_if_crisis(contact)
    except IntegrityError:
        # The same form raced in twice (two workers): the first one won; answer the same.
        sent_before = web_contact_by_submission_key(key) if key else None
        if sent_before is None:
            raise
        return sent_before, submission_pin(key)
    return contact, pin


def sender_digest(channel: str, phone: str) -> str:
    return blind_index(f"{channel}:{phone}", purpose="hotline.sender")


@dataclass(frozen=True)
class Received:
    contact: Contact
    new_contact: bool
    duplicate: bool
    pin: str = ""


def message_receive(
    *,
    channel: str,
    sender: str,
    body: str,
    external_id: str,
    media: list[str] | None = None,
    language: str = "",
) -> Received:
    """An SMS, WhatsApp message or email: idempotent by ``external_id``, threaded by sender."""
    existing = message_by_external_id(external_id)
    if existing is not None:
        return Received(existing.contact, new_contact=False, duplicate=True)
    body = (body or "").strip()[:MAX_MESSAGE]
    try:
        with transaction.atomic():
            return _message_receive(
                channel=channel,
                sender=sender,
                body=body,
                external_id=external_id,
                media=media or [],
                language=language,
            )
    except IntegrityError:
        # The same delivery raced in on another worker: the first one won; answer the same.
        existing = message_by_external_id(external_id)
        if existing is None:
            raise
        return Received(existing.contact, new_contact=False, duplicate=True)


def _message_receive(*, channel, sender, body, external_id, media, language) -> Received:
    now = timezone.now()
    digest = sender_digest(channel, sender) if sender else ""
    contact = None
    if digest:
        contact = open_thread(channel=channel, sender_digest=digest, since=now - THREAD_WINDOW)
    pin = ""
    if contact is None:
        data = ReportData(narrative=body, language=language or "ur")
        if channel == Channel.EMAIL:
            data.reporter_email = sender
        else:
            data.reporter_phone = sender
        contact, pin = _new_contact(channel=channel, data=data, now=now)
        contact.sender_digest = digest
        if not language:
            contact.language = contact.language or "ur"
        contact.save()
        created = True
    else:
        contact.narrative = f"{contact.narrative}\n\n{body}".strip()[: MAX_NARRATIVE * 2]
        contact.last_message_at = now
        if contact.triage_confirmed_at is None:
            apply_suggestion(
                contact, ReportData(narrative=contact.narrative, language=contact.language)
            )
        contact.save()
        created = False
    contact.messages.create(
        direction=MessageDirection.IN,
        channel=channel,
        external_id=external_id,
        body=body,
        media=media,
        at=now,
    )
    from rahai.hotline.alerts import alert_if_crisis

    alert_if_crisis(contact)
    return Received(contact, new_contact=created, duplicate=False, pin=pin)


@transaction.atomic
def status_add_information(*, contact: Contact, text: str) -> ContactMessage:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": [_("Write something first.")]})
    if len(text) > MAX_MESSAGE:
        raise ValidationError({"text": [_("Please keep it under 5,000 characters.")]})
    now = timezone.now()
    contact.last_message_at = now
    contact.save(update_fields=["last_message_at"])
    return contact.messages.create(
        direction=MessageDirection.IN, channel=Channel.WEB, body=text, at=now
    )


def record_reply(*, contact: Contact, channel: str, body: str) -> None:
    """Keep the automatic reply on the thread (so staff see what the reporter was told)."""
    contact.messages.create(
        direction=MessageDirection.OUT,
        channel=channel,
        body=body,
        at=timezone.now(),
    )

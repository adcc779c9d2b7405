"""Webhooks for the message channels: Twilio SMS and WhatsApp, and inbound email.

A 200 answer means the message is committed. Anything else makes the provider retry, and
``MessageSid`` / ``Message-ID`` make the retry idempotent.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import DatabaseError, transaction
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from rahai.core import ratelimit
from rahai.hotline.choices import Channel
from rahai.hotline.emails import EmailParseError, parse_inbound_email
from rahai.hotline.intake import message_receive, record_reply
from rahai.hotline.twilio import signature_valid, twiml_message
from rahai.people.validation import normalise_phone

logger = logging.getLogger(__name__)


def _public_url(request) -> str:
    base = getattr(settings, "RAHAI_PUBLIC_URL", "").rstrip("/")
    return base + request.get_full_path() if base else request.build_absolute_uri()


def _sender_phone(raw: str) -> str:
    raw = (raw or "").removeprefix("whatsapp:").strip()
    try:
        return normalise_phone(raw) or raw
    except Exception:
        return raw[:40]


def _twiml(text: str, status: int = 200) -> HttpResponse:
    return HttpResponse(twiml_message(text), content_type="text/xml; charset=utf-8", status=status)


def _reply_language(contact) -> str:
    """Replies are in the contact's language when Rahai is translated into it, else in Urdu."""
    language = contact.language or "ur"
    return language if language in dict(settings.LANGUAGES) else "ur"


def _acknowledgement(contact, pin: str, *, new: bool) -> str:
    with override(_reply_language(contact)):
        if new:
            return _(
                "Rahai anti-trafficking hotline: we have received your message. Your reference is "
                "%(reference)s and your PIN is %(pin)s. Keep them to follow up. If you are in danger "
                "now, call 15."
            ) % {"reference": contact.reference, "pin": pin}
        return _("Rahai: added to your report %(reference)s.") % {"reference": contact.reference}


def _twilio_webhook(request, channel: str) -> HttpResponse:
    token = getattr(settings, "TWILIO_AUTH_TOKEN", "")
    if token and not signature_valid(
        _public_url(request), request.POST, token, request.headers.get("X-Twilio-Signature", "")
    ):
        return HttpResponse("invalid signature", status=403, content_type="text/plain")
    sid = request.POST.get("MessageSid") or request.POST.get("SmsSid") or ""
    if not sid:
        return HttpResponse("MessageSid is required", status=400, content_type="text/plain")
    sender = _sender_phone(request.POST.get("From", ""))
    body = request.POST.get("Body", "")
    try:
        media_count = min(int(request.POST.get("NumMedia", "0") or 0), 10)
    except ValueError:
        media_count = 0
    media = [request.POST.get(f"MediaUrl{i}", "") for i in range(media_count)]
    limit, window = settings.RAHAI_SENDER_LIMIT
    received, reply = None, ""
    try:
        # One transaction, one durable commit: the sender's counter, the message, the reply.
        with transaction.atomic():
            if ratelimit.hit(f"sender:{channel}", sender, window=window) <= limit:
                received = message_receive(
                    channel=channel,
                    sender=sender,
                    body=body,
                    external_id=sid,
                    media=[url for url in media if url],
                )
                if not received.duplicate:
                    reply = _acknowledgement(
                        received.contact, received.pin, new=received.new_contact
                    )
                    record_reply(contact=received.contact, channel=channel, body=reply)
    except DatabaseError:
        logger.exception("could not store a %s message; the provider will retry", channel)
        return HttpResponse("temporarily unavailable", status=503, content_type="text/plain")
    if received is None:
        with override("ur"):
            return _twiml(
                _(
                    "Rahai: you have sent many messages in a short time. Please wait an hour, "
                    "or call 15 if you are in danger."
                )
            )
    return _twiml(reply)  # empty for a duplicate: the first delivery was answered


@csrf_exempt
@require_POST
def twilio_sms(request):
    return _twilio_webhook(request, Channel.SMS)


@csrf_exempt
@require_POST
def twilio_whatsapp(request):
    return _twilio_webhook(request, Channel.WHATSAPP)


@csrf_exempt
@require_POST
def inbound_email(request):
    token = getattr(settings, "RAHAI_EMAIL_WEBHOOK_TOKEN", "")
    if token:
        import hmac

        given = request.headers.get("X-Rahai-Webhook-Token", "") or request.GET.get("token", "")
        if not hmac.compare_digest(given, token):
            return JsonResponse({"error": "invalid token"}, status=403)
    try:
        email = parse_inbound_email(request.body, request.content_type or "")
    except EmailParseError as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    limit, window = settings.RAHAI_SENDER_LIMIT
    if ratelimit.hit("sender:email", email.sender.lower(), window=window) > limit:
        return JsonResponse({"status": "rate_limited"}, status=429)
    try:
        received = message_receive(
            channel=Channel.EMAIL,
            sender=email.sender,
            external_id=email.message_id,
            body=f"{email.subject}\n\n{email.body}".strip(),
        )
    except DatabaseError:
        logger.exception("could not store an email; the provider will retry")
        return JsonResponse({"error": "temporarily unavailable"}, status=503)
    return JsonResponse(
        {
            "status": "duplicate" if received.duplicate else "received",
            "reference": received.contact.reference,
        }
    )

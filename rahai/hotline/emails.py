"""Reading an inbound email: a raw RFC 822 message, or the JSON of common inbound-mail providers."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from email import policy
from email.parser import BytesParser
from email.utils import parseaddr


class EmailParseError(ValueError):
    pass


@dataclass(frozen=True)
class InboundEmail:
    sender: str
    subject: str
    body: str
    message_id: str


MAX_BODY = 5_000


def parse_inbound_email(raw: bytes, content_type: str) -> InboundEmail:
    if not raw:
        raise EmailParseError("empty request")
    if len(raw) > 10 * 1024 * 1024:
        raise EmailParseError("message too large")
    if content_type == "application/json":
        return _from_json(raw)
    return _from_rfc822(raw)


def _from_rfc822(raw: bytes) -> InboundEmail:
    message = BytesParser(policy=policy.default).parsebytes(raw)
    sender = parseaddr(str(message.get("From", "")))[1]
    if not sender:
        raise EmailParseError("the message has no From address")
    part = message.get_body(preferencelist=("plain", "html"))
    body = part.get_content() if part is not None else ""
    if part is not None and part.get_content_type() == "text/html":
        body = _strip_html(body)
    message_id = str(message.get("Message-ID", "")).strip() or _fallback_id(raw)
    return InboundEmail(
        sender=sender,
        subject=str(message.get("Subject", ""))[:300],
        body=body[:MAX_BODY],
        message_id=message_id[:200],
    )


def _from_json(raw: bytes) -> InboundEmail:
    """Postmark (From, Subject, TextBody, MessageID), SendGrid/Mailgun-style (from, subject,
    text / body-plain, Message-Id) and a plain {from, subject, text, message_id}."""
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise EmailParseError("the JSON body could not be read") from exc
    if not isinstance(data, dict):
        raise EmailParseError("expected a JSON object")

    def first(*names: str) -> str:
        for name in names:
            value = data.get(name)
            if isinstance(value, str) and value.strip():
                return value
        return ""

    sender = parseaddr(first("From", "from", "sender", "FromFull"))[1] or first("sender")
    if not sender:
        raise EmailParseError("the message has no sender")
    body = first("TextBody", "text", "body-plain", "stripped-text", "plain")
    if not body:
        body = _strip_html(first("HtmlBody", "html", "body-html"))
    message_id = first("MessageID", "Message-Id", "message_id", "message-id") or _fallback_id(raw)
    return InboundEmail(
        sender=sender,
        subject=first("Subject", "subject")[:300],
        body=body[:MAX_BODY],
        message_id=message_id[:200],
    )


def _fallback_id(raw: bytes) -> str:
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def _strip_html(html: str) -> str:
    from django.utils.html import strip_tags

    return strip_tags(html or "")

"""Twilio's messaging webhook: signature check and TwiML replies (no SDK, no network)."""

from __future__ import annotations

import base64
import hashlib
import hmac
from xml.sax.saxutils import escape


def compute_signature(url: str, params, auth_token: str) -> str:
    """As Twilio's RequestValidator: the URL, then each parameter name+value sorted by name."""
    payload = url
    for name in sorted(set(params.keys())):
        values = params.getlist(name) if hasattr(params, "getlist") else [params[name]]
        for value in sorted(set(values)):
            payload += name + value
    digest = hmac.new(auth_token.encode(), payload.encode("utf-8"), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def signature_valid(url: str, params, auth_token: str, signature: str) -> bool:
    if not signature:
        return False
    return hmac.compare_digest(compute_signature(url, params, auth_token), signature)


def twiml_message(text: str) -> str:
    if not text:
        return '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'
    return f'<?xml version="1.0" encoding="UTF-8"?><Response><Message>{escape(text)}</Message></Response>'

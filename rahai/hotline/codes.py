"""Reference codes and PINs for reporters. The PIN is stored only as a keyed digest."""

from __future__ import annotations

import hmac
import secrets

from rahai.core.crypto import blind_index

# Crockford-style alphabet: no I, L, O, U, 0, 1 to misread over the phone.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_reference() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"RH-{body[:4]}-{body[4:]}"


def new_pin() -> str:
    return f"{secrets.randbelow(10**6):06d}"


def pin_digest(reference: str, pin: str) -> str:
    return blind_index(f"{reference}:{pin}", purpose="hotline.pin")


def submission_pin(submission_key: str) -> str:
    """The PIN of a web report, derived from its form's one-time key with a server secret, so a
    form sent twice shows the same reference and PIN both times."""
    digest = blind_index(submission_key, purpose="hotline.submission-pin")
    return f"{int(digest[:12], 16) % 10**6:06d}"


def pin_matches(contact, pin: str) -> bool:
    if not contact.pin_digest or not pin:
        return False
    return hmac.compare_digest(contact.pin_digest, pin_digest(contact.reference, pin.strip()))


def normalise_reference(value: str) -> str:
    cleaned = "".join(ch for ch in (value or "").upper() if ch.isalnum())
    if cleaned.startswith("RH") and len(cleaned) == 10:
        return f"RH-{cleaned[2:6]}-{cleaned[6:]}"
    return (value or "").strip().upper()

"""Authenticated encryption of personal data and keyed blind indexes.

Ciphertext format: ``v1:<key id>:<base64url(nonce || AES-256-GCM ciphertext+tag)>``.
The associated data binds a value to the column it belongs to, so a ciphertext copied into
another column does not decrypt.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass
from functools import lru_cache

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "v1"


class DecryptionError(Exception):
    """A stored value could not be authenticated with any configured key."""


@dataclass(frozen=True)
class Keyring:
    current_id: str
    keys: dict[str, bytes]
    # Built once per key: constructing AESGCM costs more than decrypting a short value.
    ciphers: dict[str, AESGCM]


def _b64decode(value: str) -> bytes:
    padded = value + "=" * (-len(value) % 4)
    return base64.urlsafe_b64decode(padded.replace("+", "-").replace("/", "_"))


def generate_key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode().rstrip("=")


@lru_cache(maxsize=8)
def _keyring_for(spec: tuple[str, ...]) -> Keyring:
    keys: dict[str, bytes] = {}
    current = ""
    for entry in spec:
        key_id, sep, encoded = entry.partition(":")
        if not sep or not key_id or ":" in encoded:
            raise ImproperlyConfigured("RAHAI_DATA_KEYS entries must look like id:base64key")
        key = _b64decode(encoded)
        if len(key) != 32:
            raise ImproperlyConfigured(f"Data key {key_id!r} must be 32 bytes")
        keys[key_id] = key
        current = current or key_id
    if not keys:
        raise ImproperlyConfigured("RAHAI_DATA_KEYS is empty: personal data cannot be encrypted")
    ciphers = {key_id: AESGCM(key) for key_id, key in keys.items()}
    return Keyring(current_id=current, keys=keys, ciphers=ciphers)


def keyring() -> Keyring:
    return _keyring_for(tuple(settings.RAHAI_DATA_KEYS))


def encrypt(plaintext: str, *, context: str) -> str:
    ring = keyring()
    nonce = os.urandom(12)
    sealed = ring.ciphers[ring.current_id].encrypt(
        nonce, plaintext.encode("utf-8"), context.encode("utf-8")
    )
    body = base64.urlsafe_b64encode(nonce + sealed).decode().rstrip("=")
    return f"{PREFIX}:{ring.current_id}:{body}"


def key_id_of(token: str) -> str:
    parts = token.split(":", 2)
    return parts[1] if len(parts) == 3 and parts[0] == PREFIX else ""


def decrypt(token: str, *, context: str) -> str:
    parts = token.split(":", 2)
    if len(parts) != 3 or parts[0] != PREFIX:
        raise DecryptionError("Value is not in Rahai's ciphertext format")
    ring = keyring()
    cipher = ring.ciphers.get(parts[1])
    if cipher is None:
        raise DecryptionError(f"No key with id {parts[1]!r} is configured")
    raw = _b64decode(parts[2])
    try:
        plain = cipher.decrypt(raw[:12], raw[12:], context.encode("utf-8"))
    except Exception as exc:  # InvalidTag: tampered or moved between columns
        raise DecryptionError("Stored value failed authentication") from exc
    return plain.decode("utf-8")


@lru_cache(maxsize=4)
def _index_key(encoded: str) -> bytes:
    if not encoded:
        raise ImproperlyConfigured("RAHAI_INDEX_KEY is not set: blind indexes cannot be computed")
    return _b64decode(encoded)


def blind_index(value: str, *, purpose: str) -> str:
    """Keyed digest of a normalised value; equal inputs give equal digests, nothing else leaks."""
    key = _index_key(settings.RAHAI_INDEX_KEY)
    message = f"{purpose}\x00{value}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:40]


@lru_cache(maxsize=4)
def audit_key() -> bytes:
    if not settings.RAHAI_AUDIT_KEY:
        raise ImproperlyConfigured("RAHAI_AUDIT_KEY is not set: the audit chain cannot be signed")
    return _b64decode(settings.RAHAI_AUDIT_KEY)

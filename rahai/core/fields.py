"""Model fields whose values are encrypted in the database.

Encrypted columns can only be compared with ``isnull``; exact search goes through blind
indexes (see ``rahai.people.search``).
"""

from __future__ import annotations

import json
from typing import Any

from django.db import models

from rahai.core import crypto


class EncryptedTextField(models.TextField):
    description = "Text encrypted at rest with AES-256-GCM"

    def contribute_to_class(self, cls, name, private_only=False):
        super().contribute_to_class(cls, name, private_only)
        self.crypto_context = f"{cls._meta.label_lower}.{name}"

    def get_lookup(self, lookup_name):
        if lookup_name != "isnull":
            raise TypeError(
                f"Encrypted field {self.name!r} cannot be filtered with {lookup_name!r}"
            )
        return super().get_lookup(lookup_name)

    def to_stored(self, value: Any) -> str:
        return "" if value is None else str(value)

    def from_stored(self, plain: str) -> Any:
        return plain

    def get_prep_value(self, value):
        if value is None:
            return None
        stored = self.to_stored(value)
        if stored == "" and not self.null:
            return ""
        return crypto.encrypt(stored, context=self.crypto_context)

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return self.from_stored("") if value == "" else None
        return self.from_stored(crypto.decrypt(value, context=self.crypto_context))

    def to_python(self, value):
        return value

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        return name, path, args, kwargs


class EncryptedJSONField(EncryptedTextField):
    """A JSON value (usually a list of strings) encrypted as one ciphertext."""

    description = "JSON encrypted at rest with AES-256-GCM"

    def to_stored(self, value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    def from_stored(self, plain: str) -> Any:
        return json.loads(plain) if plain else []

    def get_prep_value(self, value):
        if value is None:
            return None
        return crypto.encrypt(self.to_stored(value), context=self.crypto_context)

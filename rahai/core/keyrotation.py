"""Re-encrypting every encrypted column with the current data key, in batches.

Works on the stored ciphertext directly (no model instances, nothing decrypted beyond the one
value being re-sealed), so it is safe to run while Rahai serves requests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from django.apps import apps
from django.db import connection, transaction

from rahai.core import crypto
from rahai.core.fields import EncryptedTextField


def encrypted_columns() -> Iterator[tuple[type, list[EncryptedTextField]]]:
    for model in apps.get_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if fields:
            yield model, fields


def rotate(*, batch_size: int = 500, progress: Callable[[str], None] = lambda _msg: None) -> int:
    """Re-encrypt values sealed with an older key; return how many values changed."""
    current = crypto.keyring().current_id
    changed = 0
    quote = connection.ops.quote_name
    for model, fields in encrypted_columns():
        table = quote(model._meta.db_table)
        pk = quote(model._meta.pk.column)
        columns = ", ".join(quote(f.column) for f in fields)
        last = None
        while True:
            with transaction.atomic(), connection.cursor() as cursor:
                where = f"WHERE {pk} > %s " if last is not None else ""
                cursor.execute(
                    f"SELECT {pk}, {columns} FROM {table} {where}ORDER BY {pk} LIMIT %s",  # noqa: S608
                    [last, batch_size] if last is not None else [batch_size],
                )
                rows = cursor.fetchall()
                if not rows:
                    break
                for row in rows:
                    updates = {}
                    for field, value in zip(fields, row[1:], strict=True):
                        if value and crypto.key_id_of(value) != current:
                            plain = crypto.decrypt(value, context=field.crypto_context)
                            updates[field.column] = crypto.encrypt(
                                plain, context=field.crypto_context
                            )
                    if updates:
                        assignments = ", ".join(f"{quote(col)} = %s" for col in updates)
                        cursor.execute(
                            f"UPDATE {table} SET {assignments} WHERE {pk} = %s",  # noqa: S608
                            [*updates.values(), row[0]],
                        )
                        changed += len(updates)
                last = rows[-1][0]
            progress(f"{model._meta.label}: up to id {last}, {changed} values re-encrypted")
    return changed

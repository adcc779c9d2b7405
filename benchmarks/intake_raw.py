"""The ceiling for ``benchmarks/hotline_intake.py``: the same rows inserted straight through the
database driver (``sqlite3`` or ``psycopg``), one transaction per report, at the same
concurrency as the HTTP senders, with no web server, no Django and no crypto in the timed loop.

The rows are real: templates are built once by Rahai's own intake code (``_new_contact``: triage,
encryption with the configured keys) and turned into column values by the model fields, so the
ciphertexts have the same sizes as the application's. Each timed insert swaps in a fresh
reference code (and MessageSid), which are the unique columns. A web report is one
``hotline_contact`` row; an SMS report is one ``hotline_contact`` row plus one
``hotline_contactmessage`` row in the same transaction (what ``message_receive`` commits).
The raw reference codes start with ``RB-`` so the verification can leave them out.
"""

from __future__ import annotations

import itertools
import random
import threading
import time
from dataclasses import dataclass, field

from intake_texts import sms_body, web_narrative

RAW_PREFIX = "RB-"


@dataclass
class RawTemplates:
    contact_sql: str
    message_sql: str
    contact_rows: list = field(default_factory=list)
    message_rows: list = field(default_factory=list)
    reference_index: int = 0
    message_contact_index: int = 0
    message_external_index: int = 0
    contact_bytes: float = 0.0
    message_bytes: float = 0.0


def build_templates(channel: str, n: int, seed: int) -> RawTemplates:
    """``n`` row templates for ``channel`` ("web" or "sms"), made by the application's code."""
    from django.db import connection
    from django.utils import timezone

    from rahai.hotline.intake import ReportData, _new_contact, sender_digest
    from rahai.hotline.models import Contact, ContactMessage, MessageDirection

    rng = random.Random(f"{seed}:raw:{channel}")
    c_fields = [f for f in Contact._meta.concrete_fields if not f.primary_key]
    m_fields = [f for f in ContactMessage._meta.concrete_fields if not f.primary_key]
    mark = "?" if connection.vendor == "sqlite" else "%s"
    q = connection.ops.quote_name
    returning = "" if connection.vendor == "sqlite" else " RETURNING id"
    templates = RawTemplates(
        contact_sql=(
            f"INSERT INTO {q(Contact._meta.db_table)} ({', '.join(q(f.column) for f in c_fields)})"
            f" VALUES ({', '.join([mark] * len(c_fields))}){returning}"
        ),
        message_sql=(
            f"INSERT INTO {q(ContactMessage._meta.db_table)} "
            f"({', '.join(q(f.column) for f in m_fields)}) VALUES ({', '.join([mark] * len(m_fields))})"
        ),
        reference_index=[f.name for f in c_fields].index("reference"),
        message_contact_index=[f.name for f in m_fields].index("contact"),
        message_external_index=[f.name for f in m_fields].index("external_id"),
    )
    total_c = total_m = 0
    for i in range(n):
        now = timezone.now()
        if channel == "web":
            text, lang, _crisis = web_narrative(rng, f"RAW-{i:06d}")
            data = ReportData(narrative=text, language=lang)
        else:
            text = sms_body(rng, f"RAW-{i:06d}", follow_up=False)
            phone = f"+9231{rng.randint(0, 99_999_999):08d}"
            data = ReportData(narrative=text, language="ur", reporter_phone=phone)
        contact, _pin = _new_contact(channel=channel, data=data, now=now)
        if channel == "sms":
            contact.sender_digest = sender_digest(channel, data.reporter_phone)
        row = [f.get_db_prep_save(f.pre_save(contact, add=True), connection) for f in c_fields]
        templates.contact_rows.append(row)
        total_c += sum(len(v) for v in row if isinstance(v, str))
        if channel == "sms":
            message = ContactMessage(
                contact_id=0,
                direction=MessageDirection.IN,
                channel=channel,
                external_id="",
                body=text,
                media=[],
                at=now,
            )
            mrow = [f.get_db_prep_save(f.pre_save(message, add=True), connection) for f in m_fields]
            templates.message_rows.append(mrow)
            total_m += sum(len(v) for v in mrow if isinstance(v, str))
    templates.contact_bytes = total_c / n
    templates.message_bytes = total_m / n if templates.message_rows else 0.0
    return templates


@dataclass
class RawResult:
    channel: str
    concurrency: int
    rows: int = 0
    duration: float = 0.0
    latencies: list = field(default_factory=list)
    errors: dict = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.rows / self.duration if self.duration else 0.0


_references = itertools.count(1)


def _connect(db: dict):
    if db["vendor"] == "sqlite":
        import sqlite3

        conn = sqlite3.connect(
            db["path"], timeout=20, isolation_level=None, check_same_thread=False
        )
        # What Django's connection runs (rahai.core.env.sqlite_database + the backend's own).
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        return conn
    import psycopg

    return psycopg.connect(autocommit=True, **db["params"])


def _connect_many(db: dict, n: int, patience: float = 15.0) -> list:
    """``n`` connections; on PostgreSQL's "too many clients" (a shared server), wait a little,
    then go on with as many as it gave."""
    conns, deadline = [], time.monotonic() + patience
    while len(conns) < n:
        try:
            conns.append(_connect(db))
        except Exception as exc:  # noqa: BLE001 - psycopg.OperationalError
            if time.monotonic() > deadline:
                if not conns or "too many clients" not in str(exc):
                    raise
                break
            time.sleep(0.5)
    return conns


def _insert_one(conn, db, templates: RawTemplates, i: int, tag: str) -> None:
    n = next(_references)
    contact = list(templates.contact_rows[i % len(templates.contact_rows)])
    contact[templates.reference_index] = f"{RAW_PREFIX}{n:08d}"
    if db["vendor"] == "sqlite":
        conn.execute("BEGIN IMMEDIATE")  # as Django's transaction_mode=IMMEDIATE
        try:
            cursor = conn.execute(templates.contact_sql, contact)
            if templates.message_rows:
                message = list(templates.message_rows[i % len(templates.message_rows)])
                message[templates.message_contact_index] = cursor.lastrowid
                message[templates.message_external_index] = f"RBSM{tag}{n:010d}"
                conn.execute(templates.message_sql, message)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return
    with conn.transaction():
        contact_id = conn.execute(templates.contact_sql, contact).fetchone()[0]
        if templates.message_rows:
            message = list(templates.message_rows[i % len(templates.message_rows)])
            message[templates.message_contact_index] = contact_id
            message[templates.message_external_index] = f"RBSM{tag}{n:010d}"
            conn.execute(templates.message_sql, message)


def run_raw(
    db: dict,
    templates: RawTemplates,
    channel: str,
    concurrency: int,
    duration: float,
    max_rows: int,
) -> RawResult:
    result = RawResult(channel, concurrency)
    lock = threading.Lock()
    budget = itertools.count()
    conns = _connect_many(db, concurrency)
    result.concurrency = concurrency = len(conns)  # fewer if the server has no slots left
    start = threading.Barrier(concurrency + 1)
    deadline_box = [0.0]

    def worker(k: int):
        conn, latencies, errors, i = conns[k], [], {}, k * 7919
        start.wait()
        while time.perf_counter() < deadline_box[0] and next(budget) < max_rows:
            t0 = time.perf_counter()
            try:
                _insert_one(conn, db, templates, i, f"{k:03d}")
            except Exception as exc:  # noqa: BLE001 - counted and shown
                name = type(exc).__name__
                errors[name] = errors.get(name, 0) + 1
            else:
                latencies.append(time.perf_counter() - t0)
            i += 1
        with lock:
            result.latencies.extend(latencies)
            for name, count in errors.items():
                result.errors[name] = result.errors.get(name, 0) + count

    threads = [threading.Thread(target=worker, args=(k,), daemon=True) for k in range(concurrency)]
    for thread in threads:
        thread.start()
    t0 = time.perf_counter()
    deadline_box[0] = t0 + duration
    start.wait()
    for thread in threads:
        thread.join()
    result.duration = time.perf_counter() - t0
    result.rows = len(result.latencies)
    for conn in conns:
        conn.close()
    return result

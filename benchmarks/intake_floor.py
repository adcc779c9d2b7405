"""The floor for ``benchmarks/hotline_intake.py``: what an HTTP intake can do on this machine when
it does nothing but store the SMS, served by the same gunicorn with the same load generator.

Two WSGI apps answer ``POST /floor/sms`` (Twilio's form fields) by inserting the ceiling's own
rows (``intake_raw``: one ``hotline_contact`` + one ``hotline_contactmessage`` row, one
transaction, a fresh reference and MessageSid each) and returning a TwiML reply:

* ``bare`` -- a plain WSGI function: ``parse_qs`` on the body, one driver connection per thread
  (``sqlite3`` / ``psycopg``), no Django, no signature check, no triage, no encryption (the row
  templates are already encrypted), no rate limit, no idempotency.
* ``django_app`` -- Rahai's Django project with its whole middleware stack and one more URL
  whose view does the same insert through Django's connection (``intake_floor_settings``).

Between the raw driver rate and Rahai's webhook they split a report's cost into the HTTP server
(bare), Django's request cycle (django_app) and Rahai's own work (the real webhook). The
benchmark pickles the row templates to ``RAHAI_FLOOR_TEMPLATES`` and the database handle to
``RAHAI_FLOOR_DB`` before starting gunicorn with ``intake_floor:bare`` or
``intake_floor:django_app()`` (``--pythonpath`` this directory).
"""

from __future__ import annotations

import itertools
import os
import pickle
import threading
import urllib.parse

from intake_raw import RAW_PREFIX

_local = threading.local()
_counter = itertools.count(1)
_counter_lock = threading.Lock()
_loaded: dict = {}


def _templates():
    if not _loaded:
        with open(os.environ["RAHAI_FLOOR_TEMPLATES"], "rb") as fh:
            _loaded["templates"] = pickle.load(fh)
        with open(os.environ["RAHAI_FLOOR_DB"], "rb") as fh:
            _loaded["db"] = pickle.load(fh)
    return _loaded["templates"], _loaded["db"]


def _fresh_ids() -> tuple[str, str]:
    """A reference (16 characters at most, ``RB-`` so the verification leaves it out) and a
    MessageSid unique across gunicorn's workers and threads."""
    with _counter_lock:
        n = next(_counter)
    pid = os.getpid() % 100_000
    return f"{RAW_PREFIX}F{pid:05d}{n:07d}"[:16], f"RBFL{pid:05d}{n:010d}"


def _rows(templates, i: int) -> tuple[list, list]:
    reference, sid = _fresh_ids()
    contact = list(templates.contact_rows[i % len(templates.contact_rows)])
    contact[templates.reference_index] = reference
    message = list(templates.message_rows[i % len(templates.message_rows)])
    message[templates.message_external_index] = sid
    return contact, message


def _twiml(reference: str) -> bytes:
    # The reply carries a code shaped like Rahai's, so the senders count it as a new report.
    code = "RH-" + reference[-8:-4].replace("0", "A") + "-" + reference[-4:].replace("0", "B")
    return (
        '<?xml version="1.0" encoding="UTF-8"?><Response><Message>'
        f"Rahai: {code}</Message></Response>"
    ).encode()


def bare(environ, start_response):
    if environ["REQUEST_METHOD"] != "POST":
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"floor"]
    length = int(environ.get("CONTENT_LENGTH") or 0)
    params = urllib.parse.parse_qs(environ["wsgi.input"].read(length).decode("utf-8"))
    if not params.get("MessageSid") or not params.get("From"):
        start_response("400 Bad Request", [("Content-Type", "text/plain")])
        return [b"missing fields"]
    templates, db = _templates()
    conn = getattr(_local, "conn", None)
    if conn is None:
        from intake_raw import _connect

        conn = _local.conn = _connect(db)
    contact, message = _rows(templates, hash(params["MessageSid"][0]))
    if db["vendor"] == "sqlite":
        conn.execute("BEGIN IMMEDIATE")
        try:
            cursor = conn.execute(templates.contact_sql, contact)
            message[templates.message_contact_index] = cursor.lastrowid
            conn.execute(templates.message_sql, message)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    else:
        with conn.transaction():
            message[templates.message_contact_index] = conn.execute(
                templates.contact_sql, contact
            ).fetchone()[0]
            conn.execute(templates.message_sql, message)
    body = _twiml(contact[templates.reference_index])
    start_response("200 OK", [("Content-Type", "text/xml"), ("Content-Length", str(len(body)))])
    return [body]


def floor_view(request):
    """The Django floor's view: the same insert through Django's connection."""
    from django.db import connection, transaction
    from django.http import HttpResponse, HttpResponseBadRequest

    if not request.POST.get("MessageSid") or not request.POST.get("From"):
        return HttpResponseBadRequest("missing fields")
    templates, _db = _templates()
    contact, message = _rows(templates, hash(request.POST["MessageSid"]))
    contact_sql = templates.contact_sql.replace("?", "%s")
    message_sql = templates.message_sql.replace("?", "%s")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(contact_sql, contact)
        sqlite = connection.vendor == "sqlite"
        contact_id = cursor.lastrowid if sqlite else cursor.fetchone()[0]
        message[templates.message_contact_index] = contact_id
        cursor.execute(message_sql, message)
    return HttpResponse(_twiml(contact[templates.reference_index]), content_type="text/xml")


def django_app():
    """gunicorn ``intake_floor:django_app()``: Rahai's WSGI app with the floor URL added."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "intake_floor_settings"
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()

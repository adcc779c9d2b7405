"""Where one report's time goes: the intake steps timed one at a time, in this process, against
the benchmark's database (for ``benchmarks/hotline_intake.py``; the server is stopped first).

Each step runs ``n`` times single-threaded; "CPU" is this process's CPU time (Python: Django,
triage, crypto, templates), "wall - CPU" is mostly waiting for the database (round trips and
the durable commit). The full requests go through ``django.test.Client`` with the same
middleware as gunicorn serves, so their CPU is the application's share of a request, without
gunicorn's and the HTTP parsing's.
"""

from __future__ import annotations

import random
import time

from intake_texts import sms_body, web_narrative


def _time(fn, n: int) -> tuple[float, float]:
    for i in range(min(5, n)):
        fn(-1 - i)  # warm: imports, compiled patterns, connection
    c0, w0 = time.process_time(), time.perf_counter()
    for i in range(n):
        fn(i)
    return (time.process_time() - c0) * 1000 / n, (time.perf_counter() - w0) * 1000 / n


def breakdown(reference: dict, n: int = 100, seed: int = 1) -> list[tuple[str, float, float]]:
    from django.conf import settings
    from django.template.loader import render_to_string
    from django.test import Client
    from django.test.utils import override_settings
    from django.utils import translation

    from rahai.core import ratelimit
    from rahai.core.crypto import encrypt
    from rahai.hotline.forms import PublicReportForm
    from rahai.hotline.intake import ReportData, message_receive, record_reply, web_report_submit
    from rahai.hotline.triage import ScreeningAnswers, suggest

    rng = random.Random(seed)
    texts = [web_narrative(rng, f"W9999-bd-{i:06d}") for i in range(n + 10)]
    smses = [sms_body(rng, f"S9999-bd-{i:06d}", follow_up=False) for i in range(n + 10)]
    district = str(reference["districts"][0])
    uid = f"{time.time_ns()}"
    rows = []

    def form_data(i):
        text, lang, crisis = texts[i]
        return {
            "lang": lang,
            "narrative": text,
            "district": district,
            "country": "",
            "place": "",
            "when_text": "last week",
            "persons_at_risk": "3",
            "children_involved": "unknown",
            "immediate_danger": "yes" if crisis else "no",
            "caller_type": "",
            "reporter_name": "",
            "reporter_phone": "",
            "reporter_email": "",
            "website": "",
        }

    def add(label, fn):
        cpu, wall = _time(fn, n)
        rows.append((label, cpu, wall))

    # The pieces.
    add(
        "triage suggest() on a web narrative",
        lambda i: suggest(text=texts[i][0], answers=ScreeningAnswers()),
    )
    add("triage suggest() on an SMS", lambda i: suggest(text=smses[i], answers=ScreeningAnswers()))
    add("encrypt one narrative (AES-GCM)", lambda i: encrypt(texts[i][0], context="x.y"))

    def validate(i):
        with translation.override("ur"):
            form = PublicReportForm(form_data(i))
            assert form.is_valid(), form.errors

    add("PublicReportForm() + is_valid()", validate)

    def render_form(i):
        with translation.override("ur"):
            render_to_string(
                "hotline/public/report.html", {"form": PublicReportForm(), "lang": "ur"}
            )

    add("render the empty form page (GET /report)", render_form)
    add(
        "render the received page",
        lambda i: render_to_string(
            "hotline/public/received.html",
            {"reference": "RH-ABCD-EFGH", "pin": "123456", "lang": "ur"},
        ),
    )
    add(
        "ratelimit.hit() (own transaction + commit)",
        lambda i: ratelimit.hit("bench", f"{uid}-{i}", window=3600),
    )

    def submit(i):
        text, lang, _crisis = texts[i]
        web_report_submit(data=ReportData(narrative=text, language=lang), uploads=[])

    add("web_report_submit() (transaction + commit)", submit)
    replies = []

    def receive(i):
        got = message_receive(
            channel="sms",
            sender=f"+9234{i % 10**8 + 5 * 10**7:08d}",
            body=smses[i],
            external_id=f"SMbd{uid}{i}",
        )
        replies.append(got.contact)

    add("message_receive() (transaction + commit)", receive)
    add(
        "record_reply() (autocommit insert)",
        lambda i: record_reply(contact=replies[i], channel="sms", body="Rahai: thanks"),
    )

    # Whole requests through the middleware stack (no gunicorn, no sockets).
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages, TWILIO_AUTH_TOKEN=""):
        client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0])

        def post_web(i):
            response = client.post(
                "/report", form_data(i), REMOTE_ADDR=f"10.9.{i // 250 % 250}.{i % 250 + 1}"
            )
            assert response.status_code == 200, response.status_code

        def post_sms(i):
            response = client.post(
                "/webhooks/twilio/sms",
                {
                    "MessageSid": f"SMbdh{uid}{i}",
                    "From": f"+9233{i % 10**8 + 5 * 10**7:08d}",
                    "To": "+9251111724",
                    "Body": smses[i],
                    "NumMedia": "0",
                },
            )
            assert response.status_code == 200, response.status_code

        add("whole POST /report (test client)", post_web)
        add("whole POST /webhooks/twilio/sms (test client)", post_sms)
        add("whole GET /report (test client)", lambda i: client.get("/report?lang=ur"))
    return rows

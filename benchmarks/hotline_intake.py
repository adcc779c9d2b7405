"""Benchmark: sustained hotline intake through the web form and the Twilio SMS webhook.

    .venv/bin/python benchmarks/hotline_intake.py
    .venv/bin/python benchmarks/hotline_intake.py \
        --database-url postgres://root@127.0.0.1:5432/rahai_intake_bench
    .venv/bin/python benchmarks/hotline_intake.py --sweep      # pick the gunicorn setup
    .venv/bin/python benchmarks/hotline_intake.py --git-ref HEAD   # a commit, not the work tree

What it does, in one run (about 2.5 minutes):

1. A fresh database (a SQLite file under ``var/bench-intake/``, or the PostgreSQL database given:
   its ``public`` schema is dropped and recreated), migrations, a hotline organisation with an
   operator and a supervisor (so crisis reports raise alerts). Fixed benchmark-only keys, rate
   limits set high so they never refuse the load (they still count every request), a Twilio auth
   token so every webhook signature is checked.
2. The ceiling: the same rows inserted straight through the driver (``intake_raw``), one
   transaction per report, at each concurrency, with no server running.
3. gunicorn (as ``rahai serve`` starts it) on a free loopback port, then closed-loop load per
   channel at each concurrency (``--concurrency 10,100``): every sender sends its next report as
   soon as the last one is answered, for ``--duration`` seconds or ``--max-requests``. Web
   senders GET the form once (CSRF cookie + token) and POST multipart reports; SMS senders
   deliver Twilio webhooks with unique MessageSids from phones that send 1-3 messages (threads),
   3 % of them delivered twice, possibly concurrently (idempotency).
4. Paced load: 100 senders (half web, half SMS) at a fixed total rate (``--paced-rate``), Poisson
   arrivals, latency counted from the due time -- the latency a reporter sees below saturation.
5. Crash: mixed closed-loop load at 100 senders; ``kill -9`` of gunicorn's process group (master
   and workers at once) after ``--crash-at`` seconds, an immediate restart, the load continues;
   senders retry what got no answer or a 5xx (Twilio does; a reporter presses Send again).
6. Verification through Django: every acknowledged web reference (and the marker in its
   decrypted narrative) and every MessageSid answered 200 must be in the database exactly once.
7. Where a report's time goes: each intake step timed in-process (``intake_breakdown``).

gunicorn: sync workers (2 x cores + 1) on SQLite, gthread 2 x 16 on PostgreSQL, as measured with
``--sweep``; ``--worker-class``/``--workers``/``--threads``/``--preload`` override it.

Figures go to ``docs/performance.md`` (machine, date, command line); tests never time anything.
"""

from __future__ import annotations

import argparse
import base64
import enum
import hashlib
import hmac
import json
import os
import platform
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import intake_load  # noqa: E402
from intake_load import Ledger, Plan, Server, ServerConfig, free_port, run_phase  # noqa: E402

VAR_DIR = ROOT / "var" / "bench-intake"
TWILIO_TOKEN = "benchmark-only-twilio-auth-token"
# The gunicorn setup, picked with --sweep (docs/performance.md "Hotline intake"): on SQLite every
# write waits for the one write lock, so threads only lengthen the tail -> sync workers,
# 2 x cores + 1; on PostgreSQL threads overlap the commits' waits -> gthread, 2 x 16.
DEFAULT_SERVER = {
    "sqlite": ServerConfig("sync", 2 * (os.cpu_count() or 1) + 1),
    "postgresql": ServerConfig("gthread", 2, 16),
}
TARGET_RATIO = 0.5
TARGET_P99_MS = 150.0


# --------------------------------------------------------------------------------------------
# Settings.
# --------------------------------------------------------------------------------------------


def _fixed_key(label: str) -> str:
    raw = hashlib.sha256(f"rahai-benchmark-only:{label}".encode()).digest()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def configure(args, port: int) -> str:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    (VAR_DIR / "static").mkdir(exist_ok=True)  # whitenoise wants STATIC_ROOT to exist
    if args.database_url:
        url = args.database_url
        label = "postgresql" if url.startswith(("postgres", "pgsql")) else "custom"
    else:
        url = f"sqlite:///{VAR_DIR / 'intake.sqlite3'}"
        label = "sqlite"
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "rahai.settings",
            "RAHAI_VAR_DIR": str(VAR_DIR),
            "RAHAI_ENV_FILE": str(VAR_DIR / "no-env-file"),
            "RAHAI_DEBUG": "0",
            "RAHAI_SECRET_KEY": "benchmark-only-" + _fixed_key("secret"),
            "RAHAI_DATA_KEYS": "b1:" + _fixed_key("data"),
            "RAHAI_INDEX_KEY": _fixed_key("index"),
            "RAHAI_AUDIT_KEY": _fixed_key("audit"),
            "RAHAI_ALLOWED_HOSTS": "127.0.0.1",
            "RAHAI_PUBLIC_URL": f"http://127.0.0.1:{port}",
            "RAHAI_REPORT_LIMIT": "100000000",
            "RAHAI_SENDER_LIMIT": "100000000",
            "TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
            "RAHAI_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "RAHAI_LOG_LEVEL": "WARNING",
            "DATABASE_URL": url,
        }
    )
    for name in ("REDIS_URL", "RAHAI_HOTLINE_ORGANISATION", "RAHAI_DATABASE_URL"):
        os.environ.pop(name, None)
    sys.path.insert(0, str(CODE))
    os.environ["PYTHONPATH"] = str(CODE)
    return label


CODE = ROOT  # where rahai is imported from: the working tree, or an export of --git-ref


def export_code(ref: str) -> tuple[Path, str]:
    """``git archive`` of ``ref`` under var/bench-intake/ (the working tree is left alone)."""
    import subprocess
    import tarfile

    sha = subprocess.run(
        ["git", "rev-parse", "--verify", f"{ref}^{{commit}}"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    dest = VAR_DIR / f"code-{sha[:12]}"
    if not (dest / "rahai" / "settings.py").is_file():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        archive = VAR_DIR / f"code-{sha[:12]}.tar"
        with open(archive, "wb") as out:
            subprocess.run(["git", "archive", sha], cwd=ROOT, check=True, stdout=out)
        with tarfile.open(archive) as tar:
            tar.extractall(dest, filter="data")
        archive.unlink()
    return dest, sha


def code_description() -> str:
    import subprocess

    import rahai

    where = Path(rahai.__file__).resolve().parent.parent
    if where != ROOT:
        return f"imported from {where}"
    sha = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    changed = subprocess.run(
        ["git", "status", "--porcelain", "--", "rahai"], cwd=ROOT, capture_output=True, text=True
    ).stdout.splitlines()
    return f"working tree at {sha}" + (
        f" + {len(changed)} uncommitted paths in rahai/" if changed else ""
    )


def postgres_params(url: str) -> dict:
    from urllib.parse import unquote, urlparse

    parsed = urlparse(url)
    params = {
        "host": parsed.hostname or "127.0.0.1",
        "port": parsed.port or 5432,
        "user": unquote(parsed.username or ""),
        "dbname": unquote(parsed.path.lstrip("/")),
    }
    if parsed.password:
        params["password"] = unquote(parsed.password)
    return params


def ensure_postgres_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    params = postgres_params(url)
    name = params.pop("dbname")
    try:
        psycopg.connect(dbname=name, **params).close()
        return
    except psycopg.OperationalError:
        pass
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def fresh_database() -> float:
    from django.core.management import call_command
    from django.db import connection

    t0 = time.perf_counter()
    if connection.vendor == "sqlite":
        connection.close()
        db = Path(connection.settings_dict["NAME"])
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(db) + suffix).unlink(missing_ok=True)
    else:
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
    call_command("migrate", interactive=False, verbosity=0)
    # As `rahai serve` does: the pages name their static files through the manifest.
    call_command("collectstatic", interactive=False, verbosity=0)
    return time.perf_counter() - t0


def make_hotline() -> dict:
    """The receiving hotline with an operator and a supervisor; the form's reference choices."""
    from rahai.accounts.models import Role, RoleCode, User
    from rahai.geo.models import Country, District
    from rahai.orgs.models import Organisation, OrganisationKind

    isb = District.objects.select_related("province").get(code="ISB")
    org = Organisation.objects.create(
        name="National Anti-Trafficking Hotline (benchmark)",
        kind=OrganisationKind.HOTLINE,
        jurisdiction_level="national",
        province=isb.province,
    )
    for username, role in (
        ("bench-operator", RoleCode.HOTLINE_OPERATOR),
        ("bench-supervisor", RoleCode.SUPERVISOR),
    ):
        user = User.objects.create_user(
            username=username,
            password=None,
            organisation=org,
            email=f"{username}@example.org",
        )
        user.roles.set(Role.objects.filter(code=role))
    return {
        "districts": list(District.objects.filter(active=True).values_list("pk", flat=True)),
        "countries": list(
            Country.objects.exclude(code="PK").order_by("pk").values_list("pk", flat=True)[:40]
        ),
    }


def versions() -> str:
    import sqlite3

    import django
    import gunicorn
    from django.db import connection

    parts = [
        f"Python {platform.python_version()}",
        f"Django {django.get_version()}",
        f"gunicorn {gunicorn.__version__}",
    ]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            journal = cursor.fetchone()[0]
            cursor.execute("PRAGMA synchronous")
            sync = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}.get(cursor.fetchone()[0], "?")
        parts.append(
            f"SQLite {sqlite3.sqlite_version} (journal_mode={journal}, synchronous={sync})"
        )
    else:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0]
            cursor.execute("SHOW synchronous_commit")
            sync = cursor.fetchone()[0]
            cursor.execute("SHOW max_connections")
            maxconn = cursor.fetchone()[0]
        parts.append(f"PostgreSQL {version} (synchronous_commit={sync}, max_connections={maxconn})")
    return ", ".join(parts)


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split("\n", 1)[0].split()[1])
        mem = f"{kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{os.cpu_count()} CPUs ({cpu}), {mem}, load average {load}"


# --------------------------------------------------------------------------------------------
# Twilio signatures on the client side (the algorithm of rahai.hotline.twilio, no Django).
# --------------------------------------------------------------------------------------------


def install_twilio_signing(port: int) -> None:
    url = f"http://127.0.0.1:{port}/webhooks/twilio/sms"
    original = intake_load.http_call

    def signed_call(port_, method, path, body=None, headers=None, **kwargs):
        if path == "/webhooks/twilio/sms" and body is not None:
            from urllib.parse import parse_qsl

            params = sorted(parse_qsl(body.decode(), keep_blank_values=True))
            payload = url + "".join(name + value for name, value in params)
            digest = hmac.new(TWILIO_TOKEN.encode(), payload.encode(), hashlib.sha1).digest()
            headers = {**(headers or {}), "X-Twilio-Signature": base64.b64encode(digest).decode()}
        return original(port_, method, path, body, headers, **kwargs)

    intake_load.http_call = signed_call


# --------------------------------------------------------------------------------------------
# Statistics and tables.
# --------------------------------------------------------------------------------------------


def pct(values, q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(q * len(ordered) + 0.5)) - 1))]


def summarize(result, channel: str) -> dict:
    events = result.channel_events(channel)
    posts = [e for e in events if e.kind != "form"]
    ok = [e for e in posts if e.outcome == "200"]
    reports = [e for e in ok if e.kind not in {"duplicate", "honeypot"}]
    errors = Counter(e.outcome for e in events if e.outcome != "200")
    lat = [e.latency * 1000 for e in ok if e.kind != "honeypot"]
    return {
        "reports": len(reports),
        "requests": len(posts),
        "duplicates": sum(1 for e in ok if e.kind == "duplicate"),
        "honeypot": sum(1 for e in ok if e.kind == "honeypot"),
        "retried_ok": sum(1 for e in ok if e.kind == "retry"),
        "rate": len(reports) / result.duration if result.duration else 0.0,
        "req_rate": len(posts) / result.duration if result.duration else 0.0,
        "p50": pct(lat, 0.50),
        "p90": pct(lat, 0.90),
        "p99": pct(lat, 0.99),
        "max": max(lat) if lat else float("nan"),
        "mean": statistics.fmean(lat) if lat else float("nan"),
        "errors": dict(errors),
        "unfinished": result.unfinished.get(channel, 0),
    }


def fmt_errors(errors: dict) -> str:
    return ", ".join(f"{k}: {v}" for k, v in sorted(errors.items())) or "none"


def raw_summary(raw) -> dict:
    lat = [x * 1000 for x in raw.latencies]
    return {
        "rows": raw.rows,
        "rate": raw.rate,
        "p50": pct(lat, 0.5),
        "p99": pct(lat, 0.99),
        "errors": raw.errors,
    }


# --------------------------------------------------------------------------------------------
# Verification: every acknowledged report in the database exactly once.
# --------------------------------------------------------------------------------------------

WEB_MARKER = re.compile(r"#(W\d{4}-[a-z0-9-]+-\d{6})")
SMS_MARKER = re.compile(r"#(S\d{4}-[a-z0-9-]+-\d{6})")


def verify_database(ledger: Ledger) -> dict:
    from intake_raw import RAW_PREFIX

    from rahai.hotline.access import system_contacts
    from rahai.hotline.models import ContactMessage

    t0 = time.perf_counter()
    contacts = system_contacts(purpose="benchmark").exclude(reference__startswith=RAW_PREFIX)
    # Web: reference -> marker in its decrypted narrative.
    by_reference: dict[str, str] = {}
    by_marker: dict[str, list[str]] = defaultdict(list)
    for reference, narrative in (
        contacts.filter(channel="web").values_list("reference", "narrative").iterator(2000)
    ):
        match = WEB_MARKER.search(narrative or "")
        marker = match.group(1) if match else ""
        by_reference[reference] = marker
        by_marker[marker].append(reference)
    web_lost = [m for m, ref in ledger.web.items() if ref not in by_reference]
    web_wrong = [
        m for m, ref in ledger.web.items() if ref in by_reference and by_reference[ref] != m
    ]
    web_dup = [m for m in ledger.web if len(by_marker.get(m, [])) > 1]
    web_unacked = [m for m in by_marker if m and m not in ledger.web]
    web_phantom = [m for m in web_unacked if m not in ledger.web_submitted]
    web_unmarked = len(by_marker.get("", []))
    # SMS: MessageSid -> how many inbound messages carry it, and the marker in each body.
    sids: Counter = Counter()
    sid_marker: dict[str, str] = {}
    for external_id, body in (
        ContactMessage.objects.filter(
            direction="in", contact__in=contacts, external_id__isnull=False
        )
        .values_list("external_id", "body")
        .iterator(2000)
    ):
        sids[external_id] += 1
        match = SMS_MARKER.search(body or "")
        sid_marker[external_id] = match.group(1) if match else ""
    sms_lost = [sid for sid in ledger.sms if sids[sid] == 0]
    sms_dup = [sid for sid in ledger.sms if sids[sid] > 1]
    sms_wrong = [sid for sid, m in ledger.sms.items() if sids[sid] and sid_marker.get(sid) != m]
    sms_unacked = [sid for sid in sids if sid not in ledger.sms]
    sms_phantom = [sid for sid in sms_unacked if sid not in ledger.sms_submitted]
    sms_contacts = contacts.filter(channel="sms").count()
    return {
        "seconds": time.perf_counter() - t0,
        "web_acknowledged": len(ledger.web),
        "web_in_db_once": len(ledger.web) - len(web_lost) - len(web_wrong) - len(web_dup),
        "web_lost": web_lost[:20],
        "web_lost_n": len(web_lost),
        "web_wrong_n": len(web_wrong),
        "web_duplicated_n": len(web_dup),
        "web_duplicated": web_dup[:20],
        "web_duplicated_phases": dict(Counter(ledger.web_phase.get(m, "?") for m in web_dup)),
        "web_committed_unacknowledged_n": len(web_unacked),
        "web_phantom_n": len(web_phantom),
        "web_unmarked_n": web_unmarked,
        "sms_acknowledged": len(ledger.sms),
        "sms_in_db_once": len(ledger.sms) - len(sms_lost) - len(sms_dup) - len(sms_wrong),
        "sms_lost": sms_lost[:20],
        "sms_lost_n": len(sms_lost),
        "sms_duplicated_n": len(sms_dup),
        "sms_wrong_n": len(sms_wrong),
        "sms_committed_unacknowledged_n": len(sms_unacked),
        "sms_phantom_n": len(sms_phantom),
        "sms_contacts": sms_contacts,
        "ok": not (
            web_lost
            or web_wrong
            or web_dup
            or sms_lost
            or sms_dup
            or sms_wrong
            or web_phantom
            or sms_phantom
        ),
    }


# --------------------------------------------------------------------------------------------
# Phases.
# --------------------------------------------------------------------------------------------


def db_handle(label: str, args) -> dict:
    from django.db import connection

    if label == "sqlite":
        return {"vendor": "sqlite", "path": connection.settings_dict["NAME"]}
    return {"vendor": "postgresql", "params": postgres_params(args.database_url)}


def raw_phases(args, label, concurrencies) -> dict:
    from django.db import connection
    from intake_raw import build_templates, run_raw

    out = {}
    db = db_handle(label, args)
    for channel in ("web", "sms"):
        t0 = time.perf_counter()
        templates = build_templates(channel, 200, args.seed)
        connection.close()  # leave every connection slot to the raw writers
        print(
            f"  raw {channel}: 200 row templates built by the intake code in "
            f"{time.perf_counter() - t0:.1f} s; mean ciphertext+text per report "
            f"{templates.contact_bytes + templates.message_bytes:,.0f} bytes",
            flush=True,
        )
        for c in concurrencies:
            raw = run_raw(db, templates, channel, c, args.raw_duration, args.max_requests)
            out[(channel, c)] = raw_summary(raw)
            s = out[(channel, c)]
            s["connections"] = raw.concurrency
            capped = f" (only {raw.concurrency} connections free)" if raw.concurrency < c else ""
            print(
                f"  raw {channel} x{c}{capped}: {s['rows']} rows in {raw.duration:.1f} s = "
                f"{s['rate']:.0f}/s, p50 {s['p50']:.1f} ms, p99 {s['p99']:.1f} ms, "
                f"errors {fmt_errors(s['errors'])}",
                flush=True,
            )
    return out


FLOOR_APPS = (
    ("bare WSGI insert", "intake_floor:bare"),
    ("Django view insert", "intake_floor:django_app()"),
)


def floor_phases(args, label, port, reference, config: ServerConfig) -> dict:
    """The SMS closed loop against the two floor apps (``intake_floor``): the same rows stored
    by a bare WSGI function, then by a Django view behind Rahai's middleware, on the same
    gunicorn setup -- what any HTTP intake on this machine can do at best."""
    import pickle

    from django.db import connection
    from intake_raw import build_templates

    templates_path, db_path = VAR_DIR / "floor-templates.pickle", VAR_DIR / "floor-db.pickle"
    templates = build_templates("sms", 200, args.seed)
    # Plain values only (choices are enums of Rahai's models), so the bare app needs no Django.
    for rows in (templates.contact_rows, templates.message_rows):
        rows[:] = [[v.value if isinstance(v, enum.Enum) else v for v in row] for row in rows]
    templates_path.write_bytes(pickle.dumps(templates))
    db_path.write_bytes(pickle.dumps(db_handle(label, args)))
    connection.close()
    env = dict(os.environ)
    env.update(RAHAI_FLOOR_TEMPLATES=str(templates_path), RAHAI_FLOOR_DB=str(db_path))
    out = {}
    for name, app in FLOOR_APPS:
        log = VAR_DIR / f"gunicorn-floor-{app.split(':')[1].strip('()')}-{label}.log"
        server = Server(
            root=ROOT,
            env=env,
            port=port,
            config=config,
            log=log,
            code=CODE,
            app=app,
            pythonpath=str(Path(__file__).resolve().parent),
        )
        t_start = server.start()
        print(f"  {name}: gunicorn ({config.label()}) {app}, ready in {t_start:.1f} s")
        try:
            for c in args.concurrency:
                plan = new_plan(args, f"floor{c}", port, reference, Ledger())
                plan.sms_path = "/floor/sms"
                result = run_phase(plan, web=0, sms=c, server=server)
                s = print_phase(result, channels=("sms",))["sms"]
                s["cpu"] = [result.server_cpu, result.client_cpu, result.machine_busy]
                out[(name, c)] = s
        finally:
            server.stop()
    return out


def new_plan(args, name, port, reference, ledger, *, duration=None, paced_rate=0.0) -> Plan:
    return Plan(
        name=name,
        port=port,
        duration=duration or args.duration,
        max_requests=args.max_requests,
        reference=reference,
        ledger=ledger,
        seed=args.seed,
        paced_rate=paced_rate,
        dump_dir=VAR_DIR,
    )


def print_phase(result, channels=("web", "sms")) -> dict:
    out = {}
    for note in result.notes:
        print(f"  NOTE: {note}")
    if result.notes:
        out["notes"] = list(result.notes)
    for channel in channels:
        if not result.senders.get(channel):
            continue
        s = summarize(result, channel)
        if sum(1 for v in result.senders.values() if v) == 1 and s["requests"]:
            s["server_cpu_ms"] = result.server_cpu * 1000 / s["requests"]
        out[channel] = s
        extra = f", {s['duplicates']} duplicate deliveries" if channel == "sms" else ""
        extra += f", {s['honeypot']} honeypot" if s["honeypot"] else ""
        print(
            f"  {result.name} {channel}: {s['reports']} reports in {result.duration:.1f} s = "
            f"{s['rate']:.1f}/s, p50 {s['p50']:.0f} ms, p99 {s['p99']:.0f} ms, max {s['max']:.0f} ms"
            f"{extra}; errors: {fmt_errors(s['errors'])}",
            flush=True,
        )
    if result.form_events:
        ok = [e.latency * 1000 for e in result.form_events if e.outcome == "200"]
        bad = Counter(e.outcome for e in result.form_events if e.outcome != "200")
        out["form"] = {
            "gets": len(result.form_events),
            "p50": pct(ok, 0.5),
            "p99": pct(ok, 0.99),
            "server_cpu_ms": result.prepare.get("server_cpu", 0) * 1000 / max(1, len(ok)),
            "errors": dict(bad),
        }
        f = out["form"]
        print(
            f"    before the clock: {f['gets']} form GETs (CSRF token) at once, p50 {f['p50']:.0f} "
            f"ms, p99 {f['p99']:.0f} ms, server CPU {f['server_cpu_ms']:.1f} ms per GET; "
            f"errors: {fmt_errors(f['errors'])}"
        )
    per = ""
    if len([k for k in out if k not in ("form", "notes")]) == 1:
        s = next(v for k, v in out.items() if k not in ("form", "notes"))
        per = f" = {s.get('server_cpu_ms', 0):.1f} ms per request"
    print(
        f"    CPU: server {result.server_cpu:.1f} s{per}, load generator {result.client_cpu:.1f} s, "
        f"machine busy {result.machine_busy * 100:.0f} % of {os.cpu_count()} CPUs",
        flush=True,
    )
    return out


def parse_configs(text: str) -> list[ServerConfig]:
    configs = []
    for item in text.split(","):
        item, preload = item.strip().removesuffix("+preload"), item.strip().endswith("+preload")
        kind, _, size = item.partition(":")
        if "x" in size:
            workers, threads = size.split("x")
            configs.append(ServerConfig(kind, int(workers), int(threads), preload))
        else:
            configs.append(ServerConfig(kind, int(size), 1, preload))
    return configs


def sweep(args, label, port, reference) -> None:
    """Short runs of both channels at the highest concurrency for each gunicorn setup."""
    c = max(args.concurrency)
    rows = []
    for config in parse_configs(args.sweep_configs):
        from django.db import connection

        connection.close()
        server = Server(
            root=ROOT,
            env=dict(os.environ),
            port=port,
            config=config,
            log=VAR_DIR / "gunicorn.log",
            code=CODE,
        )
        server.start()
        ledger = Ledger()
        try:
            run_phase(
                new_plan(args, f"sw{len(rows)}w", port, reference, ledger, duration=3),
                web=5,
                sms=5,
                server=server,
            )
            row = {"config": config.label()}
            for channel in ("web", "sms"):
                plan = new_plan(
                    args,
                    f"sw{len(rows)}{channel}",
                    port,
                    reference,
                    ledger,
                    duration=args.sweep_duration,
                )
                result = run_phase(
                    plan,
                    web=c if channel == "web" else 0,
                    sms=c if channel == "sms" else 0,
                    server=server,
                )
                s = summarize(result, channel)
                s["server_cpu_ms"] = result.server_cpu * 1000 / max(1, s["requests"])
                row[channel] = s
                row[f"{channel}_cpu"] = (result.server_cpu, result.client_cpu, result.machine_busy)
                print(
                    f"  {config.label():<14} {channel} x{c}: {s['rate']:.1f}/s, p50 {s['p50']:.0f} "
                    f"ms, p99 {s['p99']:.0f} ms, errors {fmt_errors(s['errors'])}",
                    flush=True,
                )
        finally:
            server.stop()
        rows.append(row)
    print()
    print(
        f"| gunicorn | web x{c} /s | web p50 / p99 ms | web server CPU ms/req | sms x{c} /s "
        "| sms p50 / p99 ms | sms server CPU ms/req | errors |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for row in rows:
        w, s = row["web"], row["sms"]
        errors = Counter(w["errors"]) + Counter(s["errors"])
        print(
            f"| {row['config']} | {w['rate']:.1f} | {w['p50']:.0f} / {w['p99']:.0f} | "
            f"{w['server_cpu_ms']:.1f} | {s['rate']:.1f} | {s['p50']:.0f} / {s['p99']:.0f} | "
            f"{s['server_cpu_ms']:.1f} | {fmt_errors(errors)} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default="",
        help="postgres://... (default: SQLite file under var/bench-intake/)",
    )
    parser.add_argument(
        "--concurrency", default="10,100", type=lambda s: [int(x) for x in s.split(",")]
    )
    parser.add_argument("--duration", type=float, default=15.0, help="seconds per load phase")
    parser.add_argument(
        "--raw-duration", type=float, default=5.0, help="seconds per raw-insert phase"
    )
    parser.add_argument(
        "--max-requests",
        type=int,
        default=6000,
        help="cap on requests (rows) per phase, whichever comes first",
    )
    parser.add_argument(
        "--paced-rate", type=float, default=20.0, help="reports/s for the paced phase (0 skips it)"
    )
    parser.add_argument("--crash-duration", type=float, default=20.0)
    parser.add_argument("--crash-at", type=float, default=7.0)
    parser.add_argument("--no-crash", action="store_true")
    parser.add_argument("--no-raw", action="store_true")
    parser.add_argument(
        "--no-floor",
        action="store_true",
        help="skip the floor: the same SMS rows stored by a bare WSGI app and a bare Django view",
    )
    parser.add_argument(
        "--worker-class",
        default="",
        help="sync or gthread (default: sync on SQLite, gthread on PostgreSQL)",
    )
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--preload", action="store_true", help="gunicorn --preload")
    parser.add_argument(
        "--sweep",
        action="store_true",
        help="compare gunicorn setups (--sweep-configs) instead of the full run",
    )
    parser.add_argument("--sweep-configs", default="sync:3,sync:5,sync:9,gthread:3x8,gthread:5x4")
    parser.add_argument("--sweep-duration", type=float, default=8.0)
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument(
        "--code",
        default="",
        help="import rahai from this directory instead (e.g. an export with a proposed patch)",
    )
    parser.add_argument(
        "--git-ref",
        default="",
        help="benchmark this commit (exported with git archive under var/bench-intake/) instead "
        "of the working tree, e.g. HEAD when others are editing the tree",
    )
    parser.add_argument(
        "--breakdown",
        type=int,
        default=100,
        help="runs per step of the in-process cost breakdown (0 skips it)",
    )
    parser.add_argument("--json", default="", help="write the results here too")
    args = parser.parse_args()

    global CODE
    if args.git_ref:
        CODE, _sha = export_code(args.git_ref)
    elif args.code:
        CODE = Path(args.code).resolve()
    port = free_port()
    label = configure(args, port)
    if label == "postgresql":
        ensure_postgres_database(args.database_url)
    install_twilio_signing(port)
    import django

    django.setup()
    from django.db import connection

    started = time.time()
    print(
        f"Rahai hotline intake benchmark on {connection.vendor} ({connection.settings_dict['NAME']})"
    )
    print(f"Machine: {machine()}")
    t_migrate = fresh_database()
    reference = make_hotline()
    print(versions())
    print(f"Code: {code_description()}")
    print(f"Fresh database and migrations in {t_migrate:.1f} s")
    print()
    if args.sweep:
        sweep(args, label, port, reference)
        return

    default = DEFAULT_SERVER.get(label, DEFAULT_SERVER["postgresql"])
    kind = args.worker_class or default.worker_class
    config = ServerConfig(
        kind,
        args.workers or default.workers,
        args.threads or (default.threads if kind == default.worker_class else 1),
        args.preload,
    )
    results: dict = {
        "database": label,
        "versions": versions(),
        "machine": machine(),
        "server": config.label(),
        "argv": sys.argv[1:],
    }
    raw = {}
    if not args.no_raw:
        print("Ceiling: the same rows through the driver, one transaction per report")
        raw = raw_phases(args, label, args.concurrency)
        print()

    floor = {}
    if not args.no_floor:
        print(
            "Floor: the same SMS rows stored by a bare WSGI app, then by a Django view behind "
            "Rahai's middleware (no signature, triage, encryption or idempotency), closed loop"
        )
        floor = floor_phases(args, label, port, reference, config)
        print()

    connection.close()
    log = VAR_DIR / f"gunicorn-{label}.log"
    log.unlink(missing_ok=True)
    server = Server(root=ROOT, env=dict(os.environ), port=port, config=config, log=log, code=CODE)
    t_start = server.start()
    print(
        f"gunicorn ({config.label()}) on 127.0.0.1:{port}, ready in {t_start:.1f} s "
        f"(pids {server.pids()})"
    )
    ledger = Ledger()
    load: dict = {}
    try:
        print("Warm-up (3 s, 5 + 5 senders, not counted)")
        print_phase(
            run_phase(
                new_plan(args, "warm", port, reference, ledger, duration=3),
                web=5,
                sms=5,
                server=server,
            )
        )
        print()
        print(f"Closed loop, {args.duration:.0f} s per phase")
        for channel in ("web", "sms"):
            for c in args.concurrency:
                plan = new_plan(args, f"{channel}{c}", port, reference, ledger)
                result = run_phase(
                    plan,
                    web=c if channel == "web" else 0,
                    sms=c if channel == "sms" else 0,
                    server=server,
                )
                load[(channel, c)] = print_phase(result)[channel]
                load[(channel, c)]["cpu"] = [
                    result.server_cpu,
                    result.client_cpu,
                    result.machine_busy,
                ]
        print()
        paced = {}
        if args.paced_rate:
            c = max(args.concurrency)
            print(
                f"Paced: {c} senders (half web, half SMS), {args.paced_rate:g} reports/s in all, "
                "Poisson arrivals, latency from the due time"
            )
            result = run_phase(
                new_plan(args, "paced", port, reference, ledger, paced_rate=args.paced_rate),
                web=c // 2,
                sms=c - c // 2,
                server=server,
            )
            paced = print_phase(result)
            print()
        crash = {}
        if not args.no_crash:
            c = max(args.concurrency)
            print(
                f"Crash: {c} senders (half web, half SMS) for {args.crash_duration:.0f} s, "
                f"kill -9 of gunicorn at {args.crash_at:.0f} s, restart at once"
            )
            result = run_phase(
                new_plan(args, "crash", port, reference, ledger, duration=args.crash_duration),
                web=c // 2,
                sms=c - c // 2,
                server=server,
                crash_at=args.crash_at,
            )
            crash = print_phase(result)
            info = result.crash
            crash["info"] = {
                "killed_pids": len(info.get("killed_pids", [])),
                "killed_at": info.get("killed_at"),
                "back_at": info.get("back_at"),
                "restart_seconds": info.get("restart_seconds"),
                "first_ack_after_kill": info.get("first_ack_after_kill"),
            }
            print(
                f"  killed {len(info.get('killed_pids', []))} processes at "
                f"{info.get('killed_at', 0):.1f} s; serving again at {info.get('back_at', 0):.1f} s "
                f"(restart {info.get('restart_seconds', 0):.1f} s); "
                f"first report acknowledged {info.get('first_ack_after_kill', float('nan')):.1f} s "
                "after the kill"
            )
            print()
    finally:
        server.stop()

    print("Verification through Django (system_contacts, ContactMessage.external_id)")
    check = verify_database(ledger)
    print(
        f"  web: {check['web_acknowledged']} acknowledged, {check['web_in_db_once']} in the "
        f"database exactly once, lost {check['web_lost_n']}, wrong narrative "
        f"{check['web_wrong_n']}, stored twice {check['web_duplicated_n']}"
        f"{' (phases ' + str(check['web_duplicated_phases']) + ')' if check['web_duplicated_n'] else ''}"
        f"; committed but never "
        f"acknowledged {check['web_committed_unacknowledged_n']}; never sent {check['web_phantom_n']}"
    )
    print(
        f"  sms: {check['sms_acknowledged']} MessageSids acknowledged, {check['sms_in_db_once']} "
        f"in the database exactly once, lost {check['sms_lost_n']}, stored twice "
        f"{check['sms_duplicated_n']}, wrong body {check['sms_wrong_n']}; committed but never "
        f"acknowledged {check['sms_committed_unacknowledged_n']}; never sent "
        f"{check['sms_phantom_n']}; {check['sms_contacts']} SMS contacts (threads)"
    )
    if check["web_lost"] or check["sms_lost"]:
        print(f"  LOST: {check['web_lost']} {check['sms_lost']}")
    print(f"  ({check['seconds']:.1f} s) -> {'OK' if check['ok'] else 'FAILED'}")
    print()
    steps = []
    if args.breakdown:
        from intake_breakdown import breakdown

        print(f"Where a report's time goes (in-process, one at a time, {args.breakdown} runs each)")
        print()
        print("| step | CPU ms | wall ms | wall - CPU (waiting, mostly the database) |")
        print("|---|---:|---:|---:|")
        steps = breakdown(reference, n=args.breakdown, seed=args.seed)
        for name, cpu, wall in steps:
            print(f"| {name} | {cpu:.2f} | {wall:.2f} | {max(0.0, wall - cpu):.2f} |")
        print()

    # The table.
    print(
        f"Results on {label}: gunicorn {config.label()}, {os.cpu_count()} CPUs "
        "(load generator on the same machine)"
    )
    print()
    print(
        "| channel | senders | reports/s | p50 ms | p99 ms | max ms | server CPU ms/request "
        "| raw inserts/s | app / raw | errors |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for (channel, c), s in load.items():
        r = raw.get((channel, c))
        ratio = s["rate"] / r["rate"] if r and r["rate"] else float("nan")
        s["raw_rate"] = r["rate"] if r else None
        s["ratio"] = ratio
        print(
            f"| {channel} | {c} | {s['rate']:.1f} | {s['p50']:.0f} | {s['p99']:.0f} | "
            f"{s['max']:.0f} | {s.get('server_cpu_ms', float('nan')):.1f} | "
            f"{r['rate'] if r else float('nan'):.0f} | {ratio:.2f} | "
            f"{fmt_errors(s['errors'])} |"
        )
    for (name, c), s in floor.items():
        r = raw.get(("sms", c))
        ratio = s["rate"] / r["rate"] if r and r["rate"] else float("nan")
        s["raw_rate"], s["ratio"] = (r["rate"] if r else None), ratio
        print(
            f"| sms floor: {name} | {c} | {s['rate']:.1f} | {s['p50']:.0f} | {s['p99']:.0f} | "
            f"{s['max']:.0f} | {s.get('server_cpu_ms', float('nan')):.1f} | "
            f"{r['rate'] if r else float('nan'):.0f} | {ratio:.2f} | {fmt_errors(s['errors'])} |"
        )
    for name, block in (("paced", paced), ("crash", crash)):
        for channel in ("web", "sms"):
            s = block.get(channel)
            if s:
                print(
                    f"| {channel} ({name}) | {max(args.concurrency) // 2} | {s['rate']:.1f} | "
                    f"{s['p50']:.0f} | {s['p99']:.0f} | {s['max']:.0f} | | | | "
                    f"{fmt_errors(s['errors'])} |"
                )
    print()
    c = max(args.concurrency)
    ratios = [s["ratio"] for s in load.values() if s.get("ratio") == s.get("ratio")]
    p99s = {ch: load[(ch, c)]["p99"] for ch in ("web", "sms") if (ch, c) in load}
    print("Targets (issue 3):")
    if ratios:
        print(
            f"  at least half the raw insert rate: min app/raw {min(ratios):.2f} -> "
            f"{'met' if min(ratios) >= TARGET_RATIO else 'NOT met'}"
        )
    print(
        f"  p99 under {TARGET_P99_MS:.0f} ms at {c} concurrent senders (closed loop): "
        + ", ".join(f"{ch} {v:.0f} ms" for ch, v in p99s.items())
        + f" -> {'met' if all(v < TARGET_P99_MS for v in p99s.values()) else 'NOT met'}"
        + (" (the target is for PostgreSQL)" if label != "postgresql" else "")
    )
    if floor:
        best = max(floor.items(), key=lambda kv: kv[1].get("ratio") or 0.0)
        fp99 = {name: s["p99"] for (name, cc), s in floor.items() if cc == c}
        print(
            f"  the floor (the same SMS rows, nothing else): best {best[0][0]} at {best[0][1]} "
            f"senders, {best[1]['rate']:.0f}/s = {best[1].get('ratio', float('nan')):.2f} of raw; "
            f"p99 at {c} senders " + ", ".join(f"{name} {v:.0f} ms" for name, v in fp99.items())
        )
    if paced:
        print(
            f"  p99 at {args.paced_rate:g} reports/s paced: "
            + ", ".join(f"{ch} {paced[ch]['p99']:.0f} ms" for ch in ("web", "sms") if ch in paced)
        )
    lost = check["web_lost_n"] + check["sms_lost_n"] + check["web_wrong_n"] + check["sms_wrong_n"]
    twice = check["web_duplicated_n"] + check["sms_duplicated_n"]
    print(
        f"  zero acknowledged reports lost: web {check['web_lost_n']}, sms {check['sms_lost_n']} "
        f"lost, {check['web_wrong_n'] + check['sms_wrong_n']} with the wrong text -> "
        f"{'met' if not lost else 'NOT met'}"
    )
    print(
        f"  each acknowledged report stored exactly once: {check['web_duplicated_n']} web and "
        f"{check['sms_duplicated_n']} SMS stored twice -> {'yes' if not twice else 'NO'}"
        + (
            " (a web report committed just before the kill, its answer lost, sent again by the "
            "reporter: the form has no idempotency key)"
            if check["web_duplicated_n"]
            else ""
        )
    )
    print(f"Whole run: {time.time() - started:.0f} s")

    results.update(
        {
            "raw": {f"{k[0]}x{k[1]}": v for k, v in raw.items()},
            "load": {f"{k[0]}x{k[1]}": {kk: vv for kk, vv in v.items()} for k, v in load.items()},
            "floor": {f"{k[0]} x{k[1]}": v for k, v in floor.items()},
            "paced": paced,
            "crash": crash,
            "verify": check,
            "breakdown": steps,
        }
    )
    path = Path(args.json) if args.json else VAR_DIR / f"results-{label}.json"
    path.write_text(json.dumps(results, indent=2, default=str))
    print(f"Results written to {path}")


if __name__ == "__main__":
    main()

"""Load generation for ``benchmarks/hotline_intake.py``: the gunicorn server under test, the
simulated senders (web-form reporters and Twilio SMS deliveries), and the ledger of what the
server acknowledged.

Plain ``http.client`` over loopback, one thread per sender, ``Connection: close`` on every
request (a fresh connection each time, as Twilio does; gunicorn's sync workers close anyway).
Each web sender has its own loopback source address (127.1.x.y), i.e. its own "IP" for the
per-IP rate limit, like separate reporters; the SMS deliveries all come from 127.0.0.1 like
Twilio's few egress addresses. Nothing here imports Django.
"""

from __future__ import annotations

import contextlib
import http.client
import itertools
import os
import random
import re
import resource
import signal
import socket
import subprocess
import threading
import time
import urllib.parse
import uuid
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path

from intake_texts import sms_body, web_narrative

REFERENCE_RE = re.compile(rb'id="reference">(RH-[A-Z0-9]{4}-[A-Z0-9]{4})<')
CSRF_INPUT_RE = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
TWIML_REFERENCE_RE = re.compile(rb"RH-[A-Z0-9]{4}-[A-Z0-9]{4}")
RETRY_GRACE = 10.0  # seconds after the phase deadline to finish retrying a failed submission
HONEYPOT_SHARE = 0.02
SMS_REDELIVERY_SHARE = 0.03  # Twilio re-sends the same MessageSid (timeout, retry policy)
PHONES = itertools.count(1)
MOBILE_PREFIXES = [
    "300",
    "301",
    "303",
    "306",
    "311",
    "312",
    "321",
    "333",
    "345",
    "347",
]  # SMS senders' numbers, never reused within a run


# --------------------------------------------------------------------------------------------
# The server under test.
# --------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _proc_stat(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name is in parentheses and may hold spaces: split after the last ')'.
    return raw[raw.rfind(")") + 2 :].split()


def group_pids(pgid: int) -> list[int]:
    """Live processes of a process group (zombies left out)."""
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = _proc_stat(int(entry))
            # Fields after the name: state, ppid, pgrp, ...
            if stat and int(stat[2]) == pgid and stat[0] not in ("Z", "X"):
                pids.append(int(entry))
    return sorted(pids)


def cpu_seconds(pids) -> float:
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        stat = _proc_stat(pid)
        if stat:
            total += int(stat[11]) + int(stat[12])  # utime, stime
    return total / tick


def system_cpu() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


@dataclass
class ServerConfig:
    worker_class: str = "sync"
    workers: int = 5
    threads: int = 1
    preload: bool = False

    def label(self) -> str:
        if self.worker_class == "gthread":
            text = f"gthread {self.workers}x{self.threads}"
        else:
            text = f"{self.worker_class} x{self.workers}"
        return text + (" --preload" if self.preload else "")


class Server:
    """gunicorn serving rahai.wsgi on a loopback port, in its own process group."""

    def __init__(
        self,
        *,
        root: Path,
        env: dict,
        port: int,
        config: ServerConfig,
        log: Path,
        code: Path,
        app: str = "rahai.wsgi:application",
        pythonpath: str = "",
    ):
        self.root, self.env, self.port, self.config, self.log = root, env, port, config, log
        self.code = code  # the directory rahai is imported from (the repo, or an export)
        self.app, self.pythonpath = app, pythonpath  # the floor apps live in benchmarks/
        self.proc: subprocess.Popen | None = None
        self.starts = 0
        self.killed_at = 0.0

    def command(self) -> list[str]:
        cfg = self.config
        cmd = [
            str(self.root / ".venv" / "bin" / "python"),
            "-m",
            "gunicorn",
            self.app,
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(cfg.workers),
            "--worker-class",
            cfg.worker_class,
            # As `rahai serve`: an access log (here to a file, not the terminal).
            "--access-logfile",
            "-",
            "--access-logformat",
            '%(t)s "%(m)s %(U)s" %(s)s %(L)ss',
            # gunicorn 23+ opens a control socket at ~/.gunicorn/gunicorn.ctl by default; a
            # private one, so no other gunicorn on a shared machine can stop this one.
            "--control-socket",
            str(self.log.parent / f"gunicorn-{self.port}.ctl"),
        ]
        if cfg.worker_class == "gthread":
            cmd += ["--threads", str(cfg.threads)]
        if cfg.preload:
            cmd.append("--preload")
        if self.pythonpath:
            cmd += ["--pythonpath", self.pythonpath]
        return cmd

    def start(self, *, timeout: float = 60.0, warm: bool = True) -> float:
        """Start gunicorn and wait until it answers (and, with ``warm``, until every worker has
        loaded Django); return the seconds it took."""
        t0 = time.perf_counter()
        logfile = open(self.log, "ab")  # noqa: SIM115 - kept by the child
        self.proc = subprocess.Popen(
            self.command(),
            cwd=self.code,
            env=self.env,
            stdout=logfile,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # own process group: kill -9 takes master and workers
        )
        logfile.close()
        self.starts += 1
        self.wait_ready(timeout, warm=warm)
        return time.perf_counter() - t0

    def wait_ready(self, timeout: float, *, warm: bool = True) -> None:
        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}; see {self.log}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
                conn.request("GET", "/report?lang=en", headers={"Connection": "close"})
                if conn.getresponse().status == 200:
                    conn.close()
                    break
                conn.close()
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"gunicorn did not answer within {timeout:.0f} s; see {self.log}"
                )
            time.sleep(0.05)
        if not warm:
            return
        # Warm every worker (Django loads lazily in each): a burst of concurrent GETs.
        n = max(8, self.config.workers * max(1, self.config.threads) * 2)

        def get():
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                conn.request("GET", "/report?lang=ur", headers={"Connection": "close"})
                conn.getresponse().read()
                conn.close()
            except OSError:
                pass

        for _round in range(2):
            threads = [threading.Thread(target=get) for _ in range(n)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def ensure_alive(self) -> str:
        """Restart the server if something outside the benchmark stopped it; say so."""
        if self.alive():
            return ""
        code = self.proc.returncode if self.proc else None
        self.start()
        return f"gunicorn had exited (code {code}) before this phase; restarted"

    def pids(self) -> list[int]:
        return group_pids(self.proc.pid) if self.proc else []

    def kill9(self) -> list[int]:
        """SIGKILL the whole group (master and workers at once), as a crash or OOM kill would."""
        pids = self.pids()
        self.killed_at = time.perf_counter()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        for _ in range(100):  # workers are reaped by init; wait until none is left
            if not group_pids(self.proc.pid):
                break
            time.sleep(0.02)
        return pids

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        for _ in range(200):
            if not group_pids(self.proc.pid):
                break
            time.sleep(0.05)


# --------------------------------------------------------------------------------------------
# HTTP.
# --------------------------------------------------------------------------------------------


class Transport(Exception):
    """No HTTP answer: connection refused or reset, or a timeout."""


def http_call(port, method, path, body=None, headers=None, source="127.0.0.1", timeout=60.0):
    conn = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=timeout, source_address=(source, 0)
    )
    try:
        conn.request(method, path, body=body, headers={"Connection": "close", **(headers or {})})
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    except (OSError, http.client.HTTPException) as exc:
        raise Transport(type(exc).__name__) from exc
    finally:
        conn.close()


def multipart(fields: list[tuple[str, str]]) -> tuple[bytes, str]:
    boundary = "----RahaiBench" + uuid.uuid4().hex
    out = []
    for name, value in fields:
        out.append(f"--{boundary}\r\n".encode())
        out.append(f'Content-Disposition: form-data; name="{name}"\r\n\r\n'.encode())
        out.append(value.encode("utf-8") + b"\r\n")
    # An empty file input, as a browser sends it when no photo is chosen.
    out.append(f"--{boundary}\r\n".encode())
    out.append(
        b'Content-Disposition: form-data; name="attachments"; filename=""\r\n'
        b"Content-Type: application/octet-stream\r\n\r\n\r\n"
    )
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out), f"multipart/form-data; boundary={boundary}"


# --------------------------------------------------------------------------------------------
# What the server acknowledged, and what happened on the wire.
# --------------------------------------------------------------------------------------------


class Ledger:
    """Every acknowledged report: web marker -> reference, SMS MessageSid -> marker."""

    def __init__(self):
        self.lock = threading.Lock()
        self.web: dict[str, str] = {}  # marker -> reference code
        self.web_phase: dict[str, str] = {}
        self.sms: dict[str, str] = {}  # sid -> marker of its body
        self.sms_phase: dict[str, str] = {}
        self.web_submitted: dict[str, str] = {}  # every web marker sent, acknowledged or not
        self.sms_submitted: dict[str, str] = {}  # every sid sent

    def submitted_web(self, marker, phase):
        with self.lock:
            self.web_submitted[marker] = phase

    def submitted_sms(self, sid, marker, phase):
        with self.lock:
            self.sms_submitted[sid] = marker

    def ack_web(self, marker, reference, phase):
        with self.lock:
            self.web[marker] = reference
            self.web_phase[marker] = phase

    def ack_sms(self, sid, marker, phase):
        with self.lock:
            self.sms[sid] = marker
            self.sms_phase[sid] = phase


@dataclass
class Event:
    channel: str  # "web" or "sms"
    started: float  # perf_counter when sent (or scheduled, when paced)
    latency: float  # seconds
    outcome: str  # "200", "503", "Transport:ConnectionRefusedError", ...
    kind: str = ""  # new / thread / duplicate / honeypot / retry


@dataclass
class PhaseResult:
    name: str
    senders: dict
    duration: float = 0.0
    events: list = field(default_factory=list)
    client_cpu: float = 0.0
    server_cpu: float = 0.0
    machine_busy: float = 0.0
    crash: dict = field(default_factory=dict)
    unfinished: Counter = field(default_factory=Counter)
    form_events: list = field(default_factory=list)
    prepare: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)

    def channel_events(self, channel):
        return [e for e in self.events if e.channel == channel]


# --------------------------------------------------------------------------------------------
# Senders.
# --------------------------------------------------------------------------------------------


@dataclass
class Plan:
    """What one phase asks of the senders."""

    name: str
    port: int
    duration: float
    max_requests: int
    reference: dict  # districts and countries (primary keys) to choose from
    ledger: Ledger
    seed: int
    paced_rate: float = 0.0  # total reports/s across senders (0: closed loop, no pause)
    stop: threading.Event = field(default_factory=threading.Event)
    budget: itertools.count = field(default_factory=itertools.count)
    redeliveries: deque = field(default_factory=lambda: deque(maxlen=1000))
    t0: float = 0.0
    deadline: float = 0.0
    n_senders: int = 1
    ready: threading.Barrier | None = None  # every sender prepared (web: form fetched)
    go: threading.Event = field(default_factory=threading.Event)
    dump_dir: Path | None = None
    sms_path: str = "/webhooks/twilio/sms"  # the floor servers answer elsewhere

    def take(self) -> bool:
        return (
            not self.stop.is_set()
            and time.perf_counter() < self.deadline
            and next(self.budget) < self.max_requests
        )


class Sender(threading.Thread):
    channel = ""

    def __init__(self, plan: Plan, index: int):
        super().__init__(daemon=True)
        self.plan, self.index = plan, index
        self.rng = random.Random(f"{plan.seed}:{plan.name}:{self.channel}:{index}")
        self.events: list[Event] = []
        self.form_events: list[Event] = []
        self.unfinished = 0
        self.seq = 0
        self.next_at = 0.0

    def pace(self) -> float:
        """When the next report is due: now (closed loop) or the next Poisson arrival."""
        plan = self.plan
        if not plan.paced_rate:
            return time.perf_counter()
        if not self.next_at:
            self.next_at = plan.t0 + self.rng.uniform(0, plan.n_senders / plan.paced_rate)
        else:
            self.next_at += self.rng.expovariate(plan.paced_rate / plan.n_senders)
        if self.next_at >= plan.deadline:
            return 0.0
        delay = self.next_at - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        return self.next_at  # latency counts from the due time (no coordinated omission)

    def record(self, started, outcome, kind=""):
        event = Event(self.channel, started, time.perf_counter() - started, outcome, kind)
        (self.form_events if kind == "form" else self.events).append(event)

    def prepare(self) -> bool:
        return True

    def start_together(self) -> bool:
        """Prepare, then wait for every other sender and the starting signal."""
        prepared = self.prepare()
        with contextlib.suppress(threading.BrokenBarrierError):
            self.plan.ready.wait(timeout=300)
        self.plan.go.wait(timeout=300)
        return prepared

    def retry_pause(self, attempt: int) -> bool:
        """Back off before retrying a failed submission; False when the grace time is over."""
        if time.perf_counter() > self.plan.deadline + RETRY_GRACE:
            return False
        time.sleep(min(1.0, 0.05 * 2**attempt) * self.rng.uniform(0.5, 1.0))
        return True


class WebSender(Sender):
    """A reporter on the public form: GET it once (CSRF cookie + token), then POST reports."""

    channel = "web"

    def __init__(self, plan, index):
        super().__init__(plan, index)
        self.source = f"127.1.{index // 250}.{index % 250 + 1}"
        self.cookie = self.token = ""
        self.form_key = False

    def fetch_form(self) -> bool:
        attempt = 0
        while True:
            started = time.perf_counter()
            try:
                status, headers, body = http_call(
                    self.plan.port, "GET", "/report?lang=ur", source=self.source
                )
            except Transport as exc:
                self.record(started, f"Transport:{exc}", "form")
            else:
                cookies = [v for k, v in headers.items() if k.lower() == "set-cookie"]
                cookie = next((c.split(";")[0] for c in cookies if c.startswith("csrftoken=")), "")
                match = CSRF_INPUT_RE.search(body)
                if status == 200 and cookie and match:
                    self.cookie, self.token = cookie, match.group(1).decode()
                    # A one-time form key (if the form has one): a new one per report, as if
                    # the form were shown again; a re-sent report keeps its key.
                    self.form_key = b'name="submission"' in body
                    self.record(started, "200", "form")
                    return True
                self.record(started, str(status), "form")
            if not self.retry_pause(attempt):
                return False
            attempt += 1

    def fields(self, marker: str) -> tuple[list[tuple[str, str]], bool]:
        rng, ref = self.rng, self.plan.reference
        narrative, lang, crisis = web_narrative(rng, marker)
        abroad = rng.random() < 0.12
        fields = [
            ("csrfmiddlewaretoken", self.token),
            ("lang", lang),
            ("narrative", narrative),
            ("district", "" if abroad else str(rng.choice(ref["districts"]))),
            ("country", str(rng.choice(ref["countries"])) if abroad else ""),
            (
                "place",
                rng.choice(["", "brick kiln near the canal", "Mohalla Islampura", "کارخانہ"]),
            ),
            ("when_text", rng.choice(["", "now", "last week", "ابھی", "pichle mahine"])),
            ("persons_at_risk", rng.choice(["", "1", "3", "6", "20"])),
            ("children_involved", rng.choice(["yes", "no", "unknown", "unknown"])),
            ("immediate_danger", "yes" if crisis else rng.choice(["no", "unknown", "unknown"])),
            ("caller_type", rng.choice(["", "victim", "family", "public", "professional"])),
            ("reporter_name", ""),
            ("reporter_phone", ""),
            ("reporter_email", ""),
        ]
        if rng.random() < 0.3:  # a third leave a way to reach them
            fields[-3] = ("reporter_name", rng.choice(["Nasreen Bibi", "Muhammad Aslam", "آصف"]))
            fields[-2] = (
                "reporter_phone",
                f"0{rng.choice(MOBILE_PREFIXES)} {rng.randint(1_000_000, 9_999_999)}",
            )
        bot = rng.random() < HONEYPOT_SHARE
        fields.append(("website", "http://cheap-visas.example" if bot else ""))
        if self.form_key:
            fields.append(("submission", uuid.UUID(int=rng.getrandbits(128)).hex))
        return fields, bot

    def prepare(self) -> bool:
        return self.fetch_form()

    def run(self):
        plan = self.plan
        if not self.start_together():
            return
        while plan.take():
            due = self.pace()
            if not due or time.perf_counter() > plan.deadline:
                break
            self.seq += 1
            marker = f"W{self.index:04d}-{plan.name}-{self.seq:06d}"
            fields, bot = self.fields(marker)
            if not bot:
                plan.ledger.submitted_web(marker, plan.name)
            body, content_type = multipart(fields)
            headers = {"Content-Type": content_type, "Cookie": self.cookie}
            attempt, started = 0, due
            while True:
                kind = "retry" if attempt else ""
                try:
                    status, _h, page = http_call(
                        plan.port, "POST", "/report", body, headers, source=self.source
                    )
                except Transport as exc:
                    self.record(started, f"Transport:{exc}", kind)
                    status, page = None, b""
                else:
                    match = REFERENCE_RE.search(page) if status == 200 else None
                    if match:
                        self.record(started, "200", kind or "new")
                        plan.ledger.ack_web(marker, match.group(1).decode(), plan.name)
                        break
                    if status == 200 and bot:
                        self.record(started, "200", "honeypot")
                        break
                    self.record(started, str(status) if status != 200 else "200-no-ref", kind)
                    if status == 400 and self.plan.dump_dir:  # keep one for the reader
                        (self.plan.dump_dir / "last-web-400.html").write_bytes(page)
                    if status == 403:  # CSRF: fetch the form again, then send again
                        if not self.fetch_form():
                            self.unfinished += 1
                            break
                        fields[0] = ("csrfmiddlewaretoken", self.token)
                        body, content_type = multipart(fields)
                        headers = {"Content-Type": content_type, "Cookie": self.cookie}
                    elif status is not None and status < 500:
                        break  # 400 / 429: the reporter is told why; nothing to retry
                # Transport error or 5xx: press Send again (the form keeps the text).
                if not self.retry_pause(attempt):
                    self.unfinished += 1
                    break
                attempt += 1
                started = time.perf_counter()


class SmsSender(Sender):
    """Twilio delivering SMS from a stream of phones; each phone sends 1-3 messages (a thread)."""

    channel = "sms"

    def __init__(self, plan, index):
        super().__init__(plan, index)
        self.phone, self.left = "", 0

    def next_message(self) -> tuple[str, dict, str]:
        rng, plan = self.rng, self.plan
        follow_up = self.left > 0
        if not follow_up:
            self.phone = f"+9230{next(PHONES) % 100_000_000:08d}"  # unique in the run
            self.left = rng.choices([1, 2, 3], weights=[70, 20, 10])[0]
        self.left -= 1
        self.seq += 1
        marker = f"S{self.index:04d}-{plan.name}-{self.seq:06d}"
        sid = "SM" + uuid.UUID(int=rng.getrandbits(128)).hex
        params = {
            "ToCountry": "PK",
            "ToState": "",
            "SmsMessageSid": sid,
            "NumMedia": "0",
            "ToCity": "",
            "FromZip": "",
            "SmsSid": sid,
            "FromState": "",
            "SmsStatus": "received",
            "FromCity": "",
            "Body": sms_body(rng, marker, follow_up=follow_up),
            "FromCountry": "PK",
            "To": "+9251111724",
            "MessagingServiceSid": "MG" + "0" * 32,
            "ToZip": "",
            "NumSegments": "2",
            "MessageSid": sid,
            "AccountSid": "AC" + "1" * 32,
            "From": self.phone,
            "ApiVersion": "2010-04-01",
        }
        return sid, params, marker

    def deliver(self, sid, params, marker, due, *, redelivery=False) -> None:
        plan = self.plan
        body = urllib.parse.urlencode(params).encode()
        headers = {
            "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
            "User-Agent": "TwilioProxy/1.1",
        }
        attempt, started = 0, due
        while True:
            kind = "retry" if attempt else ""
            try:
                status, _h, xml = http_call(plan.port, "POST", plan.sms_path, body, headers)
            except Transport as exc:
                self.record(started, f"Transport:{exc}", kind)
            else:
                if status == 200:
                    if TWIML_REFERENCE_RE.search(xml):
                        kind = kind or ("redelivery-new" if redelivery else "new")
                    else:
                        kind = "duplicate"
                    self.record(started, "200", kind)
                    plan.ledger.ack_sms(sid, marker, plan.name)
                    return
                self.record(started, str(status), kind)
                if status < 500:
                    return  # 4xx: Twilio does not retry those
            # No answer or 5xx: Twilio retries the same MessageSid.
            if not self.retry_pause(attempt):
                self.unfinished += 1
                return
            attempt += 1
            started = time.perf_counter()

    def run(self):
        plan = self.plan
        self.start_together()
        while plan.take():
            due = self.pace()
            if not due or time.perf_counter() > plan.deadline:
                break
            if plan.redeliveries and self.rng.random() < 0.5:
                try:
                    sid, params, marker = plan.redeliveries.popleft()
                except IndexError:
                    pass
                else:
                    self.deliver(sid, params, marker, due, redelivery=True)
                    continue
            sid, params, marker = self.next_message()
            plan.ledger.submitted_sms(sid, marker, plan.name)
            if self.rng.random() < SMS_REDELIVERY_SHARE:
                # Offered for redelivery while the first delivery may still be in flight.
                plan.redeliveries.append((sid, params, marker))
            self.deliver(sid, params, marker, due)


def run_phase(
    plan: Plan,
    *,
    web: int,
    sms: int,
    server: Server,
    crash_at: float = 0.0,
) -> PhaseResult:
    """Run ``web`` + ``sms`` senders until the deadline (or the request budget), then join."""
    senders = [WebSender(plan, i) for i in range(web)] + [SmsSender(plan, i) for i in range(sms)]
    plan.n_senders = len(senders)
    result = PhaseResult(plan.name, {"web": web, "sms": sms})
    note = server.ensure_alive()
    if note:
        result.notes.append(note)
    server_pids = server.pids()
    # Preparation (web senders GET the form for their CSRF token), measured on its own.
    plan.ready = threading.Barrier(len(senders) + 1)
    plan.deadline = time.perf_counter() + 60  # bounds the form fetch retries
    cpu_prep0, t_prep0 = cpu_seconds(server_pids), time.perf_counter()
    for sender in senders:
        sender.start()
    with contextlib.suppress(threading.BrokenBarrierError):
        plan.ready.wait(timeout=300)
    result.prepare = {
        "seconds": time.perf_counter() - t_prep0,
        "server_cpu": cpu_seconds(server_pids) - cpu_prep0,
    }
    cpu_server0 = cpu_seconds(server_pids)
    busy0, total0 = system_cpu()
    rusage0 = resource.getrusage(resource.RUSAGE_SELF)
    plan.t0 = time.perf_counter()
    plan.deadline = plan.t0 + plan.duration
    plan.go.set()
    crash_thread = None
    if crash_at:

        def crash():
            time.sleep(crash_at)
            result.crash["server_cpu_before"] = cpu_seconds(server.pids())
            killed = server.kill9()
            result.crash["killed_pids"] = killed
            result.crash["killed_at"] = server.killed_at - plan.t0
            result.crash["restart_seconds"] = server.start(warm=False)
            result.crash["back_at"] = time.perf_counter() - plan.t0

        crash_thread = threading.Thread(target=crash, daemon=True)
        crash_thread.start()
    for sender in senders:
        sender.join(timeout=plan.duration + RETRY_GRACE + 120)
    if crash_thread:
        crash_thread.join(timeout=120)
    result.duration = time.perf_counter() - plan.t0
    plan.stop.set()
    rusage1 = resource.getrusage(resource.RUSAGE_SELF)
    busy1, total1 = system_cpu()
    result.client_cpu = (rusage1.ru_utime + rusage1.ru_stime) - (
        rusage0.ru_utime + rusage0.ru_stime
    )
    result.machine_busy = (busy1 - busy0) / max(1, total1 - total0)
    if crash_at:
        result.server_cpu = result.crash.get("server_cpu_before", 0.0) - cpu_server0
        result.server_cpu += cpu_seconds(server.pids())
    else:
        result.server_cpu = cpu_seconds(server_pids) - cpu_server0
    if not server.alive():
        result.notes.append(
            f"gunicorn exited during the phase (code {server.proc.returncode}), not by the "
            "benchmark: figures disturbed"
        )
    for sender in senders:
        result.events.extend(sender.events)
        result.form_events.extend(sender.form_events)
        result.unfinished[sender.channel] += sender.unfinished
    if crash_at and "killed_at" in result.crash:
        # Downtime as the senders saw it: from the kill to the first answer to a report sent
        # after it (answers already in the socket buffers at the kill do not count).
        killed = plan.t0 + result.crash["killed_at"]
        answered = [
            e.started + e.latency
            for e in result.events
            if e.outcome == "200" and e.started > killed
        ]
        if answered:
            result.crash["first_ack_after_kill"] = min(answered) - killed
    return result

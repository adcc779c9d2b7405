"""The ``rahai`` command: Rahai's management commands under one name, with short help."""

from __future__ import annotations

import os
import sys
from pathlib import Path

COMMANDS = {
    "setup": "write demo keys and settings to var/rahai.env if it does not exist yet",
    "migrate": "create or update the database tables",
    "load_reference": "load provinces, districts, countries and the law (adds only what is missing)",
    "demo": "create demo organisations, users, synthetic cases and hotline contacts (--cases N, --contacts N)",
    "serve": "serve Rahai with gunicorn on 127.0.0.1:8000 (--bind, --workers)",
    "audit": "audit log tools: `rahai audit verify` checks the hash chain",
    "keys": "encryption keys: `rahai keys generate`, `rahai keys rotate`",
    "token": "create an API token for a user: `rahai token USERNAME NAME`",
    "createsuperuser": "create an administrator account",
    "check": "check the configuration",
    "referrals_check_sla": "alert once about each overdue referral (run every few minutes from cron)",
    "link": "find records of one person: `rahai link INPUT.csv --out DIR`, or `--db` for all persons",
    "release": "open data release: `rahai release --year 2025 --out DIR [--k 11]`",
    "export": "HTCDS 2.0 export: `rahai export htcds --user USERNAME --format json|xlsx|csv --out FILE`",
    "import": "import cases: `rahai import cases FILE --mapping NAME --user USERNAME [--commit]`",
    "insights": "statistics for the dashboards: `rahai insights fill [--rebuild]`, `rahai insights status`",
    "report": "national statistics report: `rahai report annual --year 2025 --out DIR [--language ur] [--fill]`",
    "manage": "run any Django management command: `rahai manage <command> ...`",
}


def _usage() -> str:
    width = max(len(name) for name in COMMANDS)
    lines = ["usage: rahai <command> [options]", "", "Rahai commands:"]
    lines += [f"  {name.ljust(width)}  {text}" for name, text in COMMANDS.items()]
    lines += ["", "`rahai <command> --help` explains each command's options."]
    return "\n".join(lines)


def _var_dir() -> Path:
    return Path(os.environ.get("RAHAI_VAR_DIR", Path.cwd() / "var"))


def setup_env(var_dir: Path) -> bool:
    """Create var/rahai.env with fresh random keys for a local demo; never overwrite it."""
    from rahai.core.crypto import generate_key

    var_dir.mkdir(parents=True, exist_ok=True)
    env_file = var_dir / "rahai.env"
    if env_file.exists():
        return False
    content = "\n".join(
        [
            "# Written by `rahai setup` for a local demo. Keep this file secret; never use it in production.",
            f"RAHAI_SECRET_KEY={generate_key()}{generate_key()}",
            f"RAHAI_DATA_KEYS=demo1:{generate_key()}",
            f"RAHAI_INDEX_KEY={generate_key()}",
            f"RAHAI_AUDIT_KEY={generate_key()}",
            "RAHAI_ALLOWED_HOSTS=127.0.0.1,localhost",
            "",
        ]
    )
    env_file.write_text(content, encoding="utf-8")
    env_file.chmod(0o600)
    return True


def serve(argv: list[str]) -> None:
    import argparse

    parser = argparse.ArgumentParser(prog="rahai serve", description=COMMANDS["serve"])
    parser.add_argument("--bind", default="127.0.0.1:8000")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="threads per worker; more than 1 uses gthread (PostgreSQL: 2 x 16; keep 1 on SQLite)",
    )
    args = parser.parse_args(argv)
    from django.conf import settings
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    os.execvp(  # noqa: S606 - replaces this process with gunicorn
        sys.executable,
        [
            sys.executable,
            "-m",
            "gunicorn",
            "rahai.wsgi:application",
            "--bind",
            args.bind,
            "--workers",
            str(args.workers),
            "--worker-class",
            "gthread" if args.threads > 1 else "sync",
            "--threads",
            str(args.threads),
            # gunicorn's default control socket is shared by every server of this user.
            "--control-socket",
            str(Path(settings.VAR_DIR) / "gunicorn.ctl"),
            "--access-logfile",
            "-",
            "--access-logformat",
            '%(t)s "%(m)s %(U)s" %(s)s %(L)ss',  # path without query: no search terms
        ],
    )


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(_usage())
        return
    command, rest = argv[0], argv[1:]
    if command == "setup":
        written = setup_env(_var_dir())
        print(
            "Wrote var/rahai.env with new demo keys."
            if written
            else "var/rahai.env exists; left as it is."
        )
        return
    if command == "link" and "--db" not in rest:
        from rahai.linkage.cli import main as link_main  # no settings, keys or database needed

        sys.exit(link_main(rest))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rahai.settings")
    import django

    django.setup()
    if command == "serve":
        serve(rest)
        return
    from django.core.management import execute_from_command_line

    if command == "manage":
        execute_from_command_line(["rahai", *rest])
        return
    if command not in COMMANDS:
        print(f"rahai: unknown command {command!r}\n\n{_usage()}", file=sys.stderr)
        sys.exit(2)
    execute_from_command_line(["rahai", command, *rest])


if __name__ == "__main__":
    main()

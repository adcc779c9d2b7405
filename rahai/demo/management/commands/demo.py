"""``manage.py demo``: demo organisations, users, synthetic cases and hotline contacts (idempotent)."""

from django.core.management.base import BaseCommand, CommandError

from rahai.demo.services import DEFAULT_CONTACTS, load_demo


class Command(BaseCommand):
    help = (
        "Load demo organisations, users, synthetic cases and the demo hotline's queue of synthetic "
        "contacts, written through the normal services (encrypted, indexed, triaged and audited). "
        "Running it again adds only what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--cases",
            type=int,
            default=300,
            help="How many demo cases there should be (default 300).",
        )
        parser.add_argument(
            "--contacts",
            type=int,
            default=DEFAULT_CONTACTS,
            help=f"How many demo hotline contacts there should be (default {DEFAULT_CONTACTS}).",
        )
        parser.add_argument(
            "--seed", type=int, default=2026, help="Seed for the synthetic data (default 2026)."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even though the database holds non-demo cases (test databases only).",
        )

    def handle(
        self,
        *args,
        cases: int,
        seed: int,
        contacts: int = DEFAULT_CONTACTS,
        force: bool = False,
        **options,
    ):
        if cases < 0:
            raise CommandError("--cases cannot be negative.")
        if contacts < 0:
            raise CommandError("--contacts cannot be negative.")
        load_demo(
            cases=cases,
            seed=seed,
            contacts=contacts,
            force=force,
            stdout=self.stdout,
            stderr=self.stderr,
        )

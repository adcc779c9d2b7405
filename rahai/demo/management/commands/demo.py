"""``manage.py demo``: demo organisations, users and synthetic cases (idempotent)."""

from django.core.management.base import BaseCommand, CommandError

from rahai.demo.services import load_demo


class Command(BaseCommand):
    help = (
        "Load demo organisations, users and synthetic cases, written through the normal services "
        "(encrypted, indexed and audited). Running it again adds only what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--cases",
            type=int,
            default=300,
            help="How many demo cases there should be (default 300).",
        )
        parser.add_argument(
            "--seed", type=int, default=2026, help="Seed for the synthetic data (default 2026)."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even though the database holds non-demo cases (test databases only).",
        )

    def handle(self, *args, cases: int, seed: int, force: bool = False, **options):
        if cases < 0:
            raise CommandError("--cases cannot be negative.")
        load_demo(cases=cases, seed=seed, force=force, stdout=self.stdout, stderr=self.stderr)

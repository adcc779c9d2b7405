import sys

from django.core.management.base import BaseCommand

from rahai.audit.verify import verify_chain


class Command(BaseCommand):
    help = "Audit log tools. `verify` walks the hash chain and names every altered, inserted or deleted entry."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser(
            "verify", help="check every entry's digest and its link to the previous entry"
        )

    def handle(self, *args, action, **options):
        checked, problems = verify_chain()
        if not problems:
            self.stdout.write(self.style.SUCCESS(f"Audit log intact: {checked} entries verified."))
            return
        for problem in problems:
            self.stderr.write(self.style.ERROR(problem.message))
        self.stderr.write(f"{len(problems)} problem(s) in {checked} entries.")
        sys.exit(1)

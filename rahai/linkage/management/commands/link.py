"""``rahai link --db``: relink every person in the database (progress in a LinkRun row).

``rahai link INPUT.csv --out DIR`` is handled before Django starts (see ``rahai.linkage.cli``);
this command also accepts it, for ``rahai manage link``.
"""

from django.core.management.base import BaseCommand, CommandError

from rahai.linkage import cli


class Command(BaseCommand):
    help = "Find records of one person: INPUT.csv --out DIR, or --db for every person"

    def add_arguments(self, parser):
        parser.add_argument("args", nargs="*")
        parser.add_argument("--db", action="store_true", help="relink every person in the database")
        parser.add_argument("--out")
        parser.add_argument("--threshold", type=float)

    def handle(self, *args, **options):
        if not options["db"]:
            argv = [*args]
            if options["out"]:
                argv += ["--out", options["out"]]
            if options["threshold"] is not None:
                argv += ["--threshold", str(options["threshold"])]
            code = cli.main(argv)
            if code:
                raise CommandError("rahai link failed", returncode=code)
            return
        from rahai.linkage.services import relink_all

        def progress(percent: int, message: str) -> None:
            self.stderr.write(f"rahai link: {percent:3d}% {message}")

        run = relink_all(threshold=options["threshold"], progress=progress)
        self.stdout.write(
            f"linked {run.persons:,} persons into {run.clusters:,} identities; "
            f"{run.candidates.count():,} pairs to review (run {run.pk})"
        )

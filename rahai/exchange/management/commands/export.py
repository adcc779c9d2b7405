"""``rahai export htcds --user USERNAME --format json|xlsx|csv --out FILE``."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from rahai.cases.selectors import CaseFilters
from rahai.exchange.export import FORMATS
from rahai.exchange.services import export_htcds


class Command(BaseCommand):
    help = "Export the cases a user may see as an HTCDS 2.0 file (JSON, XLSX or CSV); audited."

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["htcds"])
        parser.add_argument("--user", required=True, help="export what this user may see")
        parser.add_argument("--format", choices=sorted(FORMATS), default="json")
        parser.add_argument("--out", required=True, help="file to write")
        parser.add_argument(
            "--no-personal-data",
            action="store_true",
            help="leave out names, identity numbers, phones, addresses, dates of birth and texts",
        )
        parser.add_argument("--status", default="")
        parser.add_argument("--province", default="", help="province code, e.g. PB")
        parser.add_argument("--district", default="", help="district code, e.g. LHR")

    def handle(self, *args, **options):
        try:
            user = get_user_model().objects.get(username=options["user"], is_active=True)
        except get_user_model().DoesNotExist:
            raise CommandError(_("No active user %(name)s.") % {"name": options["user"]}) from None
        out = Path(options["out"])
        if out.exists():
            raise CommandError(_("%(path)s exists; choose another file.") % {"path": out})
        filters = CaseFilters(
            status=options["status"],
            province=options["province"].upper(),
            district=options["district"].upper(),
        )
        try:
            exported = export_htcds(
                user=user,
                fmt=options["format"],
                filters=filters,
                personal=not options["no_personal_data"],
            )
        except PermissionDenied:
            raise CommandError(
                _("%(name)s may not export cases.") % {"name": user.username}
            ) from None
        tmp = out.with_name(f".{out.name}.part")
        tmp.write_bytes(exported.content)
        tmp.chmod(0o600)
        tmp.rename(out)
        self.stdout.write(
            _("Wrote %(path)s: %(cases)d cases, %(persons)d persons.")
            % {"path": out, "cases": exported.cases, "persons": exported.persons}
        )

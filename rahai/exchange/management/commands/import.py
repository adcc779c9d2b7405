"""``rahai import cases FILE --mapping NAME --user USERNAME [--commit]``: a dry run by default."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rahai.exchange.access import mapping_by_name
from rahai.exchange.models import ImportStatus
from rahai.exchange.reading import FileProblem
from rahai.exchange.services import import_check, import_commit, import_upload


class Command(BaseCommand):
    help = (
        "Import historical cases from a CSV/XLSX spreadsheet (with a saved column mapping) or an "
        "HTCDS 2.0 JSON file. Without --commit it only checks and reports every problem."
    )

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["cases"])
        parser.add_argument("file")
        parser.add_argument(
            "--user", required=True, help="the importing user (their organisation owns the cases)"
        )
        parser.add_argument("--mapping", default="", help="saved mapping name (not for HTCDS JSON)")
        parser.add_argument("--commit", action="store_true", help="import (all rows or none)")

    def handle(self, *args, **options):
        try:
            user = get_user_model().objects.get(username=options["user"], is_active=True)
        except get_user_model().DoesNotExist:
            raise CommandError(_("No active user %(name)s.") % {"name": options["user"]}) from None
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("No file %(path)s.") % {"path": path})
        with translation.override(user.preferred_language or "en"):
            try:
                mapping = None
                if not path.name.lower().endswith(".json"):
                    if not options["mapping"]:
                        raise CommandError(_("A spreadsheet needs --mapping NAME."))
                    mapping = mapping_by_name(user, options["mapping"])
                batch = import_upload(
                    user=user, data=path.read_bytes(), filename=path.name, mapping=mapping
                )
                if options["commit"]:
                    batch = import_commit(user=user, batch=batch)
                else:
                    import_check(user=user, batch=batch)
            except Http404:
                raise CommandError(_("No such mapping in your organisation.")) from None
            except PermissionDenied:
                raise CommandError(_("You may not import cases.")) from None
            except FileProblem as exc:
                raise CommandError(str(exc)) from None
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from None
            for problem in [*batch.problems, *batch.conflicts]:
                column = f" [{problem['column']}]" if problem["column"] else ""
                self.stdout.write(
                    _("Row %(row)s") % {"row": problem["row"]} + f"{column}: {problem['message']}"
                )
            if not batch.problems:
                self.stdout.write(
                    ngettext(
                        "%(total)s rows, %(n)s distinct person.",
                        "%(total)s rows, %(n)s distinct persons.",
                        batch.persons_total,
                    )
                    % {"total": batch.rows_total, "n": batch.persons_total}
                )
            if batch.status == ImportStatus.COMMITTED:
                self.stdout.write(
                    _(
                        "Imported: %(created)d rows created, %(skipped)d already imported, %(candidates)d possible matches to review."
                    )
                    % {
                        "created": batch.rows_created,
                        "skipped": batch.rows_skipped,
                        "candidates": batch.candidates,
                    }
                )
                self.stdout.write(
                    ngettext(
                        "%(n)s person created: a person with rows in several cases of the file "
                        "has a role in each.",
                        "%(n)s persons created: a person with rows in several cases of the file "
                        "has a role in each.",
                        batch.persons_created,
                    )
                    % {"n": batch.persons_created}
                )
            elif batch.problems:
                raise CommandError(
                    _("%(rows)d of %(total)d rows have problems; nothing was imported.")
                    % {"rows": batch.rows_invalid, "total": batch.rows_total}
                )
            else:
                self.stdout.write(
                    _(
                        "Checked: %(total)d rows, no problems (%(skipped)d already imported). Run again with --commit to import."
                    )
                    % {"total": batch.rows_total, "skipped": batch.rows_skipped}
                )

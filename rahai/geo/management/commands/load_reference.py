"""``manage.py load_reference``: add missing provinces, districts, countries and the law."""

from django.core.management.base import BaseCommand
from django.db import transaction

from rahai.geo.models import Country, District, Province
from rahai.geo.reference import load_reference
from rahai.justice.models import Law, Offence
from rahai.justice.reference import load_laws


class Command(BaseCommand):
    help = (
        "Add the provinces, districts, countries, laws and offences that are missing. Safe to "
        "run again: existing rows, and corrections an administrator made to them, are never "
        "changed."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            added = load_reference(Province, District, Country)
            added.update(load_laws(Law, Offence, Province))
        if not any(added.values()):
            self.stdout.write("Reference data is complete; nothing added.")
            return
        summary = ", ".join(f"{count} {kind}" for kind, count in added.items())
        self.stdout.write(self.style.SUCCESS(f"Added {summary}."))

from django.core.management.base import BaseCommand, CommandError

from rahai.accounts.models import User
from rahai.accounts.services import api_token_create


class Command(BaseCommand):
    help = "Create an API token for a user and print it once (only its digest is stored)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("name", nargs="?", default="cli")

    def handle(self, *args, username, name, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {username!r}.")
        _token, raw = api_token_create(user=user, name=name)
        self.stdout.write(raw)

"""Print a new API token for a user: `manage.py create_token USERNAME [--name NAME]`.

The output is the raw token alone, on one line, so that scripts can capture it; it is
shown once and only its digest is stored.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from maillage.accounts.actions import issue_token
from maillage.accounts.models import ApiToken, User


class Command(BaseCommand):
    help = "Create an API token for a user and print it (shown once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="What the token is for.")

    def handle(self, *args: Any, username: str, name: str, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        if not user.is_active:
            raise CommandError(f"The user {username!r} is inactive.")
        limit = ApiToken._meta.get_field("name").max_length or 0
        if len(name) > limit:
            raise CommandError(f"The name is longer than {limit} characters.")
        self.stdout.write(issue_token(user, name))

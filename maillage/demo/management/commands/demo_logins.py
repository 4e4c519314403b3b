from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from maillage.accounts.demo import DEMO_TOTP_SECRET
from maillage.accounts.models import Role, User
from maillage.demo import generator
from maillage.space import demo as space_demo

ROLE_LABELS = dict(Role.choices)


def logins_text() -> str:
    """The demo accounts, their password and the TOTP secret, as a short table."""
    lines = [f"Maillage demo — {settings.SITE_URL.rstrip('/')}/", ""]
    main = [a for a in generator.ACCOUNTS if a.main]
    width = max(len(a.username) for a in main)
    role_width = max(len(_roles(a)) for a in main)
    lines.append(f"  {'user'.ljust(width)}  {'role'.ljust(role_width)}  sees")
    for account in main:
        lines.append(
            f"  {account.username.ljust(width)}  {_roles(account).ljust(role_width)}  "
            f"{account.sees}{'  [2FA]' if account.two_factor else ''}"
        )
    others = ", ".join(f"{a.username} ({a.sees})" for a in generator.ACCOUNTS if not a.main)
    lines += [
        f"  Other case managers: {others}.",
        space_demo.LOGIN_LINE,
        "",
        f"  Password for every demo account: {generator.DEMO_PASSWORD}",
        f"  2FA for {', '.join(a.username for a in generator.ACCOUNTS if a.two_factor)}: "
        f"TOTP secret {DEMO_TOTP_SECRET}",
        "    (add it to any authenticator app, then type the 6-digit code it shows).",
    ]
    if not User.objects.filter(username="admin").exists():
        lines += ["", "  Not seeded yet: run `manage.py seed_demo` first."]
    return "\n".join(lines)


def _roles(account: generator.AccountSpec) -> str:
    roles = dict.fromkeys(str(ROLE_LABELS[role]) for _team, role in account.memberships)
    return ", ".join(roles)


class Command(BaseCommand):
    help = "Print the demo accounts, their password, the URL and the demo TOTP secret."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(logins_text())

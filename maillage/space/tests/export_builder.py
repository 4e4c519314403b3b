"""A row of every space entry of the export registry, for the records fixture
(`maillage/records/tests/fixtures.py`: add `"space": build_space` to BUILDERS, before
"access_log")."""

from typing import Any

from maillage.space import actions
from maillage.testing import PASSWORD


def build_space(built: Any) -> None:
    case = built.case
    username = f"space-{str(built.person.pk)[:8]}"
    pending = actions.invite(case, by=built.worker, email="person@example.org")
    used = actions.invite(case, by=built.worker)
    account = actions.activate(used.invitation, username=username, password=PASSWORD, language="fr")
    built.add("space_invitations", pending.invitation, used.invitation)
    built.add("space_accounts", account)
    wish = actions.ask_consent_change(case, by=account.user, text="Plus rien au CPAS")
    built.add("consent_wishes", wish)

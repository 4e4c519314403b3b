"""What the personal space holds about a person, for the export and the erasure
(maillage/personal_data.py). Token and code digests are never exported."""

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.accounts.models import User
from maillage.personal_data import DELETE, Entry, register


def _erase_accounts(accounts: QuerySet[Any]) -> int:
    """End the accounts and strip their sign-in of anything naming the person."""
    changed = 0
    for account in accounts.select_related("user"):
        user: User = account.user
        user.username = f"erased-{user.pk}"
        user.first_name = user.last_name = user.email = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        account.representative_name = account.representative_capacity = ""
        account.ended_at = account.ended_at or timezone.now()
        account.save(update_fields=["representative_name", "representative_capacity", "ended_at"])
        changed += 1
    return changed


register(
    Entry(
        key="space_accounts",
        model="space.SpaceAccount",
        person_path="person",
        fields=(
            "user",
            "relation",
            "representative_name",
            "representative_capacity",
            "created_by",
            "created_at",
            "ended_at",
        ),
        title=_("Personal space accounts"),
        erase=lambda accounts: _erase_accounts(accounts),
        table=True,
    ),
    Entry(
        key="space_invitations",
        model="space.SpaceInvitation",
        person_path="person",
        case_path="case",
        fields=(
            "case",
            "relation",
            "representative_name",
            "representative_capacity",
            "email",
            "expires_at",
            "used_at",
            "revoked_at",
            "created_by",
            "created_at",
        ),
        title=_("Invitations to the personal space"),
        erase=DELETE,
        table=True,
    ),
    Entry(
        key="consent_wishes",
        model="space.ConsentWish",
        parent="cases",
        parent_field="case",
        person_path="case__person",
        case_path="case",
        fields=(
            "text",
            "actor",
            "category",
            "status",
            "note",
            "created_by",
            "created_at",
            "answered_by",
            "answered_at",
        ),
        title=_("Wishes about consent"),
        erase=DELETE,
        table=True,
    ),
)

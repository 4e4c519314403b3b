"""A row of the partners' export entry for the records completeness fixture."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from maillage import tokens
from maillage.network.models import Actor
from maillage.partners.models import PartnerInvitation


def build_partner_invitation(built: Any) -> None:
    actor = built.case.actors.filter(kind=Actor.Kind.FORMAL).first()
    invitation = PartnerInvitation.objects.create(
        actor=actor,
        email="partner@example.org",
        digest=tokens.digest(f"fixture-{built.person.pk}"),
        expires_at=timezone.now() + timedelta(days=7),
        created_by=built.worker,
    )
    built.add("partner_invitations", invitation)


BUILDERS = {"partners": build_partner_invitation}

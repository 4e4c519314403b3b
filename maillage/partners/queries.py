"""Reads of invitations for the case manager's network pages (no person-level content)."""

from maillage.network.models import Actor

from .models import PartnerInvitation


def latest_invitation(actor: Actor) -> PartnerInvitation | None:
    return actor.partner_invitations.order_by("-created_at").first()

"""Rows of the orientation's export entries for the records completeness fixture."""

from typing import Any

from django.core import mail

from maillage.categories import LifeDomain
from maillage.orientation import actions
from maillage.orientation.models import ReferralLink, ReferralStatusChange, UnmetNeed

from .fixtures import make_service


def build_orientation(built: Any) -> None:
    service = make_service(f"svc-export-{str(built.person.pk)[:8]}")
    referral = actions.refer(
        by=built.worker,
        service=service,
        need="Un logement stable",
        reason="Hors de nos missions",
        life_domain=LifeDomain.HOUSING,
        case=built.case,
        person_agreed=True,
    )
    actions.update_status(referral, "waiting_list", "Complet", via=built.worker)
    mail.outbox.clear()
    need = actions.record_unmet_need(
        by=built.worker,
        life_domain=LifeDomain.HOUSING,
        reason=UnmetNeed.Reason.FULL,
        case=built.case,
        service=service,
        referral=referral,
    )
    built.add("referrals", referral)
    built.add("referral_statuses", *ReferralStatusChange.objects.filter(referral=referral))
    built.add("referral_links", *ReferralLink.objects.filter(referral=referral))
    built.add("unmet_needs", need)


BUILDERS = {"orientation": build_orientation}

"""Demo orientation: a few referrals of demo cases in every status, and unmet needs
spread over life domains and communes so that the coverage view has data.

Runs after the directory is seeded (`seed_directory()`); no email is sent and no link
is printed: links are secrets, the demo shows statuses.
"""

import random
from datetime import datetime, timedelta
from typing import Any

from maillage.cases.models import Case
from maillage.categories import LifeDomain
from maillage.directory.models import Service
from maillage.territory.communes import COMMUNES

from . import actions
from .models import Referral, ReferralStatusChange, UnmetNeed

# Each demo referral's path through the statuses (the last one is its status).
PATHS = (
    ("sent",),
    ("sent", "received"),
    ("sent", "received", "accepted"),
    ("sent", "waiting_list"),
    ("sent", "received", "refused"),
    ("sent", "no_response"),
    ("sent", "received", "accepted", "completed"),
)
REASONS = {"refused": "Hors de notre zone d'intervention.", "waiting_list": "Environ 6 semaines."}
NEEDS = {
    "housing": "Recherche d'un logement stable ; hébergée chez une amie.",
    "mental_health": "Suivi psychologique régulier, en français ou en arabe.",
    "income": "Médiation de dettes : plusieurs factures impayées.",
    "physical_health": "Médecin généraliste de référence.",
    "social_life": "Activités de groupe en journée.",
}
UNMET_COUNT = 30


def seed_orientation(users: dict[str, Any], *, now: datetime, seed: int = 0) -> None:
    rng = random.Random(seed)
    services = list(Service.objects.filter(status="active").exclude(email="").order_by("id")[:40])
    cases = list(
        Case.objects.filter(phase__in=["exploration", "active"])
        .select_related("person", "support_request")
        .order_by("opened_at", "pk")[: len(PATHS)]
    )
    referrals = []
    for path, case, service in zip(PATHS, cases, rng.sample(services, len(services)), strict=False):
        referrals.append(_referral(case, service, path, now, rng))
    domains = list(LifeDomain.values)
    # Housing and mental health in a few communes are where gaps are felt most.
    hot = [("housing", "21004"), ("housing", "21013"), ("mental_health", "21012")]
    needs = []
    for index in range(UNMET_COUNT):
        if index < 12:
            domain, commune = hot[index % len(hot)]
        else:
            domain, commune = rng.choice(domains), rng.choice(COMMUNES).nis
        needs.append(
            UnmetNeed(
                life_domain=domain,
                commune=commune,
                age_band=rng.choice(UnmetNeed.AgeBand.values),
                reason=rng.choice(
                    [UnmetNeed.Reason.NO_SERVICE, UnmetNeed.Reason.FULL, UnmetNeed.Reason.LANGUAGE]
                    + list(UnmetNeed.Reason.values)
                ),
                recorded_by=users.get("intake") or next(iter(users.values())),
            )
        )
    for referral in referrals:
        if referral.status in actions.UNMET:
            fields = actions.unmet_need_from_referral(referral)
            needs.append(UnmetNeed(recorded_by=referral.created_by, **fields))
    UnmetNeed.objects.bulk_create(needs)


def _referral(
    case: Case, service: Service, path: tuple[str, ...], now: datetime, rng: random.Random
) -> Referral:
    worker = case.workers.filter(ended_at__isnull=True).select_related("user").first()
    by = worker.user if worker else case.support_request.created_by
    domain = rng.choice(list(NEEDS))
    sent = now - timedelta(days=4 * len(path) + rng.randint(1, 5))
    status = path[-1]
    referral = Referral.objects.create(
        person=case.person,
        case=case,
        support_request=case.support_request,
        service=service,
        service_name=service.name or service.pk,
        sent_to=actions.service_recipient(service),
        life_domain=domain,
        need=NEEDS[domain],
        reason="Service proche du domicile, recommandé par l'équipe.",
        person_agreed=True,
        status=status,
        status_reason=REASONS.get(status, ""),
        status_changed_at=sent + timedelta(days=3 * (len(path) - 1)),
        sent_at=sent,
        reminder_count=3 if status == "no_response" else 0,
        created_by=by,
    )
    ReferralStatusChange.objects.bulk_create(
        ReferralStatusChange(
            referral=referral,
            status=step,
            reason=REASONS.get(step, ""),
            via="worker" if step == "sent" else "reminder" if step == "no_response" else "link",
            by=by if step == "sent" else None,
            at=sent + timedelta(days=3 * index),
        )
        for index, step in enumerate(path)
    )
    return referral

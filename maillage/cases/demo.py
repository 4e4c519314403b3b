"""Demo journal entries for one case (called by seed_demo with a seeded random)."""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from maillage.accounts.models import User

from .models import Case, JournalEntry

ENTRIES = [
    (
        "meeting",
        "Premier entretien au domicile de la personne : elle parle de sa fatigue et de "
        "ses factures en retard. Elle accepte de revoir le case manager la semaine prochaine.",
        "journal",
    ),
    (
        "phone_call",
        "Appel à la sœur : elle se dit à bout, ne peut plus passer tous les jours.",
        "family",
    ),
    (
        "home_visit",
        "Visite à domicile avec l'infirmière : frigo presque vide, courrier non ouvert "
        "sur la table. Tri du courrier ensemble, trois rappels du fournisseur d'énergie.",
        "income",
    ),
    (
        "accompaniment",
        "Accompagnement au CPAS pour la demande d'aide sociale. Dossier déposé, "
        "rendez-vous avec l'assistante sociale dans dix jours.",
        "administrative",
    ),
    (
        "team_discussion",
        "Discussion en équipe : le binôme propose une concertation avec le médecin "
        "traitant et le service de santé mentale.",
        "journal",
    ),
    (
        "phone_call",
        "Le médecin traitant confirme le suivi et accepte de participer à la concertation.",
        "physical_health",
    ),
    (
        "meeting",
        "Entretien au café du quartier : la personne dit qu'elle dort mieux depuis "
        "qu'elle a repris ses rendez-vous au SSM.",
        "mental_health",
    ),
    (
        "note",
        "Le propriétaire a envoyé un dernier avertissement avant la procédure d'expulsion.",
        "housing",
    ),
    (
        "accompaniment",
        "Accompagnement à la maison médicale pour le bilan de santé.",
        "physical_health",
    ),
    (
        "home_visit",
        "Visite : la voisine passe désormais deux fois par semaine faire les courses.",
        "social_life",
    ),
]


def seed_case(case: Case, rng: random.Random, by: User, today: date) -> None:
    opened = timezone.localtime(case.opened_at).date()
    days = max(1, (today - opened).days)
    count = min(len(ENTRIES), 2 + days // 20)
    chosen = rng.sample(ENTRIES, count)
    moments = sorted(rng.randint(0, days) for _ in chosen)
    JournalEntry.objects.bulk_create(
        JournalEntry(
            case=case,
            author=by,
            kind=kind,
            text=text,
            category=category,
            duration_minutes=rng.choice([15, 30, 45, 60, 90]),
            participants=rng.choice(["", "la personne", "la personne, sa sœur", "l'infirmière"]),
            occurred_at=timezone.make_aware(
                datetime.combine(opened + timedelta(days=offset), time(rng.randint(9, 17), 0))
            ),
        )
        for (kind, text, category), offset in zip(chosen, moments, strict=True)
    )

"""Demo consents for one case: realistic French records, deterministic with `rng`.

Most cases get a consent given orally or in writing a few days after opening, shared
with one to four formal actors (and sometimes a carer); a few start with "no expressed
demand" and consent later; some withdraw; a minor's consent comes from a representative.
Written straight through the ORM, with past dates (the audit is not needed for demo rows).
"""

import random
from datetime import date, datetime, timedelta

from django.utils import timezone

from maillage.accounts.models import User
from maillage.cases.models import Case
from maillage.categories import Category as C
from maillage.network.models import Actor, Sector

from .models import Consent, Share

# What a formal actor of each sector typically receives (identity and contact added).
SECTOR_CATEGORIES: dict[str, list[str]] = {
    Sector.GENERAL_PRACTICE: [C.PHYSICAL_HEALTH, C.MENTAL_HEALTH, C.PLAN, C.CRISIS_PLAN],
    Sector.HOME_CARE: [C.PHYSICAL_HEALTH, C.DAILY_LIVING, C.PLAN, C.CRISIS_PLAN],
    Sector.MENTAL_HEALTH: [C.MENTAL_HEALTH, C.SUBSTANCE_USE, C.PLAN, C.CRISIS_PLAN],
    Sector.HOSPITAL: [C.PHYSICAL_HEALTH, C.MENTAL_HEALTH, C.CRISIS_PLAN],
    Sector.SUBSTANCE_USE: [C.SUBSTANCE_USE, C.MENTAL_HEALTH, C.PLAN],
    Sector.SOCIAL: [C.INCOME, C.ADMINISTRATIVE, C.HOUSING, C.PLAN],
    Sector.HOUSING: [C.HOUSING, C.INCOME, C.PLAN],
    Sector.JUSTICE: [C.JUSTICE, C.ADMINISTRATIVE],
    Sector.YOUTH: [C.FAMILY, C.WORK_EDUCATION, C.PLAN, C.CRISIS_PLAN],
    Sector.DISABILITY: [C.DAILY_LIVING, C.PHYSICAL_HEALTH, C.PLAN],
    Sector.EDUCATION: [C.WORK_EDUCATION, C.FAMILY],
    Sector.WORK: [C.WORK_EDUCATION, C.INCOME],
    Sector.ADMINISTRATION: [C.ADMINISTRATIVE],
    Sector.COMMUNITY: [C.SOCIAL_LIFE, C.PLAN],
    Sector.OTHER: [C.PLAN],
}
# A carer or relative: whom to call and what was agreed.
INFORMAL_CATEGORIES = [C.CONTACT, C.PLAN, C.CRISIS_PLAN]

GIVEN_NOTES = [
    "Accord donné lors du premier entretien à domicile, après explication du rôle de chacun.",
    "La personne souhaite que son médecin traitant soit tenu au courant.",
    "Formulaire de consentement signé et scanné dans le dossier.",
    "Accord donné au bureau ; la personne a relu la liste des intervenants.",
    "",
]
NO_DEMAND_NOTES = [
    "Orientée par le CPAS ; la personne ne voit pas encore l'intérêt d'un accompagnement.",
    "Premier contact par téléphone, la personne préfère réfléchir avant de s'engager.",
    "La famille a fait la demande ; la personne n'a pas encore été rencontrée seule.",
]
REFUSED_NOTES = [
    "Refuse pour l'instant tout échange avec le médecin traitant, méfiance après une hospitalisation.",
    "Ne souhaite pas que le CPAS soit informé ; à rediscuter au prochain entretien.",
]
WITHDRAWAL_REASONS = [
    "La personne ne veut plus que le service de santé mentale soit informé après un conflit.",
    "Dit se sentir « surveillée » par tous les services ; souhaite faire une pause.",
    "A déménagé chez sa sœur et ne souhaite plus de partage d'informations.",
]


def seed_case(case: Case, rng: random.Random, by: User, today: date) -> None:
    """Give `case` its consent records; actors must already be in its network."""
    now = timezone.now()
    opened = case.opened_at
    actors = list(
        case.actors.current(today).filter(kind__in=(Actor.Kind.FORMAL, Actor.Kind.INFORMAL))
    )

    def at(days: float) -> datetime | None:
        moment = opened + timedelta(days=days, hours=rng.randint(1, 7))
        return moment if moment < now else None

    def record(when: datetime | None, status: str, **fields: str) -> Consent | None:
        if when is None:
            return None
        return Consent.objects.create(
            case=case, status=status, recorded_at=when, recorded_by=by, **fields
        )

    first_day = rng.uniform(1, 6)
    roll = rng.random()
    if _is_minor(case, today):
        consent = record(
            at(first_day),
            Consent.Status.GIVEN_BY_REPRESENTATIVE,
            method=Consent.Method.REPRESENTATIVE,
            decided_by=f"{rng.choice(['Mère', 'Père', 'Tutrice'])} de {case.person.given_name}, "
            "titulaire de l'autorité parentale",
            justification="Personne mineure. Elle a été entendue et est d'accord avec le "
            "partage proposé.",
        )
        _share(consent, actors, rng)
        return
    if roll < 0.15:
        record(at(first_day / 2), Consent.Status.NO_DEMAND, notes=rng.choice(NO_DEMAND_NOTES))
        first_day += rng.uniform(10, 30)
    elif roll < 0.22:
        record(at(first_day / 2), Consent.Status.REFUSED, notes=rng.choice(REFUSED_NOTES))
        first_day += rng.uniform(7, 20)
    consent = record(
        at(first_day),
        Consent.Status.GIVEN,
        method=rng.choice([Consent.Method.ORAL, Consent.Method.WRITTEN]),
        notes=rng.choice(GIVEN_NOTES),
    )
    _share(consent, actors, rng)
    if consent is not None and rng.random() < 0.08:
        record(
            at(first_day + rng.uniform(20, 90)),
            Consent.Status.WITHDRAWN,
            justification=rng.choice(WITHDRAWAL_REASONS),
        )


def _share(consent: Consent | None, actors: list[Actor], rng: random.Random) -> None:
    """Shares for one to four formal actors and, sometimes, one informal one."""
    if consent is None:
        return
    formal = [actor for actor in actors if actor.kind == Actor.Kind.FORMAL]
    informal = [actor for actor in actors if actor.kind == Actor.Kind.INFORMAL]
    chosen = rng.sample(formal, min(len(formal), rng.randint(1, 4)))
    shares = [
        Share(
            consent=consent,
            actor=actor,
            categories=_ordered(
                [C.IDENTITY, C.CONTACT, *SECTOR_CATEGORIES.get(actor.sector, [C.PLAN])]
            ),
        )
        for actor in chosen
    ]
    if informal and rng.random() < 0.5:
        shares.append(
            Share(
                consent=consent,
                actor=rng.choice(informal),
                categories=_ordered(INFORMAL_CATEGORIES),
            )
        )
    Share.objects.bulk_create(shares)


def _ordered(codes: list[str]) -> list[str]:
    return [code for code in C.values if code in codes]


def _is_minor(case: Case, today: date) -> bool:
    born = case.person.birth_date
    if born is None:
        return False
    return (today.year - born.year - ((today.month, today.day) < (born.month, born.day))) < 18

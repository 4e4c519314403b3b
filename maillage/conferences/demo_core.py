"""Demo planned conferences: for some demo cases, one conference in the coming weeks
with 2 to 5 invited actors, some of whom have answered.

`seed_case()` is called by seed_demo for each rich demo case (held conferences come
from the meeting's demo). Deterministic: every choice comes from `rng`. Rows are
written directly (demo rows need no audit events).
"""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from maillage.accounts.models import User
from maillage.cases.models import Case
from maillage.network.models import Actor

from .models import Conference, Invitation

PLACES = [
    "Maison médicale du Midi, salle de réunion",
    "CPAS d'Ixelles, salle 2",
    "Brusano, rue de l'Association 15, salle Senne",
    "Centre de santé mentale Le Méridien, salle du 1er",
    "Au domicile de la personne",
]
VIDEO_LINKS = ["https://meet.jit.si/maillage-concertation-{n}"]
HOURS = [time(9, 30), time(10, 0), time(13, 30), time(14, 0), time(16, 0)]
SHARE_OF_CASES = 0.6


def seed_case(case: Case, rng: random.Random, by: User, today: date) -> None:
    if case.phase == Case.Phase.CLOSED or rng.random() > SHARE_OF_CASES:
        return
    actors = [
        actor
        for actor in case.actors.order_by("kind", "name")
        if actor.kind != Actor.Kind.WORKER and actor.is_current(today)
    ]
    if len(actors) < 2:
        return
    day = today + timedelta(days=rng.randint(5, 40))
    while day.weekday() >= 5:
        day += timedelta(days=1)
    starts_at = timezone.make_aware(datetime.combine(day, rng.choice(HOURS)))
    online = rng.random() < 0.25
    conference = Conference.objects.create(
        case=case,
        organiser=by,
        starts_at=starts_at,
        duration_minutes=rng.choice([60, 90, 90, 120]),
        place="" if online else rng.choice(PLACES),
        video_link=rng.choice(VIDEO_LINKS).format(n=rng.randint(1000, 9999)) if online else "",
    )
    sent_at = timezone.make_aware(
        datetime.combine(today - timedelta(days=rng.randint(1, 4)), time(11))
    )
    for actor in rng.sample(actors, k=min(len(actors), rng.randint(2, 5))):
        answer = rng.choice(
            [
                Invitation.Answer.PENDING,
                Invitation.Answer.YES,
                Invitation.Answer.YES,
                Invitation.Answer.NO,
                Invitation.Answer.MAYBE,
            ]
        )
        Invitation.objects.create(
            conference=conference,
            actor=actor,
            email=actor.email,
            language=actor.language or "fr",
            sent_at=sent_at if actor.email else None,
            sent_sequence=0 if actor.email else None,
            answer=answer,
            answered_at=sent_at + timedelta(hours=rng.randint(2, 48))
            if answer != "pending"
            else None,
        )

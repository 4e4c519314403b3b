"""Demo conferences for one rich demo case (called by seed_demo, after the case file).

Planned: for some cases, one conference in the coming weeks with 2 to 5 invited actors,
some of whom have answered.

Held: about two cases in three had a case conference some weeks after opening:
invitations with attendance, an agenda with notes in French, 2–3 decisions that became
actions of the plan, and the minutes sent to each participant with an address. About a
third of those met a second time and evaluated the first conference's decisions.

Deterministic: every choice comes from the `rng` given. Rows are written through the
ORM (no audit events for demo data); minutes deliveries carry the digest of the HTML
each reader would have received.
"""

import hashlib
import random
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from maillage.accounts.models import User
from maillage.cases.models import Case
from maillage.network.models import Actor
from maillage.plans.models import Action, Goal

from . import minutes
from .models import AgendaItem, Conference, ConferenceDecision, Invitation, MinutesDelivery


def seed_case(case: Case, rng: random.Random, by: User, today: date) -> None:
    """The planned conference first, then the held ones, from the same `rng`."""
    seed_planned_conference(case, rng, by, today)
    seed_held_conferences(case, rng, by, today)


# A planned conference

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


def seed_planned_conference(case: Case, rng: random.Random, by: User, today: date) -> None:
    """For some cases, one conference in the coming weeks with 2 to 5 invited actors,
    some of whom have answered."""
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


# Held conferences


@dataclass(frozen=True)
class DecisionIdea:
    what: str
    how: str
    category: str
    owner: str  # "worker", "formal", "person" or "informal"
    with_whom: str = ""


DECISIONS = (
    DecisionIdea(
        "Accompagner la personne au rendez-vous à l'agence immobilière sociale",
        "En transports en commun, départ du domicile à 9 h 30",
        "housing",
        "worker",
        "la personne",
    ),
    DecisionIdea(
        "Introduire la demande de garantie locative au CPAS",
        "Dossier complet avec les trois dernières fiches de paie",
        "income",
        "formal",
    ),
    DecisionIdea(
        "Reprendre le suivi au centre de santé mentale",
        "Premier rendez-vous avec la psychologue, puis toutes les deux semaines",
        "mental_health",
        "formal",
        "l'infirmière à domicile",
    ),
    DecisionIdea(
        "Faire le point sur le traitement avec le médecin traitant",
        "Consultation au cabinet, avec la liste des médicaments",
        "physical_health",
        "formal",
    ),
    DecisionIdea(
        "Appeler le service de médiation de dettes",
        "Appel ensemble depuis le bureau, avec la liste des créanciers",
        "income",
        "worker",
        "la personne",
    ),
    DecisionIdea(
        "Passer une soirée par semaine ensemble pour soulager l'aidante",
        "Le mercredi, à domicile",
        "family",
        "informal",
    ),
    DecisionIdea(
        "Chercher une activité de jour près de chez soi",
        "Visite de deux centres de jour avec la gestionnaire de cas",
        "social_life",
        "person",
        "la gestionnaire de cas",
    ),
)

# What was said, by information category.
NOTES = {
    "plan": [
        "Tour de table : chacun rappelle son rôle. La personne souhaite que les "
        "rendez-vous soient regroupés le mardi.",
        "Le plan d'action est relu ensemble ; deux actions sont reportées d'un mois.",
    ],
    "housing": [
        "Le dossier AIS est complet ; une visite est prévue. Le propriétaire actuel "
        "accepte un délai pour le préavis.",
    ],
    "income": [
        "Les factures d'énergie sont à jour depuis février ; reste une dette de loyer "
        "à étaler avec le CPAS.",
    ],
    "mental_health": [
        "Le sommeil s'améliore depuis l'adaptation du traitement ; la personne dit se "
        "sentir moins envahie par les angoisses.",
    ],
    "physical_health": [
        "Le diabète est mieux équilibré ; la prise de sang de contrôle est à refaire "
        "dans trois mois.",
    ],
    "family": [
        "La sœur se dit épuisée ; un relais est recherché pour les week-ends.",
    ],
    "social_life": [
        "La personne aimerait retrouver le club de marche du quartier.",
    ],
}
EVALUATIONS = ["done", "done", "partly", "not_done", "dropped"]
COMMENTS = {
    "done": "Fait comme prévu.",
    "partly": "Commencé ; à poursuivre avec un nouveau rendez-vous.",
    "not_done": "Pas encore fait : la personne était hospitalisée.",
    "dropped": "Abandonné : ne correspond plus au souhait de la personne.",
}


def seed_held_conferences(case: Case, rng: random.Random, by: User, today: date) -> None:
    """One held conference for about two cases in three opened long enough ago; for
    about a third of those, a second one evaluating the first's decisions."""
    opened = case.opened_at.date()
    if (today - opened).days < 45 or rng.random() < 0.35:
        return
    actors = list(case.actors.current(today).order_by("kind", "name"))  # type: ignore[attr-defined]
    if not any(actor.kind == Actor.Kind.FORMAL for actor in actors):
        return
    first_day = opened + timedelta(days=rng.randint(20, 40))
    first = _conference(case, first_day, rng, by, actors)
    second_day = first_day + timedelta(days=rng.randint(60, 120))
    if second_day <= today - timedelta(days=7) and rng.random() < 0.35:
        second = _conference(case, second_day, rng, by, actors)
        first.next_conference = second
        first.save(update_fields=["next_conference"])
        _evaluate(first, second, rng)
        record_minutes_sent(second, by)
    record_minutes_sent(first, by)


def _conference(
    case: Case, day: date, rng: random.Random, by: User, actors: list[Actor]
) -> Conference:
    starts_at = timezone.make_aware(datetime.combine(day, time(rng.choice([9, 10, 14]), 0)))
    duration = rng.choice([60, 75, 90])
    conference = Conference.objects.create(
        case=case,
        starts_at=starts_at,
        duration_minutes=duration,
        place=rng.choice(
            [
                "Maison médicale du quartier, salle de réunion",
                "Antenne du CPAS, salle 2",
                "Au domicile de la personne",
                "Bureau de l'équipe de coordination",
            ]
        ),
        organiser=by,
        status=Conference.Status.HELD,
        held_at=starts_at + timedelta(minutes=duration),
    )
    _invite(conference, rng, actors, duration)
    items = _agenda(conference, rng)
    _decide(conference, rng, by, actors, items)
    return conference


def _invite(conference: Conference, rng: random.Random, actors: list[Actor], duration: int) -> None:
    formal = [actor for actor in actors if actor.kind == Actor.Kind.FORMAL]
    informal = [actor for actor in actors if actor.kind == Actor.Kind.INFORMAL]
    invited = [actor for actor in actors if actor.kind in (Actor.Kind.PERSON, Actor.Kind.WORKER)]
    invited += rng.sample(formal, min(len(formal), rng.randint(2, 4)))
    invited += rng.sample(informal, min(len(informal), rng.randint(0, 1)))
    rows = []
    for actor in invited:
        attendance = rng.choices(["present", "excused", "absent"], weights=[75, 15, 10])[0]
        if actor.kind == Actor.Kind.WORKER:
            attendance = "present"
        present = attendance == "present"
        rows.append(
            Invitation(
                conference=conference,
                actor=actor,
                # bulk_create skips save(): the secret is drawn here (never from rng).
                token=secrets.token_urlsafe(32),
                email=actor.email,
                language=actor.language or "fr",
                answer="no" if attendance == "excused" else "yes",
                answered_at=conference.starts_at - timedelta(days=rng.randint(2, 10)),
                sent_at=conference.starts_at - timedelta(days=14),
                attendance=attendance,
                represents=actor.organisation if present and actor.kind == "formal" else "",
                duration_minutes=duration if present else None,
            )
        )
    Invitation.objects.bulk_create(rows)


def _agenda(conference: Conference, rng: random.Random) -> list[AgendaItem]:
    goals = list(
        conference.case.goals.filter(status__in=Goal.OPEN_STATUSES).order_by("priority")[:3]
    )
    categories = [c for c in NOTES if c != "plan"]
    items = [
        AgendaItem(conference=conference, position=1, title="Tour de table", notes=NOTES["plan"][0])
    ]
    for goal in goals:
        category = rng.choice(categories)
        items.append(
            AgendaItem(
                conference=conference,
                position=len(items) + 1,
                title=goal.own_words[:300],
                goal=goal,
                category=category,
                notes=rng.choice(NOTES[category]),
            )
        )
    return AgendaItem.objects.bulk_create(items)


def _decide(
    conference: Conference,
    rng: random.Random,
    by: User,
    actors: list[Actor],
    items: list[AgendaItem],
) -> None:
    by_kind = {kind: [a for a in actors if a.kind == kind] for kind in Actor.Kind.values}
    day = timezone.localtime(conference.starts_at).date()
    for idea in rng.sample(DECISIONS, rng.randint(2, 3)):
        owner = rng.choice(by_kind.get(idea.owner) or by_kind[Actor.Kind.WORKER] or actors)
        item = rng.choice(items)
        due_on = day + timedelta(days=rng.randint(14, 60))
        action = Action.objects.create(
            case=conference.case,
            goal=item.goal,
            what=idea.what,
            owner=owner,
            with_whom=idea.with_whom,
            how=idea.how,
            due_on=due_on,
            category=idea.category,
            created_by=by,
        )
        ConferenceDecision.objects.create(
            conference=conference,
            agenda_item=item,
            what=idea.what,
            owner=owner,
            due_on=due_on,
            with_whom=idea.with_whom,
            how=idea.how,
            category=idea.category,
            action=action,
        )


def _evaluate(first: Conference, second: Conference, rng: random.Random) -> None:
    for decision in first.decisions.select_related("action"):
        evaluation = rng.choice(EVALUATIONS)
        decision.evaluation = evaluation
        decision.evaluation_comment = COMMENTS[evaluation]
        decision.evaluated_at = second
        decision.save(update_fields=["evaluation", "evaluation_comment", "evaluated_at"])
        if evaluation in ("done", "dropped") and decision.action is not None:
            decision.action.status = evaluation
            decision.action.save(update_fields=["status", "updated_at"])


def record_minutes_sent(conference: Conference, by: User) -> None:
    """Record the deliveries the organiser made the day after the meeting (the demo and
    the bench's year of history date them back, as no action sends in the past)."""
    deliveries = []
    for invitation in conference.invitations.select_related("actor"):
        if not (invitation.email or invitation.actor.email):
            continue
        content = minutes.minutes_for(conference, invitation)
        html = minutes.render_minutes_html(conference, invitation, invitation.language, content)
        deliveries.append(
            MinutesDelivery(
                conference=conference,
                invitation=invitation,
                language=invitation.language,
                categories=sorted(content["categories"]),
                digest=hashlib.sha256(html.encode()).hexdigest(),
                sent_at=(conference.held_at or conference.starts_at) + timedelta(days=1),
                sent_by=by,
            )
        )
    MinutesDelivery.objects.bulk_create(deliveries)

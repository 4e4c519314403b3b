"""A year in the life of a case, for measuring what a long case costs (the person's full
export, the case file pages) and for the tests that keep those costs bounded.

`new_case(…)` records a person's request and accepts it, as intake and a case manager
would; `year_of_history(case, by=…)` takes an accepted case and gives it twelve months of work:
the network (the demo's), weekly journal entries, quarterly assessments of six life
domains, goals and about thirty actions, three consent records, five versions of the
crisis plan, four held conferences with agenda, decisions and minutes sent, and the
reads of a case manager opening the file several times a week. Writes go through the
real actions (so the audit trail is the one a year of work leaves) and are then dated
back; the held conferences are written like the demo's meetings (no action writes a
conference in the past). Deterministic for a given `seed`. Texts come from the demo
seeders, so the content is realistic French.
"""

import hashlib
import random
import secrets
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from maillage import audit
from maillage.accounts.models import User
from maillage.assessments import actions as assessment_actions
from maillage.assessments.demo import VIGNETTES
from maillage.assessments.models import Assessment
from maillage.audit.models import AuditEvent
from maillage.casefile import actions as casefile_actions
from maillage.cases import actions as case_actions
from maillage.cases.demo import ENTRIES
from maillage.cases.models import Case, CaseWorker, JournalEntry
from maillage.conferences.demo import COMMENTS, DECISIONS, NOTES, record_minutes_sent
from maillage.conferences.models import (
    AgendaItem,
    Conference,
    ConferenceDecision,
    Invitation,
)
from maillage.consent import actions as consent_actions
from maillage.consent.models import Consent
from maillage.intake import actions as intake_actions
from maillage.network import demo as network_demo
from maillage.network.models import Actor
from maillage.plans import actions as plan_actions
from maillage.plans.demo import (
    FOLLOW_UPS,
    GOALS,
    PREFERENCES,
    TRIGGERS,
    WARNING_SIGNS,
    WHAT_HELPS,
    WHAT_TO_AVOID,
    WITH_WHOM,
)
from maillage.plans.models import Action, CrisisPlan
from maillage.programmes.models import Programme

DAYS = 365
ASSESSMENT_DAYS = (21, 110, 200, 290)
CONSENT_DAYS = (3, 120, 240)
CRISIS_PLAN_DAYS = (40, 100, 170, 250, 330)
CONFERENCE_DAYS = (35, 125, 215, 305)
ACTIONS = 30
READS_PER_WEEK = 8  # the pair opening a few parts of the file, a read an event
READ_PARTS = ("overview", "journal", "plan", "network", "assessments", "consents")


def new_case(
    *, programme: Programme, intake: User, workers: list[User], family_name: str = "Lambert"
) -> Case:
    """A new person's request, recorded by `intake` and accepted by the first worker."""
    support_request = intake_actions.record_request(
        by=intake,
        programme=programme,
        new_person={
            "given_name": "Nadia",
            "family_name": family_name,
            "birth_date": date(1971, 5, 14),
            "residence": "21004",
        },
        requesters=[
            intake_actions.RequesterData(
                kind="professional", organisation="CPAS de Bruxelles", sector="social"
            )
        ],
        facts={},
        summary="Vit seule, n'ouvre plus son courrier ; dettes d'énergie, isolement.",
    )
    casefile_actions.answer_request(
        support_request, by=workers[0], kind="accept", case_workers=workers
    )
    return Case.objects.get(support_request=support_request)


def year_of_history(
    case: Case, *, by: User, today: date | None = None, seed: str = "a year"
) -> dict[str, int]:
    """Give `case` (open, with its workers) a year of history; return what was made."""
    today = today or timezone.localdate()
    rng = random.Random(seed)
    opened = today - timedelta(days=DAYS)
    opened_at = timezone.make_aware(datetime.combine(opened, time(10)))
    with transaction.atomic():
        Case.objects.filter(pk=case.pk).update(opened_at=opened_at)
        CaseWorker.objects.filter(case=case).update(started_at=opened_at)
        case.refresh_from_db()
        network_demo.seed_case(case, rng, by, today)
        actors = list(case.actors.current(today).order_by("kind", "name"))  # type: ignore[attr-defined]
        _consents(case, rng, by, opened_at, actors)
        _assessments(case, rng, by, opened, today)
        _plan(case, rng, by, opened, today, actors)
        _crisis_plans(case, rng, by, opened, actors)
        _journal(case, rng, by, opened_at)
        for day in CONFERENCE_DAYS:
            _conference(case, rng, by, opened + timedelta(days=day), actors)
        _link_conferences(case)
        _reads(case, by)
    return {
        "journal entries": case.journal.count(),
        "assessments": case.assessments.count(),
        "actions": case.actions.count(),
        "crisis plan versions": case.crisis_plans.count(),
        "conferences": case.conferences.count(),
        "audit events": AuditEvent.objects.filter(person_id=case.person_id).count(),
    }


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _consents(
    case: Case, rng: random.Random, by: User, opened_at: datetime, actors: list[Actor]
) -> None:
    """Given, then widened twice as the network grew in trust."""
    sharable = [a for a in actors if a.kind in (Actor.Kind.FORMAL, Actor.Kind.INFORMAL)]
    categories = ["plan", "crisis_plan", "physical_health", "mental_health", "housing", "income"]
    for number, day in enumerate(CONSENT_DAYS, 1):
        shares = [(actor.pk, categories[: 2 + number]) for actor in sharable[: 1 + 2 * number]]
        consent = consent_actions.record_consent(
            case,
            by=by,
            status=Consent.Status.GIVEN,
            method=rng.choice([Consent.Method.ORAL, Consent.Method.WRITTEN]),
            notes=f"Revu avec la personne ({number}/{len(CONSENT_DAYS)}).",
            shares=shares,
        )
        Consent.objects.filter(pk=consent.pk).update(recorded_at=opened_at + timedelta(days=day))


def _assessments(case: Case, rng: random.Random, by: User, opened: date, today: date) -> None:
    domains = [d for d in case.programme.assessed_domains() if d in VIGNETTES][:6]
    for number, day in enumerate(ASSESSMENT_DAYS):
        rows = []
        for domain in domains:
            vignette = VIGNETTES[domain][number % len(VIGNETTES[domain])]
            low, high = vignette["severity"]
            rows.append(
                assessment_actions.DomainData(
                    domain=domain,
                    needs=vignette["needs"],
                    difficulties=vignette["difficulties"],
                    resources_person=vignette["resources_person"].replace("{e}", "e"),
                    resources_entourage=vignette["resources_entourage"],
                    severity=max(0, rng.randint(low, high) - number // 2),
                    person_priority=vignette["person_priority"],
                    readiness=(vignette["later"] if number else vignette["readiness"]).replace(
                        "{e}", "e"
                    ),
                    risks=vignette["risks"],
                )
            )
        assessment = assessment_actions.record_assessment(
            case,
            by=by,
            domains=rows,
            summary=f"Évaluation n° {number + 1} : point sur chaque domaine avec la personne.",
            assessed_on=min(today, opened + timedelta(days=day)),
        )
        moment = _at(assessment.assessed_on, 17)
        Assessment.objects.filter(pk=assessment.pk).update(created_at=moment, updated_at=moment)


def _plan(
    case: Case, rng: random.Random, by: User, opened: date, today: date, actors: list[Actor]
) -> None:
    by_kind = {kind: [a for a in actors if a.kind == kind] for kind in Actor.Kind.values}
    goals = [
        plan_actions.add_goal(
            case,
            plan_actions.GoalData(
                own_words=idea.own_words,
                reformulation=idea.reformulation,
                life_domains=list(idea.domains),
            ),
            by=by,
        )
        for idea in GOALS[:5]
    ]
    ideas = [
        (goal, action) for goal, idea in zip(goals, GOALS, strict=False) for action in idea.actions
    ]
    for number in range(ACTIONS):
        goal, idea = ideas[number % len(ideas)]
        owner = rng.choice(by_kind.get(idea.owner) or by_kind[Actor.Kind.WORKER])
        due_on = opened + timedelta(days=20 + number * (DAYS - 20) // ACTIONS)
        done = due_on < today - timedelta(days=30)
        plan_actions.add_action(
            case,
            plan_actions.ActionData(
                what=idea.what,
                owner=owner,
                with_actors=rng.sample([a for a in actors if a != owner], 1),
                with_whom=rng.choice(WITH_WHOM),
                how=idea.how,
                due_on=due_on,
                status=Action.Status.DONE if done else Action.Status.IN_PROGRESS,
                goal=goal,
                follow_up=rng.choice(FOLLOW_UPS),
            ),
            by=by,
        )


def _crisis_plans(
    case: Case, rng: random.Random, by: User, opened: date, actors: list[Actor]
) -> None:
    informal = [a for a in actors if a.kind in (Actor.Kind.INFORMAL, Actor.Kind.FORMAL)]
    version = None
    for day in CRISIS_PLAN_DAYS:
        agreed_on = opened + timedelta(days=day)
        contacts = [
            plan_actions.ContactData(actor=actor, when="En journée") for actor in informal[:2]
        ]
        contacts.append(plan_actions.ContactData(name="Urgences", phone="112", when="Danger"))
        plan = plan_actions.save_crisis_plan(
            case,
            {
                "warning_signs": rng.choice(WARNING_SIGNS),
                "triggers": rng.choice(TRIGGERS),
                "what_helps": rng.choice(WHAT_HELPS),
                "what_to_avoid": rng.choice(WHAT_TO_AVOID),
                **{name: rng.choice(texts) for name, texts in PREFERENCES.items()},
                "agreed_on": agreed_on,
                "present_at_agreement": ", ".join(a.name for a in actors[:3]),
            },
            contacts,
            by=by,
            based_on_version=version,
        )
        version = plan.version
        CrisisPlan.objects.filter(pk=plan.pk).update(created_at=_at(agreed_on, 11))


def _journal(case: Case, rng: random.Random, by: User, opened_at: datetime) -> None:
    """One entry a week: a meeting, a call, a home visit, an accompaniment…"""
    for week in range(DAYS // 7):
        kind, text, category = ENTRIES[week % len(ENTRIES)]
        entry = case_actions.add_journal_entry(
            case,
            by=by,
            kind=kind,
            text=text,
            category=category,
            duration_minutes=rng.choice([15, 30, 45, 60, 90]),
            participants=rng.choice(["la personne", "la personne, sa sœur", "l'infirmière"]),
        )
        when = opened_at + timedelta(days=7 * week, hours=rng.randint(0, 6))
        JournalEntry.objects.filter(pk=entry.pk).update(occurred_at=when, created_at=when)


def _conference(
    case: Case, rng: random.Random, by: User, day: date, actors: list[Actor]
) -> Conference:
    """A held conference: invitations with attendance, an agenda, three decisions that
    became actions, the evaluation of the previous one's, and the minutes sent."""
    starts_at = _at(day, 14)
    conference = Conference.objects.create(
        case=case,
        starts_at=starts_at,
        duration_minutes=90,
        place="Maison médicale du quartier, salle de réunion",
        organiser=by,
        status=Conference.Status.HELD,
        held_at=starts_at + timedelta(minutes=90),
    )
    Invitation.objects.bulk_create(
        Invitation(
            conference=conference,
            actor=actor,
            token=secrets.token_urlsafe(32),
            email=actor.email
            or f"{hashlib.sha256(actor.name.encode()).hexdigest()[:8]}@example.org",
            language=actor.language or "fr",
            answer="yes",
            answered_at=starts_at - timedelta(days=5),
            sent_at=starts_at - timedelta(days=14),
            attendance="present",
            represents=actor.organisation,
            duration_minutes=90,
        )
        for actor in actors[:7]
    )
    items = AgendaItem.objects.bulk_create(
        AgendaItem(
            conference=conference,
            position=position,
            title=title,
            category=category,
            notes=" ".join(NOTES[category]),
        )
        for position, (title, category) in enumerate(
            [
                ("Tour de table", "plan"),
                ("Logement", "housing"),
                ("Revenus et dettes", "income"),
                ("Santé mentale", "mental_health"),
                ("Famille", "family"),
            ],
            1,
        )
    )
    for idea in rng.sample(DECISIONS, 3):
        owner = rng.choice(actors)
        due_on = day + timedelta(days=45)
        action = Action.objects.create(
            case=case,
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
            agenda_item=rng.choice(items),
            what=idea.what,
            owner=owner,
            due_on=due_on,
            with_whom=idea.with_whom,
            how=idea.how,
            category=idea.category,
            action=action,
        )
    record_minutes_sent(conference, by)
    return conference


def _link_conferences(case: Case) -> None:
    """Each conference names the next one, which evaluated its decisions."""
    held = list(case.conferences.order_by("starts_at"))
    for first, second in zip(held, held[1:], strict=False):
        first.next_conference = second
        first.save(update_fields=["next_conference"])
        for number, decision in enumerate(first.decisions.all()):
            evaluation = ("done", "partly", "not_done")[number % 3]
            decision.evaluation = evaluation
            decision.evaluation_comment = COMMENTS[evaluation]
            decision.evaluated_at = second
            decision.save(update_fields=["evaluation", "evaluation_comment", "evaluated_at"])


def _reads(case: Case, by: User) -> None:
    """The reads of the file a year of work leaves in the audit trail."""
    for number in range(DAYS // 7 * READS_PER_WEEK):
        part = READ_PARTS[number % len(READ_PARTS)]
        audit.record(by, "case.viewed", person=case.person_id, case=case, target=case, part=part)


def counts_line(made: dict[str, Any]) -> str:
    return ", ".join(f"{count:,} {name}" for name, count in made.items())

"""A person with at least one row of every entry of the export registry.

`full_person()` returns the person and, per entry key, the ids of the rows made for
them. An app that registers entries (its `personal_data.py`) adds builders for them in
`<app>/tests/records_fixture.py`: a dict `BUILDERS` of name → `builder(built)`, where
`built.add(key, *rows)` records the rows made (`built.person`, `built.case` — an
accepted case with its network — and `built.worker` are there to use). The
completeness test says which entry has no row.
"""

import importlib
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.apps import apps
from django.utils import timezone

from maillage.accounts.models import User
from maillage.assessments.models import Assessment, DomainAssessment
from maillage.audit.models import AuditEvent
from maillage.casefile import actions as casefile_actions
from maillage.cases.models import Case, JournalEntry
from maillage.conferences.models import (
    AgendaItem,
    Conference,
    ConferenceDecision,
    Invitation,
    MinutesDelivery,
)
from maillage.consent.models import Consent, Share
from maillage.network.models import Actor
from maillage.people.models import Person
from maillage.plans.models import Action, CrisisContact, CrisisPlan, Goal
from maillage.programmes.models import Programme
from maillage.records import actions as records_actions
from maillage.testing import Personas, make_person


class Built:
    """What was made for one person: `ids[key]` lists the row ids of each entry."""

    def __init__(self, person: Person, case: Case, worker: User) -> None:
        self.person = person
        self.case = case
        self.worker = worker
        self.ids: dict[str, set[str]] = {}

    def add(self, key: str, *rows: Any) -> Any:
        self.ids.setdefault(key, set()).update(str(row.pk) for row in rows)
        return rows[0] if rows else None


def full_person(
    cast: type[Personas],
    *,
    programme: Programme,
    intake: User,
    workers: list[User],
    family_name: str,
) -> Built:
    """A person, their accepted request and its case with every part of the file, an
    older erased case, a merged duplicate and a correction of their identity."""
    person = make_person(given_name="Alex", family_name=family_name, phone="0470 00 00 01")
    request = cast.record(programme, intake, person, summary=f"Situation of {family_name}")
    casefile_actions.answer_request(request, by=intake, kind="accept", case_workers=workers)
    case = Case.objects.get(support_request=request)
    built = Built(person, case, workers[0])
    for builder in BUILDERS.values():
        builder(built)
    return built


def _requests(built: Built) -> None:
    request = built.case.support_request
    built.add("requests", request)
    built.add("requesters", *request.requesters.all())
    built.add("decisions", request.decision)


def _case(built: Built) -> None:
    built.add("cases", built.case)
    built.add("workers", *built.case.workers.all())


def _network(built: Built) -> None:
    built.add("network", *built.case.actors.all())
    built.add(
        "network",
        Actor.objects.create(
            case=built.case,
            kind=Actor.Kind.FORMAL,
            name=f"Dr {built.person.family_name}-Medic",
            organisation="Maison médicale",
            phone="02 000 00 00",
        ),
    )


def _formal(built: Built) -> Actor:
    return built.case.actors.get(kind=Actor.Kind.FORMAL)


def _consent(built: Built) -> None:
    consent = built.add(
        "consents",
        Consent.objects.create(
            case=built.case, status=Consent.Status.GIVEN, notes="Oral", recorded_by=built.worker
        ),
    )
    built.add(
        "shares", Share.objects.create(consent=consent, actor=_formal(built), categories=["plan"])
    )


def _assessment(built: Built) -> None:
    assessment = built.add(
        "assessments",
        Assessment.objects.create(case=built.case, summary="Tired", assessed_by=built.worker),
    )
    built.add(
        "domains",
        DomainAssessment.objects.create(
            assessment=assessment, domain="housing", needs="A flat", severity=3
        ),
    )


def _plan(built: Built) -> None:
    goal = built.add(
        "goals",
        Goal.objects.create(case=built.case, own_words="Un toit", created_by=built.worker),
    )
    action = Action.objects.create(
        case=built.case, goal=goal, what="Call", owner=_formal(built), created_by=built.worker
    )
    action.with_actors.add(_formal(built))
    built.add("actions", action)
    plan = built.add(
        "crisis_plans",
        CrisisPlan.objects.create(
            case=built.case, version=1, warning_signs="No sleep", created_by=built.worker
        ),
    )
    built.add(
        "contacts",
        CrisisContact.objects.create(crisis_plan=plan, position=1, name="Urgences", phone="112"),
    )


def _journal(built: Built) -> None:
    built.add(
        "journal",
        JournalEntry.objects.create(
            case=built.case, kind="note", text="Met at home", author=built.worker
        ),
    )


def _conference(built: Built) -> None:
    conference = built.add(
        "conferences",
        Conference.objects.create(
            case=built.case, starts_at=timezone.now(), organiser=built.worker, place="Here"
        ),
    )
    invitation = built.add(
        "invitations",
        Invitation.objects.create(
            conference=conference, actor=_formal(built), email="medic@example.org"
        ),
    )
    item = built.add(
        "agenda",
        AgendaItem.objects.create(conference=conference, position=1, title="Housing", notes="…"),
    )
    built.add(
        "conference_decisions",
        ConferenceDecision.objects.create(
            conference=conference, agenda_item=item, what="Visit", owner=_formal(built)
        ),
    )
    built.add(
        "minutes_deliveries",
        MinutesDelivery.objects.create(
            conference=conference,
            invitation=invitation,
            language="fr",
            categories=["plan"],
            digest="0" * 64,
            sent_by=built.worker,
        ),
    )


def _erased_case(built: Built) -> None:
    """An older case of the person, closed long ago and erased."""
    now = timezone.now()
    old = Case.objects.create(
        person=built.person,
        programme=built.case.programme,
        team=built.case.team,
        phase=Case.Phase.CLOSED,
        opened_at=now - timedelta(days=5000),
        closed_at=now - timedelta(days=4000),
        closure_reason="goals_reached",
    )
    records_actions.erase_case(old, retention_days=3650, now=now)
    built.add("cases", old)
    built.add("erasure", old.erasure)


def _identity(built: Built) -> None:
    duplicate = make_person(given_name="Alexandre", family_name=built.person.family_name)
    duplicate.merged_into = built.person
    duplicate.save()
    built.add("merged_records", duplicate)
    built.add(
        "rectifications",
        *records_actions.rectify_person(
            built.person,
            by=built.worker,
            changes={"phone": "0470 00 00 02", "birth_date": date(1980, 5, 18)},
            reason="Typing error",
        ),
    )


def _access_log(built: Built) -> None:
    built.add("access_log", *AuditEvent.objects.filter(person_id=built.person.pk))


# Entry key(s) → builder; the order of the work (network before consent and plans).
BUILDERS: dict[str, Callable[[Built], None]] = {
    "requests": _requests,
    "cases": _case,
    "network": _network,
    "consents": _consent,
    "assessments": _assessment,
    "plans": _plan,
    "journal": _journal,
    "conferences": _conference,
    "erasure": _erased_case,
    "identity": _identity,
}


def _app_builders() -> dict[str, Callable[[Built], None]]:
    """Builders of the apps that register their own entries (see the module's doc)."""
    found: dict[str, Callable[[Built], None]] = {}
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.tests.records_fixture")
        except ModuleNotFoundError as error:
            if error.name not in (f"{config.name}.tests", f"{config.name}.tests.records_fixture"):
                raise
            continue
        found.update(getattr(module, "BUILDERS", {}))
    return found


BUILDERS.update(_app_builders())
BUILDERS["access_log"] = _access_log  # last: every event above

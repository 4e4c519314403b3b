"""The meeting and minutes pages and endpoints in the access matrix (maillage/access/tests).

Conferences are managed by the case's workers, the team lead and the team's conference
organisers (olivier too, unlike the case file); everyone else does not see them (404).
"""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from maillage.access.tests.matrix import CASE_TEAM, REDIRECT, only, read_case
from maillage.conferences.models import Conference, ConferenceDecision, Invitation
from maillage.network.models import Actor

MANAGERS = {"camille", "noor", "lea", "olivier"}
PLACE = "Salle du matrix (réunion)"
EARLIER_PLACE = "Salle du matrix (précédente)"


def _conference(case: Any) -> Conference:
    """A planned conference that started an hour ago, with the person invited."""
    conference = case.conferences.filter(place=PLACE).first()
    if conference is None:
        conference = Conference.objects.create(
            case=case,
            starts_at=timezone.now() - timedelta(hours=1),
            organiser=case.workers.first().user,
            place=PLACE,
        )
    return conference


def _invitation(case: Any) -> Invitation:
    conference = _conference(case)
    person = case.actors.get(kind=Actor.Kind.PERSON)
    invitation, _created = Invitation.objects.get_or_create(
        conference=conference, actor=person, defaults={"language": "fr"}
    )
    return invitation


def _earlier_decision(case: Any) -> ConferenceDecision:
    """A decision of an earlier held conference, awaiting evaluation."""
    _conference(case)
    earlier = case.conferences.filter(place=EARLIER_PLACE).first()
    if earlier is None:
        earlier = Conference.objects.create(
            case=case,
            starts_at=timezone.now() - timedelta(days=60),
            organiser=case.workers.first().user,
            place=EARLIER_PLACE,
            status=Conference.Status.HELD,
            held_at=timezone.now() - timedelta(days=60),
        )
    decision = earlier.decisions.first()
    if decision is None:
        decision = ConferenceDecision.objects.create(
            conference=earlier, what="Appeler le CPAS", owner=case.actors.get(kind="person")
        )
    return decision


def _conf(case: Any) -> dict[str, Any]:
    return {"conference_id": _conference(case).pk}


def _dec(case: Any) -> dict[str, Any]:
    return {"conference_id": _conference(case).pk, "decision_id": _earlier_decision(case).pk}


def manage(yes: int = REDIRECT) -> dict[str, int]:
    """A change to a conference: its managers (olivier too); others do not see it."""
    return only(MANAGERS, yes=yes)


# url name → (method, kwargs(case), expected per persona, anonymous)
# An empty POST is refused with the form again (200); preparing the agenda needs no input,
# nor does the attendance grid (an empty one changes no row).
PAGES = {
    "conferences:meeting": ("get", _conf, read_case(), REDIRECT),
    "conferences:agenda_prepare": ("post", _conf, manage(), REDIRECT),
    "conferences:agenda_item": ("post", _conf, manage(yes=200), REDIRECT),
    "conferences:attendance": ("post", _conf, manage(), REDIRECT),
    "conferences:decision_new": ("post", _conf, manage(yes=200), REDIRECT),
    "conferences:evaluate": ("post", _dec, manage(yes=200), REDIRECT),
    "conferences:hold": ("post", _conf, manage(yes=200), REDIRECT),
    "conferences:minutes": ("get", _conf, read_case(), REDIRECT),
    "conferences:minutes_send": ("post", _conf, manage(yes=200), REDIRECT),
    "conferences:minutes_pdf": ("get", _conf, read_case(), REDIRECT),
}


def _attendance(case: Any) -> dict[str, Any]:
    return {
        "invitation_id": str(_invitation(case).pk),
        "attendance": "present",
        "represents": "",
        "duration_minutes": 60,
    }


def _decision(case: Any) -> dict[str, Any]:
    return {"owner_id": str(case.actors.get(kind="person").pk), "what": "Appeler le CPAS"}


# (method, OpenAPI path) → (expected per persona, body or body(case), params(case))
OPERATIONS = {
    ("get", "/api/v1/conferences/{conference_id}/attendance"): (
        only(CASE_TEAM, 200, 404),
        None,
        _conf,
    ),
    ("post", "/api/v1/conferences/{conference_id}/attendance"): (
        only(MANAGERS, 200, 404),
        _attendance,
        _conf,
    ),
    ("get", "/api/v1/conferences/{conference_id}/decisions"): (
        only(CASE_TEAM, 200, 404),
        None,
        _conf,
    ),
    ("post", "/api/v1/conferences/{conference_id}/decisions"): (
        only(MANAGERS, 201, 404),
        _decision,
        _conf,
    ),
    ("get", "/api/v1/conferences/{conference_id}/minutes.pdf"): (
        only(CASE_TEAM, 200, 404),
        None,
        _conf,
    ),
}

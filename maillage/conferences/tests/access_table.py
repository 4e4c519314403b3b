"""Conference pages and API operations in the access matrix (maillage/access/tests):
scheduling and invitations, the meeting and its minutes, funding.

Conferences are managed by the case's workers, the team lead and the team's conference
organiser (olivier too, unlike the case file); everyone else does not see them (404).
A conference's funding conditions are read by whoever may read its case; the funding
export is open to every signed-in user but holds only the conferences of the cases they
may see (checked in test_export_funding.py), so its form answers 200 to all.
"""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from maillage.access.tests.matrix import (
    ALL,
    CASE_TEAM,
    FORBIDDEN,
    OK,
    REDIRECT,
    only,
    read_case,
)
from maillage.conferences.models import CalendarFeed, Conference, ConferenceDecision, Invitation
from maillage.network.models import Actor
from maillage.testing import capp_scheme

MANAGERS = {"camille", "noor", "lea", "olivier"}
# Users who keep a calendar: case managers, team leads, organisers (of any team).
CALENDAR_KEEPERS = {"camille", "noor", "bob", "lea", "olivier"}
MEETING_PLACE = "Salle du matrix (réunion)"
EARLIER_PLACE = "Salle du matrix (précédente)"


def manage(yes: int = REDIRECT) -> dict[str, int]:
    """A change to a conference: its managers (olivier too); others do not see it."""
    return only(MANAGERS, yes=yes)


def calendar(yes: int) -> dict[str, int]:
    return only(CALENDAR_KEEPERS, yes=yes, no=FORBIDDEN)


def no_kwargs(case: Any) -> dict[str, Any]:
    return {}


# Scheduling and invitations


def probe(case: Any) -> Conference:
    """A planned conference of the case, in a month (made once per case)."""
    conference = case.conferences.filter(place="Salle probe").first()
    if conference is None:
        worker = case.workers.select_related("user").first()
        conference = Conference.objects.create(
            case=case,
            organiser=worker.user,
            starts_at=timezone.now() + timedelta(days=30),
            place="Salle probe",
        )
    return conference


def invitation(case: Any) -> Invitation:
    person = case.actors.get(kind=Actor.Kind.PERSON)
    found, _created = Invitation.objects.get_or_create(conference=probe(case), actor=person)
    return found


def case_kwargs(case: Any) -> dict[str, Any]:
    return {"case_id": case.pk}


def conference_kwargs(case: Any) -> dict[str, Any]:
    return {"conference_id": probe(case).pk}


def answer_kwargs(case: Any) -> dict[str, Any]:
    return {"token": invitation(case).token}


def feed_kwargs(case: Any) -> dict[str, Any]:
    worker = case.workers.select_related("user").first()
    feed, _created = CalendarFeed.objects.get_or_create(user=worker.user)
    return {"token": feed.token}


# The meeting and its minutes


def meeting_probe(case: Any) -> Conference:
    """A planned conference that started an hour ago, with the person invited."""
    conference = case.conferences.filter(place=MEETING_PLACE).first()
    if conference is None:
        conference = Conference.objects.create(
            case=case,
            starts_at=timezone.now() - timedelta(hours=1),
            organiser=case.workers.first().user,
            place=MEETING_PLACE,
        )
    return conference


def meeting_invitation(case: Any) -> Invitation:
    conference = meeting_probe(case)
    person = case.actors.get(kind=Actor.Kind.PERSON)
    found, _created = Invitation.objects.get_or_create(
        conference=conference, actor=person, defaults={"language": "fr"}
    )
    return found


def earlier_decision(case: Any) -> ConferenceDecision:
    """A decision of an earlier held conference, awaiting evaluation."""
    meeting_probe(case)
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


def meeting_kwargs(case: Any) -> dict[str, Any]:
    return {"conference_id": meeting_probe(case).pk}


def evaluate_kwargs(case: Any) -> dict[str, Any]:
    return {"conference_id": meeting_probe(case).pk, "decision_id": earlier_decision(case).pk}


# Funding


def funded(case: Any) -> Conference:
    """A held CAPP conference of the case, a week ago (made once per case)."""
    conference = case.conferences.filter(place="Salle financement").first()
    if conference is None:
        conference = Conference.objects.create(
            case=case,
            organiser=case.workers.select_related("user").first().user,
            starts_at=timezone.now() - timedelta(days=7),
            status=Conference.Status.HELD,
            funding_scheme=capp_scheme(),
            place="Salle financement",
        )
    return conference


def funded_kwargs(case: Any) -> dict[str, Any]:
    return {"conference_id": funded(case).pk}


# url name → (method, kwargs(case), expected status per persona, anonymous status)
# An empty POST is refused with the form again (200) for those who may manage; preparing
# the agenda needs no input, nor does the attendance grid (an empty one changes no row).
PAGES = {
    "conferences:case_list": ("get", case_kwargs, read_case(), REDIRECT),
    "conferences:new": ("get", case_kwargs, manage(OK), REDIRECT),
    "conferences:detail": ("get", conference_kwargs, read_case(), REDIRECT),
    "conferences:edit": ("get", conference_kwargs, manage(OK), REDIRECT),
    "conferences:cancel": ("post", conference_kwargs, manage(OK), REDIRECT),
    "conferences:invite": ("get", conference_kwargs, manage(OK), REDIRECT),
    "conferences:send": ("post", conference_kwargs, manage(REDIRECT), REDIRECT),
    # Public: the secret in the address is the key, the same for everyone.
    "conferences:answer": ("get", answer_kwargs, only(set(ALL)), OK),
    "conferences:feed": ("get", feed_kwargs, only(set(ALL)), OK),
    "conferences:calendar": ("get", no_kwargs, calendar(OK), REDIRECT),
    "conferences:calendar_feed": ("post", no_kwargs, calendar(REDIRECT), REDIRECT),
    # The meeting and its minutes
    "conferences:meeting": ("get", meeting_kwargs, read_case(), REDIRECT),
    "conferences:agenda_prepare": ("post", meeting_kwargs, manage(), REDIRECT),
    "conferences:agenda_item": ("post", meeting_kwargs, manage(OK), REDIRECT),
    "conferences:attendance": ("post", meeting_kwargs, manage(), REDIRECT),
    "conferences:decision_new": ("post", meeting_kwargs, manage(OK), REDIRECT),
    "conferences:evaluate": ("post", evaluate_kwargs, manage(OK), REDIRECT),
    "conferences:hold": ("post", meeting_kwargs, manage(OK), REDIRECT),
    "conferences:minutes": ("get", meeting_kwargs, read_case(), REDIRECT),
    "conferences:minutes_send": ("post", meeting_kwargs, manage(OK), REDIRECT),
    "conferences:minutes_pdf": ("get", meeting_kwargs, read_case(), REDIRECT),
    # Funding
    "conferences:funding_check": ("get", funded_kwargs, read_case(), REDIRECT),
    "conferences:funding_export": ("get", no_kwargs, only(set(ALL)), REDIRECT),
}


def new_conference(case: Any) -> dict[str, Any]:
    starts = timezone.now() + timedelta(days=20)
    return {"starts_at": starts.isoformat(), "duration_minutes": 60, "place": "Salle B"}


def conference_update(case: Any) -> dict[str, Any]:
    conference = probe(case)
    return {
        "starts_at": conference.starts_at.isoformat(),
        "duration_minutes": conference.duration_minutes,
        "place": conference.place,
        "version": conference.version,
    }


def invitations_body(case: Any) -> dict[str, Any]:
    return {"actor_ids": [str(case.actors.get(kind=Actor.Kind.PERSON).pk)], "send": True}


def attendance_body(case: Any) -> dict[str, Any]:
    return {
        "invitation_id": str(meeting_invitation(case).pk),
        "attendance": "present",
        "represents": "",
        "duration_minutes": 60,
    }


def decision_body(case: Any) -> dict[str, Any]:
    return {"owner_id": str(case.actors.get(kind="person").pk), "what": "Appeler le CPAS"}


# (method, OpenAPI path) → (expected status per persona, body or body(case)[, path
# parameters(case)])
OPERATIONS = {
    ("get", "/api/v1/cases/{case_id}/conferences"): (only(CASE_TEAM, 200), None),
    ("post", "/api/v1/cases/{case_id}/conferences"): (only(MANAGERS, 201), new_conference),
    ("get", "/api/v1/conferences/{conference_id}"): (
        only(CASE_TEAM, 200),
        None,
        conference_kwargs,
    ),
    ("put", "/api/v1/conferences/{conference_id}"): (
        only(MANAGERS, 200),
        conference_update,
        conference_kwargs,
    ),
    ("post", "/api/v1/conferences/{conference_id}/invitations"): (
        only(MANAGERS, 200),
        invitations_body,
        conference_kwargs,
    ),
    ("get", "/api/v1/conferences/{conference_id}/invite.ics"): (
        only(CASE_TEAM, 200),
        None,
        conference_kwargs,
    ),
    # The meeting and its minutes
    ("get", "/api/v1/conferences/{conference_id}/attendance"): (
        only(CASE_TEAM, 200),
        None,
        meeting_kwargs,
    ),
    ("post", "/api/v1/conferences/{conference_id}/attendance"): (
        only(MANAGERS, 200),
        attendance_body,
        meeting_kwargs,
    ),
    ("get", "/api/v1/conferences/{conference_id}/decisions"): (
        only(CASE_TEAM, 200),
        None,
        meeting_kwargs,
    ),
    ("post", "/api/v1/conferences/{conference_id}/decisions"): (
        only(MANAGERS, 201),
        decision_body,
        meeting_kwargs,
    ),
    ("get", "/api/v1/conferences/{conference_id}/minutes.pdf"): (
        only(CASE_TEAM, 200),
        None,
        meeting_kwargs,
    ),
    # Funding
    ("get", "/api/v1/conferences/{conference_id}/funding"): (
        only(CASE_TEAM, 200),
        None,
        funded_kwargs,
    ),
    # Without a period every caller gets 422 (start and end are required).
    ("get", "/api/v1/funding/export"): (only(set(ALL), 422, 422), None),
}

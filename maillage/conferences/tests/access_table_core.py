"""Scheduling and invitation pages and API operations in the access matrix
(maillage/access/tests). Conferences are managed by the case's workers, the team lead
and the team's conference organiser (olivier), unlike the case file."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from maillage.access.tests.matrix import ALL, CASE_TEAM, FORBIDDEN, OK, REDIRECT, only, read_case
from maillage.conferences.models import CalendarFeed, Conference, Invitation
from maillage.network.models import Actor

MANAGERS = {"camille", "noor", "lea", "olivier"}
# Users who keep a calendar: case managers, team leads, organisers (of any team).
CALENDAR_KEEPERS = {"camille", "noor", "bob", "lea", "olivier"}


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


def no_kwargs(case: Any) -> dict[str, Any]:
    return {}


def manage(yes: int) -> dict[str, int]:
    return only(MANAGERS, yes=yes)


def calendar(yes: int) -> dict[str, int]:
    return only(CALENDAR_KEEPERS, yes=yes, no=FORBIDDEN)


# url name → (method, kwargs, expected status per persona, anonymous status)
PAGES = {
    "conferences:case_list": ("get", case_kwargs, read_case(), REDIRECT),
    "conferences:new": ("get", case_kwargs, manage(OK), REDIRECT),
    "conferences:detail": ("get", conference_kwargs, read_case(), REDIRECT),
    "conferences:edit": ("get", conference_kwargs, manage(OK), REDIRECT),
    # An empty form: re-rendered with its errors (200) for those who may manage.
    "conferences:cancel": ("post", conference_kwargs, manage(OK), REDIRECT),
    "conferences:invite": ("get", conference_kwargs, manage(OK), REDIRECT),
    "conferences:send": ("post", conference_kwargs, manage(REDIRECT), REDIRECT),
    # Public: the secret in the address is the key, the same for everyone.
    "conferences:answer": ("get", answer_kwargs, only(set(ALL)), OK),
    "conferences:feed": ("get", feed_kwargs, only(set(ALL)), OK),
    "conferences:calendar": ("get", no_kwargs, calendar(OK), REDIRECT),
    "conferences:calendar_feed": ("post", no_kwargs, calendar(REDIRECT), REDIRECT),
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


def conference_params(case: Any) -> dict[str, Any]:
    return {"conference_id": probe(case).pk}


def _api(allowed: set[str], yes: int) -> dict[str, int]:
    return {name: yes if name in allowed else 404 for name in ALL}


# (method, OpenAPI path) → (expected status per persona, body[, path parameters])
OPERATIONS = {
    ("get", "/api/v1/cases/{case_id}/conferences"): (_api(CASE_TEAM, 200), None),
    ("post", "/api/v1/cases/{case_id}/conferences"): (_api(MANAGERS, 201), new_conference),
    ("get", "/api/v1/conferences/{conference_id}"): (
        _api(CASE_TEAM, 200),
        None,
        conference_params,
    ),
    ("put", "/api/v1/conferences/{conference_id}"): (
        _api(MANAGERS, 200),
        conference_update,
        conference_params,
    ),
    ("post", "/api/v1/conferences/{conference_id}/invitations"): (
        _api(MANAGERS, 200),
        invitations_body,
        conference_params,
    ),
    ("get", "/api/v1/conferences/{conference_id}/invite.ics"): (
        _api(CASE_TEAM, 200),
        None,
        conference_params,
    ),
}

"""Requests for support: record one, read one, list them, answer one."""

from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from maillage import access
from maillage.accounts.models import User
from maillage.casefile import actions as casefile_actions
from maillage.intake import actions as intake_actions
from maillage.intake.models import SupportRequest, SupportRequestQuerySet
from maillage.people.matching import likely_duplicates
from maillage.people.models import Person
from maillage.programmes.models import Programme

from .errors import Conflict, nested
from .paging import PageIn, page_json, paginate
from .schemas import (
    DecisionIn,
    ErrorOut,
    PersonIn,
    RequestCreatedOut,
    RequestIn,
    RequestOut,
    RequestPage,
    StaleOut,
)

router = Router(tags=["requests"])


class RequestFilters(PageIn):
    status: Literal["open", "answered"] | None = None
    programme: str | None = Field(None, max_length=50, description="Programme code.")
    overdue: bool | None = Field(
        None, description="true: open requests past their deadline; false: the others."
    )


PERSON_FIELDS = ("given_name", "family_name", "birth_date", "residence")

ERRORS: dict[int, Any] = dict.fromkeys((400, 401, 403, 404, 413, 422), ErrorOut)
LIST_DESCRIPTION = """The requests you can see, 50 a page by default (`per_page` up to 100).

Open requests (`status=open`, `overdue=true`) come most urgent first, others newest
first. No total is counted: `next_page` is null on the last page. To keep lists fast,
each item's `eligibility` holds only the stored `outcome`; read one request for the
criteria evaluated one by one.
"""


# Output


def _evaluated(support_request: SupportRequest) -> SupportRequest:
    """The request, ready for `RequestOut` to evaluate its criteria now."""
    prefetch_related_objects([support_request], "requesters", "programme__criteria")
    return support_request


# Views


@router.post(
    "",
    response={201: RequestCreatedOut, **ERRORS},
    summary="Record a request",
)
def record_request(request: HttpRequest, payload: RequestIn) -> Status[SupportRequest]:
    """Record a request for a programme, for a new person or one you can see (`person_id`).

    The request is recorded even when the new person looks like someone already known:
    `likely_duplicates` lists them, to merge later.
    """
    user = request.user
    programme = _programme_open_to(user, payload.programme)
    facts = intake_actions.clean_facts(payload.facts)
    existing = _existing_person(user, payload)
    try:
        support_request = intake_actions.record_request(
            by=user,
            programme=programme,
            person=existing,
            new_person=_new_person(payload.person),
            requesters=[intake_actions.RequesterData(**r.model_dump()) for r in payload.requesters],
            facts=facts,
            summary=payload.summary,
            what_is_asked=payload.what_is_asked,
            channel=payload.channel,
            urgent=payload.urgent,
            received_at=payload.received_at,
        )
    except ValidationError as error:
        raise nested("person", error, fields=PERSON_FIELDS) from error
    # Read by `RequestCreatedOut`.
    support_request.likely_duplicates = (  # type: ignore[attr-defined]
        [] if existing else _likely_duplicates(user, support_request.person)
    )
    return Status(201, _evaluated(support_request))


@router.get(
    "", response={200: RequestPage, **ERRORS}, summary="List requests", description=LIST_DESCRIPTION
)
def list_requests(request: HttpRequest, filters: Query[RequestFilters]) -> dict[str, Any]:
    requests = _filtered(access.requests_visible_to(request.user), filters)
    rows, next_page = paginate(
        requests.select_related(
            "programme", "person", "override_by", "decision__decided_by", "case"
        ).prefetch_related("requesters"),
        filters,
    )
    access.record_listing(request.user, "request.listed")
    return page_json(rows, filters, next_page)


@router.get("/{request_id}", response={200: RequestOut, **ERRORS}, summary="Read a request")
def get_request(request: HttpRequest, request_id: str) -> SupportRequest:
    return _evaluated(access.get_request(request, request_id))


@router.post(
    "/{request_id}/decision",
    response={201: RequestOut, **ERRORS, 409: StaleOut},
    summary="Answer a request",
)
def answer_request(
    request: HttpRequest, request_id: str, payload: DecisionIn
) -> Status[SupportRequest]:
    """Accept (opens a case held by `case_workers`), refuse or orient, with a reason.

    409 when the request was already answered, or when `version` is no longer current.
    """
    support_request = access.get_request(request, request_id, to_change=True)
    if not support_request.is_open:
        raise Conflict(_("This request has already been answered."))
    casefile_actions.answer_request(
        support_request,
        by=request.user,
        kind=payload.decision,
        reason=payload.reason,
        orient_target=payload.orient_target,
        case_workers=_case_workers(support_request, payload.case_workers),
        # Without a version from the caller, the one just read: two answers at once
        # cannot both pass.
        version=payload.version or support_request.version,
    )
    return Status(201, _evaluated(support_request))


class AssignIn(Schema):
    username: str | None = Field(
        None, max_length=150, description="The worker of the request's team; null or empty: nobody."
    )
    version: int | None = None


@router.post(
    "/{request_id}/assign",
    response={200: RequestOut, **ERRORS, 409: StaleOut},
    summary="Give a request to a worker",
)
def assign_request(request: HttpRequest, request_id: str, payload: AssignIn) -> SupportRequest:
    """Give an open request to a worker of its team (intake, case manager or team lead)
    to prepare the answer; `username` null or empty takes it back. Team leads and
    intake workers of the team only (403 otherwise); 409 once answered."""
    support_request = access.get_request(request, request_id, to_change=True)
    if not support_request.is_open:
        raise Conflict(_("This request has already been answered."))
    access.require(request.user, "request.assign", support_request)
    worker = None
    if payload.username:
        worker = (
            access.assignees_for(support_request.team_id).filter(username=payload.username).first()
        )
        if worker is None:
            raise ValidationError(
                {"username": _("This user does not work in the team of this request.")}
            )
    intake_actions.assign_request(
        support_request, by=request.user, worker=worker, version=payload.version
    )
    return _evaluated(support_request)


# Parsing helpers


def _programme_open_to(user: Any, code: str) -> Programme:
    programme = access.programmes_open_to(user).filter(code=code).first()
    if programme is None:
        # The same answer for unknown and closed to this user.
        raise ValidationError(
            {"programme": _("Unknown programme, or one you may not record requests for.")}
        )
    return programme


def _existing_person(user: Any, payload: RequestIn) -> Person | None:
    if (payload.person is None) == (payload.person_id is None):
        raise ValidationError(
            {"person": _("Describe a new person, or give the person_id of a known one.")}
        )
    if payload.person_id is None:
        return None
    person = access.persons_visible_to(user).filter(pk=payload.person_id).first()
    if person is None:
        raise ValidationError({"person_id": _("No person you can see has this id.")})
    return person


def _new_person(data: PersonIn | None) -> dict[str, Any] | None:
    if data is None:
        return None
    return {**data.model_dump(), "residence": data.residence or ""}


def _likely_duplicates(user: Any, person: Person) -> list[Person]:
    others = access.persons_visible_to(user).exclude(pk=person.pk)
    matches = likely_duplicates(others, person.given_name, person.family_name, person.birth_date)
    return [match.person for match in matches]


def _case_workers(support_request: SupportRequest, usernames: list[str]) -> list[User]:
    if not usernames:
        return []
    workers = list(access.case_workers_for(support_request.team_id).filter(username__in=usernames))
    unknown = set(usernames) - {worker.username for worker in workers}
    if unknown:
        raise ValidationError(
            {
                "case_workers": _(
                    "These users may not hold a case of the programme's team: %(names)s."
                )
                % {"names": ", ".join(sorted(unknown))}
            }
        )
    return workers


def _filtered(requests: SupportRequestQuerySet, filters: RequestFilters) -> SupportRequestQuerySet:
    if filters.status == SupportRequest.Status.OPEN:
        requests = requests.open()
    elif filters.status == SupportRequest.Status.ANSWERED:
        requests = requests.answered()
    if filters.programme:
        requests = requests.filter(programme__code=filters.programme)
    if filters.overdue is True:
        requests = requests.overdue()
    elif filters.overdue is False:
        requests = requests.exclude(pk__in=requests.overdue().values("pk"))
    if filters.status == SupportRequest.Status.OPEN or filters.overdue:
        return requests.due_first()
    return requests.order_by("-received_at", "pk")

"""Cases (accompagnements): list them, read one."""

from datetime import date
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from pydantic import ConfigDict

from maillage import access
from maillage.casefile import actions as casefile_actions
from maillage.cases import actions
from maillage.cases.models import Case, ClosureReason

from .paging import PageIn, page_json, paginate
from .schemas import (
    LONG_TEXT,
    MAX_INT,
    CaseOut,
    CasePage,
    ErrorOut,
    Input,
    OptionalIso,
)

router = Router(tags=["cases"])


class CaseFilters(PageIn):
    phase: Literal["exploration", "active", "closing", "closed"] | None = None
    mine: bool | None = Field(None, description="true: only cases you hold.")


ERRORS: dict[int, Any] = dict.fromkeys((401, 404, 422), ErrorOut)
CHANGE_ERRORS: dict[int, Any] = dict.fromkeys((400, 401, 403, 404, 409, 413, 422), ErrorOut)


@router.get("", response={200: CasePage, **ERRORS}, summary="List cases")
def list_cases(request: HttpRequest, filters: Query[CaseFilters]) -> dict[str, Any]:
    """The cases you can see, newest first; `mine=true` for those you hold, the most
    recently assigned first."""
    cases = access.cases_visible_to(request.user)
    if filters.phase:
        cases = cases.filter(phase=filters.phase)
    if filters.mine:
        cases = cases.latest_assigned_to(request.user)
    else:
        cases = cases.order_by("-opened_at", "pk")
    rows, next_page = paginate(
        cases.select_related("person", "programme", "team__organisation").prefetch_related(
            "workers__user"
        ),
        filters,
    )
    access.record_listing(request.user, "case.listed")
    return page_json(rows, filters, next_page)


@router.get("/{case_id}", response={200: CaseOut, **ERRORS}, summary="Read a case")
def get_case(request: HttpRequest, case_id: str) -> Case:
    return access.get_case(request, case_id)


class CloseIn(Input):
    model_config = ConfigDict(str_strip_whitespace=True, extra="forbid")

    reason: ClosureReason
    follow_up_on: date | None = Field(None, description="When to check that the network held.")
    note: str = Field("", max_length=LONG_TEXT)
    actors_know_mission: bool = False
    person_agrees: bool = False
    network_holds: bool = False
    version: int | None = Field(None, ge=1, le=MAX_INT)


class FollowUpIn(Input):
    model_config = ConfigDict(str_strip_whitespace=True, extra="forbid")

    held: bool
    note: str = Field("", max_length=LONG_TEXT)
    version: int | None = Field(None, ge=1, le=MAX_INT)


# Read from a closing or closed `Case`.
class ClosureOut(Schema):
    reason: str | None
    note: str
    actors_know_mission: bool
    person_agrees: bool
    network_holds: bool
    follow_up_on: OptionalIso
    follow_up_done_at: OptionalIso
    follow_up_held: bool | None
    follow_up_note: str

    @staticmethod
    def resolve_reason(case: Case) -> str | None:
        return case.closure_reason or None

    @staticmethod
    def resolve_note(case: Case) -> str:
        return case.closure_note


# Read from a closing or closed `Case` (as `CaseOut`).
class ClosedCaseOut(CaseOut):
    closure: ClosureOut

    @staticmethod
    def resolve_closure(case: Case) -> Case:
        return case


@router.post(
    "/{case_id}/close", response={200: ClosedCaseOut, **CHANGE_ERRORS}, summary="Close a case"
)
def close_case(request: HttpRequest, case_id: str, payload: CloseIn) -> Case:
    """Withdraw and close: the checklist must be complete (each actor knows their
    mission, the person agrees, the network holds), with a reason and a later date to
    check that the network held. The file is read-only afterwards."""
    case = access.get_case(request, case_id, to_change=True)
    casefile_actions.close_case(case, by=request.user, **payload.model_dump())
    return case


@router.post(
    "/{case_id}/follow-up",
    response={200: ClosedCaseOut, **CHANGE_ERRORS},
    summary="Record the check that the network held",
)
def follow_up(request: HttpRequest, case_id: str, payload: FollowUpIn) -> Case:
    case = access.get_case(request, case_id, to_change=True, action="case.follow_up")
    actions.record_follow_up(case, by=request.user, **payload.model_dump())
    return case

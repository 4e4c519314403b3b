"""Cases (accompagnements): list them, read one."""

from datetime import date
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router
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
    iso,
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


def closure_json(case: Case) -> dict[str, Any]:
    return {
        **CaseOut.from_orm(case).model_dump(),
        "closure": {
            "reason": case.closure_reason or None,
            "note": case.closure_note,
            "actors_know_mission": case.actors_know_mission,
            "person_agrees": case.person_agrees,
            "network_holds": case.network_holds,
            "follow_up_on": iso(case.follow_up_on),
            "follow_up_done_at": iso(case.follow_up_done_at),
            "follow_up_held": case.follow_up_held,
            "follow_up_note": case.follow_up_note,
        },
    }


@router.post("/{case_id}/close", response={200: dict, **CHANGE_ERRORS}, summary="Close a case")
def close_case(request: HttpRequest, case_id: str, payload: CloseIn) -> dict[str, Any]:
    """Withdraw and close: the checklist must be complete (each actor knows their
    mission, the person agrees, the network holds), with a reason and a later date to
    check that the network held. The file is read-only afterwards."""
    case = access.get_case(request, case_id, to_change=True)
    casefile_actions.close_case(case, by=request.user, **payload.model_dump())
    return closure_json(case)


@router.post(
    "/{case_id}/follow-up",
    response={200: dict, **CHANGE_ERRORS},
    summary="Record the check that the network held",
)
def follow_up(request: HttpRequest, case_id: str, payload: FollowUpIn) -> dict[str, Any]:
    case = access.get_case(request, case_id, to_change=True, action="case.follow_up")
    actions.record_follow_up(case, by=request.user, **payload.model_dump())
    return closure_json(case)

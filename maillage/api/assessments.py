"""Assessments of a case by life domain: list them, record one (or a re-assessment),
read one with what changed since the previous one, correct one."""

from datetime import date
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from maillage import access
from maillage.assessments import actions, queries
from maillage.assessments.models import Assessment, DomainAssessment
from maillage.cases.models import Case
from maillage.categories import LifeDomain

from .paging import PageIn, page_json, paginate
from .schemas import LONG_TEXT, MAX_INT, ErrorOut, Id, Input, Iso, StaleOut, Text

router = Router(tags=["assessments"])

ERRORS: dict[int, Any] = dict.fromkeys((400, 401, 403, 404, 413, 422), ErrorOut)
READ_ERRORS: dict[int, Any] = dict.fromkeys((401, 404, 422), ErrorOut)
CHANGE_DESCRIPTION = """Correct an assessment in place (a typo, a forgotten detail): the
domains sent replace those it holds; an absent `assessed_on` keeps its date. When the
situation has changed, record a new assessment instead (POST), so the history keeps both.

409 when `version` is no longer current (the body holds `current_version`).
"""
RECORD_DESCRIPTION = """A first assessment, or a re-assessment: each is a new dated record,
so the history is kept. Give one entry per life domain assessed; only the codes the case's
programme assesses are accepted (the programme's `life_domains`, all 11 when it sets none),
each at most once. Domains where nothing is said are not stored. `severity` runs from 0 (no
difficulty) to 4 (critical), `person_priority` from 0 (not a priority for the person) to 3.
"""


# Input


class DomainIn(Input):
    domain: str = Field(max_length=30, description="A life domain code, e.g. housing.")
    needs: Text = Field("", max_length=LONG_TEXT)
    difficulties: Text = Field("", max_length=LONG_TEXT)
    resources_person: Text = Field("", max_length=LONG_TEXT, description="The person's.")
    resources_entourage: Text = Field("", max_length=LONG_TEXT, description="The entourage's.")
    severity: int | None = Field(None, ge=0, le=4, description="0 none … 4 critical.")
    person_priority: int | None = Field(
        None, ge=0, le=3, description="The person's own priority: 0 not now … 3 high."
    )
    readiness: Text = Field(
        "", max_length=LONG_TEXT, description="What the person feels ready to commit to."
    )
    risks: Text = Field("", max_length=LONG_TEXT, description="The risks if nothing is done.")


class AssessmentIn(Input):
    assessed_on: date | None = Field(None, description="YYYY-MM-DD, not in the future.")
    summary: Text = Field("", max_length=LONG_TEXT)
    domains: list[DomainIn] = Field(default_factory=list, max_length=len(LifeDomain))


class AssessmentChangeIn(AssessmentIn):
    version: int = Field(ge=1, le=MAX_INT, description="The version you read; 409 if it changed.")


# Output


# Read from a `DomainAssessment`.
class DomainOut(Schema):
    domain: str
    needs: str
    difficulties: str
    resources_person: str
    resources_entourage: str
    severity: int | None
    person_priority: int | None
    readiness: str
    risks: str


# Read from an `Assessment` (select `assessed_by`, prefetch `domains`).
class AssessmentOut(Schema):
    id: Id
    case_id: Id
    assessed_on: Iso
    summary: str
    assessed_by: str = Field(description="Username of the worker who recorded it.")
    domains: list[DomainOut] = Field(description="In the canonical order of life domains.")
    version: int
    created_at: Iso
    updated_at: Iso

    @staticmethod
    def resolve_assessed_by(assessment: Assessment) -> str:
        return assessment.assessed_by.username

    @staticmethod
    def resolve_domains(assessment: Assessment) -> list[DomainAssessment]:
        return queries.in_domain_order(assessment.domains.all())


# Read from a `queries.Change`.
class ChangeOut(Schema):
    domain: str
    change: Literal["added", "removed", "changed"]
    field: str | None = Field(description="The field that changed (for change=changed).")
    before: int | str | None
    after: int | str | None

    @staticmethod
    def resolve_change(change: queries.Change) -> str:
        return change.kind

    @staticmethod
    def resolve_field(change: queries.Change) -> str | None:
        return change.field or None


# Read from an assessment given by `_compared()`.
class AssessmentDetailOut(AssessmentOut):
    previous_id: str | None = Field(description="The assessment before this one, if any.")
    changes_since_previous: list[ChangeOut] = Field(
        description="Empty for the first assessment of the case."
    )

    @staticmethod
    def resolve_previous_id(assessment: Assessment) -> str | None:
        previous = assessment.previous  # type: ignore[attr-defined]
        return str(previous.pk) if previous is not None else None

    @staticmethod
    def resolve_changes_since_previous(assessment: Assessment) -> list[queries.Change]:
        return assessment.changes  # type: ignore[attr-defined, no-any-return]


class AssessmentPage(Schema):
    items: list[AssessmentOut]
    page: int
    per_page: int
    next_page: int | None


def _compared(assessment: Assessment) -> Assessment:
    """The assessment with the `previous` one and the `changes` since, for
    `AssessmentDetailOut` (three queries)."""
    assessment.previous, assessment.changes = queries.changes_since_previous(assessment)  # type: ignore[attr-defined]
    return assessment


# Views


@router.get(
    "/{case_id}/assessments",
    response={200: AssessmentPage, **READ_ERRORS},
    summary="List a case's assessments",
)
def list_assessments(request: HttpRequest, case_id: str, filters: Query[PageIn]) -> dict[str, Any]:
    """Newest first, each with its domains; 50 a page by default (`per_page` up to 100)."""
    case = access.get_case(request, case_id, part="assessments")
    rows, next_page = paginate(
        case.assessments.select_related("assessed_by")
        .prefetch_related("domains")
        .order_by("-assessed_on", "-created_at", "pk"),
        filters,
    )
    return page_json(rows, filters, next_page)


@router.post(
    "/{case_id}/assessments",
    response={201: AssessmentDetailOut, **ERRORS},
    summary="Record an assessment",
    description=RECORD_DESCRIPTION,
)
def record_assessment(
    request: HttpRequest, case_id: str, payload: AssessmentIn
) -> Status[Assessment]:
    case = access.get_case(request, case_id, to_change=True)
    assessment = actions.record_assessment(
        case,
        by=request.user,
        assessed_on=payload.assessed_on,
        summary=payload.summary,
        domains=_domains(payload),
    )
    return Status(201, _compared(_reread(case, assessment)))


@router.get(
    "/{case_id}/assessments/{assessment_id}",
    response={200: AssessmentDetailOut, **READ_ERRORS},
    summary="Read an assessment",
)
def get_assessment(request: HttpRequest, case_id: str, assessment_id: str) -> Assessment:
    """With what changed since the previous assessment, domain by domain."""
    case = access.get_case(request, case_id, part="assessments")
    return _compared(queries.assessment_of(case, assessment_id))


@router.put(
    "/{case_id}/assessments/{assessment_id}",
    response={200: AssessmentDetailOut, **ERRORS, 409: StaleOut},
    summary="Correct an assessment",
    description=CHANGE_DESCRIPTION,
)
def change_assessment(
    request: HttpRequest, case_id: str, assessment_id: str, payload: AssessmentChangeIn
) -> Assessment:
    case = access.get_case(request, case_id, to_change=True)
    assessment = queries.assessment_of(case, assessment_id)
    actions.change_assessment(
        assessment,
        by=request.user,
        version=payload.version,
        assessed_on=payload.assessed_on,
        summary=payload.summary,
        domains=_domains(payload),
    )
    return _compared(_reread(case, assessment))


def _domains(payload: AssessmentIn) -> list[actions.DomainData]:
    return [actions.DomainData(**domain.model_dump()) for domain in payload.domains]


def _reread(case: Case, assessment: Assessment) -> Assessment:
    return queries.assessment_of(case, assessment.pk)

"""Funding of case conferences: a conference's conditions before and after the meeting,
and the attendance export for the funder's claims (CSV or XLSX)."""

from datetime import date
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from maillage import access
from maillage.conferences import export, funding
from maillage.conferences.models import Conference

from .schemas import ErrorOut, Input

router = Router(tags=["conferences"])

READ_ERRORS: dict[int, Any] = dict.fromkeys((401, 404, 422), ErrorOut)


class FindingOut(Schema):
    code: str
    label: str
    met: bool
    explanation: str


class SchemeOut(Schema):
    code: str
    name: str


class FundingOut(Schema):
    conference_id: str
    scheme: SchemeOut | None
    before: list[FindingOut]
    after: list[FindingOut]
    conditions_met: bool | None


class ExportQuery(Input):
    start: date = Field(description="First day of the period, YYYY-MM-DD.")
    end: date = Field(description="Last day of the period (included), YYYY-MM-DD.")
    scheme: str | None = Field(
        None, max_length=50, description="A funding scheme's code; absent: every held conference."
    )
    format: Literal["csv", "xlsx"] = "csv"


def funding_json(conference: Conference) -> dict[str, Any]:
    scheme = conference.funding_scheme
    return {
        "conference_id": str(conference.pk),
        "scheme": {"code": scheme.code, "name": funding.scheme_name(scheme)} if scheme else None,
        "before": [f.as_dict() for f in funding.check(conference, stage=funding.BEFORE)],
        "after": [f.as_dict() for f in funding.check(conference, stage=funding.AFTER)],
        "conditions_met": funding.conditions_met(conference),
    }


@router.get(
    "/conferences/{conference_id}/funding",
    response={200: FundingOut, **READ_ERRORS},
    summary="Check a conference's funding conditions",
)
def conference_funding(request: HttpRequest, conference_id: str) -> dict[str, Any]:
    """Each condition of the conference's funding scheme, checked before the meeting
    (who is expected) and after it (who was present), with the reason in the language
    of `Accept-Language`; `conditions_met` is every condition checked on the meeting as
    held (null when the conference falls under no scheme)."""
    conference = funding.load_funding_data(access.get_conference(request, conference_id))
    return funding_json(conference)


EXPORT_RESPONSE = {
    "responses": {
        200: {
            "description": "One row per held conference and participant.",
            "content": {
                export.CONTENT_TYPES["csv"]: {"schema": {"type": "string"}},
                export.CONTENT_TYPES["xlsx"]: {"schema": {"type": "string", "format": "binary"}},
            },
        }
    }
}


@router.get(
    "/funding/export",
    response={200: None, **READ_ERRORS},
    summary="Export attendance for funding (CSV or XLSX)",
    openapi_extra=EXPORT_RESPONSE,
)
def funding_export(request: HttpRequest, query: Query[ExportQuery]) -> HttpResponse:
    """Held conferences of the cases you can see, from `start` to `end` (included),
    under the scheme `scheme`: date, case reference (never the person's name),
    programme, scheme, participant, organisation, profession, sector, independent or
    salaried, duration, attendance, whether the person was present, and whether the
    funding conditions were met. CSV is UTF-8 with a byte-order mark."""
    export.check_period(query.start, query.end)
    download = export.export(
        request.user,
        start=query.start,
        end=query.end,
        scheme=export.scheme_by_code(query.scheme),
        file_format=query.format,
    )
    return export.as_response(download)

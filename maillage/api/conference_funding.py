"""Funding of case conferences: a conference's conditions before and after the meeting,
and the attendance export for the funder's claims (CSV or XLSX)."""

from datetime import date
from typing import Any, Literal
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from maillage import access
from maillage.conferences import export, funding
from maillage.conferences.models import Conference, FundingScheme

from .schemas import ErrorOut, Id, Input

router = Router(tags=["conferences"])

READ_ERRORS: dict[int, Any] = dict.fromkeys((401, 404, 422), ErrorOut)


# Read from a `funding.Finding`.
class FindingOut(Schema):
    code: str
    label: str
    met: bool
    explanation: str


# Read from a `FundingScheme`.
class SchemeOut(Schema):
    code: str
    name: str

    @staticmethod
    def resolve_name(scheme: FundingScheme) -> str:
        return funding.scheme_name(scheme)


# Read from a `Conference` given by `funding.load_funding_data()`.
class FundingOut(Schema):
    conference_id: Id
    scheme: SchemeOut | None
    before: list[FindingOut]
    after: list[FindingOut]
    conditions_met: bool | None

    @staticmethod
    def resolve_conference_id(conference: Conference) -> UUID:
        return conference.pk

    @staticmethod
    def resolve_scheme(conference: Conference) -> FundingScheme | None:
        return conference.funding_scheme

    @staticmethod
    def resolve_before(conference: Conference) -> list[funding.Finding]:
        return funding.check(conference, stage=funding.BEFORE)

    @staticmethod
    def resolve_after(conference: Conference) -> list[funding.Finding]:
        return funding.check(conference, stage=funding.AFTER)

    @staticmethod
    def resolve_conditions_met(conference: Conference) -> bool | None:
        return funding.conditions_met(conference)


class ExportQuery(Input):
    start: date = Field(description="First day of the period, YYYY-MM-DD.")
    end: date = Field(description="Last day of the period (included), YYYY-MM-DD.")
    scheme: str | None = Field(
        None, max_length=50, description="A funding scheme's code; absent: every held conference."
    )
    format: Literal["csv", "xlsx"] = "csv"


@router.get(
    "/conferences/{conference_id}/funding",
    response={200: FundingOut, **READ_ERRORS},
    summary="Check a conference's funding conditions",
)
def conference_funding(request: HttpRequest, conference_id: str) -> Conference:
    """Each condition of the conference's funding scheme, checked before the meeting
    (who is expected) and after it (who was present), with the reason in the language
    of `Accept-Language`; `conditions_met` is every condition checked on the meeting as
    held (null when the conference falls under no scheme)."""
    return funding.load_funding_data(access.get_conference(request, conference_id))


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

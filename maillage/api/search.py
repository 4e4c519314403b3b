"""Search for persons, cases and requests by name, birth date or reference."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from maillage.search import query

from .errors import error_body
from .schemas import ErrorOut, Id, Iso, OptionalIso

router = Router(tags=["search"])

ERRORS: dict[int, Any] = dict.fromkeys((400, 401, 403), ErrorOut)


class PersonHitOut(Schema):
    id: Id
    label: str = Field(description="Given and family name.")
    url: str = Field(description="The person's page.")
    birth_date: OptionalIso
    match: str = Field(description="exact, prefix, typo (one edit) or birth_date.")


class CaseHitOut(Schema):
    id: Id
    label: str = Field(description="The person's name.")
    url: str = Field(description="The case's page.")
    reference: str = Field(description="The first 8 characters of the id.")
    programme: str
    phase: str
    phase_label: str
    opened_at: Iso


class RequestHitOut(Schema):
    id: Id
    label: str = Field(description="The person's name.")
    url: str = Field(description="The request's page.")
    reference: str = Field(description="The first 8 characters of the id.")
    programme: str
    status: str
    status_label: str
    received_at: Iso


class SearchOut(Schema):
    persons: list[PersonHitOut]
    cases: list[CaseHitOut]
    requests: list[RequestHitOut]


DESCRIPTION = """What you may see that matches `q` (at least 2 characters), 20 at most in
each group, best first: persons by name (accents, order of first and last names and one
typing error in a word of five letters or more do not matter) or birth date
(`12/03/1985`, `12.03.1985`, `1985-03-12`); their cases and requests; cases and
requests by reference (the whole id, or its first 8 characters). Each search is
recorded in the audit trail, without its text.
"""


@router.get("", response={200: SearchOut, **ERRORS}, summary="Search", description=DESCRIPTION)
def search(request: HttpRequest, q: str = "") -> Any:
    q = q.strip()[:200]
    if not query.is_searchable(q):
        message = _("Type at least 2 characters in “q”.")
        return Status(400, error_body(message, [{"field": "q", "message": message}]))
    return query.search(request.user, q)

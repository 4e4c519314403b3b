"""The journal of a case: list (with search), write, read, correct."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict

from maillage import access
from maillage.cases import actions
from maillage.cases.models import JournalEntry
from maillage.categories import Category

from .paging import PageIn, page_json, paginate
from .schemas import LONG_TEXT, MAX_INT, ErrorOut, Input, iso, max_length

router = Router(tags=["journal"])

ERRORS: dict[int, Any] = dict.fromkeys((400, 401, 403, 404, 409, 413, 422), ErrorOut)
Kind = JournalEntry.Kind


class JournalEntryIn(Input):
    model_config = ConfigDict(str_strip_whitespace=True, extra="forbid")

    occurred_at: datetime | None = None
    kind: Kind
    duration_minutes: int | None = Field(None, ge=0, le=24 * 60)
    participants: str = Field("", max_length=max_length(JournalEntry, "participants"))
    text: str = Field(..., min_length=1, max_length=LONG_TEXT)
    category: Category = Category.JOURNAL


class JournalEntryUpdate(JournalEntryIn):
    version: int = Field(..., ge=1, le=MAX_INT)


class JournalFilters(PageIn):
    q: str = Field("", max_length=200, description="Words the entry must contain.")


# Read from the `JournalEntry` itself (select `author`); no docstring: it would show in
# the OpenAPI document.
class JournalEntryOut(Schema):
    id: str
    occurred_at: str
    kind: str
    duration_minutes: int | None
    participants: str
    text: str
    category: str
    author: str
    version: int

    @staticmethod
    def resolve_id(entry: JournalEntry) -> str:
        return str(entry.pk)

    @staticmethod
    def resolve_occurred_at(entry: JournalEntry) -> str | None:
        return iso(entry.occurred_at)

    @staticmethod
    def resolve_author(entry: JournalEntry) -> str:
        return entry.author.username


class JournalPage(Schema):
    items: list[JournalEntryOut]
    page: int
    per_page: int
    next_page: int | None


def _fields(payload: JournalEntryIn) -> dict[str, Any]:
    data = payload.model_dump(exclude={"version"})
    if data["occurred_at"] is None:
        data.pop("occurred_at")
    return data


@router.get("/{case_id}/journal", response={200: JournalPage, **ERRORS}, summary="The journal")
def list_entries(
    request: HttpRequest, case_id: str, filters: Query[JournalFilters]
) -> dict[str, Any]:
    case = access.get_case(request, case_id, part="journal")
    entries = case.journal.select_related("author").order_by("-occurred_at")
    if filters.q:
        entries = entries.search(filters.q)
    rows, next_page = paginate(entries, filters)
    return page_json(rows, filters, next_page)


@router.post(
    "/{case_id}/journal", response={201: JournalEntryOut, **ERRORS}, summary="Write in the journal"
)
def add_entry(request: HttpRequest, case_id: str, payload: JournalEntryIn) -> Status[JournalEntry]:
    case = access.get_case(request, case_id, to_change=True)
    entry = actions.add_journal_entry(case, by=request.user, **_fields(payload))
    return Status(201, entry)


@router.get(
    "/{case_id}/journal/{entry_id}",
    response={200: JournalEntryOut, **ERRORS},
    summary="Read a journal entry",
)
def read_entry(request: HttpRequest, case_id: str, entry_id: str) -> JournalEntry:
    case = access.get_case(request, case_id, part="journal")
    return access.get_child(case.journal.select_related("author"), entry_id)


@router.put(
    "/{case_id}/journal/{entry_id}",
    response={200: JournalEntryOut, **ERRORS},
    summary="Correct a journal entry",
)
def update_entry(
    request: HttpRequest, case_id: str, entry_id: str, payload: JournalEntryUpdate
) -> JournalEntry:
    case = access.get_case(request, case_id, to_change=True)
    entry = access.get_child(case.journal.select_related("author"), entry_id)
    actions.update_journal_entry(
        entry, by=request.user, version=payload.version, **_fields(payload)
    )
    return entry

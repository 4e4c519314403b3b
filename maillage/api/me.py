"""The signed-in user's own day: what is due for them (the home page's "My day")."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from maillage import access
from maillage.agenda.items import agenda_for

from .schemas import ErrorOut, OptionalId, OptionalIso

router = Router(tags=["me"])


# Read from an `agenda.items.Item`.
class AgendaItemOut(Schema):
    kind: str
    due: OptionalIso
    title: str
    url: str
    case_id: OptionalId
    request_id: OptionalId


class AgendaOut(Schema):
    items: list[AgendaItemOut]


@router.get(
    "/agenda",
    response={200: AgendaOut, 401: ErrorOut, 403: ErrorOut},
    summary="My day",
)
def agenda(request: HttpRequest) -> dict[str, Any]:
    """What is due for you, most urgent first (overdue first, then by due date): at most
    50 items of each kind. `url` is the page in Maillage (a path); `due` is a date or a
    date and time in ISO 8601."""
    items = agenda_for(request.user)
    if items:
        access.record_listing(request.user, "agenda.listed")
    return {"items": items}

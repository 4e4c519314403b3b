"""The person's network: list, add, read and change actors; draw the network map."""

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from maillage import access
from maillage.cases.models import Case
from maillage.network import actions, queries
from maillage.network.models import Actor, Sector

from .errors import OWN_ERROR
from .schemas import (
    LONG_TEXT,
    MAX_INT,
    ErrorOut,
    Id,
    Input,
    OptionalIso,
    StaleOut,
    Text,
    max_length,
)

router = Router(tags=["network"])

READ_ERRORS: dict[int, Any] = dict.fromkeys((401, 404, 422), ErrorOut)
ERRORS: dict[int, Any] = dict.fromkeys((401, 403, 404, 422), ErrorOut)


# Input


def _one_of(values: list[str]) -> Callable[[Any], str]:
    """A choice where null and "" mean "not recorded"."""

    def check(value: Any) -> str:
        if value is None or value == "":
            return ""
        if not isinstance(value, str) or value not in values:
            raise PydanticCustomError(
                OWN_ERROR,
                _("Choose one of: %(choices)s; or leave it empty.")
                % {"choices": ", ".join(values)},
            )
        return value

    return check


def _choice(values: list[str]) -> Any:
    return Annotated[
        str,
        BeforeValidator(_one_of(values)),
        WithJsonSchema({"type": "string", "enum": ["", *values]}),
    ]


SectorChoice = _choice(list(Sector.values))
RelationChoice = _choice(list(Actor.Relation.values))
QualityChoice = _choice(list(Actor.Quality.values))
LanguageChoice = _choice([code for code, _name in Actor._meta.get_field("language").choices])


def _text(field: str) -> Any:
    return Field("", max_length=max_length(Actor, field))


class ActorIn(Input):
    """A formal (professional) or informal actor. Empty texts and null mean unknown."""

    kind: Literal["formal", "informal"]
    name: str = Field(min_length=1, max_length=max_length(Actor, "name"))
    organisation: Text = _text("organisation")
    service: Text = _text("service")
    profession: Text = _text("profession")
    sector: SectorChoice = ""  # type: ignore[valid-type]
    independent: bool = False
    relation: RelationChoice = ""  # type: ignore[valid-type]
    role: Text = _text("role")
    mission: Text = Field("", max_length=LONG_TEXT)
    quality: QualityChoice = ""  # type: ignore[valid-type]
    exhausted: bool = False
    phone: Text = _text("phone")
    email: Text = _text("email")
    language: LanguageChoice = ""  # type: ignore[valid-type]
    started_on: date | None = Field(None, description="YYYY-MM-DD.")
    ended_on: date | None = Field(None, description="The day the actor left the network.")
    last_contact_on: date | None = None


class ActorUpdateIn(ActorIn):
    """Every field of the actor, as read, changed where needed (absent fields are emptied)."""

    kind: Literal["person", "worker", "formal", "informal"] = Field(  # type: ignore[assignment]
        description="Only formal and informal actors can change kind."
    )
    version: int = Field(ge=1, le=MAX_INT, description="The version you read; 409 if it changed.")


class ActorFilters(Schema):
    current: bool | None = Field(
        None, description="true: the actors in the network today; false: the others."
    )


class MapFilters(Schema):
    size: Literal["full", "thumbnail"] = "full"


# Output


# Read from an `Actor`.
class ActorOut(Schema):
    id: Id
    kind: Literal["person", "worker", "formal", "informal"]
    name: str
    organisation: str
    service: str
    profession: str
    sector: str
    independent: bool
    relation: str
    role: str
    mission: str
    quality: str = Field(description="strong, fragile, conflictual, broken, or empty.")
    exhausted: bool
    phone: str
    email: str
    language: str
    started_on: OptionalIso
    ended_on: OptionalIso
    last_contact_on: OptionalIso
    current: bool = Field(description="In the network today.")
    version: int

    @staticmethod
    def resolve_current(actor: Actor) -> bool:
        return actor.is_current()


class ActorList(Schema):
    items: list[ActorOut]


# Views


@router.get(
    "/{case_id}/actors",
    response={200: ActorList, **READ_ERRORS},
    summary="List the network's actors",
)
def list_actors(request: HttpRequest, case_id: str, filters: Query[ActorFilters]) -> dict[str, Any]:
    """Every actor of the case (the person and the case workers included), by kind and
    name; `current=true` for those in the network today."""
    case = access.get_case(request, case_id, part="network")
    today = timezone.localdate()
    actors = queries.actors_of(case)
    if filters.current is not None:
        actors = [a for a in actors if a.is_current(today) == filters.current]
    return {"items": actors}


@router.post(
    "/{case_id}/actors",
    response={201: ActorOut, **ERRORS},
    summary="Add an actor to the network",
)
def add_actor(request: HttpRequest, case_id: str, payload: ActorIn) -> Status[Actor]:
    """Formal actors need an `organisation` or a `profession`; informal actors a
    `relation`. The person and the case workers are added when the case opens."""
    case = access.get_case(request, case_id, to_change=True)
    actor = actions.add_actor(case, by=request.user, **payload.model_dump())
    return Status(201, actor)


@router.get(
    "/{case_id}/actors/{actor_id}", response={200: ActorOut, **READ_ERRORS}, summary="Read an actor"
)
def get_actor(request: HttpRequest, case_id: str, actor_id: str) -> Actor:
    case = access.get_case(request, case_id, part="network")
    return _actor(case, actor_id)


@router.put(
    "/{case_id}/actors/{actor_id}",
    response={200: ActorOut, 409: StaleOut, **ERRORS},
    summary="Change an actor",
)
def update_actor(
    request: HttpRequest, case_id: str, actor_id: str, payload: ActorUpdateIn
) -> Actor:
    """Send the whole actor as read, with its `version`; 409 with `current_version` when
    someone changed it since. Set `ended_on` to end their membership (prefer it to
    deleting: the record stays)."""
    case = access.get_case(request, case_id, to_change=True)
    actor = _actor(case, actor_id)
    fields = payload.model_dump()
    version = fields.pop("version")
    actions.update_actor(actor, by=request.user, version=version, **fields)
    return actor


SVG_RESPONSE = {
    "responses": {
        200: {
            "description": "The network map, a standalone SVG document.",
            "content": {"image/svg+xml": {"schema": {"type": "string"}}},
        }
    }
}


@router.get(
    "/{case_id}/network-map.svg",
    response={200: None, **READ_ERRORS},
    summary="Draw the network map (SVG)",
    openapi_extra=SVG_RESPONSE,
)
def network_map(request: HttpRequest, case_id: str, filters: Query[MapFilters]) -> HttpResponse:
    """The ecomap of the network today: the person in the centre, one line per actor in
    the style of the relationship, texts in the language of `Accept-Language`, with a
    `<title>` and a `<desc>` that say the same in words."""
    case = access.get_case(request, case_id, part="network")
    document, filename = queries.map_document(case, size=filters.size)
    response = HttpResponse(document, content_type=queries.SVG_CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _actor(case: Case, actor_id: str) -> Actor:
    try:
        UUID(actor_id)
    except ValueError:
        raise Http404 from None
    actor: Actor = get_object_or_404(case.actors, pk=actor_id)
    return actor

"""Reads of a case's network, each one query (or two) whatever its size."""

from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from maillage.cases.models import Case

from . import ecomap
from .models import Actor

SVG_CONTENT_TYPE = "image/svg+xml; charset=utf-8"


def actors_of(case: Case) -> list[Actor]:
    """Every actor of the case, current and past, by kind then name."""
    return list(case.actors.order_by("kind", "name", "pk"))


def current_actors(case: Case, day: date | None = None) -> list[Actor]:
    """The actors in the network on `day` (default today), the person included."""
    return list(case.actors.current(day).order_by("kind", "name", "pk"))


def latest_partner_invitation(actor: Actor) -> Any:
    """The actor's latest invitation to partner access, or None.

    Read through the actor (`partners.PartnerInvitation`, related name
    `partner_invitations`): the partners app sits above the network, so it is not imported.
    """
    return actor.partner_invitations.order_by("-created_at").first()


def network_summary(case: Case, day: date | None = None) -> dict[str, Any]:
    """Counts for the case overview, in two queries. The person is not counted.

    - `actors`: current actors (case workers, formal and informal);
    - `by_kind`: `{"worker", "formal", "informal"}` → count of current actors;
    - `by_quality`: `{"strong", "fragile", "conflictual", "broken", "unknown"}` → count
      of current actors (`unknown`: quality not recorded);
    - `exhausted`: current actors marked exhausted;
    - `ended`: actors who have left the network (ended on or before `day`).
    """
    day = day or timezone.localdate()
    kinds = (Actor.Kind.WORKER, Actor.Kind.FORMAL, Actor.Kind.INFORMAL)
    qualities = {quality.value: quality.value for quality in Actor.Quality}
    qualities["unknown"] = ""
    counts = (
        case.actors.current(day)
        .exclude(kind=Actor.Kind.PERSON)
        .aggregate(
            actors=Count("pk"),
            exhausted=Count("pk", filter=Q(exhausted=True)),
            **{f"kind_{kind}": Count("pk", filter=Q(kind=kind)) for kind in kinds},
            **{
                f"quality_{name}": Count("pk", filter=Q(quality=value))
                for name, value in qualities.items()
            },
        )
    )
    return {
        "actors": counts["actors"],
        "by_kind": {str(kind): counts[f"kind_{kind}"] for kind in kinds},
        "by_quality": {name: counts[f"quality_{name}"] for name in qualities},
        "exhausted": counts["exhausted"],
        "ended": case.actors.filter(ended_on__lte=day).count(),
    }


def map_document(case: Case, *, size: str = "full") -> tuple[str, str]:
    """The case's network map today as an SVG file: (document, file name).

    The file name holds the date, never the person's name.
    """
    today = timezone.localdate()
    svg = ecomap.render_ecomap(
        str(case.person), current_actors(case, today), today=today, size=size
    )
    document = '<?xml version="1.0" encoding="UTF-8"?>\n' + svg
    return document, f"network-map-{today.isoformat()}.svg"

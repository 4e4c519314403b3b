"""Reads of the consent part for the consent pages, the API and the case overview.

Each function costs a fixed number of queries, whatever the length of the history or
the size of the network.
"""

from datetime import datetime
from typing import Any, TypedDict

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from maillage.cases.models import Case
from maillage.categories import Category
from maillage.network.models import Actor

from .models import Consent, Share
from .rules import MISSING_CONSENT, consent_in_force, shared_categories, sharing_allowed

# Actors a consent may share with: the person and the case workers need no share.
SHARING_KINDS = (Actor.Kind.FORMAL, Actor.Kind.INFORMAL)


def _shares_with_actors() -> Prefetch:
    return Prefetch(
        "shares",
        queryset=Share.objects.select_related("actor").order_by("actor__kind", "actor__name"),
    )


def consents_of(case: Case) -> list[Consent]:
    """Every consent record of the case, the one in force first (three queries)."""
    return list(
        case.consents.latest_first()
        .select_related("recorded_by")
        .prefetch_related(_shares_with_actors())
    )


def with_shares(consent: Consent) -> Consent:
    """The same consent, read again with its shares and their actors."""
    return (
        Consent.objects.select_related("recorded_by")
        .prefetch_related(_shares_with_actors())
        .get(pk=consent.pk)
    )


def consent_count(case: Case) -> int:
    """How many consent records the case has: the version a new record is based on."""
    return case.consents.count()


def sharing_actors_qs(case: Case) -> "QuerySet[Actor]":
    """Current formal and informal actors: those a consent may let receive information."""
    return case.actors.current().filter(kind__in=SHARING_KINDS).order_by("kind", "name")


def sharing_actors(case: Case) -> list[Actor]:
    return list(sharing_actors_qs(case))


def actors_without_share(case: Case, consent: Consent | None) -> list[Actor]:
    """Current actors a consent may share with who receive nothing under `consent`.

    Empty unless `consent` allows sharing: then each of them is offered a share, for
    instance an actor who joined the network after the consent was recorded.
    """
    if not sharing_allowed(consent):
        return []
    sharing = {share.actor_id for share in consent.shares.all() if share.categories}  # type: ignore[union-attr]
    return [actor for actor in sharing_actors(case) if actor.pk not in sharing]


def offers_share(case: Case, actor: Actor) -> bool:
    """Should the worker be asked what this actor may receive, now that they joined?

    Yes when the consent in force allows sharing, the actor is one a consent may share
    with, is in the network today and receives nothing yet.
    """
    if actor.kind not in SHARING_KINDS or not actor.is_current():
        return False
    consent = consent_in_force(case)
    return sharing_allowed(consent) and not shared_categories(consent, actor)


class ConsentSummary(TypedDict):
    consent: Consent | None
    status: str | None
    status_label: str
    recorded_at: datetime | None
    sharing_allowed: bool
    actors_with_share: int
    missing_message: str


def consent_summary(case: Case) -> ConsentSummary:
    """The consent in force in a few words, for the case overview (two queries)."""
    consent = consent_in_force(case)
    allowed = sharing_allowed(consent)
    return {
        "consent": consent,
        "status": consent.status if consent else None,
        "status_label": str(consent.get_status_display()) if consent else _("none recorded"),
        "recorded_at": consent.recorded_at if consent else None,
        "sharing_allowed": allowed,
        "actors_with_share": _actors_with_share(consent) if allowed else 0,
        "missing_message": "" if allowed else str(MISSING_CONSENT),
    }


def _actors_with_share(consent: Consent | None) -> int:
    """Current actors who receive something (shares are prefetched with their actors)."""
    shares = consent.shares.all() if consent is not None else []
    return sum(1 for share in shares if share.categories and share.actor.is_current())


class ScopeTable(TypedDict):
    categories: list[tuple[str, str]]
    rows: list[tuple[Actor, list[bool]]]


def scope_table(consent: Consent | None) -> ScopeTable:
    """What each actor may receive under `consent`, as rows of actor × category.

    Only the categories shared with someone are columns, in the order of `Category`;
    reads the prefetched shares (see `consents_of`).
    """
    if not sharing_allowed(consent):
        return {"categories": [], "rows": []}
    shares = [share for share in consent.shares.all() if share.categories]  # type: ignore[union-attr]
    used = {code for share in shares for code in share.categories}
    columns = [(code, str(label)) for code, label in Category.choices if code in used]
    rows = [(share.actor, [code in share.categories for code, _ in columns]) for share in shares]
    return {"categories": columns, "rows": rows}


def pending_wishes(case: Case) -> list[Any]:
    """The person's wishes about their consent, sent from their space and not answered yet.

    Read through the case (`space.ConsentWish`, related name `consent_wishes`): the space
    sits above consent, so consent does not import it.
    """
    return list(
        case.consent_wishes.filter(status="pending")
        .select_related("actor", "created_by")
        .order_by("created_at")
    )

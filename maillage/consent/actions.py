"""Every write to consents: a new dated record each time, never an edit.

The latest record is in force at once (`rules.consent_in_force`); earlier ones stay as
history. `version` is the number of records the user saw: if someone recorded a consent
in the meantime, the new record is refused (`StaleVersion`) rather than silently
replacing one the user never read.
"""

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage import audit
from maillage.accounts.models import User
from maillage.cases.models import Case
from maillage.categories import Category
from maillage.network.models import Actor
from maillage.versioning import StaleVersion

from .models import Consent, Share
from .queries import SHARING_KINDS
from .rules import MISSING_CONSENT, consent_in_force, sharing_allowed

# (actor id, categories): what one actor may receive.
ShareInput = tuple[Any, Iterable[str]]

# Statuses that record a consent actually obtained, so how it was obtained matters.
NEEDS_METHOD = frozenset({Consent.Status.GIVEN, Consent.Status.GIVEN_BY_REPRESENTATIVE})


@transaction.atomic
def record_consent(
    case: Case,
    *,
    by: User,
    status: str,
    method: str = "",
    decided_by: str = "",
    justification: str = "",
    notes: str = "",
    shares: Sequence[ShareInput] = (),
    version: int | None = None,
) -> Consent:
    """Record a consent; it replaces the one in force at once.

    `shares` are kept only when the status allows sharing, and only for current formal
    and informal actors of this case; errors name `shares.<index>.actor_id` or
    `shares.<index>.categories`. `version`: see the module docstring (None: don't check).
    """
    if case.phase == Case.Phase.CLOSED:
        raise ValidationError(_("A closed case is read-only: its consent cannot change."))
    _lock(case)
    recorded_at = _check_version(case, version)
    consent = Consent(
        case=case,
        recorded_at=recorded_at,
        status=status,
        method=method,
        decided_by=decided_by.strip(),
        justification=justification.strip(),
        notes=notes.strip(),
        recorded_by=by,
    )
    consent.full_clean(exclude=["case", "recorded_by"])
    _check_rules(case, consent)
    kept = _clean_shares(case, shares) if consent.allows_sharing else []
    consent.save()
    Share.objects.bulk_create(
        Share(consent=consent, actor=actor, categories=categories) for actor, categories in kept
    )
    changed = ["status"] + [
        name
        for name in ("method", "decided_by", "justification", "notes")
        if getattr(consent, name)
    ]
    audit.record(
        by,
        "consent.withdrawn" if status == Consent.Status.WITHDRAWN else "consent.recorded",
        person=case.person_id,
        case=case,
        target=consent,
        part="consents",
        changes=changed + (["shares"] if kept else []),
    )
    return consent


@transaction.atomic
def share_with_actor(
    case: Case,
    *,
    by: User,
    actor: Actor,
    categories: Iterable[str],
    method: str = "",
    notes: str = "",
    version: int | None = None,
) -> Consent:
    """Record that the person agreed to let `actor` receive `categories`.

    A new consent record like any other, in force at once: the decision of the one in
    force (status, who decided and why; how it was obtained unless `method` says how
    the person agreed this time), every other actor's share as it was, and this
    actor's share. Used when an actor joins the network after the consent was recorded.
    """
    _lock(case)
    in_force = consent_in_force(case)
    if not sharing_allowed(in_force):
        raise ValidationError(str(MISSING_CONSENT))
    assert in_force is not None
    chosen = list(categories)
    if not chosen:
        raise ValidationError(
            {
                "categories": _("Tick what %(name)s may receive, or choose “Not now”.")
                % {"name": actor}
            }
        )
    others = [
        (share.actor_id, share.categories)
        for share in in_force.shares.all()
        if share.actor_id != actor.pk and share.categories and share.actor.is_current()
    ]
    return record_consent(
        case,
        by=by,
        status=in_force.status,
        method=method or in_force.method,
        decided_by=in_force.decided_by,
        justification=in_force.justification,
        notes=notes,
        shares=[*others, (actor.pk, chosen)],
        version=version,
    )


def withdraw_consent(case: Case, *, by: User, reason: str = "") -> Consent:
    """Withdraw consent now: nothing is shared from this moment; the history stays.

    No version check: a withdrawal must never be refused because of another record.
    """
    return record_consent(
        case, by=by, status=Consent.Status.WITHDRAWN, justification=reason, version=None
    )


def _lock(case: Case) -> None:
    """Serialise consent records of one case, so that the version check holds."""
    list(Case.objects.select_for_update().filter(pk=case.pk).values_list("pk", flat=True))


def _check_version(case: Case, version: int | None) -> datetime:
    """Refuse a stale record; return the time of the new one.

    The new record is always later than every earlier one, even when clocks disagree,
    so that the one in force is the last one recorded.
    """
    seen = case.consents.aggregate(count=Count("pk"), latest=Max("recorded_at"))
    if version is not None and version != seen["count"]:
        raise StaleVersion(seen["count"])
    now = timezone.now()
    if seen["latest"] is not None and now <= seen["latest"]:
        return seen["latest"] + timedelta(microseconds=1)
    return now


def _check_rules(case: Case, consent: Consent) -> None:
    errors: dict[str, str] = {}
    if consent.status in Consent.DECIDED_BY_OTHERS:
        if not consent.decided_by:
            errors["decided_by"] = _(
                "Say who decided: the legal representative, or who judged the interest "
                "of the child."
            )
        if not consent.justification:
            errors["justification"] = _(
                "Say why this was decided without the person's own consent."
            )
    if consent.status in NEEDS_METHOD and not consent.method:
        errors["method"] = _("Say how the consent was obtained.")
    if consent.status == Consent.Status.WITHDRAWN and not sharing_allowed(consent_in_force(case)):
        errors["status"] = _("No consent in force allows sharing: there is nothing to withdraw.")
    if errors:
        raise ValidationError(errors)


def _clean_shares(case: Case, shares: Sequence[ShareInput]) -> list[tuple[Actor, list[str]]]:
    """The (actor, categories) to keep, or a ValidationError naming each bad share."""
    ids = [_as_uuid(actor_id) for actor_id, _categories in shares]
    actors = case.actors.in_bulk([pk for pk in ids if pk is not None])
    errors: dict[str, str] = {}
    kept: list[tuple[Actor, list[str]]] = []
    seen: set[UUID] = set()
    for index, (pk, (_actor_id, categories)) in enumerate(zip(ids, shares, strict=True)):
        actor = actors.get(pk) if pk is not None else None
        problem = _actor_problem(actor, seen)
        if problem:
            errors[f"shares.{index}.actor_id"] = problem
            continue
        assert actor is not None
        seen.add(actor.pk)
        codes = set(categories)
        unknown = sorted(codes - set(Category.values))
        if unknown:
            errors[f"shares.{index}.categories"] = _("Unknown categories: %(codes)s.") % {
                "codes": ", ".join(unknown)
            }
        elif codes:
            kept.append((actor, [code for code in Category.values if code in codes]))
    if errors:
        raise ValidationError(errors)
    return kept


def _actor_problem(actor: Actor | None, seen: set[UUID]) -> str:
    if actor is None:
        return _("No actor of this case's network has this id.")
    if actor.kind not in SHARING_KINDS:
        return _("The person and the case workers need no share.")
    if not actor.is_current():
        return _("This actor is no longer in the network.")
    if actor.pk in seen:
        return _("This actor appears twice in the scope.")
    return ""


def _as_uuid(value: Any) -> UUID | None:
    if isinstance(value, Actor):
        return value.pk
    try:
        return UUID(str(value))
    except ValueError:
        return None

"""Every write to the network: add an actor, change one, end their membership.

Actors are ended rather than deleted: the network's history stays readable. The person
and the case workers are added by the system when the case opens (`add_first_actors`,
called by `casefile.actions.answer_request`); users
add formal (professional) and informal actors.
"""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage import audit
from maillage.accounts.models import User
from maillage.cases.models import Case
from maillage.intake.models import Requester
from maillage.versioning import StaleVersion, bump_version

from .models import Actor
from .requesters import offer_for

# What a user may set on an actor (kind aside, which is checked on its own).
EDITABLE_FIELDS = (
    "name",
    "organisation",
    "service",
    "profession",
    "sector",
    "independent",
    "relation",
    "role",
    "mission",
    "quality",
    "exhausted",
    "phone",
    "email",
    "language",
    "started_on",
    "ended_on",
    "last_contact_on",
)
# Kinds a user may choose; the person and the case workers are added by the system.
USER_KINDS = (Actor.Kind.FORMAL, Actor.Kind.INFORMAL)


@transaction.atomic
def add_first_actors(case: Case, *, workers: list[User]) -> list[Actor]:
    """Put the person and the case workers in the network of a case that just opened.

    Part of opening the case: recorded by its `case.opened` audit event.
    """
    today = timezone.localdate()
    person = case.person
    actors = [
        Actor(
            case=case,
            kind=Actor.Kind.PERSON,
            name=str(person),
            started_on=today,
            phone=person.phone,
            email=person.email,
            language=person.language,
        )
    ] + [
        Actor(
            case=case,
            kind=Actor.Kind.WORKER,
            name=str(worker),
            user=worker,
            organisation=str(case.team.organisation),
            email=worker.email,
            language=worker.language,
            started_on=today,
        )
        for worker in workers
    ]
    return Actor.objects.bulk_create(actors)


@transaction.atomic
def add_actor(
    case: Case, *, by: User, kind: str, requester: Requester | None = None, **fields: Any
) -> Actor:
    """Add a formal or informal actor to the case's network.

    `requester`: one of the requesters of the case's request, when the actor is added
    from the request; a requester becomes an actor only once.
    """
    _require_open(case)
    _check_fields(fields)
    if kind not in USER_KINDS:
        raise ValidationError({"kind": _("Choose a formal or an informal actor.")})
    if requester is not None:
        _check_requester(case, requester)
    actor = Actor(case=case, kind=kind, requester=requester, **_stripped(fields))
    clean_actor(actor)
    actor.save(force_insert=True)
    audit.record(
        by,
        "actor.added",
        person=case.person_id,
        case=case,
        target=actor,
        part="network",
        changes=[
            "kind",
            *(name for name, value in fields.items() if value),
            *(["requester"] if requester is not None else []),
        ],
    )
    return actor


@transaction.atomic
def add_requester(case: Case, requester: Requester, *, by: User) -> Actor:
    """Add a requester of the case's request to its network, as the request names them.

    Refused, naming what is missing, when the request does not say enough (a name, a
    professional's organisation): then the worker completes the pre-filled form.
    """
    offer = offer_for(requester)
    if offer.missing:
        raise ValidationError(
            _("The request does not give this requester's %(missing)s: complete the form.")
            % {"missing": ", ".join(str(label) for label in offer.missing)}
        )
    return add_actor(case, by=by, kind=offer.kind, requester=requester, **offer.fields)


@transaction.atomic
def update_actor(
    actor: Actor, *, by: User, version: int | None, kind: str | None = None, **fields: Any
) -> Actor:
    """Change an actor, if nobody saved it since `version` (None: don't check).

    Setting `ended_on` for the first time is recorded as the actor leaving the network.
    """
    case = actor.case
    _require_open(case)
    _check_fields(fields)
    fields = _stripped(fields)
    if kind is not None and kind != actor.kind:
        if actor.kind not in USER_KINDS or kind not in USER_KINDS:
            raise ValidationError({"kind": _("Only formal and informal actors can change kind.")})
        fields["kind"] = kind
    changed = [name for name, value in fields.items() if getattr(actor, name) != value]
    if not changed:
        if version is not None and version != actor.version:
            raise StaleVersion(actor.version)
        return actor
    newly_ended = "ended_on" in changed and actor.ended_on is None
    for name in changed:
        setattr(actor, name, fields[name])
    clean_actor(actor)
    bump_version(actor, version)
    actor.save(update_fields=[*changed, "updated_at"])
    audit.record(
        by,
        "actor.ended" if newly_ended else "actor.changed",
        person=case.person_id,
        case=case,
        target=actor,
        part="network",
        changes=changed,
    )
    return actor


@transaction.atomic
def end_actor(
    actor: Actor, *, by: User, version: int | None, ended_on: date | None = None
) -> Actor:
    """End the actor's membership of the network on `ended_on` (default today).

    From that day on the actor is no longer part of the current network or its map;
    the record stays, with its history.
    """
    case = actor.case
    _require_open(case)
    today = timezone.localdate()
    ended_on = ended_on or today
    if actor.kind == Actor.Kind.PERSON:
        raise ValidationError(
            {"ended_on": _("The person stays at the centre of their own network.")}
        )
    if actor.ended_on is not None and actor.ended_on <= today:
        raise ValidationError({"ended_on": _("This actor has already left the network.")})
    if actor.started_on is not None and ended_on < actor.started_on:
        raise ValidationError(
            {"ended_on": _("The end date cannot be before the date the actor joined.")}
        )
    bump_version(actor, version)
    actor.ended_on = ended_on
    actor.save(update_fields=["ended_on", "updated_at"])
    audit.record(
        by,
        "actor.ended",
        person=case.person_id,
        case=case,
        target=actor,
        part="network",
        changes=["ended_on"],
    )
    return actor


def clean_actor(actor: Actor) -> None:
    """Check the actor; raise ValidationError naming each field at fault."""
    errors: dict[str, list[str]] = {}
    try:
        actor.full_clean(
            exclude=["case", "user"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        errors.update(error.message_dict)
    for field, message in _rule_errors(actor):
        errors.setdefault(field, []).append(message)
    if errors:
        raise ValidationError(errors)


def _rule_errors(actor: Actor) -> list[tuple[str, str]]:
    found = []
    if actor.kind == Actor.Kind.FORMAL and not (actor.organisation or actor.profession):
        found.append(
            (
                "organisation",
                _("Give the organisation or the profession of a professional actor."),
            )
        )
    if actor.kind == Actor.Kind.INFORMAL and not actor.relation:
        found.append(("relation", _("Say how this actor is related to the person.")))
    if actor.started_on and actor.ended_on and actor.ended_on < actor.started_on:
        found.append(("ended_on", _("The end date cannot be before the date the actor joined.")))
    if actor.last_contact_on and actor.last_contact_on > timezone.localdate():
        found.append(("last_contact_on", _("The last contact cannot be in the future.")))
    return found


def _check_requester(case: Case, requester: Requester) -> None:
    """The requester asked for this case, is not the person, and is not an actor yet.

    The requester's row is locked, so that two clicks add them once."""
    if case.support_request_id is None or requester.support_request_id != case.support_request_id:
        raise ValidationError(_("This requester did not ask for support in this case."))
    if requester.kind == Requester.Kind.PERSON:
        raise ValidationError(_("The person is already at the centre of their network."))
    list(Requester.objects.select_for_update().filter(pk=requester.pk).values_list("pk"))
    if Actor.objects.filter(requester_id=requester.pk).exists():
        raise ValidationError(_("This requester is already in the network."))


def _require_open(case: Case) -> None:
    if case.phase == Case.Phase.CLOSED:
        raise ValidationError(_("This case is closed: its network can no longer change."))


def _check_fields(fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable on an actor: {sorted(unknown)}")


def _stripped(fields: dict[str, Any]) -> dict[str, Any]:
    return {
        name: value.strip() if isinstance(value, str) else value for name, value in fields.items()
    }

"""Every write to requests: record, gather facts, override, answer."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage import access, audit
from maillage.accounts.models import User
from maillage.notifications import actions as notifications
from maillage.notifications.models import Kind as Notice
from maillage.people.actions import create_person
from maillage.people.models import Person
from maillage.programmes import eligibility
from maillage.programmes.facts import FACTS
from maillage.programmes.models import Programme
from maillage.versioning import bump_version

from . import alerts
from .models import STATED_AGE, Decision, Requester, SupportRequest

ANSWER_VERBS = {
    Decision.Kind.ACCEPT: "request.accepted",
    Decision.Kind.REFUSE: "request.refused",
    Decision.Kind.ORIENT: "request.oriented",
}


@dataclass
class RequesterData:
    kind: str
    organisation: str = ""
    sector: str = ""
    name: str = ""
    contact: str = ""


def clean_facts(facts: dict[str, Any]) -> dict[str, Any]:
    """Check facts against the vocabulary; raise ValidationError naming the field."""
    errors = {}
    for key, value in facts.items():
        if key == STATED_AGE:
            if value is not None and not (
                isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 130
            ):
                errors[f"facts.{key}"] = _("Enter an age between 0 and 130.")
            continue
        fact = FACTS.get(key)
        if fact is None:
            errors[f"facts.{key}"] = _("Unknown fact “%(key)s”.") % {"key": key}
        elif not fact.accepts(value):
            allowed = (
                ", ".join(code for code, _label in fact.choices)
                if fact.kind == "choice"
                else "true, false"
            )
            errors[f"facts.{key}"] = _("Expected one of: %(allowed)s, or null.") % {
                "allowed": allowed
            }
    if errors:
        raise ValidationError(errors)
    return {key: value for key, value in facts.items() if value is not None}


# Channels through which a request arrives without anyone signed in (by=None).
ANONYMOUS_CHANNELS = frozenset({SupportRequest.Channel.PUBLIC_FORM, SupportRequest.Channel.SIGNAL})


@transaction.atomic
def record_request(
    *,
    by: User | None,
    programme: Programme,
    person: Person | None = None,
    new_person: dict[str, Any] | None = None,
    requesters: list[RequesterData],
    facts: dict[str, Any],
    summary: str = "",
    what_is_asked: str = "",
    channel: str = SupportRequest.Channel.PHONE,
    urgent: bool = False,
    received_at: datetime | None = None,
) -> SupportRequest:
    """Record a request for a programme; its deadline runs from when it was received.

    The request is about an existing `person`, or a new one described by `new_person`
    (given_name, family_name, birth_date, residence, phone…).

    `by` is None only for a channel without an account (the public request form): no
    staff permission is checked then, and the programme must be active with a team.
    """
    if by is None:
        if channel not in ANONYMOUS_CHANNELS or not programme.active or programme.team_id is None:
            raise PermissionDenied
    elif not access.can(by, "request.create", programme):
        raise PermissionDenied
    received_at = received_at or timezone.now()
    if person is None:
        born = (new_person or {}).get("birth_date")
        if born is not None and born > timezone.localtime(received_at).date():
            raise ValidationError(
                {"birth_date": _("The person cannot be born after the request was received.")}
            )
        person = create_person(by=by, **(new_person or {}))
    support_request = SupportRequest.objects.create(
        programme=programme,
        team_id=programme.team_id,
        person=person,
        received_at=received_at,
        channel=channel,
        summary=summary,
        what_is_asked=what_is_asked,
        urgent=urgent,
        facts=clean_facts(facts),
        answer_due=programme.answer_due(received_at),
        created_by=by,
    )
    Requester.objects.bulk_create(_requester(support_request, r) for r in requesters)
    _refresh_outcome(support_request)
    audit.record(
        by,
        "request.recorded",
        person=person,
        target=support_request,
        changes=["programme", "person", "requesters", "facts", "summary"],
    )
    alerts.alert_if_near(support_request)  # a deadline already near is not left to the job
    return support_request


@transaction.atomic
def add_requester(
    support_request: SupportRequest, *, by: User | None, requester: RequesterData
) -> Requester:
    """Add a requester to an open request (a colleague joining it) and evaluate the
    criteria again: a second professional of another organisation may complete them."""
    _require_open(support_request)
    added = _requester(support_request, requester)
    added.save(force_insert=True)
    bump_version(support_request, None)
    getattr(support_request, "_prefetched_objects_cache", {}).pop("requesters", None)
    _refresh_outcome(support_request)
    audit.record(
        by,
        "request.requester_added",
        person=support_request.person_id,
        target=support_request,
        changes=["requesters"],
    )
    return added


def _requester(support_request: SupportRequest, data: RequesterData) -> Requester:
    return Requester(
        support_request=support_request,
        kind=data.kind,
        organisation=data.organisation.strip(),
        sector=data.sector.strip(),
        name=data.name.strip(),
        contact=data.contact.strip(),
    )


def _refresh_outcome(support_request: SupportRequest) -> eligibility.Eligibility:
    result = support_request.evaluate()
    if result.outcome != support_request.eligibility_outcome:
        support_request.eligibility_outcome = result.outcome
        SupportRequest.objects.filter(pk=support_request.pk).update(
            eligibility_outcome=result.outcome
        )
    return result


def _require_open(support_request: SupportRequest) -> None:
    """Refuse to change an answered request; the row is locked for the transaction."""
    status = (
        SupportRequest.objects.select_for_update()
        .filter(pk=support_request.pk)
        .values_list("status", flat=True)
        .first()
    )
    if status != SupportRequest.Status.OPEN:
        raise ValidationError(_("This request has already been answered."), code="already_answered")


@transaction.atomic
def update_facts(
    support_request: SupportRequest,
    *,
    by: User,
    facts: dict[str, Any],
    version: int | None,
    clarified: bool = False,
) -> SupportRequest:
    """Replace the facts gathered at intake and evaluate the criteria again."""
    _require_open(support_request)
    bump_version(support_request, version)
    stated = {k: v for k, v in support_request.facts.items() if k == STATED_AGE}
    support_request.facts = {**stated, **clean_facts(facts)}
    fields = ["facts", "updated_at"]
    if clarified and support_request.clarified_at is None:
        support_request.clarified_at = timezone.now()
        fields.append("clarified_at")
    support_request.save(update_fields=fields)
    _refresh_outcome(support_request)
    audit.record(
        by,
        "request.facts_changed",
        person=support_request.person_id,
        target=support_request,
        changes=sorted(facts),
    )
    return support_request


@transaction.atomic
def override_outcome(
    support_request: SupportRequest,
    *,
    by: User,
    outcome: str,
    justification: str,
    version: int | None,
) -> SupportRequest:
    """Decide the eligibility outcome by hand ("zones grises"), with a written reason."""
    _require_open(support_request)
    if outcome and outcome not in eligibility.OUTCOME_LABELS:
        raise ValidationError({"outcome": _("Unknown outcome.")})
    if outcome and not justification.strip():
        raise ValidationError(
            {"justification": _("Write why the outcome differs from the criteria.")}
        )
    bump_version(support_request, version)
    justification = justification.strip() if outcome else ""
    decided = (support_request.override_outcome, support_request.override_justification)
    if (outcome, justification) != decided:  # the same decision saved again keeps its author
        support_request.override_by = by if outcome else None
        support_request.override_at = timezone.now() if outcome else None
    support_request.override_outcome = outcome
    support_request.override_justification = justification
    support_request.save(
        update_fields=[
            "override_outcome",
            "override_justification",
            "override_by",
            "override_at",
            "updated_at",
        ]
    )
    audit.record(
        by,
        "request.outcome_overridden" if outcome else "request.override_removed",
        person=support_request.person_id,
        target=support_request,
        changes=["override_outcome", "override_justification"],
    )
    return support_request


@transaction.atomic
def record_answer(
    support_request: SupportRequest,
    *,
    by: User,
    kind: str,
    reason: str = "",
    orient_target: str = "",
    case_workers: list[User] | None = None,
    version: int | None = None,
) -> Decision:
    """Record the answer to a request: accept (held by the given workers), refuse or orient.

    Accepting also opens the case: `casefile.actions.answer_request` does both, and is
    the way to answer. Orienting through a referral records its answer here.

    Refusing needs a reason; orienting needs a target and a reason. A request is
    answered once: it leaves the queue only through this function.
    """
    _require_open(support_request)
    errors = {}
    if kind not in Decision.Kind.values:
        errors["decision"] = _("Choose accept, refuse or orient.")
    if kind in (Decision.Kind.REFUSE, Decision.Kind.ORIENT) and not reason.strip():
        errors["reason"] = _("Give the reason for this answer.")
    if kind == Decision.Kind.ORIENT and not orient_target.strip():
        errors["orient_target"] = _("Say where the person is oriented.")
    workers = list(case_workers or [])
    if kind == Decision.Kind.ACCEPT:
        allowed = set(access.case_workers_for(support_request.team_id).values_list("pk", flat=True))
        if not workers:
            errors["case_workers"] = _("Choose at least one case worker.")
        elif any(worker.pk not in allowed for worker in workers):
            errors["case_workers"] = _(
                "Case workers must be case managers or team leads of the programme's team."
            )
    if errors:
        raise ValidationError(errors)
    bump_version(support_request, version)
    decision = Decision.objects.create(
        support_request=support_request,
        kind=kind,
        reason=reason.strip(),
        orient_target=orient_target.strip(),
        decided_by=by,
    )
    support_request.status = SupportRequest.Status.ANSWERED
    support_request.answered_at = decision.decided_at
    support_request.save(update_fields=["status", "answered_at", "updated_at"])
    audit.record(
        by,
        ANSWER_VERBS[kind],
        person=support_request.person_id,
        target=support_request,
        changes=["decision", "reason"] if kind != Decision.Kind.ACCEPT else ["decision"],
    )
    return decision


@transaction.atomic
def assign_request(
    support_request: SupportRequest, *, by: User, worker: User | None, version: int | None = None
) -> SupportRequest:
    """Give an open request to a worker of its team to prepare the answer (None: nobody).

    The worker must hold an active intake, case-manager or team-lead role in the
    request's team. Assigning the same worker again changes nothing.
    """
    _require_open(support_request)
    access.require(by, "request.assign", support_request)
    if (
        worker is not None
        and not access.assignees_for(support_request.team_id).filter(pk=worker.pk).exists()
    ):
        raise ValidationError(
            {"username": _("This user does not work in the team of this request.")},
            code="not_in_team",
        )
    if support_request.assigned_to_id == (worker.pk if worker else None):
        return support_request
    bump_version(support_request, version)
    support_request.assigned_to = worker
    support_request.assigned_at = timezone.now() if worker else None
    support_request.save(update_fields=["assigned_to", "assigned_at", "updated_at"])
    audit.record(
        by,
        "request.assigned",
        person=support_request.person_id,
        target=support_request,
        changes=["assigned_to"],
    )
    url = reverse("intake:detail", kwargs={"request_id": support_request.pk})
    notifications.notify(
        [worker], Notice.REQUEST_ASSIGNED, url=url, request_id=support_request.pk, exclude=by
    )
    return support_request

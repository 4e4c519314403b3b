"""The person's own space: a person (or their legal representative) reads their own file.

A space user holds no team membership, so the rest of the policy already shows them
nothing; these functions are their only door. Their reads are audited ("space.viewed")
and left out of their access log, which lists who else read their file.
"""

from typing import Any

from django.db.models import F, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _

from maillage import audit
from maillage.accounts.models import Membership, Role
from maillage.audit.chain import PERSON_ROLE
from maillage.audit.models import AuditEvent
from maillage.cases.models import Case
from maillage.network.models import Actor
from maillage.people.models import Person
from maillage.ui.paging import Page, paginate

from .policy import CASE_PARTS, User_, _fetch

OWN_VERB = "space.viewed"
# What the person reads in their space (the parts of their case, in their words).
OWN_PARTS = frozenset({"overview", "goals", "plan", "crisis_plan", "network", "consents"})

# Reads of a person's file by others: every "….viewed" event, plus these.
OTHER_READ_VERBS = frozenset({"person.viewed_for_merge", "person.exported"})
# The service a person was oriented to reads the referral through its link, without an
# account: the only read by someone without an account, and it belongs in the log too.
LINK_VERB = "referral.opened_by_link"

# The part read, in plain words, for the access log.
PART_LABELS = {
    "overview": _("the summary of your support"),
    "consents": _("what you agreed to share"),
    "assessments": _("the assessment of your situation"),
    "network": _("your network"),
    "goals": _("your goals"),
    "actions": _("your plan"),
    "plan": _("your plan"),
    "crisis_plan": _("your crisis plan"),
    "journal": _("the journal of your support"),
    "closure": _("the end of your support"),
    "timeline": _("the history of your support"),
    "conferences": _("the meetings about your support"),
    "space": _("your personal space"),
    "orientation": _("your orientations to other services"),
}
VERB_LABELS = {
    "request.viewed": _("your request for support"),
    "person.viewed": _("your identity details"),
    "person.viewed_for_merge": _("your identity details"),
    "person.exported": _("everything held about you (an export)"),
    LINK_VERB: _("what was sent to a service you were oriented to"),
    "conference.viewed": _("the meetings about your support"),
}
assert set(PART_LABELS) == set(CASE_PARTS), "every part needs a plain label"


def own_person(user: User_) -> Person | None:
    """The person whose space this user opens, or None (not a space user, or ended)."""
    if not user.is_authenticated or not user.is_active:
        return None
    account = getattr(user, "space_account", None)
    if account is None or account.ended_at is not None:
        return None
    return account.person  # type: ignore[no-any-return]


def own_cases(user: User_) -> QuerySet[Case]:
    """The cases of the user's own person: open ones first, then the latest."""
    person = own_person(user)
    if person is None:
        return Case.objects.none()
    return (
        Case.objects.filter(person=person)
        .select_related("programme", "team", "person")
        .order_by(F("closed_at").asc(nulls_first=True), "-opened_at")
    )


def get_own_case(http_request: HttpRequest, case_id: Any, *, part: str = "overview") -> Case:
    """The person's own case, or 404; the read is audited as "space.viewed"."""
    if part not in OWN_PARTS:
        raise ValueError(f"Unknown part {part!r}")
    user = http_request.user
    case: Case = _fetch(own_cases(user), case_id)
    audit.record(user, OWN_VERB, person=case.person_id, case=case, target=case, part=part)
    return case


def get_own_person(http_request: HttpRequest, *, part: str) -> Person:
    """The person of this space, or 404; audited ("space.viewed", part "access_log"…)."""
    person = own_person(http_request.user)
    if person is None:
        raise Http404
    audit.record(http_request.user, OWN_VERB, person=person, target=person, part=part)
    return person


def get_space_account(case: Case, account_id: Any) -> Any:
    """A sign-in to the space of the person of a case already reached through the
    access module (to close it), or 404."""
    account = case.person.space_accounts.filter(pk=account_id).first()
    if account is None:
        raise Http404
    return account


def access_log(person: Person) -> QuerySet[AuditEvent]:
    """Who else read this person's file, newest first: reads only (no writes, no lists),
    not the person's own reads, nor the system's."""
    reads = Q(verb__endswith=".viewed") | Q(verb__in=OTHER_READ_VERBS) | Q(verb=LINK_VERB)
    return (
        AuditEvent.objects.filter(reads, person_id=person.pk)
        .exclude(verb=OWN_VERB)
        .exclude(Q(actor_id=None) & ~Q(verb=LINK_VERB))
        .exclude(actor_role=PERSON_ROLE)  # the person's (or representative's) own account
        .order_by("-seq")
    )


def access_log_page(person: Person, params: Any, *, per_page: int = 50) -> Page:
    """One page of the access log, each entry with `who`, `role_labels`,
    `organisations`, `what` and `with_purpose`."""
    page = paginate(access_log(person), params, per_page=per_page)
    describe(page.items, person)
    return page


def describe(events: list[AuditEvent], person: Person) -> None:
    """Give each event words for the log. The audit keeps the roles of the moment; the
    organisation comes from the reader's teams (or, for a partner, their place in the
    network). Two queries for the whole page."""
    role_labels = dict(Role.choices)
    actor_ids = {event.actor_id for event in events}
    organisations: dict[int, set[str]] = {}
    for user_id, name in Membership.objects.filter(user_id__in=actor_ids).values_list(
        "user_id", "team__organisation__name"
    ):
        organisations.setdefault(user_id, set()).add(name)
    missing = actor_ids - set(organisations)
    if missing:
        for user_id, name in Actor.objects.filter(
            user_id__in=missing, case__person_id=person.pk
        ).values_list("user_id", "organisation"):
            if name:
                organisations.setdefault(user_id, set()).add(name)
    services = _referral_services([e.target_id for e in events if e.verb == LINK_VERB])
    for event in events:
        roles = [role for role in event.actor_role.split(",") if role]
        event.who = event.actor_label  # type: ignore[attr-defined]
        event.role_labels = [str(role_labels.get(r, r)) for r in roles]  # type: ignore[attr-defined]
        event.organisations = sorted(organisations.get(event.actor_id, ()))  # type: ignore[attr-defined]
        if event.verb == LINK_VERB:
            event.who = services.get(event.target_id, "")  # type: ignore[attr-defined]
            event.role_labels = [str(_("service receiving an orientation"))]  # type: ignore[attr-defined]
        label = VERB_LABELS.get(event.verb) or PART_LABELS.get(event.part)
        event.what = label or _("your file")  # type: ignore[attr-defined]
        event.with_purpose = bool(event.purpose)  # type: ignore[attr-defined]


def _referral_services(referral_ids: list[str]) -> dict[str, str]:
    """Referral id → the name of the service it was sent to (one query)."""
    if not referral_ids:
        return {}
    from maillage.orientation.models import Referral

    found = Referral.objects.filter(pk__in=referral_ids).values_list("pk", "service_name")
    return {str(pk): name for pk, name in found}

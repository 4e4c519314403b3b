"""The person's own space: a person (or their legal representative) reads their own file.

A space user holds no team membership, so the rest of the policy already shows them
nothing; these functions are their only door. Their reads are audited ("space.viewed")
and left out of their access log, which lists who else read their file.
"""

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import F, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage import audit
from maillage.accounts.models import Membership, Role
from maillage.audit.chain import PERSON_ROLE
from maillage.audit.models import AuditEvent
from maillage.cases.models import Case
from maillage.network.models import Actor
from maillage.people.models import Person

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
# A page of the access log reads at most this many reads per visit shown (one query).
SCAN_PER_VISIT = 20


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


@dataclass
class Visit:
    """The reads of one reader, one after another in the log: one line of the access
    log. `parts` are the parts read, in plain words, in the order they were read."""

    reader: tuple[Any, ...]
    events: list[AuditEvent] = field(default_factory=list)
    who: str = ""
    role_labels: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    @property
    def latest(self) -> AuditEvent:
        return self.events[0]

    @property
    def earliest(self) -> AuditEvent:
        return self.events[-1]

    @property
    def at(self) -> Any:
        return self.earliest.at

    @property
    def until(self) -> Any:
        """The time of the last read, when the visit lasted a minute or more."""
        last = timezone.localtime(self.latest.at)
        same = last.replace(second=0, microsecond=0) == timezone.localtime(self.at).replace(
            second=0, microsecond=0
        )
        return None if same else last

    @property
    def purpose(self) -> str:
        return self.latest.purpose

    @property
    def with_purpose(self) -> bool:
        return bool(self.latest.purpose)

    @property
    def what(self) -> str:
        return ", ".join(self.parts)


@dataclass
class VisitPage:
    """A page of visits, newest first; the next page starts before `next_before` (the
    sequence number of the audit trail), so no page counts the log or skips rows."""

    items: list[Visit]
    has_next: bool
    next_before: int | None
    is_first: bool


def _reader(event: AuditEvent) -> tuple[Any, ...]:
    """Who read: the user, or for a service without an account, its referral."""
    if event.verb == LINK_VERB:
        return ("link", event.target_id)
    return ("user", event.actor_id)


def _same_visit(visit: Visit, event: AuditEvent) -> bool:
    """The next (older) read belongs to the visit: same reader, same day, same stated
    purpose, and no longer after it than a session lasts without activity."""
    earliest = visit.earliest
    return (
        _reader(event) == visit.reader
        and event.purpose == earliest.purpose
        and timezone.localdate(event.at) == timezone.localdate(earliest.at)
        and (earliest.at - event.at).total_seconds() <= settings.SESSION_COOKIE_AGE
    )


def visits_of(events: list[AuditEvent]) -> list[Visit]:
    """Group reads (newest first) into visits: one reader's reads in a row, the same day."""
    visits: list[Visit] = []
    for event in events:
        if visits and _same_visit(visits[-1], event):
            visits[-1].events.append(event)
        else:
            visits.append(Visit(reader=_reader(event), events=[event]))
    return visits


def _before(params: Any) -> int | None:
    raw = str(params.get("before", "") or "")
    return int(raw) if raw.isdigit() and len(raw) < 19 else None


def access_log_page(person: Person, params: Any, *, per_page: int = 50) -> VisitPage:
    """One page of the access log, one line per visit (`visits_of`), each with `who`,
    `role_labels`, `organisations`, `parts` and `purpose`. One query reads at most
    SCAN_PER_VISIT reads per line of the page; three more name the readers."""
    before = _before(params)
    events = access_log(person)
    if before is not None:
        events = events.filter(seq__lt=before)
    scan = per_page * SCAN_PER_VISIT
    found = list(events[:scan])
    visits = visits_of(found)
    complete = len(found) < scan
    if not complete and len(visits) > 1:
        visits.pop()  # it may go on in the reads not read: shown whole on the next page
    shown = visits[:per_page]
    has_next = len(visits) > per_page or not complete
    next_before = shown[-1].earliest.seq if shown and has_next else None
    describe(shown, person)
    return VisitPage(shown, has_next, next_before, before is None)


def describe(visits: list[Visit], person: Person) -> None:
    """Give each visit words for the log. The audit keeps the reader's roles of the
    moment; the organisation is that of the reader's team membership at the time of the
    visit (their current one when none was active then), and for a partner their
    organisation in the person's network. At most three queries for the whole page."""
    role_labels = dict(Role.choices)
    actor_ids = {visit.latest.actor_id for visit in visits if visit.reader[0] == "user"}
    memberships: dict[int, list[tuple[str, Any, Any, str]]] = {}
    for user_id, *membership in Membership.objects.filter(user_id__in=actor_ids).values_list(
        "user_id", "role", "started_at", "ended_at", "team__organisation__name"
    ):
        memberships.setdefault(user_id, []).append(tuple(membership))  # type: ignore[arg-type]
    partners = {visit.latest.actor_id for visit in visits if Role.PARTNER in _roles(visit.latest)}
    in_network: dict[int, set[str]] = {}
    if partners or actor_ids - set(memberships):
        for user_id, name in Actor.objects.filter(
            user_id__in=partners | (actor_ids - set(memberships)), case__person_id=person.pk
        ).values_list("user_id", "organisation"):
            if name:
                in_network.setdefault(user_id, set()).add(name)
    links = [visit.latest.target_id for visit in visits if visit.reader[0] == "link"]
    services = _referral_services(links)
    for visit in visits:
        event = visit.latest
        parts = [_what(e) for e in reversed(visit.events)]
        visit.parts = [str(part) for part in dict.fromkeys(parts)]
        if visit.reader[0] == "link":
            visit.who = services.get(event.target_id, "")
            visit.role_labels = [str(_("service receiving an orientation"))]
            continue
        visit.who = event.actor_label
        visit.role_labels = [str(role_labels.get(r, r)) for r in _roles(event)]
        visit.organisations = _organisations(
            visit, memberships.get(event.actor_id, []), in_network.get(event.actor_id, set())
        )


def _roles(event: AuditEvent) -> list[str]:
    return [role for role in event.actor_role.split(",") if role]


def _what(event: AuditEvent) -> Any:
    return VERB_LABELS.get(event.verb) or PART_LABELS.get(event.part) or _("your file")


def _organisations(
    visit: Visit, memberships: list[tuple[str, Any, Any, str]], in_network: set[str]
) -> list[str]:
    """The reader's own organisation: a partner's in the person's network; else that of
    their memberships in force at the time of the visit (with the roles then recorded),
    else of their current ones."""
    roles = set(_roles(visit.latest))
    if in_network and (not roles or roles <= {Role.PARTNER}):
        return sorted(in_network)
    at = visit.at
    working = [m for m in memberships if m[0] != Role.PARTNER]
    then = {
        name
        for role, started, ended, name in working
        if started <= at and (ended is None or ended > at) and (not roles or role in roles)
    }
    if then:
        return sorted(then)
    current = {name for _role, _started, ended, name in working if ended is None}
    return sorted(current or in_network)


def _referral_services(referral_ids: list[str]) -> dict[str, str]:
    """Referral id → the name of the service it was sent to (one query)."""
    if not referral_ids:
        return {}
    from maillage.orientation.models import Referral

    found = Referral.objects.filter(pk__in=referral_ids).values_list("pk", "service_name")
    return {str(pk): name for pk, name in found}

"""Rules of the access policy: plain functions, one condition per line."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta
from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from maillage import audit
from maillage.accounts.models import Membership, Role, User
from maillage.audit.models import AuditEvent
from maillage.cases.models import Case, CaseWorker
from maillage.conferences.models import Conference
from maillage.intake.models import SupportRequest
from maillage.people.models import Person
from maillage.people.names import name_key
from maillage.programmes.models import Programme

# Team roles that work on the team's requests (intake queue, answers).
REQUEST_ROLES = frozenset({Role.INTAKE, Role.CASE_MANAGER, Role.TEAM_LEAD})
# Team roles that see the team's cases.
CASE_ROLES = frozenset({Role.CASE_MANAGER, Role.TEAM_LEAD, Role.CONFERENCE_ORGANISER})
# Team roles that may change any case of the team (workers change their own cases).
CASE_CHANGE_ROLES = frozenset({Role.TEAM_LEAD})
# Who gives an open request to a worker of the team, and who may receive it.
ASSIGN_ROLES = frozenset({Role.TEAM_LEAD, Role.INTAKE})
ASSIGNEE_ROLES = frozenset({Role.CASE_MANAGER, Role.INTAKE, Role.TEAM_LEAD})
# Team roles that may hold a case as a worker.
WORKER_ROLES = frozenset({Role.CASE_MANAGER, Role.TEAM_LEAD})

ACTIONS = frozenset(
    {
        "request.create",  # obj: Programme
        "request.view",
        "request.change",  # facts, override, answer
        "request.assign",  # give an open request to a worker of its team (team lead, intake)
        "case.view",
        "case.change",
        "case.follow_up",  # the later check that the network held, on a closed case
        "conference.manage",  # obj: Case — schedule, invite, hold and minute conferences
        "person.view",
        "person.merge",  # obj: None
        "configuration.manage",  # obj: None
        "statistics.view",  # obj: None (anonymous aggregates)
    }
)

User_ = User | AnonymousUser


def roles_of(user: User_) -> set[str]:
    """The user's active roles in any team (cached on the user for one request)."""
    return {role for role, _team in _memberships(user)}


def _memberships(user: User_) -> set[tuple[str, int]]:
    if not user.is_authenticated or not user.is_active:
        return set()
    cached = getattr(user, "_access_memberships", None)
    if cached is None:
        cached = set(Membership.objects.active().filter(user=user).values_list("role", "team_id"))
        user._access_memberships = cached  # type: ignore[union-attr]
        # The audit trail names the same active roles (audit.chain._roles_of): one query.
        user._audit_roles = ",".join(sorted({role for role, _team in cached}))  # type: ignore[union-attr]
    return cached


def _teams(user: User_, roles: frozenset[str]) -> set[int]:
    return {team for role, team in _memberships(user) if role in roles}


_REMEMBERED: ContextVar[dict[Any, Any] | None] = ContextVar("access_remembered", default=None)


@contextmanager
def remembered() -> Iterator[None]:
    """Within this block, which only reads, the lists behind the `*_visible_to` querysets
    are read once (a page that composes many lists, such as My day, asks for them often).
    A block inside another shares the outer one's memory."""
    if _REMEMBERED.get() is not None:
        yield
        return
    token = _REMEMBERED.set({})
    try:
        yield
    finally:
        _REMEMBERED.reset(token)


def _held_elsewhere(user: User_, teams: set[int], field: str) -> list[Any]:
    """Ids (`field` of Case) of cases the user holds outside these teams: usually none.

    Keeping this list apart, instead of an OR with a subquery, lets the database use
    the team indexes for the lists, whatever their size.
    """
    memory = _REMEMBERED.get()
    key = (user.pk, frozenset(teams), field)
    if memory is not None and key in memory:
        return list(memory[key])
    held = list(
        CaseWorker.objects.filter(user_id=user.pk, ended_at__isnull=True)
        .exclude(team_id__in=teams)
        .order_by()
        .values_list(f"case__{field}", flat=True)
    )
    if memory is not None:
        memory[key] = tuple(held)
    return held


def _visible(teams: set[int], held: list[Any]) -> Q:
    visible = Q(team_id__in=teams)
    if held:
        visible |= Q(pk__in=held)
    return visible


# Which objects a user may list.


def requests_visible_to(user: User_) -> QuerySet[SupportRequest]:
    if not _memberships(user):
        return SupportRequest.objects.none()
    teams = _teams(user, REQUEST_ROLES)
    held = [pk for pk in _held_elsewhere(user, teams, "support_request_id") if pk]
    return SupportRequest.objects.filter(_visible(teams, held))


def cases_visible_to(user: User_) -> QuerySet[Case]:
    if not _memberships(user):
        return Case.objects.none()
    teams = _teams(user, CASE_ROLES)
    held = _held_elsewhere(user, teams, "id") + list(_glass_grants(user))
    return Case.objects.filter(_visible(teams, held))


def persons_visible_to(user: User_) -> QuerySet[Person]:
    if not _memberships(user):
        return Person.objects.none()
    # Correlated EXISTS, served by the person indexes of requests and cases, rather
    # than "among everything the user may see", which the database would build first.
    return Person.objects.current().filter(
        Exists(requests_visible_to(user).filter(person_id=OuterRef("pk")))
        | Exists(cases_visible_to(user).filter(person_id=OuterRef("pk")))
    )


def persons_mergeable_by(user: User_) -> QuerySet[Person]:
    """Identity records an administrator may merge; nobody else sees this list."""
    if not can(user, "person.merge"):
        return Person.objects.none()
    return Person.objects.current()


def programmes_open_to(user: User_) -> QuerySet[Programme]:
    """Programmes the user may record requests for."""
    return Programme.objects.active().filter(team_id__in=_teams(user, REQUEST_ROLES))


def case_workers_for(team_id: int) -> QuerySet[User]:
    """Users who may hold a case of this team."""
    return User.objects.filter(
        is_active=True,
        memberships__team_id=team_id,
        memberships__role__in=WORKER_ROLES,
        memberships__ended_at__isnull=True,
    ).distinct()


def assignees_for(team_id: int) -> QuerySet[User]:
    """Users an open request of this team may be given to (intake, case manager, lead)."""
    return User.objects.filter(
        is_active=True,
        memberships__team_id=team_id,
        memberships__role__in=ASSIGNEE_ROLES,
        memberships__ended_at__isnull=True,
    ).distinct()


# May this user do this action on this object?


def can(user: User_, action: str, obj: Any = None) -> bool:
    if action not in ACTIONS:
        raise ValueError(f"Unknown action {action!r}")
    if not user.is_authenticated or not user.is_active:
        return False
    rule = _RULES[action]
    return bool(rule(user, obj))


def require(user: User_, action: str, obj: Any = None) -> None:
    """Raise PermissionDenied unless `can(user, action, obj)`."""
    if not can(user, action, obj):
        raise PermissionDenied


def _may_create_request(user: User_, programme: Programme) -> bool:
    return programmes_open_to(user).filter(pk=programme.pk).exists()


def _may_view_request(user: User_, support_request: SupportRequest) -> bool:
    if support_request.team_id in _teams(user, REQUEST_ROLES):
        return True
    return _holds_case_of(user, support_request)


def _may_change_request(user: User_, support_request: SupportRequest) -> bool:
    return support_request.team_id in _teams(user, REQUEST_ROLES)


def _may_assign_request(user: User_, support_request: SupportRequest) -> bool:
    if not support_request.is_open:
        return False
    return support_request.team_id in _teams(user, ASSIGN_ROLES)


def _holds_case_of(user: User_, support_request: SupportRequest) -> bool:
    return CaseWorker.objects.filter(
        user_id=user.pk, ended_at__isnull=True, case__support_request=support_request
    ).exists()


def _holds(user: User_, case: Case) -> bool:
    return case.workers.filter(user_id=user.pk, ended_at__isnull=True).exists()


def _may_view_case(user: User_, case: Case) -> bool:
    if _sees_without_purpose(user, case):
        return True
    return case.pk in _glass_grants(user)


def _sees_without_purpose(user: User_, case: Case) -> bool:
    """The case is in the user's own caseload: their team's, or held by them."""
    if case.team_id in _teams(user, CASE_ROLES):
        return True
    return _holds(user, case)


def _may_change_case(user: User_, case: Case) -> bool:
    if case.phase == Case.Phase.CLOSED:
        return False
    if case.team_id in _teams(user, CASE_CHANGE_ROLES):
        return True
    return _holds(user, case)


def _may_follow_up(user: User_, case: Case) -> bool:
    """Only the later check that the network held remains open on a closed case."""
    if case.phase != Case.Phase.CLOSED:
        return False
    if case.team_id in _teams(user, CASE_CHANGE_ROLES):
        return True
    return _holds(user, case)


def _may_manage_conferences(user: User_, case: Case) -> bool:
    """Workers and the team lead, and the team's conference organisers."""
    if case.phase == Case.Phase.CLOSED:
        return False
    if case.team_id in _teams(user, CASE_CHANGE_ROLES | {Role.CONFERENCE_ORGANISER}):
        return True
    return _holds(user, case)


def _may_view_person(user: User_, person: Person) -> bool:
    return persons_visible_to(user).filter(pk=person.pk).exists()


def _is_administrator(user: User_, _obj: Any = None) -> bool:
    return Role.ADMINISTRATOR in roles_of(user)


def _is_analyst_or_lead(user: User_, _obj: Any = None) -> bool:
    return bool(roles_of(user) & {Role.ANALYST, Role.TEAM_LEAD, Role.ADMINISTRATOR})


_RULES = {
    "request.create": _may_create_request,
    "request.view": _may_view_request,
    "request.change": _may_change_request,
    "request.assign": _may_assign_request,
    "case.view": _may_view_case,
    "case.change": _may_change_case,
    "case.follow_up": _may_follow_up,
    "conference.manage": _may_manage_conferences,
    "person.view": _may_view_person,
    "person.merge": _is_administrator,
    "configuration.manage": _is_administrator,
    "statistics.view": _is_analyst_or_lead,
}


def record_listing(user: User_, verb: str) -> None:
    """Audit that a list of persons' requests or cases was shown ("request.listed"),
    or a worker's day ("agenda.listed": their due requests, actions, cases, conferences),
    or the public submissions set aside as spam ("public.set_aside_listed")."""
    if verb not in {"request.listed", "case.listed", "agenda.listed", "public.set_aside_listed"}:
        raise ValueError(f"Unknown listing {verb!r}")
    audit.record(user, verb)


# One object, or 404 / 403; reads are audited here.


def _fetch(queryset: QuerySet[Any], object_id: Any) -> Any:
    try:
        UUID(str(object_id))
    except ValueError:
        raise Http404 from None
    obj = queryset.filter(pk=object_id).first()
    if obj is None:
        raise Http404
    return obj


def conferences_visible_to(user: User_) -> QuerySet[Conference]:
    """Conferences of the cases the user may see."""
    if not _memberships(user):
        return Conference.objects.none()
    return Conference.objects.filter(Exists(cases_visible_to(user).filter(pk=OuterRef("case_id"))))


def get_conference(
    http_request: HttpRequest, conference_id: Any, *, to_change: bool = False
) -> Conference:
    """A conference, or 404 when its case is not visible; 403 when the user may not
    manage the case's conferences. Reads are audited as a read of the case."""
    user = http_request.user
    queryset = conferences_visible_to(user).select_related(
        "case", "case__person", "case__programme", "case__team"
    )
    conference: Conference = _fetch(queryset, conference_id)
    if to_change and not can(user, "conference.manage", conference.case):
        raise PermissionDenied
    if not to_change:
        audit.record(
            user,
            "conference.viewed",
            person=conference.case.person_id,
            case=conference.case_id,
            target=conference,
            part="conferences",
            purpose=_read_purpose(user, conference.case),
        )
    return conference


def get_child(queryset: QuerySet[Any], object_id: Any) -> Any:
    """A record of a case reached through it (`case.journal`…), or 404 — also for a
    malformed id, so that a bad URL never becomes a server error."""
    return _fetch(queryset, object_id)


def get_request(
    http_request: HttpRequest, request_id: Any, *, to_change: bool = False
) -> SupportRequest:
    user = http_request.user
    queryset = requests_visible_to(user).select_related("programme", "person", "team")
    support_request: SupportRequest = _fetch(queryset, request_id)
    if to_change and not can(user, "request.change", support_request):
        raise PermissionDenied
    if not to_change:
        audit.record(
            user, "request.viewed", person=support_request.person_id, target=support_request
        )
    return support_request


CASE_PARTS = frozenset(
    {
        "overview",
        "consents",
        "assessments",
        "network",
        "goals",
        "actions",
        "plan",
        "crisis_plan",
        "journal",
        "closure",
        "timeline",
        "conferences",
        "space",  # the person's own space, as the case manager manages or prints it
        "orientation",  # referrals to directory services and unmet needs
    }
)


def get_case(
    http_request: HttpRequest,
    case_id: Any,
    *,
    to_change: bool = False,
    part: str = "overview",
    action: str = "case.change",
) -> Case:
    """The case, or 404/403. `part` names what is read, for the person's access log;
    `action` is what a change needs ("case.change", or "case.follow_up" once closed)."""
    if part not in CASE_PARTS:
        raise ValueError(f"Unknown part {part!r}")
    user = http_request.user
    queryset = cases_visible_to(user).select_related("programme", "person", "team__organisation")
    case: Case = _fetch(queryset, case_id)
    if to_change and not can(user, action, case):
        raise PermissionDenied
    if not to_change:
        audit.record(
            user,
            "case.viewed",
            person=case.person_id,
            case=case,
            target=case,
            part=part,
            purpose=_read_purpose(user, case),
        )
    return case


def find_persons_to_merge(http_request: HttpRequest, query: str) -> list[Person]:
    """Identity records matching every word of `query`, with their counts; audited."""
    persons = persons_mergeable_by(http_request.user)
    for word in name_key(query).split()[:3]:
        persons = persons.filter(Q(family_key__contains=word) | Q(given_key__contains=word))
    found = list(
        persons.annotate(
            request_count=Count("requests", distinct=True), case_count=Count("cases", distinct=True)
        ).order_by("family_key", "given_key")[:50]
    )
    audit.record(http_request.user, "person.searched_for_merge", changes=["identity"])
    return found


def get_person_to_merge(http_request: HttpRequest, person_id: Any) -> Person:
    person: Person = _fetch(persons_mergeable_by(http_request.user), person_id)
    audit.record(http_request.user, "person.viewed_for_merge", person=person, target=person)
    return person


def get_person(http_request: HttpRequest, person_id: Any) -> Person:
    user = http_request.user
    person: Person = _fetch(persons_visible_to(user), person_id)
    purpose = ""
    grants = _glass_grants(user)
    if grants:
        glass_only = Case.objects.filter(pk__in=grants, person=person).first()
        if glass_only is not None:
            purpose = _read_purpose(user, glass_only)
    audit.record(user, "person.viewed", person=person, target=person, purpose=purpose)
    return person


# Break the glass: a team lead opens a case outside their own caseload, read-only, for
# a limited time, after stating a purpose. The grant is the audit event itself.

GLASS_VERB = "case.opened_with_purpose"
GLASS_PURPOSE_MIN_LENGTH = 20


def _glass_since() -> Any:
    return timezone.now() - timedelta(hours=settings.BREAK_GLASS_HOURS)


def _glass_grants(user: User_) -> dict[Any, str]:
    """Case id → stated purpose, for the user's recent "opened with a purpose" events
    (team leads only; cached on the user for one request). Usually empty."""
    if not _teams(user, CASE_CHANGE_ROLES):
        return {}
    cached = getattr(user, "_access_glass", None)
    if cached is None:
        events = (
            AuditEvent.objects.filter(actor_id=user.pk, at__gte=_glass_since(), verb=GLASS_VERB)
            .exclude(case_id=None)
            .order_by("seq")
            .values_list("case_id", "purpose")
        )
        cached = dict(events)
        user._access_glass = cached  # type: ignore[union-attr]
    return cached


def _read_purpose(user: User_, case: Case) -> str:
    """The stated purpose when the user reads this case only through a grant, else ""."""
    grants = _glass_grants(user)
    if case.pk not in grants or _sees_without_purpose(user, case):
        return ""
    return grants[case.pk]


def may_break_glass(user: User_) -> bool:
    """Team leads may open a case outside their caseload with a stated purpose."""
    return user.is_authenticated and bool(_teams(user, CASE_CHANGE_ROLES))


def glass_candidate(user: User_, case_id: Any) -> Case | None:
    """The case a team lead may open with a purpose: any case outside their own
    caseload (another team, another organisation: an emergency does not stop at an
    organisation's door; the stated purpose, the time limit, read-only access and the
    flag shown to the person and their case manager are the safeguards). None otherwise
    (not found and not allowed look the same)."""
    if not may_break_glass(user):
        return None
    case = _case_by_id(case_id)
    if case is None or _sees_without_purpose(user, case):
        return None
    return case


def sees_without_purpose(user: User_, case_id: Any) -> bool:
    """The case is already in the user's caseload: no purpose needed to open it."""
    case = _case_by_id(case_id)
    return case is not None and _sees_without_purpose(user, case)


def _case_by_id(case_id: Any) -> Case | None:
    """Any case by its id (None also for a malformed id): for the rules above only."""
    try:
        UUID(str(case_id))
    except ValueError:
        return None
    return Case.objects.filter(pk=case_id).first()


def open_with_purpose(http_request: HttpRequest, case_id: Any, purpose: str) -> Case:
    """Record the grant ("case.opened_with_purpose", with the purpose): from now on and
    for MAILLAGE_BREAK_GLASS_HOURS the lead reads the case, read-only; 404 otherwise."""
    user = http_request.user
    purpose = " ".join(purpose.split())
    if len(purpose) < GLASS_PURPOSE_MIN_LENGTH:
        raise ValueError("A purpose is required.")
    case = glass_candidate(user, case_id)
    if case is None:
        raise Http404
    audit.record(user, GLASS_VERB, person=case.person_id, case=case, target=case, purpose=purpose)
    if hasattr(user, "_access_glass"):
        del user._access_glass  # type: ignore[union-attr]
    return case


def purpose_reads(case: Case, limit: int = 10) -> list[AuditEvent]:
    """The latest reads of this case made with a stated purpose (break the glass)."""
    return list(
        AuditEvent.objects.filter(case_id=case.pk)
        .exclude(purpose="")
        .exclude(verb=GLASS_VERB)
        .order_by("-seq")[:limit]
    )

"""Partner professionals: the one rule for what a partner may read and change.

A user is a partner of a case while

- a *formal* actor of that case's network is linked to them (`Actor.user`),
- that actor is current (started, not ended: `Actor.is_current()`),
- the case is not closed (the accompaniment, and with it the shared work, has ended),
- and the consent in force shares at least one information category with that actor.

What they may read is `shared_categories(consent_in_force(case), actor)`, recomputed on
every request and never cached across requests: ending the actor's membership,
withdrawing consent or narrowing its scope changes the very next page or API answer.
Every partner page and endpoint reads through the functions below, which audit the read
(`case.viewed`, with the part read). Worker pages and endpoints stay closed to partners.
"""

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage import audit
from maillage.accounts.models import Role
from maillage.assessments import queries as assessment_queries
from maillage.assessments.models import Assessment, DomainAssessment
from maillage.cases.models import Case, JournalEntry
from maillage.categories import Category
from maillage.conferences.models import Conference, Invitation
from maillage.consent.rules import consent_in_force, shared_categories
from maillage.network.models import Actor
from maillage.plans import queries as plan_queries
from maillage.plans.models import Action, CrisisPlan, Goal

# Parts of a case a partner reads, for the person's access log.
PARTNER_PARTS = frozenset(
    {"overview", "journal", "assessments", "goals", "actions", "crisis_plan", "conferences"}
)


@dataclass
class PartnerScope:
    """One case a user is a partner of, and the categories they may read there."""

    case: Case
    actors: list[Actor]
    categories: frozenset[str]

    def reads(self, category: str) -> bool:
        return category in self.categories

    @property
    def actor_ids(self) -> set[Any]:
        return {actor.pk for actor in self.actors}

    @property
    def label(self) -> str:
        """The person's name where identity is shared, otherwise a neutral reference."""
        if self.reads(Category.IDENTITY):
            return str(self.case.person)
        return neutral_label(self.case)


def neutral_label(case: Case) -> str:
    return _("Person supported — ref. %(ref)s") % {"ref": str(case.pk)[:8].upper()}


def is_partner(user: Any) -> bool:
    """Holds the partner role or is linked to a formal actor of some network (for TOTP)."""
    if not getattr(user, "is_authenticated", False):
        return False
    from .policy import roles_of

    if Role.PARTNER in roles_of(user):
        return True
    cached = getattr(user, "_access_is_partner", None)  # for one request, like the roles
    if cached is None:
        cached = Actor.objects.filter(user_id=user.pk, kind=Actor.Kind.FORMAL).exists()
        user._access_is_partner = cached
    return cached


def _partner_actors(user: Any) -> QuerySet[Actor]:
    today = timezone.localdate()
    return (
        Actor.objects.current(today)
        .filter(user_id=user.pk, kind=Actor.Kind.FORMAL)
        .exclude(case__phase=Case.Phase.CLOSED)
        .select_related("case", "case__person", "case__programme", "case__team")
        .order_by("case__opened_at", "case_id", "name")
    )


def _scopes(user: Any, case_id: Any = None) -> list[PartnerScope]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    actors = _partner_actors(user)
    if case_id is not None:
        actors = actors.filter(case_id=case_id)
    by_case: dict[Any, PartnerScope] = {}
    consents: dict[Any, Any] = {}
    for actor in actors:
        case = actor.case
        if case.pk not in consents:
            consents[case.pk] = consent_in_force(case)
        categories = shared_categories(consents[case.pk], actor)
        if not categories:
            continue
        scope = by_case.get(case.pk)
        if scope is None:
            by_case[case.pk] = PartnerScope(case, [actor], frozenset(categories))
        else:
            scope.actors.append(actor)
            scope.categories = scope.categories | frozenset(categories)
    return list(by_case.values())


def partner_cases(http_request: HttpRequest) -> list[PartnerScope]:
    """The cases the signed-in user is a partner of, each with its scope; audited."""
    scopes = _scopes(http_request.user)
    if scopes:
        audit.record(http_request.user, "case.listed", part="partner")
    return scopes


def get_partner_case(
    http_request: HttpRequest,
    case_id: Any,
    *,
    parts: tuple[str, ...] = ("overview",),
    to_change: bool = False,
) -> PartnerScope:
    """The user's scope on this case, or 404 (not a partner of it, or nothing shared).

    Reads are audited once per part read, so that the person's access log says what a
    partner read; `to_change` audits nothing (the write will).
    """
    unknown = set(parts) - PARTNER_PARTS
    if unknown:
        raise ValueError(f"Unknown parts {sorted(unknown)!r}")
    if not _is_uuid(case_id):
        raise Http404
    scopes = _scopes(http_request.user, case_id)
    if not scopes:
        raise Http404
    scope = scopes[0]
    if not to_change:
        with transaction.atomic():  # one commit for all the parts read
            for part in parts:
                audit.record(
                    http_request.user,
                    "case.viewed",
                    person=scope.case.person_id,
                    case=scope.case,
                    target=scope.case,
                    part=part,
                )
    return scope


def _is_uuid(value: Any) -> bool:
    try:
        UUID(str(value))
    except ValueError:
        return False
    return True


# What a scope lets the partner read: every list filtered by category, here only.


def journal(scope: PartnerScope) -> QuerySet[JournalEntry]:
    return (
        scope.case.journal.filter(category__in=scope.categories)
        .select_related("author")
        .order_by("-occurred_at")
    )


def latest_assessment(scope: PartnerScope) -> tuple[Assessment | None, list[DomainAssessment]]:
    """The latest assessment's domains the partner may read (its summary is not
    categorised, so it is never shown to partners)."""
    assessment = assessment_queries.latest(scope.case)
    if assessment is None:
        return None, []
    rows = assessment_queries.in_domain_order(assessment.domains.all())
    domains = [d for d in rows if scope.reads(d.category)]
    if not domains:
        return None, []
    return assessment, domains


def goals(scope: PartnerScope) -> QuerySet[Goal]:
    return scope.case.goals.filter(category__in=scope.categories).order_by("priority", "created_at")


def actions(scope: PartnerScope) -> QuerySet[Action]:
    return plan_queries.actions_of(scope.case).filter(category__in=scope.categories)


def owns(scope: PartnerScope, action: Action) -> bool:
    """A partner updates the actions they own, among those they may read."""
    return action.owner_id in scope.actor_ids and scope.reads(action.category)


def get_action(http_request: HttpRequest, action_id: Any) -> tuple[PartnerScope, Action]:
    """An action the signed-in partner owns and may read, for an update; else 404."""
    if not _is_uuid(action_id):
        raise Http404
    owner = _partner_actors(http_request.user).filter(owned_actions__pk=action_id).first()
    if owner is None:
        raise Http404
    scope = get_partner_case(http_request, owner.case_id, to_change=True)
    action = actions(scope).filter(pk=action_id).first()
    if action is None:
        raise Http404
    if not owns(scope, action):
        raise PermissionDenied
    return scope, action


def crisis_plan(scope: PartnerScope) -> CrisisPlan | None:
    if not scope.reads(Category.CRISIS_PLAN):
        return None
    return plan_queries.current_crisis_plan(scope.case)


def network(scope: PartnerScope) -> list[Actor]:
    """The professionals of the network (workers and formal actors), with "plan" only:
    informal actors are the person's relations and are never shown to partners."""
    if not scope.reads(Category.PLAN):
        return []
    return list(
        Actor.objects.current()
        .filter(case=scope.case, kind__in=[Actor.Kind.WORKER, Actor.Kind.FORMAL])
        .order_by("kind", "name")
    )


def minutes_invitations(scope: PartnerScope) -> QuerySet[Invitation]:
    """The partner's invitations to held conferences: the minutes addressed to them."""
    return (
        Invitation.objects.filter(
            actor_id__in=scope.actor_ids,
            conference__case=scope.case,
            conference__status=Conference.Status.HELD,
        )
        .select_related("conference", "actor")
        .order_by("-conference__starts_at")
    )


# Parts of the case a partner's page and API read at once.
SHARED_CASE_PARTS = ("overview", "journal", "assessments", "goals", "actions", "crisis_plan")


@dataclass
class SharedCase:
    """What a partner may see of one case, each list already filtered by the consent."""

    scope: PartnerScope
    journal: list[JournalEntry]
    assessment: Assessment | None
    domains: list[DomainAssessment]
    goals: list[Goal]
    actions: list[tuple[Action, bool]]  # each action, and whether the partner owns it
    crisis_plan: CrisisPlan | None
    network: list[Actor]
    invitations: list[Invitation]

    @property
    def readable_goal_ids(self) -> set[Any]:
        return {goal.pk for goal in self.goals}


def get_shared_case(http_request: HttpRequest, case_id: Any, *, journal_limit: int) -> SharedCase:
    """Everything the signed-in partner may read of this case (the latest
    `journal_limit` journal entries), for their page and their API; else 404."""
    scope = get_partner_case(http_request, case_id, parts=SHARED_CASE_PARTS)
    assessment, domains = latest_assessment(scope)
    return SharedCase(
        scope=scope,
        journal=list(journal(scope)[:journal_limit]),
        assessment=assessment,
        domains=domains,
        goals=list(goals(scope)),
        actions=[(action, owns(scope, action)) for action in actions(scope)],
        crisis_plan=crisis_plan(scope),
        network=network(scope),
        invitations=list(minutes_invitations(scope)),
    )


def get_minutes(http_request: HttpRequest, conference_id: Any) -> tuple[PartnerScope, Invitation]:
    """The signed-in partner's invitation to a held conference, for its minutes; else 404."""
    if not _is_uuid(conference_id):
        raise Http404
    conference = Conference.objects.filter(pk=conference_id).only("case_id").first()
    if conference is None:
        raise Http404
    scope = get_partner_case(http_request, conference.case_id, to_change=True)
    invitation = minutes_invitations(scope).filter(conference_id=conference_id).first()
    if invitation is None:
        raise Http404
    audit.record(
        http_request.user,
        "conference.viewed",
        person=scope.case.person_id,
        case=scope.case,
        target=invitation.conference,
        part="conferences",
    )
    return scope, invitation


def owned_actions_due(user: Any, until: Any, limit: int) -> list[tuple[PartnerScope, Action]]:
    """The pending actions the partner owns, due on or before `until` (overdue included),
    among those the consent in force lets them read; soonest first. One query for the
    scopes' actors, the consent per case (as every partner page), then one for the actions."""
    scopes = _scopes(user)
    if not scopes:
        return []
    by_case = {scope.case.pk: scope for scope in scopes}
    mine = Q()
    for scope in scopes:
        mine |= Q(
            case_id=scope.case.pk,
            owner_id__in=scope.actor_ids,
            category__in=scope.categories,
        )
    actions = (
        Action.objects.filter(mine, status__in=Action.PENDING, due_on__lte=until)
        .select_related("owner")
        .order_by("due_on", "created_at")[:limit]
    )
    return [(by_case[action.case_id], action) for action in actions]

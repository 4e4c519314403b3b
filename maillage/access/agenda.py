"""What a worker's day reads (maillage/agenda): the querysets behind "My day".

Each function narrows what the user may already list (`cases_visible_to`,
`requests_visible_to`, `conferences_visible_to`, `referrals_visible_to`) to what is
theirs to act on; none adds anything. The caller bounds each query (a cap per kind) and
audits the listing once (`record_listing(user, "agenda.listed")`).
"""

from datetime import datetime
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from maillage.accounts.models import Role, User
from maillage.audit.models import AuditEvent
from maillage.cases.models import Case, CaseWorker
from maillage.intake.models import SupportRequest
from maillage.orientation.models import Referral
from maillage.plans.models import Action
from maillage.space.models import ConsentWish

from .orientation import referrals_visible_to
from .policy import (
    CASE_ROLES,
    WORKER_ROLES,
    User_,
    _teams,
    cases_visible_to,
    requests_visible_to,
)


def teams_with_role(user: User_, *roles: str) -> set[int]:
    """The teams where the user holds one of these roles (active memberships)."""
    return _teams(user, frozenset(roles))


def held_cases(user: User_) -> QuerySet[Case]:
    """The open cases the user holds as a worker (among those they may see)."""
    if not user.is_authenticated:
        return Case.objects.none()
    held = CaseWorker.objects.filter(user_id=user.pk, ended_at__isnull=True).values("case_id")
    return cases_visible_to(user).open().filter(pk__in=held)


def team_cases(user: User_, *roles: str) -> QuerySet[Case]:
    """The open cases of the teams where the user holds one of these roles."""
    teams = teams_with_role(user, *roles) & _teams(user, CASE_ROLES)
    if not teams:
        return Case.objects.none()
    return cases_visible_to(user).open().filter(team_id__in=teams)


def open_requests(user: User_) -> QuerySet[SupportRequest]:
    """The open requests the user may see."""
    return requests_visible_to(user).open()


def actions_visible_to(user: User_) -> QuerySet[Action]:
    """Plan actions of the cases the user may see."""
    return Action.objects.filter(Exists(cases_visible_to(user).filter(pk=OuterRef("case_id"))))


def consent_wishes_visible_to(user: User_) -> QuerySet[ConsentWish]:
    """The person's consent wishes, in the cases the user may see."""
    return ConsentWish.objects.filter(Exists(cases_visible_to(user).filter(pk=OuterRef("case_id"))))


def referrals_of_held_cases(user: User_) -> QuerySet[Referral]:
    """Referrals of the cases the user holds, and those they sent before any case."""
    return referrals_visible_to(user).filter(
        Q(case__in=held_cases(user).values("pk")) | Q(case__isnull=True, created_by_id=user.pk)
    )


def partner_updated_actions(user: User_, since: datetime, limit: int) -> list[tuple[Action, Any]]:
    """Actions of the cases the user holds that their partner owner changed since
    `since`, with the time of the latest change, newest first (two queries: the audit
    trail of those cases, then the actions)."""
    cases = held_cases(user)
    events = (
        AuditEvent.objects.filter(
            verb="action.changed", at__gte=since, case_id__in=cases.values("pk")
        )
        .exclude(actor_id=None)
        .order_by("-at")
        .values_list("target_id", "actor_id", "at")[: limit * 4]
    )
    latest: dict[str, tuple[int, Any]] = {}
    for target_id, actor_id, at in events:
        latest.setdefault(target_id, (actor_id, at))
    if not latest:
        return []
    actions = (
        actions_visible_to(user)
        .filter(pk__in=list(latest), case__in=cases.values("pk"), owner__user__isnull=False)
        .select_related("case", "case__person", "owner")
    )
    found = [
        (action, latest[str(action.pk)][1])
        for action in actions
        if action.owner.user_id == latest[str(action.pk)][0]
    ]
    found.sort(key=lambda pair: pair[1], reverse=True)
    return found[:limit]


def team_workers(user: User_) -> QuerySet[User]:
    """The workers of the teams the user leads (case managers, leads, intake)."""
    teams = teams_with_role(user, Role.TEAM_LEAD)
    if not teams:
        return User.objects.none()
    return (
        User.objects.filter(
            is_active=True,
            memberships__team_id__in=teams,
            memberships__role__in=WORKER_ROLES | {Role.INTAKE},
            memberships__ended_at__isnull=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def team_workload(user: User_, *, today: Any, review_until: Any) -> dict[int, dict[str, int]]:
    """For each worker of the teams the user leads: counts of open cases held, overdue
    actions and reviews due in those cases, and open requests assigned to them — only
    among the cases and requests the lead may see. Three grouped queries."""
    teams = teams_with_role(user, Role.TEAM_LEAD)
    if not teams:
        return {}
    cases = cases_visible_to(user).open().filter(team_id__in=teams)
    workers = CaseWorker.objects.filter(ended_at__isnull=True, case__in=cases.values("pk"))
    counts: dict[int, dict[str, int]] = {}

    def add(rows: Any, key: str) -> None:
        for worker_id, number in rows:
            counts.setdefault(worker_id, {})[key] = number

    for worker_id, open_cases, reviews_due in (
        workers.order_by()
        .values("user_id")
        .annotate(
            open_cases=Count("case_id"),
            reviews_due=Count("case_id", filter=Q(case__next_review__lte=review_until)),
        )
        .values_list("user_id", "open_cases", "reviews_due")
    ):
        counts.setdefault(worker_id, {}).update(open_cases=open_cases, reviews_due=reviews_due)
    overdue = Action.objects.filter(
        status__in=Action.PENDING, due_on__lt=today, case__in=cases.values("pk")
    )
    add(
        CaseWorker.objects.filter(ended_at__isnull=True, case__actions__in=overdue.values("pk"))
        .order_by()
        .values("user_id")
        .annotate(n=Count("case__actions"))
        .values_list("user_id", "n"),
        "overdue_actions",
    )
    add(
        requests_visible_to(user)
        .open()
        .filter(team_id__in=teams, assigned_to__isnull=False)
        .order_by()
        .values("assigned_to_id")
        .annotate(n=Count("pk"))
        .values_list("assigned_to_id", "n"),
        "requests_to_answer",
    )
    return counts

"""A worker's day: what is due, most urgent first, for every role the user holds.

`agenda_for(user)` reads only through `maillage.access` (the cases, requests,
conferences and referrals the user may see, narrowed to theirs) and bounds every query:
at most `CAP` items of each kind, each kind in one or two queries whatever the data.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage import access
from maillage.accounts.models import Role, User
from maillage.conferences.models import Conference, Invitation, MinutesDelivery
from maillage.orientation.actions import AWAITING
from maillage.plans.models import Action
from maillage.programmes.models import Criterion
from maillage.search.query import short_reference
from maillage.space.models import ConsentWish

CAP = 50  # items of each kind at most; the full lists are a link away
PERSON_NAME = ("person__given_name", "person__family_name")  # what an item's title shows

KINDS = {
    "request_deadline": gettext_lazy("Request to answer"),
    "action_overdue": gettext_lazy("Overdue action"),
    "action_due": gettext_lazy("Action due"),
    "review_due": gettext_lazy("Review due"),
    "conference": gettext_lazy("Conference to prepare"),
    "consent_wish": gettext_lazy("Consent wish waiting"),
    "partner_update": gettext_lazy("Update by a partner"),
    "referral_unanswered": gettext_lazy("Referral without an answer"),
    "planned_end": gettext_lazy("Planned end near"),
    "transition": gettext_lazy("Age transition"),
    "attendance_to_record": gettext_lazy("Attendance to record"),
    "minutes_to_send": gettext_lazy("Minutes to send"),
}

# Horizons.
CASE_MANAGER_REQUESTS = timedelta(hours=48)
AT_RISK = timedelta(hours=24)
SOON = timedelta(days=7)
PLANNED_END = timedelta(days=30)
TRANSITION_MONTHS = 6
PAST_CONFERENCES = timedelta(days=90)  # attendance and minutes older than this drop off
ADULT_AGE = 18


@dataclass(frozen=True)
class Item:
    kind: str
    due: datetime | date | None
    title: str
    url: str
    case_id: Any = None
    request_id: Any = None
    overdue: bool = field(default=False, compare=False)

    @property
    def label(self) -> str:
        return str(KINDS[self.kind])

    @property
    def due_is_datetime(self) -> bool:
        return isinstance(self.due, datetime)


def agenda_for(user: User, now: datetime | None = None) -> list[Item]:
    """Everything due for this user, overdue first, then by due date; no duplicates."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    roles = access.roles_of(user)
    found: list[Item] = []
    with access.policy.remembered():
        if roles & {Role.INTAKE, Role.CASE_MANAGER, Role.TEAM_LEAD}:
            found += _requests(user, now)
        if roles & {Role.CASE_MANAGER, Role.TEAM_LEAD}:
            found += _held_case_items(user, now, today)
        if roles & {Role.CASE_MANAGER, Role.TEAM_LEAD, Role.CONFERENCE_ORGANISER}:
            found += _conferences(user, now)
        if Role.CONFERENCE_ORGANISER in roles:
            found += _past_conferences(user, now)
        if access.is_partner(user):
            found += _partner_actions(user, today)
    return ordered(found, now)


def ordered(items: list[Item], now: datetime) -> list[Item]:
    seen: set[tuple[str, str]] = set()
    unique = []
    for item in items:
        key = (item.kind, item.url)
        if key not in seen:
            seen.add(key)
            unique.append(item)
    far = now + timedelta(days=36500)
    return sorted(unique, key=lambda item: (not item.overdue, _moment(item.due) or far))


def _moment(due: datetime | date | None) -> datetime | None:
    if due is None or isinstance(due, datetime):
        return due
    return timezone.make_aware(datetime.combine(due, time.min))


# Requests


def _requests(user: User, now: datetime) -> list[Item]:
    """Intake: the open queue of their teams; case managers: their teams' requests due
    within 48 h and those given to them; team leads: unassigned ones and those at risk."""
    intake = access.agenda.teams_with_role(user, Role.INTAKE)
    managed = access.agenda.teams_with_role(user, Role.CASE_MANAGER)
    led = access.agenda.teams_with_role(user, Role.TEAM_LEAD)
    # One bounded query per reason, each served in deadline order by an index of the
    # open requests (an OR of all of them made the database sort a whole team's queue).
    wanted = [Q(assigned_to_id=user.pk)]
    if intake:
        wanted.append(Q(team_id__in=intake))
    if managed:
        wanted.append(Q(team_id__in=managed, answer_due__lte=now + CASE_MANAGER_REQUESTS))
    if led:
        wanted.append(Q(team_id__in=led, assigned_to__isnull=True))
        wanted.append(Q(team_id__in=led, answer_due__lte=now + AT_RISK))
    # Only the columns an item shows: a lead's day reads up to 150 requests.
    visible = (
        access.agenda.open_requests(user)
        .select_related("person")
        .only("id", "answer_due", "received_at", *PERSON_NAME)
    )
    found = {}
    for condition in wanted:
        for support_request in visible.filter(condition).due_first()[:CAP]:
            found[support_request.pk] = support_request
    requests = sorted(found.values(), key=_request_order)[:CAP]
    return [
        Item(
            kind="request_deadline",
            due=r.answer_due,
            title=_("Request %(ref)s — %(person)s")
            % {"ref": short_reference(r.pk), "person": r.person},
            url=reverse("intake:detail", kwargs={"request_id": r.pk}),
            request_id=r.pk,
            overdue=r.answer_due is not None and r.answer_due < now,
        )
        for r in requests
    ]


def _request_order(support_request: Any) -> tuple[bool, datetime, datetime]:
    """`due_first()` in Python: the earliest deadline, then those without one."""
    due = support_request.answer_due
    return (due is None, due or support_request.received_at, support_request.received_at)


# The cases the user holds


def _held_case_items(user: User, now: datetime, today: date) -> list[Item]:
    held = access.agenda.held_cases(user)
    items = _actions(user, held, today)
    items += _reviews_and_ends(held, today)
    items += _consent_wishes(user, held)
    items += _partner_updates(user, now)
    items += _referrals(user, now)
    items += _transitions(held, today)
    return items


def _case_url(case: Any) -> str:
    return reverse("cases:detail", kwargs={"case_id": case.pk})


def _plan_url(action: Action) -> str:
    return reverse("plans:plan", kwargs={"case_id": action.case_id}) + f"#action-{action.pk}"


def _action_item(action: Action, today: date, title: str, url: str) -> Item:
    overdue = action.due_on is not None and action.due_on < today
    return Item(
        kind="action_overdue" if overdue else "action_due",
        due=action.due_on,
        title=title,
        url=url,
        case_id=action.case_id,
        overdue=overdue,
    )


def _actions(user: User, held: Any, today: date) -> list[Item]:
    pending = (
        access.actions_visible_to(user)
        .filter(case__in=held.values("pk"), status__in=Action.PENDING)
        .select_related("case__person")
        .only("id", "what", "due_on", "case_id", *(f"case__{name}" for name in PERSON_NAME))
        .order_by("due_on", "created_at")
    )
    overdue = list(pending.filter(due_on__lt=today)[:CAP])
    due = list(pending.filter(due_on__gte=today, due_on__lte=today + SOON)[:CAP])
    return [
        _action_item(
            action,
            today,
            _("%(what)s — %(person)s")
            % {"what": Truncator(action.what).chars(60), "person": action.case.person},
            _plan_url(action),
        )
        for action in overdue + due
    ]


def _reviews_and_ends(held: Any, today: date) -> list[Item]:
    cases = held.select_related("person").only("id", "next_review", "planned_end", *PERSON_NAME)
    reviews = cases.filter(next_review__lte=today + SOON).order_by("next_review")[:CAP]
    ends = cases.filter(planned_end__lte=today + PLANNED_END).order_by("planned_end")[:CAP]
    items = [
        Item(
            kind="review_due",
            due=case.next_review,
            title=_("Review of the case of %(person)s") % {"person": case.person},
            url=_case_url(case),
            case_id=case.pk,
            overdue=case.next_review < today,
        )
        for case in reviews
    ]
    items += [
        Item(
            kind="planned_end",
            due=case.planned_end,
            title=_("Planned end of the case of %(person)s") % {"person": case.person},
            url=_case_url(case),
            case_id=case.pk,
            overdue=case.planned_end < today,
        )
        for case in ends
    ]
    return items


def _consent_wishes(user: User, held: Any) -> list[Item]:
    wishes = (
        access.consent_wishes_visible_to(user)
        .filter(case__in=held.values("pk"), status=ConsentWish.Status.PENDING)
        .select_related("case__person")
        .order_by("created_at")[:CAP]
    )
    return [
        Item(
            kind="consent_wish",
            due=wish.created_at,
            title=_("Consent change asked by %(person)s") % {"person": wish.case.person},
            url=reverse("space:manage", kwargs={"case_id": wish.case_id}),
            case_id=wish.case_id,
        )
        for wish in wishes
    ]


def _partner_updates(user: User, now: datetime) -> list[Item]:
    """Nothing marks a partner's update as read: those of the last 7 days are shown."""
    updated = access.agenda.partner_updated_actions(user, now - SOON, CAP)
    return [
        Item(
            kind="partner_update",
            due=at,
            title=_("%(partner)s updated “%(what)s” — %(person)s")
            % {
                "partner": action.owner,
                "what": Truncator(action.what).chars(50),
                "person": action.case.person,
            },
            url=_plan_url(action),
            case_id=action.case_id,
        )
        for action, at in updated
    ]


def _referrals(user: User, now: datetime) -> list[Item]:
    """Referrals still awaiting the service's answer once its reminder is due."""
    wait = timedelta(days=settings.REFERRAL_REMINDER_DAYS)
    referrals = (
        access.agenda.referrals_of_held_cases(user)
        .filter(status__in=AWAITING, status_changed_at__lte=now - wait)
        .select_related("person")
        .order_by("status_changed_at")[:CAP]
    )
    return [
        Item(
            kind="referral_unanswered",
            due=referral.status_changed_at + wait,
            title=_("%(service)s — %(person)s")
            % {"service": Truncator(referral.service_name).chars(60), "person": referral.person},
            url=reverse("orientation:detail", kwargs={"referral_id": referral.pk}),
            case_id=referral.case_id,
            request_id=referral.support_request_id,
            overdue=True,
        )
        for referral in referrals
    ]


# Age transitions


def age_limits(rule: Any) -> tuple[int | None, int | None]:
    """The lowest and highest age a programme's rule admits (None: no limit)."""
    lowest: int | None = None
    highest: int | None = None
    for sub in _age_rules(rule):
        op = sub.get("op")
        if op == "between":
            low, high = sub.get("min"), sub.get("max")
        else:
            value = sub.get("value")
            low = value if op == "gte" else value + 1 if op == "gt" else None
            high = value if op == "lte" else value - 1 if op == "lt" else None
        if isinstance(low, int) and (lowest is None or low > lowest):
            lowest = low
        if isinstance(high, int) and (highest is None or high < highest):
            highest = high
    return lowest, highest


def _age_rules(rule: Any) -> list[dict[str, Any]]:
    if not isinstance(rule, dict):
        return []
    if "any" in rule or "all" in rule:
        return [found for sub in rule.get("any", rule.get("all", [])) for found in _age_rules(sub)]
    return [rule] if rule.get("fact") == "age" else []


def transition_ages(rules: list[Any]) -> set[int]:
    """The ages at which a person leaves or changes within the programme: 18 in a youth
    programme (one that admits minors), and the programme's upper age."""
    lowest: int | None = None
    highest: int | None = None
    for rule in rules:
        low, high = age_limits(rule)
        if low is not None and (lowest is None or low > lowest):
            lowest = low
        if high is not None and (highest is None or high < highest):
            highest = high
    ages = set()
    if highest is not None:
        ages.add(highest)
        if (lowest is None or lowest < ADULT_AGE) and highest > ADULT_AGE:
            ages.add(ADULT_AGE)
    return ages


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def _transitions(held: Any, today: date) -> list[Item]:
    rules: dict[Any, list[Any]] = {}
    criteria = Criterion.objects.filter(
        active=True, programme__in=held.values("programme_id")
    ).values_list("programme_id", "rule")
    for programme_id, rule in criteria:
        rules.setdefault(programme_id, []).append(rule)
    horizon = _add_months(today, TRANSITION_MONTHS)
    ages = {pk: transition_ages(found) for pk, found in rules.items()}
    near = Q(pk__in=[])
    for programme_id, programme_ages in ages.items():
        for age in programme_ages:
            near |= Q(
                programme_id=programme_id,
                person__birth_date__gt=_years_before(today, age),
                person__birth_date__lte=_years_before(horizon, age),
            )
    cases = held.filter(near).select_related("person").order_by("person__birth_date")[:CAP]
    items = []
    for case in cases:
        birth = case.person.birth_date
        for age in sorted(ages.get(case.programme_id, ())):
            birthday = _years_before(birth, -age)
            if today < birthday <= horizon:
                items.append(
                    Item(
                        kind="transition",
                        due=birthday,
                        title=_("%(person)s turns %(age)s") % {"person": case.person, "age": age},
                        url=_case_url(case),
                        case_id=case.pk,
                    )
                )
                break
    return items


# Conferences


def _conferences(user: User, now: datetime) -> list[Item]:
    """Conferences of the next 7 days: of the cases the user holds, and of their teams'
    cases for conference organisers."""
    organised = access.agenda.teams_with_role(user, Role.CONFERENCE_ORGANISER)
    mine = Q(case__in=access.agenda.held_cases(user).values("pk")) | Q(case__team_id__in=organised)
    conferences = (
        access.conferences_visible_to(user)
        .filter(mine, status=Conference.Status.PLANNED, starts_at__gte=now)
        .filter(starts_at__lte=now + SOON)
        .select_related("case__person")
        .order_by("starts_at")[:CAP]
    )
    return [
        Item(
            kind="conference",
            due=conference.starts_at,
            title=_("Conference for %(person)s") % {"person": conference.case.person},
            url=reverse("conferences:detail", kwargs={"conference_id": conference.pk}),
            case_id=conference.case_id,
        )
        for conference in conferences
    ]


def _past_conferences(user: User, now: datetime) -> list[Item]:
    """Conference organisers: past conferences not closed or whose attendance is
    missing, and closed ones whose minutes were sent to nobody (last 90 days)."""
    organised = access.agenda.teams_with_role(user, Role.CONFERENCE_ORGANISER)
    past = (
        access.conferences_visible_to(user)
        .filter(case__team_id__in=organised, starts_at__lt=now)
        .filter(starts_at__gte=now - PAST_CONFERENCES)
        .select_related("case__person")
        .order_by("starts_at")
    )
    missing = Invitation.objects.filter(
        conference=OuterRef("pk"), attendance=Invitation.Attendance.UNKNOWN
    )
    to_record = past.filter(
        Q(status=Conference.Status.PLANNED) | Q(Exists(missing), status=Conference.Status.HELD)
    )[:CAP]
    unsent = past.filter(status=Conference.Status.HELD).exclude(
        Exists(MinutesDelivery.objects.filter(conference=OuterRef("pk")))
    )[:CAP]
    items = []
    for kind, conferences, name in (
        ("attendance_to_record", to_record, "conferences:meeting"),
        ("minutes_to_send", unsent, "conferences:minutes"),
    ):
        items += [
            Item(
                kind=kind,
                due=conference.held_at or conference.starts_at,
                title=_("Conference for %(person)s") % {"person": conference.case.person},
                url=reverse(name, kwargs={"conference_id": conference.pk}),
                case_id=conference.case_id,
            )
            for conference in conferences
        ]
    return items


# Partners


def _partner_actions(user: User, today: date) -> list[Item]:
    """The actions the partner owns, due within 7 days or overdue, as consent allows."""
    owned = access.partner.owned_actions_due(user, today + SOON, CAP)
    return [
        _action_item(
            action,
            today,
            _("%(what)s — %(person)s")
            % {"what": Truncator(action.what).chars(60), "person": scope.label},
            reverse("partners:action", kwargs={"action_id": action.pk}),
        )
        for scope, action in owned
    ]

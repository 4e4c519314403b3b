"""A timeline of everything dated in a case, newest first.

Each source is read with one bounded query, so the cost does not grow with the case:
`limit` rows per source at most, then merged.
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from maillage.cases.models import Case


@dataclass
class Event:
    at: datetime
    kind: str
    label: str
    url: str = ""

    @property
    def day(self) -> date:
        return timezone.localtime(self.at).date() if timezone.is_aware(self.at) else self.at.date()


def _at(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value
    return timezone.make_aware(datetime.combine(value, time(12, 0)))


def case_timeline(case: Case, *, limit: int = 15, link_request: bool = True) -> list[Event]:
    """The latest `limit` dated events of the case."""
    events: list[Event] = []

    def url(name: str, **kwargs: Any) -> str:
        try:
            return reverse(name, kwargs={"case_id": case.pk, **kwargs})
        except NoReverseMatch:  # a part not installed
            return ""

    events += _request_events(case, link=link_request)
    events.append(
        Event(
            case.opened_at,
            "case",
            _("Case opened"),
            reverse("cases:detail", kwargs={"case_id": case.pk}),
        )
    )
    if case.closed_at:
        closed = _("Case closed: %(reason)s") % {"reason": case.get_closure_reason_display()}
        if case.closure_note:
            closed = _("%(closed)s. Closing note: %(note)s") % {
                "closed": closed,
                "note": Truncator(case.closure_note).chars(300),
            }
        events.append(Event(case.closed_at, "case", closed))
    if case.follow_up_done_at:
        events.append(Event(case.follow_up_done_at, "case", _("Check that the network held")))
    for consent in case.consents.order_by("-recorded_at")[:limit]:
        events.append(
            Event(
                consent.recorded_at,
                "consent",
                _("Consent: %(status)s") % {"status": consent.get_status_display()},
                url("consent:list"),
            )
        )
    for assessment in case.assessments.order_by("-assessed_on")[:limit]:
        events.append(
            Event(
                _at(assessment.assessed_on),
                "assessment",
                _("Assessment"),
                url("assessments:detail", assessment_id=assessment.pk),
            )
        )
    for actor in case.actors.exclude(started_on=None).order_by("-started_on")[:limit]:
        events.append(
            Event(
                _at(actor.started_on),
                "network",
                _("%(name)s joins the network") % {"name": actor.name},
                url("network:list"),
            )
        )
    for actor in case.actors.exclude(ended_on=None).order_by("-ended_on")[:limit]:
        events.append(
            Event(
                _at(actor.ended_on),
                "network",
                _("%(name)s leaves the network") % {"name": actor.name},
                url("network:list"),
            )
        )
    for goal in case.goals.order_by("-created_at")[:limit]:
        events.append(
            Event(
                goal.created_at,
                "goal",
                _("Goal: %(goal)s") % {"goal": goal.own_words[:80]},
                url("plans:plan"),
            )
        )
    for action in (
        case.actions.exclude(due_on=None).order_by("-due_on").select_related("owner")[:limit]
    ):
        events.append(
            Event(
                _at(action.due_on),
                "action",
                _("Due: %(what)s (%(who)s, %(status)s)")
                % {
                    "what": action.what[:80],
                    "who": action.owner.name,
                    "status": action.get_status_display(),
                },
                url("plans:plan"),
            )
        )
    for plan in case.crisis_plans.order_by("-version")[:limit]:
        events.append(
            Event(
                plan.created_at,
                "crisis_plan",
                _("Crisis plan, version %(version)s") % {"version": plan.version},
                url("plans:crisis"),
            )
        )
    for entry in case.journal.order_by("-occurred_at")[:limit]:
        events.append(
            Event(
                entry.occurred_at,
                "journal",
                _("Journal: %(kind)s") % {"kind": entry.get_kind_display()},
                url("cases:journal_edit", entry_id=entry.pk),
            )
        )
    events.sort(key=lambda event: event.at, reverse=True)
    return events[:limit]


def _request_events(case: Case, *, link: bool) -> list[Any]:
    """The request's events; linked to its page only for a reader who may open it."""
    support_request = case.support_request
    if support_request is None:
        return []
    link = reverse("intake:detail", kwargs={"request_id": support_request.pk}) if link else ""
    events = [Event(support_request.received_at, "request", _("Request received"), link)]
    decision = getattr(support_request, "decision", None)
    if decision is not None:
        events.append(
            Event(
                decision.decided_at,
                "request",
                _("Request answered: %(decision)s") % {"decision": decision.get_kind_display()},
                link,
            )
        )
    return events

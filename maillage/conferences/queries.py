"""What the meeting page, the minutes and the API read of a conference's meeting: its
agenda, its participants, its decisions and the earlier decisions it evaluates.

Both `meeting` (the writes) and `minutes` (each reader's version) read through here.
"""

from django.db.models import Prefetch, Q, QuerySet

from maillage.network.models import Actor
from maillage.plans.models import Action

from .models import AgendaItem, Conference, ConferenceDecision, Invitation


def agenda_of(conference: Conference) -> QuerySet[AgendaItem]:
    return conference.agenda.select_related("goal", "action").order_by("position", "pk")


def recipients(conference: Conference) -> QuerySet[Invitation]:
    """The invitations, with their actors, in the order of the minutes."""
    return conference.invitations.select_related("actor").order_by(
        "actor__kind", "actor__name", "pk"
    )


def decisions_of(conference: Conference) -> QuerySet[ConferenceDecision]:
    return conference.decisions.select_related("owner", "action", "agenda_item").order_by(
        "created_at", "pk"
    )


def decisions_to_evaluate(conference: Conference) -> QuerySet[ConferenceDecision]:
    """Decisions of the case's earlier held conferences not evaluated yet, and those
    evaluated at this one (their evaluation can still be corrected here)."""
    return (
        ConferenceDecision.objects.filter(
            conference__case_id=conference.case_id,
            conference__status=Conference.Status.HELD,
            conference__starts_at__lt=conference.starts_at,
        )
        .filter(Q(evaluated_at__isnull=True) | Q(evaluated_at=conference))
        .select_related("owner", "action", "conference")
        .order_by("conference__starts_at", "created_at", "pk")
    )


def evaluated_at(conference: Conference) -> QuerySet[ConferenceDecision]:
    """Earlier decisions evaluated at this conference (for its minutes)."""
    return (
        ConferenceDecision.objects.filter(evaluated_at=conference)
        .select_related("owner", "conference")
        .order_by("conference__starts_at", "created_at", "pk")
    )


def actions_to_decide_on(conference: Conference) -> QuerySet[Action]:
    """Actions of the plan a decision may be about: every one not dropped."""
    return (
        conference.case.actions.exclude(status=Action.Status.DROPPED)
        .select_related("owner")
        .prefetch_related(Prefetch("with_actors", queryset=Actor.objects.order_by("name")))
    )

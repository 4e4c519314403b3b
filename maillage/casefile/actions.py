"""Writes that span several parts of the case file, composed from each app's own actions.

Answering a request opens its case with the first actors of its network; closing a case
reads its plan. The apps below know nothing of each other: the composition lives here.
"""

from datetime import date

from django.db import transaction

from maillage.accounts.models import User
from maillage.cases import actions as case_actions
from maillage.cases.models import Case
from maillage.intake import actions as intake_actions
from maillage.intake.models import Decision, SupportRequest
from maillage.network import actions as network_actions
from maillage.public import actions as public_actions

from . import closure


@transaction.atomic
def answer_request(
    support_request: SupportRequest,
    *,
    by: User,
    kind: str,
    reason: str = "",
    orient_target: str = "",
    case_workers: list[User] | None = None,
    version: int | None = None,
) -> Decision:
    """Answer a request. Accepting opens a case held by the given workers, with the
    person and the workers in its network from the start."""
    decision = intake_actions.record_answer(
        support_request,
        by=by,
        kind=kind,
        reason=reason,
        orient_target=orient_target,
        case_workers=case_workers,
        version=version,
    )
    if decision.kind == Decision.Kind.ACCEPT:
        workers = list(case_workers or [])
        case = case_actions.open_case(support_request, workers=workers, by=by)
        network_actions.add_first_actors(case, workers=workers)
    public_actions.tell_answer(support_request)  # a request sent through the public form
    return decision


@transaction.atomic
def close_case(
    case: Case,
    *,
    by: User,
    reason: str,
    follow_up_on: date | None,
    note: str = "",
    actors_know_mission: bool = False,
    person_agrees: bool = False,
    network_holds: bool = False,
    version: int | None = None,
) -> Case:
    """Withdraw and close (`cases.actions.close_case`). With goals still open or actions
    overdue, the closing note must say why the case closes now."""
    still_open = closure.has_open_items(closure.open_items(case))
    return case_actions.close_case(
        case,
        by=by,
        reason=reason,
        follow_up_on=follow_up_on,
        note=note,
        actors_know_mission=actors_know_mission,
        person_agrees=person_agrees,
        network_holds=network_holds,
        version=version,
        note_needed=str(closure.NOTE_NEEDED) if still_open else "",
    )

"""The case-file pages that read several of its parts: the overview, the timeline and
closing; and the answer to a request, which opens the case."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from maillage import access
from maillage.cases.actions import NEXT_PHASE
from maillage.cases.forms import PhaseForm, ReviewForm
from maillage.cases.models import Case
from maillage.intake import answers
from maillage.intake.forms import AnswerForm
from maillage.intake.views import detail_context
from maillage.ui.forms import add_errors
from maillage.versioning import StaleVersion

from . import actions, closure
from .forms import CloseForm
from .overview import case_overview
from .timeline import case_timeline


@require_GET
def overview(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """The whole situation at a glance."""
    case = access.get_case(request, case_id)
    # The request's page is linked only for those who may open it (not the organiser).
    can_read_request = _may_read_request(request, case)
    context = {
        **case_overview(case, link_request=can_read_request),
        "can_change": access.can(request.user, "case.change", case),
        "can_follow_up": access.can(request.user, "case.follow_up", case),
        "can_read_request": can_read_request,
        "purpose_reads": access.purpose_reads(case),
        "may_export": access.may_export(request.user, case.person),
        "phase_form": PhaseForm(initial={"version": case.version}),
        "review_form": ReviewForm(
            initial={"version": case.version, "next_review": case.next_review}
        ),
        "next_phase": NEXT_PHASE.get(case.phase),
    }
    return render(request, "casefile/overview.html", context)


def _may_read_request(request: HttpRequest, case: Case) -> bool:
    if not case.support_request_id:
        return False
    return access.can(request.user, "request.view", case.support_request)


@require_GET
def timeline(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = access.get_case(request, case_id, part="timeline")
    link_request = _may_read_request(request, case)
    context = {"case": case, "events": case_timeline(case, limit=200, link_request=link_request)}
    return render(request, "casefile/timeline.html", context)


def close(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """Withdraw and close: the checklist, the reason and the date of a later check;
    the open goals and overdue actions, if any, with a note saying why."""
    case = access.get_case(request, case_id, to_change=True)
    still_open = closure.open_items(case)
    form = CloseForm(
        request.POST or None,
        initial={"version": case.version},
        note_needed=closure.has_open_items(still_open),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.close_case(
                case,
                by=request.user,
                reason=data["reason"],
                follow_up_on=data["follow_up_on"],
                note=data["note"],
                actors_know_mission=data["actors_know_mission"],
                person_agrees=data["person_agrees"],
                network_holds=data["network_holds"],
                version=data["version"],
            )
        except (StaleVersion, ValidationError) as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The case is closed."))
            return redirect("cases:detail", case_id=case.pk)
    context: dict[str, Any] = {"case": case, "form": form, **still_open}
    return render(request, "casefile/close.html", context)


@require_POST
def answer_request(request: HttpRequest, request_id: UUID) -> HttpResponse:
    """Answer a request from its page; accepting opens the case (intake:answer)."""
    support_request = access.get_request(request, request_id, to_change=True)
    form = AnswerForm(request.POST, workers=access.case_workers_for(support_request.team_id))
    if form.is_valid():
        data = form.cleaned_data
        try:
            decision = actions.answer_request(
                support_request,
                by=request.user,
                kind=data["decision"],
                reason=data["reason"],
                orient_target=data["orient_target"],
                case_workers=list(data["case_workers"]),
                version=data["version"],
            )
        except (StaleVersion, ValidationError) as error:
            add_errors(form, error)
        else:
            message = answers.answer_message(support_request, decision, user=request.user)
            messages.success(request, message)
            return redirect("intake:detail", request_id=support_request.pk)
    context = detail_context(request, support_request, answer_form=form)
    return render(request, "intake/detail.html", context)

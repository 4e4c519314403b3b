"""Case pages: my cases and my team's, the overview, the journal, closing."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from maillage import access
from maillage.ui.forms import add_errors
from maillage.ui.paging import paginate
from maillage.versioning import StaleVersion

from . import actions, closure
from .forms import (
    CloseForm,
    FollowUpForm,
    JournalEntryForm,
    JournalSearchForm,
    PhaseForm,
    ReviewForm,
)
from .listing import case_list_for
from .models import Case
from .overview import case_overview
from .timeline import case_timeline


@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    return render(request, "cases/list.html", case_list_for(request.user, request.GET))


@require_GET
def detail(request: HttpRequest, case_id: str) -> HttpResponse:
    """The whole situation at a glance."""
    case = access.get_case(request, case_id)
    # The request's page is linked only for those who may open it (not the organiser).
    can_read_request = _may_read_request(request, case)
    context = {
        **case_overview(case, link_request=can_read_request),
        "can_change": access.can(request.user, "case.change", case),
        "can_follow_up": access.can(request.user, "case.follow_up", case),
        "can_read_request": can_read_request,
        "may_export": access.may_export(request.user, case.person),
        "phase_form": PhaseForm(initial={"version": case.version}),
        "review_form": ReviewForm(
            initial={"version": case.version, "next_review": case.next_review}
        ),
        "next_phase": actions.NEXT_PHASE.get(case.phase),
    }
    return render(request, "cases/detail.html", context)


def _may_read_request(request: HttpRequest, case: Case) -> bool:
    if not case.support_request_id:
        return False
    return access.can(request.user, "request.view", case.support_request)


@require_GET
def timeline(request: HttpRequest, case_id: str) -> HttpResponse:
    case = access.get_case(request, case_id, part="timeline")
    link_request = _may_read_request(request, case)
    context = {"case": case, "events": case_timeline(case, limit=200, link_request=link_request)}
    return render(request, "cases/timeline.html", context)


@require_POST
def advance_phase(request: HttpRequest, case_id: str) -> HttpResponse:
    case = access.get_case(request, case_id, to_change=True)
    form = PhaseForm(request.POST)
    if form.is_valid():
        try:
            actions.advance_phase(case, by=request.user, version=form.cleaned_data["version"])
        except StaleVersion as stale:
            messages.error(request, stale.message)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The case moved to its next phase."))
    return redirect("cases:detail", case_id=case.pk)


@require_POST
def review(request: HttpRequest, case_id: str) -> HttpResponse:
    case = access.get_case(request, case_id, to_change=True)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            actions.schedule_review(
                case,
                by=request.user,
                next_review=form.cleaned_data["next_review"],
                version=form.cleaned_data["version"],
            )
        except StaleVersion as stale:
            messages.error(request, stale.message)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The next review is planned."))
    else:
        messages.error(request, _("Give the date of the next review."))
    return redirect("cases:detail", case_id=case.pk)


# Journal


@require_GET
def journal(request: HttpRequest, case_id: str) -> HttpResponse:
    case = access.get_case(request, case_id, part="journal")
    search = JournalSearchForm(request.GET)
    entries = case.journal.select_related("author").order_by("-occurred_at")
    if search.is_valid() and search.cleaned_data["q"]:
        entries = entries.search(search.cleaned_data["q"])
    context = {
        "case": case,
        "search": search,
        "page": paginate(entries, request.GET, per_page=30),
        "can_change": access.can(request.user, "case.change", case),
    }
    return render(request, "cases/journal.html", context)


def journal_new(request: HttpRequest, case_id: str) -> HttpResponse:
    case = access.get_case(request, case_id, to_change=True)
    form = JournalEntryForm(request.POST or None, initial={"occurred_at": timezone.localtime()})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            actions.add_journal_entry(case, by=request.user, **data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The journal entry was saved."))
            return redirect("cases:journal", case_id=case.pk)
    return render(request, "cases/journal_form.html", {"case": case, "form": form})


def journal_edit(request: HttpRequest, case_id: str, entry_id: str) -> HttpResponse:
    case = access.get_case(request, case_id, to_change=request.method == "POST", part="journal")
    entry = access.get_child(case.journal, entry_id)
    form = JournalEntryForm(
        request.POST or None,
        instance=None if request.method == "POST" else entry,
        initial={"version": entry.version},
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            actions.update_journal_entry(
                entry, by=request.user, version=form.cleaned_data["version"], **data
            )
        except (StaleVersion, ValidationError) as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The journal entry was saved."))
            return redirect("cases:journal", case_id=case.pk)
    context = {
        "case": case,
        "form": form,
        "entry": entry,
        "can_change": access.can(request.user, "case.change", case),
    }
    return render(request, "cases/journal_form.html", context)


# Closing


def close(request: HttpRequest, case_id: str) -> HttpResponse:
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
    context = {"case": case, "form": form, **still_open}
    return render(request, "cases/close.html", context)


def follow_up(request: HttpRequest, case_id: str) -> HttpResponse:
    case = access.get_case(request, case_id, to_change=True, action="case.follow_up")
    form = FollowUpForm(request.POST or None, initial={"version": case.version})
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_follow_up(
                case,
                by=request.user,
                held=form.cleaned_data["held"],
                note=form.cleaned_data["note"],
                version=form.cleaned_data["version"],
            )
        except (StaleVersion, ValidationError) as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The check was recorded."))
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/follow_up.html", {"case": case, "form": form})

"""The meeting page — agenda, attendance, notes, decisions, evaluations, closing — and
the minutes: each reader's version, previewed, sent, or downloaded as a PDF.

Each section of the meeting page is a partial of `conferences/meeting.html`: with htmx
a form swaps its own section in place; without JavaScript it posts and comes back to
the page. Invalid input re-renders with status 200 and the user's text kept.
"""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from maillage import access
from maillage.categories import Category
from maillage.conferences import meeting, minutes, queries
from maillage.conferences.delivery import send_minutes
from maillage.conferences.forms.meeting import (
    AgendaItemForm,
    AttendanceGrid,
    DecisionForm,
    EvaluationForm,
    HoldForm,
    RecipientForm,
)
from maillage.conferences.models import AgendaItem, Conference, Invitation
from maillage.plans import queries as plan_queries
from maillage.ui.forms import add_errors
from maillage.versioning import StaleVersion

TEMPLATE = "conferences/meeting.html"
# What a section may say after a success (the other overrides carry a failed form).
NOTES = frozenset({"agenda_note", "attendance_saved"})


# The meeting page


@require_GET
def meeting_page(request: HttpRequest, conference_id: UUID) -> HttpResponse:
    conference = access.get_conference(request, conference_id)
    return render(request, TEMPLATE, _context(request, conference))


@require_POST
def agenda_prepare(request: HttpRequest, conference_id: UUID) -> HttpResponse:
    """Propose items from the open goals, due actions and decisions to evaluate."""
    conference = access.get_conference(request, conference_id, to_change=True)
    try:
        added = meeting.prepare_agenda(conference, by=request.user)
    except ValidationError as error:
        return _section(request, conference, "agenda", agenda_errors=error.messages)
    note = "" if added else _("The agenda already holds every open goal and due action.")
    if request.htmx:  # type: ignore[attr-defined]
        return _section(request, conference, "agenda", agenda_note=note)
    if note:
        messages.info(request, note)
    return _to_page(conference, "agenda")


@require_POST
def agenda_item(request: HttpRequest, conference_id: UUID) -> HttpResponse:
    """Add an item, or save one (title, category, notes), move it or remove it."""
    conference = access.get_conference(request, conference_id, to_change=True)
    item = _agenda_item(conference, request.POST.get("item", ""))
    form = AgendaItemForm(request.POST, item=item)
    if form.is_valid():
        try:
            _change_agenda(conference, item, form, by=request.user)
        except StaleVersion as stale:
            _rebase(form, stale)
        except ValidationError as error:
            add_errors(form, error)
        else:
            if item is None or form.cleaned_data["op"] != AgendaItemForm.SAVE:
                return _section(request, conference, "agenda")
            item = _agenda_item(conference, str(item.pk))
            assert item is not None
            item.form = AgendaItemForm(item=item)  # type: ignore[attr-defined]
            return _row(request, conference, "agenda-item", f"agenda-item-{item.pk}", item=item)
    if item is None:
        return _section(request, conference, "agenda", agenda_forms={"new": form})
    item.form = form  # type: ignore[attr-defined]
    return _row(
        request, conference, "agenda-item", "", item=item, failed={"agenda_forms": {item.pk: form}}
    )


def _agenda_item(conference: Conference, item_id: str) -> AgendaItem | None:
    """The item of this conference's agenda named in the form, or 404."""
    if not item_id:
        return None
    if not item_id.isdigit():
        raise Http404
    item: AgendaItem = get_object_or_404(queries.agenda_of(conference), pk=int(item_id))
    _mark_overdue([item])
    return item


def _mark_overdue(items: list[AgendaItem]) -> None:
    today = timezone.localdate()
    for item in items:
        if item.action is not None:
            item.action.overdue = item.action.is_overdue(today)  # type: ignore[attr-defined]


def _change_agenda(conference: Conference, item: Any, form: AgendaItemForm, *, by: Any) -> None:
    op = form.cleaned_data["op"]
    if item is None:
        meeting.add_agenda_item(conference, form.item_data(), by=by)
    elif op == AgendaItemForm.REMOVE:
        meeting.remove_agenda_item(item, by=by)
    elif op in (AgendaItemForm.UP, AgendaItemForm.DOWN):
        meeting.move_agenda_item(item, up=op == AgendaItemForm.UP, by=by)
    else:
        meeting.change_agenda_item(
            item, form.item_data(), by=by, version=form.cleaned_data["version"]
        )


@require_POST
def attendance(request: HttpRequest, conference_id: UUID) -> HttpResponse:
    """Every invitee's attendance, from one grid, saved at once (or not at all)."""
    conference = access.get_conference(request, conference_id, to_change=True)
    grid = _attendance_grid(conference, request.POST)
    if grid.is_valid():
        try:
            meeting.record_attendances(conference, grid.attendance_rows(), by=request.user)
        except meeting.RowsRefused as refused:
            grid = _attendance_grid(conference, request.POST)  # beside what is recorded now
            grid.is_valid()
            grid.refuse(refused)
        except ValidationError as error:
            grid.non_field_errors = error.messages
        else:
            if request.htmx:  # type: ignore[attr-defined]
                return _section(request, conference, "attendance", attendance_saved=True)
            messages.success(request, _("The attendance is saved."))
            return _to_page(conference, "attendance")
    return _section(request, conference, "attendance", attendance_grid=grid)


def _attendance_grid(conference: Conference, data: Any = None) -> AttendanceGrid:
    invitations = list(queries.recipients(conference))
    return AttendanceGrid(data, invitations=invitations, conference=conference)


@require_POST
def decision_new(request: HttpRequest, conference_id: UUID) -> HttpResponse:
    """A decision, written into the plan as a new or changed action."""
    conference = access.get_conference(request, conference_id, to_change=True)
    form = _decision_form(conference, request.POST)
    if form.is_valid():
        try:
            meeting.take_decision(conference, form.decision_data(), by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            return _section(request, conference, "decisions")
    return _section(request, conference, "decisions", decision_form=form)


@require_POST
def evaluate(request: HttpRequest, conference_id: UUID, decision_id: UUID) -> HttpResponse:
    """Evaluate a decision of an earlier conference."""
    conference = access.get_conference(request, conference_id, to_change=True)
    decision = access.get_child(queries.decisions_to_evaluate(conference), decision_id)
    form = EvaluationForm(request.POST, decision=decision)
    if form.is_valid():
        try:
            meeting.evaluate_decision(
                decision,
                form.evaluation_data(),
                at=conference,
                by=request.user,
                version=form.cleaned_data["version"],
            )
        except StaleVersion as stale:
            _rebase(form, stale)
        except ValidationError as error:
            add_errors(form, error)
        else:
            decision.form = EvaluationForm(decision=decision)  # type: ignore[attr-defined]
            return _row(
                request,
                conference,
                "evaluation-row",
                f"evaluation-{decision.pk}",
                decision=decision,
            )
    decision.form = form  # type: ignore[attr-defined]
    return _row(
        request,
        conference,
        "evaluation-row",
        "",
        decision=decision,
        failed={"evaluation_forms": {decision.pk: form}},
    )


@require_POST
def hold(request: HttpRequest, conference_id: UUID) -> HttpResponse:
    """Close the meeting; then on to the minutes."""
    conference = access.get_conference(request, conference_id, to_change=True)
    form = HoldForm(request.POST)
    if form.is_valid():
        try:
            meeting.hold_conference(
                conference, by=request.user, version=form.cleaned_data["version"]
            )
        except StaleVersion as stale:
            _rebase(form, stale)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("The meeting is closed. Check the minutes, then send them.")
            )
            return redirect("conferences:minutes", conference_id=conference.pk)
    else:
        form.add_error(None, _("The page was out of date: check the meeting and close it again."))
    return render(request, TEMPLATE, _context(request, conference, hold_form=form))


# The minutes


@require_GET
def minutes_preview(request: HttpRequest, conference_id: UUID) -> HttpResponse:
    """Each recipient's version, as they will read it."""
    conference = access.get_conference(request, conference_id)
    invitations = queries.recipients(conference)
    form = RecipientForm(request.GET or None, invitations=invitations)
    reader = form.cleaned_data["recipient"] if form.is_valid() else None
    content = None
    if form.is_valid() or not request.GET:
        content = minutes.minutes_for(conference, reader)
    return render(
        request,
        "conferences/minutes.html",
        _minutes_context(request, conference, form, reader, content),
    )


@require_POST
def minutes_send(request: HttpRequest, conference_id: UUID) -> HttpResponse:
    """Email each participant their own version."""
    conference = access.get_conference(request, conference_id, to_change=True)
    try:
        deliveries = send_minutes(conference, by=request.user)
    except ValidationError as error:
        form = RecipientForm(invitations=queries.recipients(conference))
        context = _minutes_context(
            request, conference, form, None, minutes.minutes_for(conference, None)
        )
        context["send_errors"] = error.messages
        return render(request, "conferences/minutes.html", context)
    messages.success(
        request,
        _("The minutes were sent to %(count)s participants, each their own version.")
        % {"count": len(deliveries)},
    )
    return redirect("conferences:minutes", conference_id=conference.pk)


@require_GET
def minutes_pdf(request: HttpRequest, conference_id: UUID) -> HttpResponse:
    """One reader's version as a PDF (`?recipient=<invitation id>`; none: the full one)."""
    conference = access.get_conference(request, conference_id)
    form = RecipientForm(request.GET, invitations=queries.recipients(conference))
    if not form.is_valid():
        raise Http404
    reader: Invitation | None = form.cleaned_data["recipient"]
    language = reader.language if reader is not None else translation.get_language()
    return minutes.pdf_response(request, conference, reader, language)


def _minutes_context(
    request: HttpRequest,
    conference: Conference,
    form: RecipientForm,
    reader: Invitation | None,
    content: dict[str, Any] | None,
) -> dict[str, Any]:
    return {
        "conference": conference,
        "case": conference.case,
        "form": form,
        "reader": reader,
        "minutes": content,
        # The preview speaks the reader's language, as their copy will.
        "minutes_language": reader.language if reader is not None else translation.get_language(),
        "deliveries": _deliveries(conference),
        "can_manage": access.can(request.user, "conference.manage", conference.case),
    }


def _deliveries(conference: Conference) -> list[Any]:
    """The latest deliveries, each with the names of the categories it held."""
    labels = dict(Category.choices)
    deliveries = list(conference.deliveries.select_related("invitation__actor", "sent_by")[:50])
    for delivery in deliveries:
        delivery.category_labels = [str(labels.get(c, c)) for c in delivery.categories]  # type: ignore[attr-defined]
    return deliveries


# Helpers


def _section(
    request: HttpRequest, conference: Conference, name: str, **overrides: Any
) -> HttpResponse:
    """With htmx, the whole section again (its forms fresh, or the one that failed);
    without, back to the page after a success, or the page with the errors."""
    failed = any(value for key, value in overrides.items() if key not in NOTES)
    if request.htmx:  # type: ignore[attr-defined]
        context = _context(request, conference, **overrides)
        response = render(request, f"{TEMPLATE}#{name}", context)
        # A form of one item may have asked for it: the order changed, swap it all.
        response["HX-Retarget"] = f"#{name}"
        response["HX-Reswap"] = "outerHTML"
        return response
    if not failed:
        return _to_page(conference, name)
    return render(request, TEMPLATE, _context(request, conference, **overrides))


def _row(
    request: HttpRequest,
    conference: Conference,
    name: str,
    anchor: str,
    *,
    failed: dict[str, Any] | None = None,
    **row: Any,
) -> HttpResponse:
    """With htmx, one row again (an item, an invitee, a decision), the other rows
    untouched with what is being typed in them; without, as `_section`."""
    if request.htmx:  # type: ignore[attr-defined]
        context = {**_page_basics(request, conference), **row}
        return render(request, f"{TEMPLATE}#{name}", context)
    if failed is None:
        return _to_page(conference, anchor)
    return render(request, TEMPLATE, _context(request, conference, **failed))


def _to_page(conference: Conference, anchor: str) -> HttpResponse:
    url = reverse("conferences:meeting", kwargs={"conference_id": conference.pk})
    return redirect(f"{url}#{anchor}")


def _page_basics(request: HttpRequest, conference: Conference) -> dict[str, Any]:
    case = conference.case
    can_manage = access.can(request.user, "conference.manage", case)
    return {
        "conference": conference,
        "case": case,
        "can_manage": can_manage and conference.status != Conference.Status.CANCELLED,
        "plan_url": reverse("plans:plan", kwargs={"case_id": case.pk}),
    }


def _context(request: HttpRequest, conference: Conference, **overrides: Any) -> dict[str, Any]:
    """Everything the page shows, in a fixed number of queries; `overrides` carry the
    form that failed (by item, invitation or decision id) so the user's input stays."""
    agenda = list(queries.agenda_of(conference))
    agenda_forms = overrides.get("agenda_forms", {})
    evaluation_forms = overrides.get("evaluation_forms", {})
    invitations = list(queries.recipients(conference))
    _mark_overdue(agenda)
    for item in agenda:
        item.form = agenda_forms.get(item.pk) or AgendaItemForm(item=item)  # type: ignore[attr-defined]
    grid = overrides.get("attendance_grid") or AttendanceGrid(
        invitations=invitations, conference=conference
    )
    to_evaluate = list(queries.decisions_to_evaluate(conference))
    for decision in to_evaluate:
        decision.form = evaluation_forms.get(decision.pk) or EvaluationForm(decision=decision)  # type: ignore[attr-defined]
    return {
        **_page_basics(request, conference),
        "agenda": agenda,
        "new_item_form": agenda_forms.get("new") or AgendaItemForm(),
        "agenda_errors": overrides.get("agenda_errors", []),
        "agenda_note": overrides.get("agenda_note", ""),
        "invitations": invitations,
        "attendance_grid": grid,
        "attendance_saved": overrides.get("attendance_saved", False),
        "person_present": _person_present(invitations),
        "decisions": list(queries.decisions_of(conference)),
        "decision_form": overrides.get("decision_form") or _decision_form(conference),
        "to_evaluate": to_evaluate,
        "hold_form": overrides.get("hold_form")
        or HoldForm(initial={"version": conference.version}),
    }


def _person_present(invitations: list[Invitation]) -> bool | None:
    for invitation in invitations:
        if invitation.actor.kind == "person" and invitation.attendance:
            return invitation.attendance == Invitation.Attendance.PRESENT
    return None


def _decision_form(conference: Conference, data: Any = None) -> DecisionForm:
    return DecisionForm(
        data,
        actors=plan_queries.current_actors(conference.case),
        actions=queries.actions_to_decide_on(conference),
        agenda=queries.agenda_of(conference),
    )


def _rebase(form: Any, stale: StaleVersion) -> None:
    """Keep what the user typed, now based on the current version (saving again
    overwrites knowingly), and say why it was refused."""
    data = form.data.copy()
    data[form.add_prefix("version")] = str(stale.current_version)
    form.data = data
    form.full_clean()
    form.add_error(None, stale.message)

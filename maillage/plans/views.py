"""Plan pages: goals and actions ("who does what, when"), the crisis plan, their prints."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from maillage import access
from maillage.cases.models import Case
from maillage.ui.forms import add_errors
from maillage.versioning import StaleVersion

from . import actions, queries
from .forms import (
    ActionForm,
    ActionStatusForm,
    ContactFormSet,
    CrisisPlanForm,
    GoalForm,
    PlanFilterForm,
    contact_initial,
)
from .models import Action

# The tabs of the plan page: filter value → label.
FILTER_TABS = (
    ("", gettext_lazy("All actions")),
    (queries.PENDING, gettext_lazy("To do")),
    (queries.OVERDUE, gettext_lazy("Overdue")),
    (Action.Status.PLANNED, gettext_lazy("Planned")),
    (Action.Status.IN_PROGRESS, gettext_lazy("In progress")),
    (Action.Status.DONE, gettext_lazy("Done")),
    (Action.Status.DROPPED, gettext_lazy("Dropped")),
)


def _case_for_form(request: HttpRequest, case_id: UUID, part: str) -> Case:
    """The case behind a form: showing it is an audited read by someone who may change
    the case (403 otherwise); saving it needs the right to change."""
    if request.method == "POST":
        return access.get_case(request, case_id, to_change=True)
    case = access.get_case(request, case_id, part=part)
    access.require(request.user, "case.change", case)
    return case


def _rebase(form: Any, stale: StaleVersion, field: str = "version") -> None:
    """Keep what the user typed, now based on the current version (saving again
    overwrites knowingly), and say why it was refused."""
    data = form.data.copy()
    data[form.add_prefix(field)] = str(stale.current_version)
    form.data = data
    form.full_clean()
    form.add_error(None, stale.message)


# The plan


@require_GET
def plan(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """Goals (open ones first), each with its actions; overdue actions stand out."""
    case = access.get_case(request, case_id, part="plan")
    today = timezone.localdate()
    status = PlanFilterForm(request.GET).status_filter()
    context = {
        **queries.plan_for(case, today, status),
        "case": case,
        "today": today,
        "status": status,
        "filter_tabs": [
            {"value": value, "label": label, "current": value == status}
            for value, label in FILTER_TABS
        ],
        "status_choices": Action.Status.choices,
        "can_change": access.can(request.user, "case.change", case),
    }
    return render(request, "plans/plan.html", context)


@require_GET
def print_plan(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """The plan on one page: who does what, when."""
    case = access.get_case(request, case_id, part="plan")
    today = timezone.localdate()
    context = {**queries.printable_plan(case, today), "case": case, "today": today}
    return render(request, "plans/print.html", context)


# Goals


def goal_new(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case_for_form(request, case_id, "goals")
    form = GoalForm(request.POST or None, domains=case.programme.assessed_domains())
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_goal(case, form.goal_data(), by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The goal was added to the plan."))
            return redirect("plans:plan", case_id=case.pk)
    return render(request, "plans/goal_form.html", {"case": case, "form": form, "goal": None})


def goal_edit(request: HttpRequest, case_id: UUID, goal_id: str) -> HttpResponse:
    case = _case_for_form(request, case_id, "goals")
    goal = access.get_child(case.goals, goal_id)
    domains = case.programme.assessed_domains()
    form = GoalForm(
        request.POST or None, domains=domains, initial=GoalForm.initial_from(goal), editing=True
    )
    current = None
    if request.method == "POST" and form.is_valid():
        try:
            actions.change_goal(
                goal, form.goal_data(), by=request.user, version=form.cleaned_data["version"]
            )
        except StaleVersion as stale:
            current = access.get_child(case.goals, goal_id)
            _rebase(form, stale)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The goal was saved."))
            return redirect("plans:plan", case_id=case.pk)
    context = {"case": case, "form": form, "goal": goal, "current": current}
    return render(request, "plans/goal_form.html", context)


# Actions


def action_new(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case_for_form(request, case_id, "actions")
    initial = {"goal": request.GET.get("goal") or None}
    form = ActionForm(
        request.POST or None,
        actors=queries.current_actors(case),
        goals=case.goals.all(),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            action = actions.add_action(case, form.action_data(), by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The action was added to the plan."))
            return _to_action(case, action)
    return render(request, "plans/action_form.html", {"case": case, "form": form, "action": None})


def action_edit(request: HttpRequest, case_id: UUID, action_id: UUID) -> HttpResponse:
    case = _case_for_form(request, case_id, "actions")
    action = access.get_child(queries.actions_of(case), action_id)
    initial = ActionForm.initial_from(action)
    keep = [action.owner_id, *initial["with_actors"]]
    form = ActionForm(
        request.POST or None,
        actors=queries.current_actors(case, keep=keep),
        goals=case.goals.all(),
        initial=initial,
        editing=True,
    )
    current = None
    if request.method == "POST" and form.is_valid():
        try:
            actions.change_action(
                action, form.action_data(), by=request.user, version=form.cleaned_data["version"]
            )
        except StaleVersion as stale:
            current = access.get_child(queries.actions_of(case), action_id)
            _rebase(form, stale)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The action was saved."))
            return _to_action(case, action)
    context = {"case": case, "form": form, "action": action, "current": current}
    return render(request, "plans/action_form.html", context)


@require_POST
def action_status(request: HttpRequest, case_id: UUID, action_id: UUID) -> HttpResponse:
    """Change an action's status from its row: htmx swaps the row; without JavaScript,
    back to the plan."""
    case = access.get_case(request, case_id, to_change=True)
    action = access.get_child(queries.actions_of(case), action_id)
    form = ActionStatusForm(request.POST)
    error = ""
    if not form.is_valid():
        error = _("Choose a status from the list.")
    else:
        try:
            actions.change_action_status(
                action,
                form.cleaned_data["status"],
                by=request.user,
                version=form.cleaned_data["version"],
            )
        except StaleVersion as stale:
            error = str(stale.message)
            action = access.get_child(queries.actions_of(case), action_id)
        except ValidationError as invalid:
            error = " ".join(invalid.messages)
    if request.htmx:  # type: ignore[attr-defined]
        queries.mark_overdue([action], timezone.localdate())
        context = {
            "case": case,
            "action": action,
            "error": error,
            "can_change": True,
            "status_choices": Action.Status.choices,
        }
        return render(request, "plans/plan.html#action-row", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("The action's status was saved."))
    return _to_action(case, action)


def _to_action(case: Case, action: Action) -> HttpResponse:
    return redirect(f"{reverse('plans:plan', kwargs={'case_id': case.pk})}#action-{action.pk}")


# The crisis plan


@require_GET
def crisis(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """The current version, and the earlier ones."""
    case = access.get_case(request, case_id, part="crisis_plan")
    versions = queries.crisis_plan_versions(case)
    context = {
        "case": case,
        "plan": queries.current_crisis_plan(case) if versions else None,
        "versions": versions,
        "can_change": access.can(request.user, "case.change", case),
    }
    return render(request, "plans/crisis.html", context)


@require_GET
def crisis_version(request: HttpRequest, case_id: UUID, version: int) -> HttpResponse:
    """One earlier version, as it was agreed."""
    case = access.get_case(request, case_id, part="crisis_plan")
    plan = queries.crisis_plan_version(case, version)
    if plan is None:
        raise Http404
    versions = queries.crisis_plan_versions(case)
    context = {
        "case": case,
        "plan": plan,
        "versions": versions,
        "latest": versions[0].version,
    }
    return render(request, "plans/crisis_version.html", context)


def crisis_edit(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """Write the next version of the crisis plan, starting from the current one."""
    case = _case_for_form(request, case_id, "crisis_plan")
    current = queries.current_crisis_plan(case)
    actors = queries.current_actors(case)
    data = request.POST or None
    form = CrisisPlanForm(data, initial=CrisisPlanForm.initial_from(current))
    contacts = ContactFormSet(
        data, initial=contact_initial(current), prefix="contacts", form_kwargs={"actors": actors}
    )
    stale = False
    if request.method == "POST" and form.is_valid() and contacts.is_valid():
        try:
            actions.save_crisis_plan(
                case,
                form.sections(),
                contacts.contacts(),
                by=request.user,
                based_on_version=form.cleaned_data["based_on_version"],
            )
        except StaleVersion as error:
            stale = True
            current = queries.current_crisis_plan(case)
            _rebase(form, error, "based_on_version")
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("A new version of the crisis plan was saved."))
            return redirect("plans:crisis", case_id=case.pk)
    context = {
        "case": case,
        "form": form,
        "contacts": contacts,
        "current": current,
        "stale": stale,
    }
    return render(request, "plans/crisis_form.html", context)


@require_GET
def crisis_print(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """The current crisis plan on one page."""
    case = access.get_case(request, case_id, part="crisis_plan")
    context = {
        "case": case,
        "plan": queries.current_crisis_plan(case),
        "today": timezone.localdate(),
    }
    return render(request, "plans/crisis_print.html", context)

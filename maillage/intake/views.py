"""Intake pages: the queue, recording a request, reading its criteria, answering it."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from maillage import access
from maillage.people.matching import likely_duplicates
from maillage.programmes.facts import FACTS, missing_label
from maillage.territory.communes import residence_label
from maillage.ui.forms import add_errors
from maillage.versioning import StaleVersion

from . import actions, answers
from .forms import (
    AnswerForm,
    AssignForm,
    DuplicateSearchForm,
    EditFactsForm,
    NewRequestForm,
    OverrideForm,
    RequesterFormSet,
)
from .models import SupportRequest
from .queue import queue_for

NEW_PERSON = "new"


@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    """The intake queue: what is due first comes first; overdue requests stand out."""
    if not access.programmes_open_to(request.user).exists():
        raise PermissionDenied
    context = queue_for(request.user, request.GET)
    context["may_review_set_aside"] = access.may_review_set_aside(request.user)
    return render(request, "intake/queue.html", context)


def new(request: HttpRequest) -> HttpResponse:
    programmes = access.programmes_open_to(request.user)
    if not programmes.exists():
        raise PermissionDenied
    initial = {"programme": request.GET.get("programme"), "received_at": timezone.localtime()}
    form = NewRequestForm(request.POST or None, programmes=programmes, initial=initial)
    requesters = RequesterFormSet(request.POST or None, prefix="requesters")
    matches: list[Any] = []
    if request.method == "POST" and form.is_valid() and requesters.is_valid():
        data = form.cleaned_data
        choice = data["existing_person"]
        person = access.get_person(request, choice) if choice not in ("", NEW_PERSON) else None
        if person is None and choice != NEW_PERSON:
            matches = likely_duplicates(
                access.persons_visible_to(request.user),
                data["given_name"],
                data["family_name"],
                data["birth_date"],
            )
        if person is not None or not matches:
            try:
                support_request = actions.record_request(
                    by=request.user,
                    programme=data["programme"],
                    person=person,
                    new_person={
                        key: data[key] or ("" if key != "birth_date" else None)
                        for key in ("given_name", "family_name", "birth_date", "residence", "phone")
                    },
                    requesters=[r for f in requesters.forms if (r := f.requester())],
                    facts=form.facts(),
                    summary=data["summary"],
                    what_is_asked=data["what_is_asked"],
                    channel=data["channel"],
                    urgent=data["urgent"],
                    received_at=data["received_at"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The request was recorded."))
                return redirect("intake:detail", request_id=support_request.pk)
    context = {"form": form, "requesters": requesters, "matches": matches}
    return render(request, "intake/new.html", context)


@require_GET
def duplicates(request: HttpRequest) -> HttpResponse:
    """Likely matches while the name is typed (htmx fragment of the new-request page)."""
    if not access.programmes_open_to(request.user).exists():
        raise PermissionDenied
    form = DuplicateSearchForm(request.GET)
    matches: list[Any] = []
    if form.is_valid():
        data = form.cleaned_data
        matches = likely_duplicates(
            access.persons_visible_to(request.user),
            data["given_name"],
            data["family_name"],
            data["birth_date"],
        )
    return render(request, "intake/new.html#likely-duplicates", {"matches": matches})


@require_GET
def detail(request: HttpRequest, request_id: UUID) -> HttpResponse:
    support_request = access.get_request(request, request_id)
    return render(request, "intake/detail.html", detail_context(request, support_request))


def detail_context(
    request: HttpRequest, support_request: SupportRequest, **forms: Any
) -> dict[str, Any]:
    """What the request's page shows; also rendered by the answer (casefile/views.py)."""
    requesters = list(support_request.requesters.select_related("actor"))
    can_change = support_request.is_open and access.can(
        request.user, "request.change", support_request
    )
    context: dict[str, Any] = {
        "support_request": support_request,
        "person": support_request.person,
        "residence": residence_label(support_request.person.residence),
        "requesters": requesters,
        "named_requesters": answers.not_in_network(requesters),
        "eligibility": support_request.evaluate(),
        "decision": getattr(support_request, "decision", None),
        "case": answers.case_of(support_request),
        "referrals": answers.referrals_of(support_request),
        "submission": answers.public_submission_of(support_request),
        "search_url": answers.directory_search_url(support_request),
        "can_change": can_change,
        "overdue": support_request.is_overdue(),
        "facts": [
            (fact.label, fact.display(support_request.facts.get(code)))
            for code, fact in FACTS.items()
        ],
    }
    context["missing"] = [missing_label(code) for code in context["eligibility"].missing_facts]
    context["assigned_to"] = support_request.assigned_to
    if access.can(request.user, "request.assign", support_request):
        context["assign_form"] = forms.get("assign_form") or AssignForm(
            initial={"version": support_request.version, "worker": support_request.assigned_to_id},
            workers=access.assignees_for(support_request.team_id),
        )
    if context["case"] is not None:
        context["can_open_case"] = access.can(request.user, "case.view", context["case"])
        context["case_workers"] = answers.worker_names(context["case"])
    if can_change:
        version = {"version": support_request.version}
        context["override_form"] = forms.get("override_form") or OverrideForm(
            initial={
                **version,
                "outcome": support_request.override_outcome,
                "justification": support_request.override_justification,
            }
        )
        context["answer_form"] = forms.get("answer_form") or AnswerForm(
            initial=version, workers=access.case_workers_for(support_request.team_id)
        )
    return context


def facts(request: HttpRequest, request_id: UUID) -> HttpResponse:
    """Gather or correct the facts the criteria read (after the clarification interview)."""
    support_request = access.get_request(request, request_id, to_change=True)
    initial = {
        **EditFactsForm.initial_from(support_request.facts),
        "version": support_request.version,
    }
    form = EditFactsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_facts(
                support_request,
                by=request.user,
                facts=form.facts(),
                version=form.cleaned_data["version"],
                clarified=form.cleaned_data["clarified"],
            )
        except StaleVersion as stale:
            form.add_error(None, stale.message)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The facts were saved and the criteria evaluated again."))
            return redirect("intake:detail", request_id=support_request.pk)
    context = {"support_request": support_request, "form": form}
    return render(request, "intake/facts.html", context)


@require_POST
def override(request: HttpRequest, request_id: UUID) -> HttpResponse:
    support_request = access.get_request(request, request_id, to_change=True)
    form = OverrideForm(request.POST)
    if form.is_valid():
        try:
            actions.override_outcome(
                support_request,
                by=request.user,
                outcome=form.cleaned_data["outcome"],
                justification=form.cleaned_data["justification"],
                version=form.cleaned_data["version"],
            )
        except (StaleVersion, ValidationError) as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The outcome was saved."))
            return redirect("intake:detail", request_id=support_request.pk)
    context = detail_context(request, support_request, override_form=form)
    return render(request, "intake/detail.html", context)


@require_POST
def assign(request: HttpRequest, request_id: UUID) -> HttpResponse:
    """Give the request to a worker of its team, or to nobody."""
    support_request = access.get_request(request, request_id, to_change=True)
    access.require(request.user, "request.assign", support_request)
    form = AssignForm(request.POST, workers=access.assignees_for(support_request.team_id))
    if form.is_valid():
        try:
            actions.assign_request(
                support_request,
                by=request.user,
                worker=form.cleaned_data["worker"],
                version=form.cleaned_data["version"],
            )
        except (StaleVersion, ValidationError) as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The request was assigned."))
            return redirect("intake:detail", request_id=support_request.pk)
    context = detail_context(request, support_request, assign_form=form)
    return render(request, "intake/detail.html", context)

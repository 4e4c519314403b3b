"""Assessment pages: the latest by life domain and the history, one assessment with what
changed since the previous one, a new assessment (prefilled from the latest), a
correction, and a page to print."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from maillage import access
from maillage.cases.models import Case
from maillage.versioning import StaleVersion

from . import actions, queries
from .forms import AssessmentForm, DomainForm, domain_forms


@require_GET
def assessment_list(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = access.get_case(request, case_id, part="assessments")
    history = queries.history(case)
    latest = history[0] if history else None
    context = {
        "case": case,
        "latest": latest,
        "rows": queries.in_domain_order(latest.domains.all()) if latest else [],
        "history": history,
        "can_change": access.can(request.user, "case.change", case),
    }
    return render(request, "assessments/list.html", context)


@require_GET
def detail(request: HttpRequest, case_id: UUID, assessment_id: str) -> HttpResponse:
    case = access.get_case(request, case_id, part="assessments")
    assessment = queries.assessment_of(case, assessment_id)
    previous, changes = queries.changes_since_previous(assessment)
    context = {
        "case": case,
        "assessment": assessment,
        "rows": queries.in_domain_order(assessment.domains.all()),
        "previous": previous,
        "changes": changes,
        "can_change": access.can(request.user, "case.change", case),
    }
    return render(request, "assessments/detail.html", context)


@require_http_methods(["GET", "POST"])
def new(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """A first assessment, or a re-assessment prefilled from the latest one."""
    case = _case_to_change(request, case_id)
    latest = queries.latest(case)
    rows = {row.domain: row for row in latest.domains.all()} if latest else {}
    initial = {"assessed_on": timezone.localdate(), "summary": latest.summary if latest else ""}
    form = AssessmentForm(request.POST or None, initial=initial)
    domains = domain_forms(queries.domains_offered(case), request.POST or None, rows)
    if request.method == "POST" and _all_valid(form, domains):
        try:
            assessment = actions.record_assessment(
                case,
                by=request.user,
                assessed_on=form.cleaned_data["assessed_on"],
                summary=form.cleaned_data["summary"],
                domains=[domain.domain_data() for domain in domains],
            )
        except ValidationError as error:
            _add_errors(form, domains, error)
        else:
            messages.success(request, _("The assessment was recorded."))
            return redirect("assessments:detail", case_id=case.pk, assessment_id=assessment.pk)
    context = {"case": case, "form": form, "domains": domains, "prefilled_from": latest}
    return render(request, "assessments/form.html", context)


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, case_id: UUID, assessment_id: str) -> HttpResponse:
    """Correct an assessment in place (a re-assessment is a new one: see `new`)."""
    case = _case_to_change(request, case_id)
    assessment = queries.assessment_of(case, assessment_id)
    rows = {row.domain: row for row in assessment.domains.all()}
    initial = {
        "assessed_on": assessment.assessed_on,
        "summary": assessment.summary,
        "version": assessment.version,
    }
    form = AssessmentForm(request.POST or None, initial=initial)
    form.fields["version"].required = True
    offered = queries.domains_offered(case, assessment)
    domains = domain_forms(offered, request.POST or None, rows)
    saved_meanwhile = None
    if request.method == "POST" and _all_valid(form, domains):
        try:
            actions.change_assessment(
                assessment,
                by=request.user,
                version=form.cleaned_data["version"],
                assessed_on=form.cleaned_data["assessed_on"],
                summary=form.cleaned_data["summary"],
                domains=[domain.domain_data() for domain in domains],
            )
        except StaleVersion as stale:
            # Keep what the user typed, show what was saved meanwhile, and let them save
            # again on top of it.
            form = AssessmentForm({**request.POST.dict(), "version": stale.current_version})
            form.is_valid()
            form.add_error(None, str(stale.message))
            saved_meanwhile = queries.assessment_of(case, assessment.pk)
        except ValidationError as error:
            _add_errors(form, domains, error)
        else:
            messages.success(request, _("The assessment was corrected."))
            return redirect("assessments:detail", case_id=case.pk, assessment_id=assessment.pk)
    context = {
        "case": case,
        "assessment": assessment,
        "form": form,
        "domains": domains,
        "saved_meanwhile": saved_meanwhile,
        "saved_rows": queries.in_domain_order(saved_meanwhile.domains.all())
        if saved_meanwhile
        else [],
    }
    return render(request, "assessments/form.html", context)


@require_GET
def print_assessment(request: HttpRequest, case_id: UUID, assessment_id: str) -> HttpResponse:
    case = access.get_case(request, case_id, part="assessments")
    assessment = queries.assessment_of(case, assessment_id)
    context = {
        "case": case,
        "assessment": assessment,
        "rows": queries.in_domain_order(assessment.domains.all()),
    }
    return render(request, "assessments/print.html", context)


def _case_to_change(request: HttpRequest, case_id: UUID) -> Case:
    """The case for a form that changes it (404, or 403 when only readable).

    Showing the form shows what the case holds (the prefill), so it is a read, audited.
    """
    if request.method == "POST":
        return access.get_case(request, case_id, to_change=True)
    case = access.get_case(request, case_id, part="assessments")
    access.require(request.user, "case.change", case)
    return case


def _all_valid(form: AssessmentForm, domains: list[DomainForm]) -> bool:
    # Validate every form, so each shows its errors.
    return all([form.is_valid(), *(domain.is_valid() for domain in domains)])


def _add_errors(form: AssessmentForm, domains: list[DomainForm], error: ValidationError) -> None:
    """Put the action's errors (`assessed_on`, `domains.<index>.<field>`) on their fields."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, field_errors in error.message_dict.items():
        target: Any = form
        field: str | None = key if key in form.fields else None
        parts = key.split(".")
        if len(parts) == 3 and parts[0] == "domains" and parts[1].isdigit():
            index = int(parts[1])
            if index < len(domains):
                target = domains[index]
                field = parts[2] if parts[2] in target.fields else None
        target.add_error(field, field_errors)

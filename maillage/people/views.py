"""The person page, and merging duplicates (administrators)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from maillage import access
from maillage.territory.communes import residence_label

from . import actions
from .forms import MergeForm, PersonSearchForm


@require_GET
def detail(request: HttpRequest, person_id: str) -> HttpResponse:
    person = access.get_person(request, person_id)
    context = {
        "person": person,
        "residence": residence_label(person.residence),
        "requests": access.requests_visible_to(request.user)
        .filter(person=person)
        .select_related("programme", "decision")
        .order_by("-received_at"),
        "cases": access.cases_visible_to(request.user)
        .filter(person=person)
        .select_related("programme")
        .order_by("-opened_at"),
    }
    return render(request, "people/detail.html", context)


@require_GET
def merge(request: HttpRequest) -> HttpResponse:
    """Find two records of the same person (identity only) and merge them."""
    access.require(request.user, "person.merge")
    form = PersonSearchForm(request.GET)
    found = []
    if form.is_valid() and form.cleaned_data["q"]:
        found = access.find_persons_to_merge(request, form.cleaned_data["q"])
    context = {"form": form, "found": found, "merge_form": MergeForm()}
    return render(request, "people/merge.html", context)


@require_POST
def merge_confirm(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "person.merge")
    form = MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the duplicate and the record to keep."))
        return redirect("people:merge")
    duplicate = access.get_person_to_merge(request, form.cleaned_data["duplicate"])
    survivor = access.get_person_to_merge(request, form.cleaned_data["survivor"])
    try:
        actions.merge_persons(duplicate, survivor, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The two records were merged; every linked record now points to the kept one."),
        )
    return redirect("people:merge")

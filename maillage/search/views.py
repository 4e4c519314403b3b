"""The search page: persons, cases and requests the user may see."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import query
from .forms import SearchForm


@require_GET
def results(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    found = query.search(request.user, q) if query.is_searchable(q) else None
    context = {
        "form": form,
        "q": q,
        "too_short": bool(q) and not query.is_searchable(q),
        "results": found,
    }
    return render(request, "search/results.html", context)

"""Directory pages: search, the service page, suggestions and their review, editing,
change history. The directory describes services, not persons; the only
person-level reads are the orientation context (`?request=` / `?case=`), through access."""

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from maillage import access
from maillage.categories import LifeDomain
from maillage.territory.communes import commune_name, is_brussels
from maillage.ui.forms import add_errors
from maillage.ui.paging import paginate
from maillage.versioning import StaleVersion

from . import actions
from .forms import FIELD_LABELS, LANGUAGES, ReviewForm, SearchForm, ServiceForm, SuggestionForm
from .life_domains import domains_of
from .models import Metadata, Schedule, SearchDocument, Service, Suggestion
from .search import search_services
from .status import closed_status, status_label

PER_PAGE = 20
LANGUAGE_NAMES = dict(LANGUAGES)
DAYS = {
    "MO": gettext_lazy("Monday"),
    "TU": gettext_lazy("Tuesday"),
    "WE": gettext_lazy("Wednesday"),
    "TH": gettext_lazy("Thursday"),
    "FR": gettext_lazy("Friday"),
    "SA": gettext_lazy("Saturday"),
    "SU": gettext_lazy("Sunday"),
}


def stale_months() -> int:
    return settings.DIRECTORY_STALE_MONTHS


def freshness(assured: date | None, today: date | None = None) -> dict[str, Any]:
    """How long ago the service was verified, in words; `stale` past DIRECTORY_STALE_MONTHS."""
    if assured is None:
        return {"text": _("never verified"), "stale": True, "months": None}
    today = today or timezone.localdate()
    months = (today.year - assured.year) * 12 + today.month - assured.month
    if today.day < assured.day:
        months -= 1
    months = max(months, 0)
    if months == 0:
        text = _("verified less than a month ago")
    else:
        text = ngettext(
            "verified %(months)d month ago", "verified %(months)d months ago", months
        ) % {"months": months}
    return {"text": text, "stale": months >= stale_months(), "months": months}


def _language_name(code: str) -> str:
    return str(LANGUAGE_NAMES.get(code, code))


def _summary(document: SearchDocument | None) -> dict[str, Any]:
    """Domains, communes and languages of a result, from its search document."""
    if document is None:
        return {"domains": [], "communes": [], "languages": [], "everywhere": False}
    return {
        "domains": [LifeDomain(code).label for code in document.domains.split()],
        "communes": [commune_name(nis) for nis in document.communes.split() if is_brussels(nis)],
        "everywhere": document.all_communes,
        "languages": [_language_name(code) for code in document.languages.split()],
        "free": document.free,
    }


def _context_target(request: HttpRequest) -> dict[str, Any]:
    """The request or case the search orients for (`?request=` / `?case=`), when the
    user may see it (the read is audited); else nothing. `commune` is the NIS code of
    the person's residence when it is a Brussels commune, else ""."""
    try:
        if request.GET.get("request"):
            support_request = access.get_request(request, request.GET["request"])
            target = {"kind": "request", "id": str(support_request.pk), "object": support_request}
        elif request.GET.get("case"):
            case = access.get_case(request, request.GET["case"], part="orientation")
            target = {"kind": "case", "id": str(case.pk), "object": case}
        else:
            return {}
    except (Http404, PermissionDenied, ValidationError, ValueError):
        return {}
    residence = target["object"].person.residence or ""
    target["commune"] = residence if is_brussels(residence) else ""
    return target


def _serves(document: SearchDocument | None, commune: str) -> bool:
    """Whether a result serves this commune (as the commune filter keeps it)."""
    if document is None or not commune:
        return True
    return document.all_communes or f" {commune} " in document.communes


def _nothing_fits_url(form: SearchForm, query: str, target: dict[str, Any]) -> str:
    """The unmet-need form, prefilled with the search (and the request or case)."""
    data = form.cleaned_data if form.is_valid() else {}
    params = {
        "life_domain": data.get("domain", ""),
        "commune": data.get("commune", ""),
        "age": data.get("age") if data.get("age") is not None else "",
        "q": query,
    }
    if target:
        params[target["kind"]] = target["id"]
    return (
        reverse("orientation:unmet_need")
        + "?"
        + urlencode({key: value for key, value in params.items() if value not in ("", None)})
    )


@login_not_required
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    access.require_directory_reader(request.user)
    form = SearchForm(request.GET)
    filters = form.filters()
    query = filters.pop("query")
    # Nothing asked yet (no words, no filter but the status): a prompt, not 20,000 names.
    searched = bool(query) or any(
        value not in (None, "") for key, value in filters.items() if key != "status"
    )
    target = _context_target(request) if request.user.is_authenticated else {}
    # Orienting a person: the services of their commune first, the others after them
    # (a ranking, not a filter), unless a commune is chosen in the filters.
    prefer = target.get("commune", "") if not filters.get("commune") else ""
    results = search_services(query, prefer_commune=prefer or None, **filters)
    results = results.select_related("search_document")
    page = paginate(results if searched else results.none(), request.GET, per_page=PER_PAGE)
    rows = []
    for service in page.items:
        document = getattr(service, "search_document", None)
        closed = closed_status(service)
        orient = ""
        if target and not closed:
            orient = (
                reverse("orientation:new")
                + "?"
                + urlencode({"service": service.pk, target["kind"]: target["id"]})
            )
        rows.append(
            {
                "service": service,
                **_summary(document),
                "freshness": freshness(service.assured_date),
                "orient_url": orient,
                "status": status_label(service),
                "closed": bool(closed),
                "serves_commune": _serves(document, prefer),
            }
        )
    nothing_fits = ""
    if request.user.is_authenticated and searched:
        nothing_fits = _nothing_fits_url(form, query, target)
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "query": page.query,
        "searched": searched,
        "target": target,
        "prefer_commune": commune_name(prefer) if prefer else "",
        "nothing_fits_url": nothing_fits,
        "may_edit": access.may_edit_directory(request.user),
    }
    return render(request, "directory/search.html", context)


def _service_or_404(service_id: str) -> Service:
    return get_object_or_404(Service.objects.select_related("organization"), pk=service_id)


def schedule_text(schedule: Schedule) -> str:
    """An HSDS schedule in words: days, hours, then its description."""
    days = [str(DAYS[d.strip()[-2:]]) for d in schedule.byday.split(",") if d.strip()[-2:] in DAYS]
    parts = []
    if days:
        parts.append(", ".join(days))
    if schedule.opens_at and schedule.closes_at:
        parts.append(
            _("%(opens)s–%(closes)s")
            % {
                "opens": schedule.opens_at.strftime("%H:%M"),
                "closes": schedule.closes_at.strftime("%H:%M"),
            }
        )
    text = " ".join(parts)
    extra = " ".join(part for part in (schedule.description, schedule.notes) if part)
    return f"{text} — {extra}" if text and extra else text or extra


def _service_context(service: Service) -> dict[str, Any]:
    """Everything to call or send someone there, with a fixed number of queries."""
    at_locations = list(
        service.service_at_locations.select_related("location").prefetch_related(
            "location__addresss", "location__phones", "phones", "schedules", "contacts"
        )
    )
    locations = [
        {
            "location": sal.location,
            "addresses": list(sal.location.addresss.all()),
            "phones": [*sal.phones.all(), *sal.location.phones.all()],
            "schedules": [schedule_text(s) for s in sal.schedules.all()],
            "contacts": list(sal.contacts.all()),
        }
        for sal in at_locations
    ]
    areas = list(service.service_areas.all())
    return {
        "service": service,
        "domains": [LifeDomain(code).label for code in domains_of(service)],
        "locations": locations,
        "phones": list(service.phones.all()),
        "contacts": list(service.contacts.prefetch_related("phones")),
        "schedules": [schedule_text(s) for s in service.schedules.all()],
        "languages": [
            _language_name(language.code) if language.code in LANGUAGE_NAMES else language.name
            for language in service.languages.all()
            if language.code or language.name
        ],
        "areas": [
            {
                "name": area.name,
                "commune": commune_name(area.commune) if is_brussels(area.commune) else "",
            }
            for area in areas
        ],
        "everywhere": not any(is_brussels(area.commune) for area in areas),
        "costs": list(service.cost_options.all()),
        "documents": list(service.required_documents.all()),
        "freshness": freshness(service.assured_date),
        "stale_months": stale_months(),
        "status_label": status_label(service),  # the HSDS status in words
    }


def _history(service: Service) -> Any:
    return Metadata.objects.filter(resource_id=service.pk, resource_type="service").order_by(
        "-last_action_date", "-id"
    )


def _labelled(rows: Any) -> list[Any]:
    for row in rows:
        row.label = FIELD_LABELS.get(row.field_name, row.field_name)
    return rows


@login_not_required
@require_GET
def service_page(request: HttpRequest, service_id: str) -> HttpResponse:
    access.require_directory_reader(request.user)
    service = _service_or_404(service_id)
    context = _service_context(service)
    context["may_suggest"] = access.directory.may_suggest_correction(request.user)
    context["may_edit"] = access.may_edit_directory(request.user)
    if request.user.is_authenticated:
        context["history"] = _labelled(list(_history(service)[:10]))
    return render(request, "directory/service.html", context)


@require_GET
def history(request: HttpRequest, service_id: str) -> HttpResponse:
    access.require_directory_reader(request.user)
    service = _service_or_404(service_id)
    page = paginate(_history(service), request.GET)
    _labelled(page.items)
    return render(
        request, "directory/history.html", {"service": service, "page": page, "query": page.query}
    )


@require_http_methods(["GET", "POST"])
def suggest(request: HttpRequest, service_id: str) -> HttpResponse:
    access.require_directory_reader(request.user)
    service = _service_or_404(service_id)
    form = SuggestionForm(request.POST or None, initial={"field_name": request.GET.get("field")})
    if request.method == "POST" and form.is_valid():
        try:
            actions.suggest_correction(service, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Thank you: an editor will review your suggestion."))
            return redirect("directory:service", service_id=service.pk)
    return render(request, "directory/suggest.html", {"service": service, "form": form})


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, service_id: str) -> HttpResponse:
    access.require_directory_editor(request.user)
    service = _service_or_404(service_id)
    form = ServiceForm(request.POST or None, instance=service, initial={"version": service.version})
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            changed = actions.update_service(
                service, by=request.user, changes=changes, version=form.cleaned_data["version"]
            )
        except StaleVersion as stale:
            data = form.data.copy()
            data["version"] = str(stale.current_version)
            form = ServiceForm(data, instance=_service_or_404(service_id))
            form.is_valid()
            form.add_error(None, str(stale.message))
        except ValidationError as error:
            add_errors(form, error)
        else:
            if changed:
                messages.success(request, _("The service was saved."))
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect("directory:service", service_id=service.pk)
    return render(request, "directory/edit.html", {"service": service, "form": form})


@require_GET
def suggestions(request: HttpRequest) -> HttpResponse:
    access.require_directory_editor(request.user)
    pending = (
        Suggestion.objects.filter(status=Suggestion.Status.PENDING)
        .select_related("service", "suggested_by")
        .order_by("suggested_at", "pk")
    )
    page = paginate(pending, request.GET)
    rows = [
        {
            "suggestion": s,
            "label": FIELD_LABELS.get(s.field_name, ""),
            "current": getattr(s.service, s.field_name, "") if s.field_name else "",
        }
        for s in page.items
    ]
    return render(
        request,
        "directory/suggestions.html",
        {"page": page, "rows": rows, "query": page.query, "form": ReviewForm()},
    )


@require_POST
def review(request: HttpRequest, suggestion_id: int) -> HttpResponse:
    access.require_directory_editor(request.user)
    suggestion = get_object_or_404(Suggestion, pk=suggestion_id)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to accept or reject the suggestion."))
        return redirect("directory:suggestions")
    accept = form.cleaned_data["decision"] == "accept"
    try:
        actions.review_suggestion(
            suggestion, by=request.user, accept=accept, review_note=form.cleaned_data["review_note"]
        )
    except (ValidationError, StaleVersion) as error:
        text = (
            " ".join(error.messages) if isinstance(error, ValidationError) else str(error.message)
        )
        messages.error(request, text)
    else:
        messages.success(
            request, _("Suggestion accepted.") if accept else _("Suggestion rejected.")
        )
    return redirect("directory:suggestions")

"""Everything held about a person (JSON and PDF downloads), and identity corrections."""

import json
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from maillage import access
from maillage.ui.forms import add_errors
from maillage.versioning import StaleVersion

from . import actions, export
from .forms import RectificationForm


@require_GET
def export_json(request: HttpRequest, person_id: UUID) -> HttpResponse:
    person = access.get_person_for_export(request, person_id, format="json")
    body = json.dumps(
        export.build_export(person), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{export.filename(person, "json")}"'
    return response


@require_GET
def export_pdf(request: HttpRequest, person_id: UUID) -> HttpResponse:
    """The same as a PDF to print (shown in the browser), in the language asked
    (`?language=nl`) or the page's."""
    person = access.get_person_for_export(request, person_id, format="pdf")
    languages = {code for code, _name in settings.LANGUAGES}
    language = request.GET.get("language")
    language = language if language in languages else get_language()
    response = HttpResponse(export.export_pdf(person, language), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{export.filename(person, "pdf")}"'
    return response


def identity(request: HttpRequest, person_id: UUID) -> HttpResponse:
    """Correct identity details; the page lists every earlier correction."""
    person = access.get_person_for_rectification(
        request, person_id, to_change=request.method == "POST"
    )
    form = RectificationForm(request.POST or None, initial=RectificationForm.initial_from(person))
    if request.method == "POST" and form.is_valid():
        try:
            actions.rectify_person(
                person,
                by=request.user,
                changes=form.changes(),
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
            )
        except StaleVersion as stale:
            data = form.data.copy()
            data["version"] = str(stale.current_version)
            form.data = data
            form.full_clean()
            form.add_error(None, stale.message)
            person.refresh_from_db()
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("The identity details were corrected; the history keeps the earlier values."),
            )
            return redirect("records:identity", person_id=person.pk)
    context = {
        "person": person,
        "form": form,
        "history": person.rectifications.select_related("by").order_by("-at", "-pk"),
        "field_labels": {name: form.fields[name].label for name in actions.RECTIFIABLE},
    }
    return render(request, "records/identity.html", context)

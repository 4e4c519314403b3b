"""The case manager's prints: the invitation letter and the person's space on paper
(HTML to print, and PDF with WeasyPrint, fetching nothing from outside)."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from maillage import access, mail
from maillage.cases.models import Case

from . import queries
from .actions import Issued
from .models import format_code


def language_of(person: Any) -> str:
    """The person's language when Maillage speaks it, else the default (French)."""
    return (
        person.language if person.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    )


def letter_context(issued: Issued, request: HttpRequest) -> dict[str, Any]:
    """The letter's addresses are this Maillage's (`MAILLAGE_SITE_URL`), like an email's."""
    invitation = issued.invitation
    return {
        "case": invitation.case,
        "person": invitation.person,
        "invitation": invitation,
        "code": format_code(issued.code),
        "code_url": mail.site_url(reverse("space:code")),
        "space_url": mail.site_url(reverse("space:home")),
        "manager": request.user,
        "today": timezone.localdate(),
    }


def print_context(case: Case, request: HttpRequest) -> dict[str, Any]:
    """Everything the person's pages show, and their access log (latest 200 reads)."""
    log = access.own.access_log_page(case.person, {}, per_page=200)
    return {
        **queries.everything(case),
        "person": case.person,
        "access_log": log.items,
        "today": timezone.localdate(),
    }


def pdf_response(
    template: str, context: dict[str, Any], request: HttpRequest, *, filename: str
) -> HttpResponse:
    from weasyprint import HTML  # heavy: only when a PDF is asked for

    html = render_to_string(template, context, request=request)
    document = HTML(
        string=html, base_url=mail.site_url("/"), url_fetcher=_fetch_nothing
    ).write_pdf()
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _fetch_nothing(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"The prints fetch no external resource ({url}).")

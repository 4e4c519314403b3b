"""Everything held about a person, over the API: `GET /api/v1/persons/{id}/export`
(JSON, layout in docs/export-format.md) and `/export.pdf` (to print)."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from ninja import Query, Router, Schema
from pydantic import Field

from maillage import access
from maillage.records import export

from .schemas import ErrorOut, pdf_response

router = Router(tags=["records"])

ERRORS: dict[int, Any] = dict.fromkeys((401, 403, 404, 422), ErrorOut)
LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


class PdfIn(Schema):
    language: str | None = Field(
        None,
        pattern=f"^({'|'.join(LANGUAGES)})$",
        description="Language of the document (default: from Accept-Language).",
    )


@router.get(
    "/{person_id}/export",
    response={200: dict[str, Any], **ERRORS},
    summary="Everything held about a person (JSON)",
)
def person_export(request: HttpRequest, person_id: str) -> dict[str, Any]:
    """For the workers of the person's cases and their team lead; audited
    ("person.exported")."""
    person = access.get_person_for_export(request, person_id, format="json")
    return export.build_export(person)


@router.get(
    "/{person_id}/export.pdf",
    response={200: None, **ERRORS},
    summary="Everything held about a person (PDF to print)",
    openapi_extra=pdf_response("Everything held about the person, as a PDF to print."),
)
def person_export_pdf(request: HttpRequest, person_id: str, query: Query[PdfIn]) -> HttpResponse:
    person = access.get_person_for_export(request, person_id, format="pdf")
    document = export.export_pdf(person, query.language or get_language())
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{export.filename(person, "pdf")}"'
    return response

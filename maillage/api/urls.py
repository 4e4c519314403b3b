"""The JSON API, version 1, mounted at /api/v1/ (OpenAPI document at /api/v1/openapi.json).

Every endpoint needs a bearer token (`manage.py create_token USERNAME`); the token's user
goes through `maillage.access` exactly as in pages. Errors: see `errors.py`.
"""

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver, path, re_path
from ninja import NinjaAPI
from ninja.errors import ValidationError, ValidationErrorContext
from ninja.operation import Operation

from . import (
    assessments,
    cases,
    conference_funding,
    conference_meeting,
    conferences,
    consents,
    directory,
    errors,
    journal,
    me,
    network,
    notifications,
    orientation,
    partner,
    plans,
    programmes,
    public,
    public_requests,
    records,
    requests,
    search,
    signal_figures,
    signals,
)
from .auth import BearerToken

# The partner and records routers once lived in their apps: their OpenAPI operation ids
# keep the old module names, so that generated clients keep their method names.
PUBLISHED_MODULES = {
    "maillage.api.partner": "maillage.partners.api",
    "maillage.api.records": "maillage.records.api",
}


class MaillageAPI(NinjaAPI):
    @property
    def urls(self) -> tuple[list[URLResolver | URLPattern], str, str]:
        """Ninja's URLs, plus a JSON 404 for any other path under the API.

        Bearer tokens, not sessions, guard the API: LoginRequiredMiddleware skips it.
        """
        patterns, app_name, namespace = super().urls
        patterns = [p for p in patterns if getattr(p, "name", None) != "api-root"]
        patterns += [
            path("", errors.not_found, name="api-root"),
            re_path(r"^.+$", errors.not_found),
        ]
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                login_not_required(pattern.callback)
        return patterns, app_name, namespace

    def get_openapi_operation_id(self, operation: Operation) -> str:
        module = operation.view_func.__module__
        module = PUBLISHED_MODULES.get(module, module)
        return f"{module}_{operation.view_func.__name__}".replace(".", "_")

    def validation_error_from_error_contexts(
        self, error_contexts: list[ValidationErrorContext[Any]]
    ) -> ValidationError:
        """Name fields by their path in the body or query: `person.birth_date`, `page`."""
        found = []
        for context in error_contexts:
            model = context.model
            for error in context.pydantic_validation_error.errors(include_url=False):
                path = model.__ninja_flatten_map_reverse__.get(error["loc"], error["loc"])
                if getattr(model, "__read_from_single_attr__", None):
                    path = path[1:]  # the view's parameter name ("payload")
                found.append(errors.field_error(path, dict(error)))
        return ValidationError(found)


api = MaillageAPI(
    title="Maillage API",
    version="1",
    urls_namespace="api-1",
    auth=BearerToken(),
    # Ninja's Swagger page loads from a CDN unless "ninja" is an installed app; no CDN.
    docs_url=None,
    description=(
        "Requests, cases and programmes of Maillage. Send `Authorization: Bearer <token>` "
        "(`manage.py create_token USERNAME`). Errors are JSON: `detail` (one sentence in "
        "the language of `Accept-Language`) and `errors` (`field`, a dotted path, and "
        "`message`)."
    ),
)
errors.install(api)
api.add_router("/programmes", programmes.router)
api.add_router("/requests", requests.router)
api.add_router("/cases", cases.router)
api.add_router("/cases", consents.router)
api.add_router("/cases", assessments.router)
api.add_router("/cases", network.router)
api.add_router("/cases", plans.router)
api.add_router("/cases", journal.router)
api.add_router("", conferences.router)
api.add_router("", conference_meeting.router)
api.add_router("", conference_funding.router)
api.add_router("/partner", partner.router)
api.add_router("/persons", records.router)  # the export of everything about a person
api.add_router("/directory", directory.router)
api.add_router("", orientation.router)
api.add_router("/me", me.router)
api.add_router("/me", notifications.router)
api.add_router("/search", search.router)
api.add_router("/public", public.router)
api.add_router("/public", public_requests.router)
api.add_router("/public", signals.router)
api.add_router("/screening", signal_figures.router)

"""Every API error as JSON: `{"detail": sentence, "errors": [{"field", "message"}]}`.

`detail` is one whole sentence, translated into the language negotiated from
`Accept-Language`; `errors` names each field at fault by its dotted path in the body or
the query string (`person.birth_date`, `requesters.0.kind`, `facts.in_crisis`, `page`),
or `null` for an error about the request as a whole. Bad input is always a 4xx:

    400 malformed JSON          401 missing or invalid token     403 not allowed
    404 not found or not visible  409 already answered, or stale version
    413 body too large          422 invalid fields

`install(api)` registers the handlers; `field_error()` turns a pydantic error into ours;
`renamed()` names an action's errors by the fields of the body.
"""

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import (
    NON_FIELD_ERRORS,
    PermissionDenied,
    RequestDataTooBig,
    ValidationError,
)
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from maillage.versioning import StaleVersion


class Conflict(Exception):
    """The request cannot be applied in the object's current state (409)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def install(api: NinjaAPI) -> None:
    handlers: list[tuple[type[Exception], Any]] = [
        (NinjaValidationError, _invalid_input),
        (ValidationError, _invalid_fields),
        (AuthenticationError, _unauthenticated),
        (HttpError, _http_error),
        (Http404, _not_found),
        (PermissionDenied, _forbidden),
        (StaleVersion, _stale_version),
        (Conflict, _conflict),
        (RequestDataTooBig, _too_large),
    ]
    for exception, handler in handlers:
        api.add_exception_handler(exception, _bound(api, handler))


def _bound(api: NinjaAPI, handler: Any) -> Any:
    def handle(request: HttpRequest, exc: Exception) -> HttpResponse:
        status, body = handler(exc)
        response = api.create_response(request, body, status=status)
        if status == 401:
            response["WWW-Authenticate"] = "Bearer"
        return response

    return handle


def error_body(detail: str, errors: Iterable[dict[str, Any]] = (), **extra: Any) -> dict[str, Any]:
    return {"detail": detail, "errors": list(errors), **extra}


def _invalid_input(exc: NinjaValidationError) -> tuple[int, dict[str, Any]]:
    return 422, error_body(_("Some fields are not valid."), exc.errors)


def _invalid_fields(exc: ValidationError) -> tuple[int, dict[str, Any]]:
    errors = [
        {"field": None if field == NON_FIELD_ERRORS else field, "message": message}
        for field, messages in _messages_by_field(exc)
        for message in messages
    ]
    if len(errors) == 1 and errors[0]["field"] is None:
        return 422, error_body(errors[0]["message"], errors)
    return 422, error_body(_("Some fields are not valid."), errors)


def _messages_by_field(exc: ValidationError) -> list[tuple[str, list[str]]]:
    if hasattr(exc, "error_dict"):
        return list(exc.message_dict.items())
    return [(NON_FIELD_ERRORS, exc.messages)]


def _unauthenticated(_exc: AuthenticationError) -> tuple[int, dict[str, Any]]:
    return 401, error_body(
        _("Send a valid API token in the header “Authorization: Bearer <token>”.")
    )


def _http_error(exc: HttpError) -> tuple[int, dict[str, Any]]:
    # Ninja raises HttpError(400) when the body is not JSON; nothing else here raises it.
    if exc.status_code == 400:
        return 400, error_body(_("The request body is not valid JSON."))
    return exc.status_code, error_body(str(exc))


def _not_found(_exc: Http404) -> tuple[int, dict[str, Any]]:
    return 404, error_body(_("Not found."))


def not_found(request: HttpRequest) -> HttpResponse:
    """Any other path under the API: a JSON 404 rather than the HTML page."""
    return JsonResponse(error_body(_("Not found.")), status=404)


def _forbidden(_exc: PermissionDenied) -> tuple[int, dict[str, Any]]:
    return 403, error_body(_("You may not do this."))


def _stale_version(exc: StaleVersion) -> tuple[int, dict[str, Any]]:
    detail = _(
        "Someone else changed this record since you read it. "
        "Read it again and send the current version."
    )
    errors = [{"field": "version", "message": detail}]
    return 409, error_body(detail, errors, current_version=exc.current_version)


def _conflict(exc: Conflict) -> tuple[int, dict[str, Any]]:
    return 409, error_body(exc.detail)


def _too_large(_exc: RequestDataTooBig) -> tuple[int, dict[str, Any]]:
    return 413, error_body(_("The request body is too large."))


def nested(prefix: str, error: ValidationError, *, fields: Iterable[str]) -> ValidationError:
    """The same errors, those about `fields` under `prefix` (`person.given_name`)."""
    fields = set(fields)
    return ValidationError(
        {
            f"{prefix}.{field}" if field in fields else field: messages
            for field, messages in _messages_by_field(error)
        }
    )


@contextmanager
def renamed(names: dict[str, str]) -> Iterator[None]:
    """Name the body's fields in errors raised by an action: `owner` → `owner_id`,
    `contacts.0.actor` → `contacts.0.actor_id`."""
    try:
        yield
    except ValidationError as error:
        renamed_error = renamed_fields(error, names)
        if renamed_error is error:
            raise
        raise renamed_error from error


def renamed_fields(error: ValidationError, names: dict[str, str]) -> ValidationError:
    """The same errors, each field named as in the body (see `renamed()`)."""
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError(
        {_rename(field, names): messages for field, messages in error.message_dict.items()}
    )


def _rename(field: str, names: dict[str, str]) -> str:
    *path, last = field.split(".")
    return ".".join([*path, names.get(last, last)])


# Pydantic's messages are English only: say the same in the active language. Our own
# validators raise PydanticCustomError(OWN_ERROR, translated message).
OWN_ERROR = "maillage"


def field_error(path: tuple[Any, ...], error: dict[str, Any]) -> dict[str, Any]:
    """Our error for one of pydantic's, at `path` (without "body" and the param name)."""
    return {"field": ".".join(str(part) for part in path) or None, "message": message(error)}


def message(error: dict[str, Any]) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == OWN_ERROR:
        return str(error["msg"])
    if kind in _MESSAGES:
        return str(_MESSAGES[kind]) % ctx
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return _("Choose one of: %(choices)s.") % {"choices": ", ".join(choices)}
    for prefix, text in _MESSAGES_BY_PREFIX:
        if kind.startswith(prefix):
            return str(text)
    return _("This value is not valid.")


_MESSAGES = {
    "missing": gettext_lazy("This field is required."),
    "string_type": gettext_lazy("Enter a text."),
    "string_too_short": gettext_lazy("This field cannot be empty."),
    "string_too_long": gettext_lazy("Enter at most %(max_length)s characters."),
    "too_short": gettext_lazy("Enter at least %(min_length)s items."),
    "too_long": gettext_lazy("Enter at most %(max_length)s items."),
    "greater_than_equal": gettext_lazy("Enter a number of at least %(ge)s."),
    "less_than_equal": gettext_lazy("Enter a number of at most %(le)s."),
    "list_type": gettext_lazy("Enter a list."),
    "dict_type": gettext_lazy("Enter an object."),
    "model_type": gettext_lazy("Enter an object."),
    "model_attributes_type": gettext_lazy("Enter an object."),
    "uuid_parsing": gettext_lazy("Enter a valid identifier."),
    "uuid_type": gettext_lazy("Enter a valid identifier."),
}
# Checked in this order: "datetime_parsing" before "date_…".
_MESSAGES_BY_PREFIX = [
    ("datetime", gettext_lazy("Enter a date and time in ISO 8601 (2025-01-31T09:30:00+01:00).")),
    ("date", gettext_lazy("Enter a valid date as YYYY-MM-DD.")),
    ("int", gettext_lazy("Enter a whole number.")),
    ("float", gettext_lazy("Enter a number.")),
    ("bool", gettext_lazy("Enter true or false.")),
]

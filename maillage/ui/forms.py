"""Form helpers shared by the pages."""

from typing import Any

from django.core.exceptions import ValidationError

from maillage.versioning import StaleVersion


def add_errors(form: Any, error: ValidationError | StaleVersion) -> None:
    """Show an action's refusal on the form: a stale version, or a ValidationError on
    the fields the form has (else at its top), so that nothing the user typed is lost."""
    if isinstance(error, StaleVersion):
        form.add_error(None, str(error.message))
        return
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, field_errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, field_errors)

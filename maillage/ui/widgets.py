"""The date and date-time widgets of every form: ISO values, whatever the language.

A browser's date field takes and sends `2026-12-05`, and nothing else. Left to itself,
Django fills a date widget in the active language's format (`05/12/2026` in French,
`05-12-2026` in Dutch): the browser cannot show it, so the field looks empty and saving
the form erases the date. These widgets always write ISO; the form fields read it in
every language (Django adds the ISO formats to each language's input formats).

Every `forms.DateField` and `forms.DateTimeField` uses them (a test checks it); a model
form gives them to its date columns with `formfield_callback = iso_date_widgets` in its
`Meta` (or `fields_for_model(…, formfield_callback=iso_date_widgets)`).
"""

from typing import Any

from django import forms
from django.db import models

DATE_FORMAT = "%Y-%m-%d"
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateInput(forms.DateInput):
    """`<input type="date">`, its value always `2026-12-05`."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format=DATE_FORMAT)


class DateTimeInput(forms.DateTimeInput):
    """`<input type="datetime-local">`, its value always `2026-12-05T14:30`."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format=DATETIME_FORMAT)


def iso_date_widgets(db_field: models.Field, **kwargs: Any) -> forms.Field | None:  # type: ignore[type-arg]
    """`formfield_callback` of a model form: its date and date-time columns get the
    widgets above instead of Django's default (which writes the language's format)."""
    if isinstance(db_field, models.DateTimeField):
        kwargs.setdefault("widget", DateTimeInput)
    elif isinstance(db_field, models.DateField):
        kwargs.setdefault("widget", DateInput)
    return db_field.formfield(**kwargs)

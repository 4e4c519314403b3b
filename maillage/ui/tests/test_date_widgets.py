"""Dates in forms: one date widget and one date-time widget for the whole project, which
write ISO values whatever the language, and fields that read ISO in every language.

A date written in the language's format (`05/12/2026`) cannot be shown by a browser's
date field, which then sends nothing back: saving the form erased the date in French and
Dutch. The guard below finds every form class of the project by itself (every
`maillage/**/*forms.py` module and every module of a `forms/` package is imported, then
every subclass of `forms.BaseForm` defined under `maillage` is checked), so a new form is
covered the day it is written.
"""

import importlib
import inspect
from datetime import date, datetime
from pathlib import Path
from typing import Any
from unittest import mock

from django import forms
from django.test import SimpleTestCase, TestCase
from django.utils import timezone, translation

import maillage
from maillage.ui.widgets import DATE_FORMAT, DATETIME_FORMAT, DateInput, DateTimeInput

LANGUAGES = ("fr", "nl", "en")
WIDGETS = {forms.DateTimeField: DateTimeInput, forms.DateField: DateInput}  # not subclasses


def form_modules() -> list[str]:
    root = Path(maillage.__file__).parent
    return sorted(
        ".".join(("maillage", *path.relative_to(root).with_suffix("").parts))
        for path in [*root.glob("**/*forms.py"), *root.glob("**/forms/*.py")]
        if path.name != "__init__.py"
        and "tests" not in path.parts
        and "migrations" not in path.parts
    )


def form_classes() -> list[type[forms.BaseForm]]:
    """Every form class of the project (imported from its modules first)."""
    for name in form_modules():
        importlib.import_module(name)
    found, todo = set(), [forms.BaseForm]
    while todo:
        for subclass in todo.pop().__subclasses__():
            if subclass not in found:
                found.add(subclass)
                todo.append(subclass)
    return sorted(
        (c for c in found if c.__module__.startswith("maillage.") and ".tests" not in c.__module__),
        key=lambda c: f"{c.__module__}.{c.__qualname__}",
    )


def fields_of(form_class: type[forms.BaseForm]) -> dict[str, forms.Field]:
    """The declared fields, and those `__init__` adds: the form is built with stand-ins
    for its keyword arguments (an actor, a case…) when it needs them."""
    fields = dict(form_class.base_fields)
    try:
        form = form_class(**_stand_ins(form_class))
    except Exception:  # noqa: BLE001 — a form whose __init__ needs real objects
        return fields
    return {**fields, **form.fields}


def _stand_ins(form_class: type[forms.BaseForm]) -> dict[str, Any]:
    parameters = inspect.signature(form_class.__init__).parameters.values()
    return {p.name: mock.MagicMock() for p in parameters if p.kind is p.KEYWORD_ONLY}


class EveryFormUsesTheSharedWidgetsTests(TestCase):
    def test_the_form_modules_are_found(self) -> None:
        modules = form_modules()
        for name in ("maillage.plans.forms", "maillage.conferences.forms.meeting"):
            self.assertIn(name, modules)
        names = {c.__qualname__ for c in form_classes()}
        for name in ("ActionForm", "CrisisPlanForm", "ServiceForm", "JournalEntryForm"):
            self.assertIn(name, names)

    def test_every_date_field_uses_the_shared_widgets(self) -> None:
        wrong = []
        for form_class in form_classes():
            for name, field in fields_of(form_class).items():
                where = f"{form_class.__module__}.{form_class.__qualname__}.{name}"
                if isinstance(field, forms.SplitDateTimeField):
                    wrong.append(f"{where}: use a DateTimeField, not a split one")
                    continue
                expected = next((w for t, w in WIDGETS.items() if isinstance(field, t)), None)
                if expected and not isinstance(field.widget, expected):
                    wrong.append(f"{where}: {type(field.widget).__name__}")
        self.assertEqual(wrong, [], "use maillage.ui.widgets.DateInput / DateTimeInput")

    def test_the_fields_added_when_a_form_is_built_are_checked_too(self) -> None:
        from maillage.network.forms import ActorForm

        self.assertIn("ended_on", fields_of(ActorForm))
        self.assertIsInstance(fields_of(ActorForm)["ended_on"].widget, DateInput)


class IsoInEveryLanguageTests(SimpleTestCase):
    class Form(forms.Form):
        day = forms.DateField(widget=DateInput())
        moment = forms.DateTimeField(widget=DateTimeInput())

    def test_the_widgets_write_iso_whatever_the_language(self) -> None:
        moment = timezone.make_aware(datetime(2026, 12, 5, 14, 30))
        for language in LANGUAGES:
            with translation.override(language):
                form = self.Form(initial={"day": date(2026, 12, 5), "moment": moment})
                html = str(form)
            self.assertIn('type="date" name="day" value="2026-12-05"', html, language)
            self.assertIn(
                'type="datetime-local" name="moment" value="2026-12-05T14:30"', html, language
            )

    def test_the_fields_read_iso_in_every_language(self) -> None:
        for language in LANGUAGES:
            with translation.override(language):
                form = self.Form({"day": "2026-12-05", "moment": "2026-12-05T14:30"})
                self.assertIs(form.is_valid(), True, (language, form.errors))
            self.assertEqual(form.cleaned_data["day"], date(2026, 12, 5))
            self.assertEqual(
                timezone.localtime(form.cleaned_data["moment"]).strftime(DATETIME_FORMAT),
                "2026-12-05T14:30",
            )

    def test_the_formats_are_those_of_the_browser(self) -> None:
        self.assertEqual(date(2026, 12, 5).strftime(DATE_FORMAT), "2026-12-05")
        self.assertEqual(DateInput().input_type, "date")
        self.assertEqual(DateTimeInput().input_type, "datetime-local")

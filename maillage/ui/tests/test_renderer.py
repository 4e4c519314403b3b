"""The form renderer draws Django's widget templates in Python: same markup, to the
character, as Django's templates for every kind of widget it draws."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from maillage.ui.renderer import FormRenderer
from maillage.ui.widgets import DateInput, DateTimeInput

CHOICES = [
    ("", "---------"),
    ("a", "Alice & <Bob>"),
    (0, gettext_lazy("Answer")),
    ("s", mark_safe("<em>safe</em>")),
]
GROUPED = [("Group <1>", [("x", "X"), ("y", "Y")]), ("z", "Zed")]


class EveryWidget(forms.Form):
    text = forms.CharField(widget=forms.TextInput(attrs={"class": "wide", "autofocus": True}))
    empty = forms.CharField(required=False, widget=forms.TextInput(attrs={"hidden": False}))
    number = forms.IntegerField(widget=forms.NumberInput(attrs={"min": 0, "step": 1}))
    email = forms.EmailField(widget=forms.EmailInput)
    url = forms.URLField(assume_scheme="https")
    password = forms.CharField(widget=forms.PasswordInput(render_value=True))
    hidden = forms.IntegerField(widget=forms.HiddenInput)
    date = forms.DateField(widget=DateInput)
    moment = forms.DateTimeField(widget=DateTimeInput)
    time = forms.TimeField(widget=forms.TimeInput)
    flag = forms.BooleanField(required=False)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    blank_note = forms.CharField(required=False, widget=forms.Textarea)
    choice = forms.ChoiceField(choices=CHOICES)
    grouped = forms.ChoiceField(choices=GROUPED)
    several = forms.MultipleChoiceField(choices=CHOICES, required=False)
    radio = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect)
    radio_grouped = forms.ChoiceField(choices=GROUPED, widget=forms.RadioSelect)
    boxes = forms.MultipleChoiceField(
        choices=CHOICES, widget=forms.CheckboxSelectMultiple(attrs={"class": "grid"})
    )
    boxes_grouped = forms.MultipleChoiceField(choices=GROUPED, widget=forms.CheckboxSelectMultiple)


BOUND = {
    "text": 'He said "<hi>" & left',
    "number": "0",
    "email": "a@b.be",
    "url": "https://example.org/?a=1&b=2",
    "password": "s<e>cret",
    "hidden": "7",
    "date": "2026-12-05",
    "moment": "2026-12-05T09:30",
    "time": "09:30",
    "flag": "on",
    "note": "line one\n<line two> & three",
    "choice": "a",
    "grouped": "y",
    "several": ["a", "0"],
    "radio": "0",
    "radio_grouped": "x",
    "boxes": ["s", ""],
    "boxes_grouped": ["z"],
}


@pytest.mark.parametrize("data", [None, BOUND, {"text": ""}], ids=["unbound", "bound", "errors"])
def test_every_widget_drawn_as_django_draws_it(data):
    ours = EveryWidget(data, renderer=FormRenderer())
    django = EveryWidget(data, renderer=DjangoTemplates())
    if data is not None:
        ours.is_valid(), django.is_valid()
    for name in EveryWidget.base_fields:
        assert str(ours[name]) == str(django[name]), name


def test_whole_form_and_labels_still_come_from_templates():
    ours = EveryWidget(BOUND, renderer=FormRenderer())
    django = EveryWidget(BOUND, renderer=DjangoTemplates())
    assert str(ours) == str(django)
    assert ours["text"].label_tag() == django["text"].label_tag()


def test_many_choices_are_drawn_without_a_template_per_option():
    class Workers(forms.Form):
        workers = forms.MultipleChoiceField(
            choices=[(str(i), f"Worker {i}") for i in range(150)],
            widget=forms.CheckboxSelectMultiple,
        )

    renderer = FormRenderer()
    loaded = []
    original = renderer.get_template
    renderer.get_template = lambda name: loaded.append(name) or original(name)
    html = str(Workers(renderer=renderer)["workers"])
    assert html.count('type="checkbox"') == 150
    assert loaded == []

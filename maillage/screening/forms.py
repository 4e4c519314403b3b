"""The signal's questions as one form: the page's, and again, in hidden fields, the
findings page's (answers travel between the steps and are validated again)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .questions import ALONE, QUESTIONS, Question


def _field(question: Question, *, hidden: bool) -> forms.Field:
    common: dict[str, Any] = {
        "label": question.label,
        "help_text": question.help,
        "required": question.required,
        "choices": question.choices,
        "error_messages": {"required": _("Choose an answer, or “I don't know”.")},
    }
    if question.multiple:
        widget = forms.MultipleHiddenInput if hidden else forms.CheckboxSelectMultiple
        return forms.MultipleChoiceField(widget=widget, **common)
    widget = forms.HiddenInput if hidden else forms.RadioSelect
    return forms.ChoiceField(widget=widget, **common)


class SignalForm(forms.Form):
    """Every question; `hidden=True` draws them as hidden fields (the findings page)."""

    def __init__(self, *args: Any, hidden: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in QUESTIONS:
            self.fields[question.code] = _field(question, hidden=hidden)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for question in QUESTIONS:
            values = data.get(question.code)
            if question.multiple and values:
                data[question.code] = values = list(dict.fromkeys(values))
                if len(values) > 1 and set(values) & ALONE:
                    self.add_error(
                        question.code,
                        _(
                            "Choose “I don't know” or “None of these” alone, or the answers you know."
                        ),
                    )
        return data

    def answers(self) -> dict[str, Any]:
        """The answers as stored: codes only, a list for a multiple choice, none empty."""
        return {code: value for code, value in self.cleaned_data.items() if value}

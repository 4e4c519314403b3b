"""Forms of the partner pages: activation, a journal entry, an update of an action."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.cases.models import JournalEntry
from maillage.categories import Category
from maillage.plans.models import Action
from maillage.ui.widgets import DateInput, DateTimeInput


class ActivationForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters; not only digits, not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password2") != data.get("password1"):
            self.add_error("password2", _("The two passwords differ."))
        return data


class PartnerJournalForm(forms.Form):
    """A journal entry by a partner: only in the categories shared with them."""

    kind = forms.ChoiceField(label=_("type"), choices=JournalEntry.Kind.choices)
    occurred_at = forms.DateTimeField(
        label=_("when"),
        required=False,
        widget=DateTimeInput(),
    )
    duration_minutes = forms.IntegerField(
        label=_("duration (minutes)"), min_value=0, max_value=24 * 60, required=False
    )
    participants = forms.CharField(label=_("participants"), max_length=500, required=False)
    text = forms.CharField(label=_("text"), widget=forms.Textarea(attrs={"rows": 5}))
    category = forms.ChoiceField(label=_("information category"))

    def __init__(self, *args: Any, categories: frozenset[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [
            (value, label) for value, label in Category.choices if value in categories
        ]
        if Category.JOURNAL in categories:
            self.fields["category"].initial = Category.JOURNAL

    def entry_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        if data.get("occurred_at") is None:
            data.pop("occurred_at", None)
        return data


class PartnerActionForm(forms.Form):
    """What a partner may change on an action they own."""

    status = forms.ChoiceField(label=_("status"), choices=Action.Status.choices)
    due_on = forms.DateField(label=_("when"), required=False, widget=DateInput())
    follow_up = forms.CharField(
        label=_("follow-up notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    @classmethod
    def initial_for(cls, action: Action) -> dict[str, Any]:
        return {
            "status": action.status,
            "due_on": action.due_on,
            "follow_up": action.follow_up,
            "version": action.version,
        }

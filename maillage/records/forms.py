"""The form of identity corrections."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from maillage.people.models import Person
from maillage.territory.communes import residence_choices
from maillage.ui.widgets import DateInput

from .actions import RECTIFIABLE


class RectificationForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    given_name = forms.CharField(label=_("Given name"), max_length=100)
    family_name = forms.CharField(label=_("Family name"), max_length=100)
    birth_date = forms.DateField(
        label=_("Birth date"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty if not known."),
    )
    residence = forms.ChoiceField(label=_("Residence"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    reason = forms.CharField(
        label=_("Why these details are corrected"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Kept with the history of corrections, which the person may read."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["residence"].choices = [("", _("unknown")), *residence_choices()]
        self.fields["language"].choices = [("", _("unknown")), *settings.LANGUAGES]

    @staticmethod
    def initial_from(person: Person) -> dict[str, Any]:
        return {"version": person.version, **{name: getattr(person, name) for name in RECTIFIABLE}}

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in RECTIFIABLE}

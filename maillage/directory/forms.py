"""Forms of the directory pages: search filters, corrections, editing, unmet needs."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.categories import LifeDomain
from maillage.links import LinkFormField
from maillage.territory.communes import COMMUNES
from maillage.ui.widgets import DateInput

from .models import Service

# The service fields an editor edits on the page and a suggestion may name.
EDITABLE_FIELDS = (
    "name",
    "alternate_name",
    "description",
    "status",
    "url",
    "email",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
    "application_process",
    "fees_description",
    "wait_time",
    "interpretation_services",
    "alert",
    "assured_date",
)
FIELD_LABELS = {
    "name": _("Name"),
    "alternate_name": _("Other name"),
    "description": _("Description"),
    "status": _("Status"),
    "url": _("Website"),
    "email": _("Email"),
    "eligibility_description": _("Who can use it"),
    "minimum_age": _("Minimum age"),
    "maximum_age": _("Maximum age"),
    "application_process": _("How to apply"),
    "fees_description": _("Cost"),
    "wait_time": _("Waiting time"),
    "interpretation_services": _("Interpreting"),
    "alert": _("Alert"),
    "assured_date": _("Last verified"),
}
LANGUAGES = (
    ("fr", _("French")),
    ("nl", _("Dutch")),
    ("en", _("English")),
    ("de", _("German")),
    ("ar", _("Arabic")),
    ("tr", _("Turkish")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("ro", _("Romanian")),
    ("pl", _("Polish")),
)
STATUSES = (
    ("active", _("active")),
    ("inactive", _("inactive")),
    ("defunct", _("defunct")),
    ("temporarily closed", _("temporarily closed")),
    ("", _("any status")),
)


def domain_choices() -> list[tuple[str, str]]:
    return [("", _("All life domains")), *LifeDomain.choices]


def commune_choices() -> list[tuple[str, str]]:
    ordered = sorted(COMMUNES, key=lambda commune: commune.name)
    return [("", _("All communes")), *((c.nis, c.name) for c in ordered)]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    domain = forms.ChoiceField(label=_("Life domain"), required=False, choices=domain_choices)
    commune = forms.ChoiceField(label=_("Commune served"), required=False, choices=commune_choices)
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("Any language")), *LANGUAGES]
    )
    age = forms.IntegerField(label=_("Age"), required=False, min_value=0, max_value=120)
    free = forms.BooleanField(label=_("Free of charge only"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUSES)

    def filters(self) -> dict[str, Any]:
        """Arguments for `search_services` (empty when the form is not valid)."""
        if not self.is_valid():
            return {"query": ""}
        data = self.cleaned_data
        status = data["status"] if "status" in self.data else "active"
        return {
            "query": data["q"],
            "life_domain": data["domain"] or None,
            "commune": data["commune"] or None,
            "language": data["language"] or None,
            "age": data["age"],
            "free": True if data["free"] else None,
            "status": status or None,
        }


class SuggestionForm(forms.Form):
    field_name = forms.ChoiceField(label=_("What is wrong"), required=False)
    proposed_value = forms.CharField(
        label=_("Correct value"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    note = forms.CharField(
        label=_("Note for the editors"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Where the information comes from, or anything the editors should know."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["field_name"].choices = [
            ("", _("Something else (describe it in the note)")),
            *FIELD_LABELS.items(),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("proposed_value") and not data.get("note"):
            raise forms.ValidationError(_("Give the correct value or a note."))
        return data


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("reject", _("Reject"))])
    review_note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class ServiceForm(forms.ModelForm):
    # Normalised (`www.example.be` → `https://www.example.be`) before it is validated.
    url = LinkFormField(label=FIELD_LABELS["url"], max_length=2000, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Service
        fields = EDITABLE_FIELDS
        labels = FIELD_LABELS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "eligibility_description": forms.Textarea(attrs={"rows": 3}),
            "application_process": forms.Textarea(attrs={"rows": 3}),
            "fees_description": forms.Textarea(attrs={"rows": 2}),
            "wait_time": forms.Textarea(attrs={"rows": 2}),
            "interpretation_services": forms.Textarea(attrs={"rows": 2}),
            "alert": forms.Textarea(attrs={"rows": 2}),
            "assured_date": DateInput(),
        }

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.ui.widgets import DateInput, iso_date_widgets

from .models import JournalEntry


class PhaseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class JournalEntryForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = JournalEntry
        fields = ["occurred_at", "kind", "duration_minutes", "participants", "text", "category"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}
        formfield_callback = iso_date_widgets


class JournalSearchForm(forms.Form):
    q = forms.CharField(label=_("Search the journal"), max_length=200, required=False)


class ReviewForm(forms.Form):
    next_review = forms.DateField(label=_("Next review"), widget=DateInput())
    version = forms.IntegerField(widget=forms.HiddenInput)


class FollowUpForm(forms.Form):
    held = forms.TypedChoiceField(
        label=_("Did the network hold?"),
        choices=[("yes", _("yes, it held")), ("no", _("no, it did not hold"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("What the check found"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

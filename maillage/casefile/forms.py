from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.cases.models import ClosureReason
from maillage.ui.widgets import DateInput

from .closure import NOTE_NEEDED


class CloseForm(forms.Form):
    actors_know_mission = forms.BooleanField(
        label=_("Each actor of the network knows their mission"), required=False
    )
    person_agrees = forms.BooleanField(label=_("The person agrees to the closing"), required=False)
    network_holds = forms.BooleanField(label=_("The network holds"), required=False)
    reason = forms.ChoiceField(
        label=_("Reason for closing"),
        choices=[("", "—"), *ClosureReason.choices],
        required=False,
    )
    note = forms.CharField(
        label=_("Closing note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    follow_up_on = forms.DateField(
        label=_("Check that the network held on"),
        required=False,
        widget=DateInput(),
        help_text=_("A later date to check with the person and the network that it held."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, note_needed: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if note_needed:  # goals still open or actions overdue (closure.py)
            note = self.fields["note"]
            note.required = True
            note.error_messages["required"] = NOTE_NEEDED
            note.help_text = _("Why the case closes now, and what becomes of what is still open.")

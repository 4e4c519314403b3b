"""Input validation for the scheduling pages. The rules live in `actions`."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.accounts.models import User
from maillage.cases.models import Case
from maillage.conferences import actions
from maillage.conferences.models import Conference, FundingScheme, Invitation
from maillage.links import LinkFormField
from maillage.network.models import Actor
from maillage.ui.widgets import DateTimeInput


class ConferenceForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=DateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=15, max_value=actions.LONGEST_MINUTES, initial=90
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=300,
        required=False,
        help_text=_("An address or a room. Give a place, a video link, or both."),
    )
    video_link = LinkFormField(
        label=_("Video link"), required=False, max_length=200, widget=forms.URLInput
    )
    facilitator = forms.ModelChoiceField(
        label=_("Facilitator"), queryset=User.objects.none(), required=False
    )
    funding_scheme = forms.ModelChoiceField(
        label=_("Funding scheme"),
        queryset=FundingScheme.objects.none(),
        required=False,
        help_text=_("If the conference is to be funded, its conditions are checked."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, case: Case, conference: Conference | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].help_text = PAST_MEETING_HELP
        self.fields["facilitator"].queryset = actions.facilitators_for(case)
        self.fields["funding_scheme"].queryset = FundingScheme.objects.filter(active=True)
        if conference is not None:
            self.fields["version"].required = True

    @staticmethod
    def initial_for(conference: Conference) -> dict[str, Any]:
        return {
            **{name: getattr(conference, name) for name in actions.EDITABLE_FIELDS},
            "version": conference.version,
        }

    def conference_fields(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it cancelled?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Sent by email to the invitees: write nothing about the person or their situation."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "cancel")
        super().__init__(*args, **kwargs)


class InviteForm(forms.Form):
    actors = forms.MultipleChoiceField(
        label=_("Who is invited?"), widget=forms.CheckboxSelectMultiple, required=True
    )
    send = forms.BooleanField(
        label=_("Send the invitations by email now"), required=False, initial=True
    )

    def __init__(
        self, *args: Any, actors: list[Actor], announce: bool = True, **kwargs: Any
    ) -> None:
        """`announce`: False for a meeting in the past, to which nothing is sent."""
        super().__init__(*args, **kwargs)
        self.actors_by_id = {str(actor.pk): actor for actor in actors}
        self.fields["actors"].choices = [(str(a.pk), str(a)) for a in actors]
        if not announce:
            del self.fields["send"]
            self.fields["actors"].label = _("Who was invited?")

    def chosen_actors(self) -> list[Actor]:
        return [self.actors_by_id[pk] for pk in self.cleaned_data["actors"]]


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        choices=[(a.value, a.label) for a in actions.ANSWERS], widget=forms.HiddenInput
    )


ANSWER_LABELS = {
    Invitation.Answer.YES: _("Yes, I will come"),
    Invitation.Answer.NO: _("No, I will not come"),
    Invitation.Answer.MAYBE: _("Maybe"),
}

PAST_MEETING_HELP = _(
    "A date in the past records a meeting that already took place: no invitation is sent for it."
)

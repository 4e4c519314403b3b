"""Input validation for the orientation pages. The rules live in `actions`."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from maillage.categories import LifeDomain
from maillage.territory.communes import residence_choices

from . import actions, content
from .models import Referral, UnmetNeed

DOMAIN_CHOICES = [("", "—"), *LifeDomain.choices]


class ReferralForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("How the referral is made"),
        choices=Referral.Channel.choices,
        widget=forms.RadioSelect,
        initial=Referral.Channel.EMAIL,
    )
    life_domain = forms.ChoiceField(label=_("Life domain of the need"), choices=DOMAIN_CHOICES)
    need = forms.CharField(
        label=_("The need"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the service is asked to answer, in a few sentences."),
    )
    reason = forms.CharField(
        label=_("Why this service"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    categories = forms.MultipleChoiceField(
        label=_("What is shared with the service"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Only what the consent in force allows is offered; nothing is shared unless "
            "you tick it."
        ),
    )
    person_agreed = forms.BooleanField(
        label=_("The person agreed to this orientation and to what is shared"),
        required=True,
    )
    answer = forms.ChoiceField(
        label=_("The service's answer, if it already gave one"),
        required=False,
        initial="",
        widget=forms.RadioSelect,
        help_text=_(
            "By phone, in person or by letter only. Otherwise, record it on the "
            "referral's page when the service answers."
        ),
    )
    answer_reason = forms.CharField(
        label=_("Reason or note given by the service"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed for a refusal."),
    )

    def __init__(
        self,
        *args: Any,
        allowed: list[str],
        domain_required: bool,
        by_email: bool = True,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.fields["categories"].choices = [
            (code, content.category_label(code)) for code in allowed
        ]
        self.fields["life_domain"].required = domain_required
        self.fields["answer"].choices = [
            ("", pgettext_lazy("referral answer", "not yet")),
            *((value, Referral.Status(value).label) for value in actions.FIRST_ANSWERS),
        ]
        if not by_email:  # no address in the directory: the other ways only
            self.fields["channel"].choices = [
                choice for choice in Referral.Channel.choices if choice[0] != "email"
            ]
            self.fields["channel"].initial = Referral.Channel.PHONE


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    reason = forms.CharField(
        label=_("Reason or note"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed for a refusal."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, referral: Referral, **kwargs: Any):
        super().__init__(*args, **kwargs)
        allowed = actions.TRANSITIONS[referral.status]
        self.fields["status"].choices = [
            (value, label) for value, label in Referral.Status.choices if value in allowed
        ]


class AnswerForm(forms.Form):
    """The receiving service's answer, through its link."""

    status = forms.ChoiceField(label=_("Your answer"), widget=forms.RadioSelect, choices=())
    reason = forms.CharField(
        label=_("Reason or note for the referring worker"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed for a refusal: say why, so that the worker can look elsewhere."),
    )

    def __init__(self, *args: Any, referral: Referral, **kwargs: Any):
        super().__init__(*args, **kwargs)
        allowed = actions.TRANSITIONS[referral.status]
        self.fields["status"].choices = [
            (value, Referral.Status(value).label)
            for value in actions.SERVICE_ANSWERS
            if value in allowed
        ]


class UnmetNeedForm(forms.Form):
    life_domain = forms.ChoiceField(label=_("Life domain"), choices=DOMAIN_CHOICES)
    reason = forms.ChoiceField(label=_("Why no service answered"), choices=UnmetNeed.Reason.choices)
    commune = forms.ChoiceField(label=_("Commune"), required=False)
    age_band = forms.ChoiceField(
        label=_("Age band"), required=False, choices=[("", "—"), *UnmetNeed.AgeBand.choices]
    )
    public = forms.CharField(label=_("Public"), max_length=200, required=False)
    description = forms.CharField(
        label=_("What was needed"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["commune"].choices = [("", "—"), *residence_choices()]

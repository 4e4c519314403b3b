"""Input validation for the consent pages; the rules themselves are in the actions."""

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from maillage.categories import Category
from maillage.network.models import Actor

from .actions import ShareInput
from .models import Consent

SHARE_PREFIX = "share_"


def _capitalised(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [(code, capfirst(label)) for code, label in choices]


class ConsentForm(forms.Form):
    """A new consent record, with one fieldset of categories per actor of the network."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=_capitalised(Consent.Status.choices),
        widget=forms.RadioSelect,
    )
    method = forms.ChoiceField(
        label=_("How it was obtained"),
        choices=[("", "—"), *_capitalised(Consent.Method.choices)],
        required=False,
        help_text=_("Needed when the consent was given, by the person or their representative."),
    )
    decided_by = forms.CharField(
        label=_("Who decided"),
        max_length=200,
        required=False,
        help_text=_(
            "Needed when a legal representative decided or the interest of the child "
            "prevails: name and role."
        ),
    )
    justification = forms.CharField(
        label=_("Why"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Needed with who decided; for a withdrawal, the reason if it was given."),
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, actors: list[Actor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actors = actors
        for actor in actors:
            self.fields[f"{SHARE_PREFIX}{actor.pk}"] = forms.MultipleChoiceField(
                label=str(actor),
                choices=_capitalised(Category.choices),
                widget=forms.CheckboxSelectMultiple,
                required=False,
                help_text=actor.role or actor.get_kind_display(),
            )

    @classmethod
    def initial_from(cls, consent: Consent | None, *, version: int) -> dict[str, Any]:
        """Start from the consent in force, when it allows sharing: re-recording is quick."""
        initial: dict[str, Any] = {"version": version}
        if consent is None or not consent.allows_sharing:
            return initial
        initial.update(
            status=consent.status,
            method=consent.method,
            decided_by=consent.decided_by,
            justification=consent.justification,
        )
        for share in consent.shares.all():
            initial[f"{SHARE_PREFIX}{share.actor_id}"] = list(share.categories)
        return initial

    def share_fields(self) -> list[forms.BoundField]:
        return [self[f"{SHARE_PREFIX}{actor.pk}"] for actor in self.actors]

    def shares(self) -> list[ShareInput]:
        return [
            (actor.pk, self.cleaned_data[f"{SHARE_PREFIX}{actor.pk}"])
            for actor in self.actors
            if self.cleaned_data.get(f"{SHARE_PREFIX}{actor.pk}")
        ]


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the withdrawal"),
        max_length=2000,
        required=False,
        help_text=_("In the person's words, if they gave one."),
    )

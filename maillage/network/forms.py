"""Input validation for the network pages. The rules live in `actions.clean_actor`."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from maillage.ui.widgets import DateInput, iso_date_widgets

from .actions import USER_KINDS
from .models import Actor

FORMAL_FIELDS = ("organisation", "service", "profession", "sector", "independent")
INFORMAL_FIELDS = ("relation",)
COMMON_FIELDS = ("name", "role", "mission", "quality", "exhausted")
CONTACT_FIELDS = ("phone", "email", "language")
DATE_FIELDS = ("started_on", "last_contact_on")
ACTOR_FORM_FIELDS = COMMON_FIELDS + FORMAL_FIELDS + INFORMAL_FIELDS + CONTACT_FIELDS + DATE_FIELDS


class ActorForm(forms.Form):
    """An actor's fields, labelled as in the model. `kind` only for formal and informal
    actors (the person and the case workers keep theirs); `ended_on` only when editing."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # The requester of the case's request this new actor is added from, if any.
    requester = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, actor: Actor | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor
        if actor is None or actor.kind in USER_KINDS:
            self.fields["kind"] = forms.ChoiceField(
                label=_("Kind of actor"),
                choices=[(kind.value, capfirst(kind.label)) for kind in USER_KINDS],
                widget=forms.RadioSelect,
            )
        ended = ("ended_on",) if actor is not None else ()
        self.fields.update(
            forms.fields_for_model(
                Actor,
                fields=ACTOR_FORM_FIELDS + ended,
                widgets={"mission": forms.Textarea(attrs={"rows": 3})},
                formfield_callback=iso_date_widgets,
            )
        )
        if actor is not None:
            self.fields["version"].required = True

    @classmethod
    def initial_for(cls, actor: Actor) -> dict[str, Any]:
        initial = {name: getattr(actor, name) for name in (*ACTOR_FORM_FIELDS, "ended_on")}
        return {**initial, "kind": actor.kind, "version": actor.version}

    def group(self, names: tuple[str, ...]) -> list[forms.BoundField]:
        return [self[name] for name in names if name in self.fields]

    def common_fields(self) -> list[forms.BoundField]:
        return self.group(COMMON_FIELDS)

    def formal_fields(self) -> list[forms.BoundField]:
        return self.group(FORMAL_FIELDS)

    def informal_fields(self) -> list[forms.BoundField]:
        return self.group(INFORMAL_FIELDS)

    def contact_fields(self) -> list[forms.BoundField]:
        return self.group(CONTACT_FIELDS)

    def date_fields(self) -> list[forms.BoundField]:
        return self.group((*DATE_FIELDS, "ended_on"))

    def actor_fields(self) -> dict[str, Any]:
        """The cleaned values to give the action (`kind`, `version`, `requester` apart)."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in ("kind", "version", "requester")
        }


class EndActorForm(forms.Form):
    ended_on = forms.DateField(
        label=_("Left the network on"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty for today. The actor and their history stay in the file."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "end")
        super().__init__(*args, **kwargs)
        self.fields["ended_on"].initial = timezone.localdate

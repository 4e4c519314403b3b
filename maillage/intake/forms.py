"""Input validation for the intake pages."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.accounts.models import User
from maillage.programmes import eligibility
from maillage.programmes.facts import FACTS
from maillage.programmes.models import Programme
from maillage.territory.communes import residence_choices
from maillage.ui.widgets import DateInput, DateTimeInput

from .actions import RequesterData
from .models import Decision, Requester, SupportRequest

UNKNOWN = ""


def _fact_field(code: str) -> forms.Field:
    fact = FACTS[code]
    if fact.kind == "bool":
        choices = [(UNKNOWN, _("unknown")), ("true", _("yes")), ("false", _("no"))]
    else:
        choices = [(UNKNOWN, _("unknown")), *fact.choices]
    label = str(fact.label)
    return forms.ChoiceField(label=label[:1].upper() + label[1:], choices=choices, required=False)


class FactsForm(forms.Form):
    """One field per fact of the vocabulary; "unknown" stays out of the stored facts."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code in FACTS:
            self.fields[f"fact_{code}"] = _fact_field(code)

    @classmethod
    def initial_from(cls, facts: dict[str, Any]) -> dict[str, str]:
        initial = {}
        for code, value in facts.items():
            if isinstance(value, bool):
                initial[f"fact_{code}"] = "true" if value else "false"
            elif value is not None:
                initial[f"fact_{code}"] = str(value)
        return initial

    def facts(self) -> dict[str, Any]:
        facts: dict[str, Any] = {}
        for code, fact in FACTS.items():
            raw = self.cleaned_data.get(f"fact_{code}", UNKNOWN)
            if raw == UNKNOWN:
                continue
            facts[code] = raw == "true" if fact.kind == "bool" else raw
        return facts

    def fact_fields(self) -> list[forms.BoundField]:
        return [self[f"fact_{code}"] for code in FACTS]


class NewRequestForm(FactsForm):
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.none(),
        empty_label=None,
        to_field_name="code",
    )
    given_name = forms.CharField(label=_("Given name"), max_length=100)
    family_name = forms.CharField(label=_("Family name"), max_length=100)
    birth_date = forms.DateField(
        label=_("Birth date"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty if not known."),
    )
    residence = forms.ChoiceField(label=_("Residence"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    existing_person = forms.CharField(required=False, widget=forms.HiddenInput)
    summary = forms.CharField(
        label=_("Situation"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    what_is_asked = forms.CharField(
        label=_("What is asked"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    # The public form records its own requests (maillage/public), never a worker.
    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=[
            choice
            for choice in SupportRequest.Channel.choices
            if choice[0] != SupportRequest.Channel.PUBLIC_FORM
        ],
    )
    urgent = forms.BooleanField(label=_("Urgent"), required=False)
    received_at = forms.DateTimeField(
        label=_("Received"),
        required=False,
        widget=DateTimeInput(),
        help_text=_("When the request arrived; the answer deadline runs from then."),
    )

    def __init__(self, *args: Any, programmes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["residence"].choices = [(UNKNOWN, _("unknown")), *residence_choices()]
        # Person and request fields first, facts after.
        order = ["programme", "given_name", "family_name", "birth_date", "residence", "phone"]
        self.order_fields(order)

    def clean_received_at(self) -> Any:
        received_at = self.cleaned_data.get("received_at")
        if received_at and received_at > timezone.now():
            raise ValidationError(_("A request cannot be received in the future."))
        return received_at

    def person_fields(self) -> list[forms.BoundField]:
        return [
            self[name] for name in ("given_name", "family_name", "birth_date", "residence", "phone")
        ]

    def request_fields(self) -> list[forms.BoundField]:
        return [
            self[name] for name in ("summary", "what_is_asked", "channel", "received_at", "urgent")
        ]


class RequesterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Who asks"), choices=[("", "—"), *Requester.Kind.choices], required=False
    )
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    sector = forms.CharField(label=_("Sector"), max_length=100, required=False)
    contact = forms.CharField(label=_("Contact"), max_length=200, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filled = any(data.get(name) for name in ("name", "organisation", "sector", "contact"))
        if filled and not data.get("kind"):
            self.add_error(
                "kind", _("Say whether this requester is the person, a carer or a professional.")
            )
        return data

    def requester(self) -> RequesterData | None:
        data = self.cleaned_data
        if not data.get("kind"):
            return None
        return RequesterData(
            kind=data["kind"],
            name=data["name"],
            organisation=data["organisation"],
            sector=data["sector"],
            contact=data["contact"],
        )


RequesterFormSet = forms.formset_factory(RequesterForm, extra=3, max_num=10, min_num=0)


class EditFactsForm(FactsForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    clarified = forms.BooleanField(
        label=_("The clarification interview with the requesters took place"), required=False
    )


class OverrideForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome decided by the worker"),
        choices=[("", _("follow the criteria")), *eligibility.OUTCOME_LABELS.items()],
        required=False,
    )
    justification = forms.CharField(
        label=_("Justification"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Why this situation is included or excluded despite the criteria."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class AssignForm(forms.Form):
    """Give the request to a worker of its team (a select; empty: nobody)."""

    worker = forms.ModelChoiceField(
        label=_("Assign to"), queryset=None, required=False, empty_label=_("nobody")
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, workers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = workers.order_by("last_name", "first_name", "username")
        self.fields["worker"].label_from_instance = lambda user: (
            user.get_full_name() or user.get_username()
        )


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Answer"), choices=Decision.Kind.choices, widget=forms.RadioSelect
    )
    case_workers = forms.ModelMultipleChoiceField(
        label=_("Case workers (for an acceptance)"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Usually a pair of workers."),
    )
    orient_target = forms.CharField(
        label=_("Oriented to (for an orientation)"), max_length=300, required=False
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required to refuse or to orient elsewhere."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, workers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case_workers"].queryset = workers


class DuplicateSearchForm(forms.Form):
    given_name = forms.CharField(required=False, max_length=100)
    family_name = forms.CharField(required=False, max_length=100)
    birth_date = forms.DateField(required=False, widget=DateInput())

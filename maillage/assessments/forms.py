"""Input validation for the assessment pages: the assessment, and one form per life domain."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from maillage.categories import LifeDomain
from maillage.ui.widgets import DateInput

from .actions import DomainData
from .models import DomainAssessment
from .queries import DOMAIN_FIELDS, scale_label

# Free text is bounded like the API's (maillage.api.schemas.LONG_TEXT).
LONG_TEXT = 20_000
NOT_SAID = ""


def _text(label: Any, *, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=LONG_TEXT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _scale(label: Any, field: str, choices: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            (NOT_SAID, _("not assessed")),
            *((v, lazy(scale_label, str)(field, v)) for v in choices.values),
        ],
    )


class AssessmentForm(forms.Form):
    assessed_on = forms.DateField(
        label=_("Date of the assessment"),
        widget=DateInput(),
    )
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The situation as a whole, in a few sentences."),
    )
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def clean_assessed_on(self) -> Any:
        assessed_on = self.cleaned_data["assessed_on"]
        if assessed_on > timezone.localdate():
            raise ValidationError(_("An assessment cannot be dated in the future."))
        return assessed_on


class DomainForm(forms.Form):
    """What is said about one life domain; its prefix is the domain's code."""

    needs = _text(_("Needs"))
    difficulties = _text(_("Difficulties"))
    resources_person = _text(_("The person's resources"))
    resources_entourage = _text(_("The entourage's resources"))
    severity = _scale(_("Severity"), "severity", DomainAssessment.Severity)
    person_priority = _scale(
        _("The person's own priority"), "person_priority", DomainAssessment.Priority
    )
    readiness = _text(
        _("Readiness"), help_text=_("What the person feels ready to commit to, in their words.")
    )
    risks = _text(_("Risks if nothing is done"))

    def __init__(self, *args: Any, domain: str, **kwargs: Any) -> None:
        super().__init__(*args, prefix=domain, **kwargs)
        self.domain = domain

    @property
    def label(self) -> str:
        return str(LifeDomain(self.domain).label)

    @property
    def is_filled(self) -> bool:
        """Something is said (typed, or prefilled): the page shows the domain open."""
        if self.is_bound:
            return any(self.data.get(self.add_prefix(name), "").strip() for name in DOMAIN_FIELDS)
        return any(self.initial.get(name) not in (None, "") for name in DOMAIN_FIELDS)

    @property
    def severity_hint(self) -> str:
        """The severity to show beside the domain's name while it is folded."""
        value = self["severity"].value()
        if value in (None, ""):
            return ""
        try:
            return scale_label("severity", int(value))
        except (TypeError, ValueError):
            return ""

    def domain_data(self) -> DomainData:
        return DomainData(
            domain=self.domain, **{name: self.cleaned_data[name] for name in DOMAIN_FIELDS}
        )


def domain_forms(
    domains: list[str],
    data: Any = None,
    rows: dict[str, DomainAssessment] | None = None,
) -> list[DomainForm]:
    """One form per life domain, in order; prefilled from `rows` (domain → saved row)."""
    rows = rows or {}
    return [
        DomainForm(data, domain=domain, initial=_initial(rows.get(domain))) for domain in domains
    ]


def _initial(row: DomainAssessment | None) -> dict[str, Any]:
    if row is None:
        return {}
    return {name: getattr(row, name) for name in DOMAIN_FIELDS}

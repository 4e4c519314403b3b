"""The public forms: a request without an account, a colleague's invitation and answer.

Every field is optional to the browser; what sending needs is checked in `clean()` only
when the requester sends (checking which programmes could fit needs no name).
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.programmes.facts import FACTS
from maillage.programmes.models import Programme
from maillage.territory.communes import residence_choices
from maillage.ui.widgets import DateInput

from .snapshot import CONSENT, KINDS, QUESTIONS

TEXT = 4000
DONT_KNOW = gettext_lazy("I don't know")
# Marked required (the browser does not enforce it: the form is `novalidate`), but
# checking which programmes could fit needs none of them.
REQUIRED_TO_SEND = ("kind", "given_name", "family_name", "what_is_asked")
# An action's error names a field of the snapshot; the form's field of the same answer.
FIELD_OF = {
    "requester.kind": "kind",
    "requester.name": "name",
    "requester.organisation": "organisation",
    "requester.sector": "sector",
    "requester.email": "email",
    "requester.phone": "phone",
    "person.given_name": "given_name",
    "person.family_name": "family_name",
    "person.birth_date": "birth_date",
    "person.age": "age",
    "person.residence": "residence",
    **{f"facts.{code}": f"fact_{code}" for code in FACTS},
}


def _sector_field() -> forms.CharField:
    return forms.CharField(
        label=gettext_lazy("Your sector"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("For example: mental health, social work, youth care, a hospital."),
    )


def _textarea() -> forms.Textarea:
    return forms.Textarea(attrs={"rows": 4, "maxlength": TEXT})


def _fact_field(code: str) -> forms.ChoiceField:
    fact = FACTS[code]
    if fact.kind == "bool":
        choices = [("yes", _("yes")), ("no", _("no"))]
    else:
        choices = [(value, label) for value, label in fact.choices if value != "unknown"]
    return forms.ChoiceField(
        label=QUESTIONS[code],
        choices=[*choices, ("", DONT_KNOW)],
        required=False,
        initial="",
        widget=forms.RadioSelect,
    )


class PublicRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Who is asking?"),
        choices=list(KINDS.items()),
        required=False,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(label=gettext_lazy("Your name"), max_length=200, required=False)
    organisation = forms.CharField(
        label=gettext_lazy("Your organisation"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Professionals only: the service or organisation you work for."),
    )
    sector = _sector_field()
    email = forms.EmailField(
        label=gettext_lazy("Your email address"),
        max_length=254,
        required=False,
        help_text=gettext_lazy(
            "We send you a private link to follow your request and tell you when it is answered."
        ),
    )
    phone = forms.CharField(
        label=gettext_lazy("Your phone number"),
        max_length=50,
        required=False,
        help_text=gettext_lazy("Give an email address, a phone number, or both."),
    )
    given_name = forms.CharField(
        label=gettext_lazy("Given name of the person concerned"), max_length=100, required=False
    )
    family_name = forms.CharField(
        label=gettext_lazy("Family name of the person concerned"), max_length=100, required=False
    )
    birth_date = forms.DateField(
        label=gettext_lazy("Their birth date"), required=False, widget=DateInput
    )
    age = forms.IntegerField(
        label=gettext_lazy("Their age"),
        min_value=0,
        max_value=130,
        required=False,
        help_text=gettext_lazy("If you do not know the birth date."),
    )
    residence = forms.ChoiceField(
        label=gettext_lazy("Where do they live?"), choices=(), required=False
    )
    what_is_asked = forms.CharField(
        label=gettext_lazy("What do you ask for?"),
        max_length=TEXT,
        required=False,
        widget=_textarea(),
    )
    why_now = forms.CharField(
        label=gettext_lazy("Why now?"),
        max_length=TEXT,
        required=False,
        widget=_textarea(),
        help_text=gettext_lazy("What has changed, what worries you today."),
    )
    situation = forms.CharField(
        label=gettext_lazy("The situation in a few words"),
        max_length=TEXT,
        required=False,
        widget=_textarea(),
    )
    consent = forms.ChoiceField(
        label=gettext_lazy("Does the person know about this request, and agree?"),
        choices=list(CONSENT.items()),
        required=False,
        help_text=gettext_lazy("If you ask for yourself, you can skip this question."),
        widget=forms.RadioSelect,
    )
    consent_reason = forms.CharField(
        label=gettext_lazy("If not, why?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
    )
    programme = forms.ChoiceField(
        label=gettext_lazy("Which programme do you ask?"),
        choices=(),
        required=False,
        help_text=gettext_lazy(
            "If you do not know, we send your request to the programme that could fit."
        ),
    )

    # The secret of an early-warning signal made into this request (maillage/screening).
    signal = forms.CharField(max_length=100, required=False, widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, programmes: list[Programme], sending: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.sending = sending
        for name in REQUIRED_TO_SEND:
            self.fields[name].required = True
        for code in QUESTIONS:
            self.fields[f"fact_{code}"] = _fact_field(code)
        self.fields["residence"].choices = [("", DONT_KNOW), *residence_choices()]
        self.fields["programme"].choices = [
            ("", DONT_KNOW),
            *((p.code, p.name) for p in programmes),
        ]

    def fact_fields(self) -> list[forms.BoundField]:
        return [self[f"fact_{code}"] for code in QUESTIONS]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.sending:
            for name in REQUIRED_TO_SEND:  # not needed to check what could fit
                errors = self._errors.get(name) if self._errors else None
                if errors and all(e.code == "required" for e in errors.as_data()):
                    del self._errors[name]
            return data
        if data.get("kind") == "person":
            data["consent"] = "agrees"  # asking for oneself
        elif not data.get("consent") and "consent" not in self._errors:
            self.add_error("consent", _("This field is required."))
        if data.get("kind") == "professional" and not data.get("organisation"):
            self.add_error("organisation", _("Give the name of your organisation."))
        if "email" not in self.errors and not (data.get("email") or data.get("phone")):
            self.add_error("email", _("Give an email address or a phone number to reach you."))
        if data.get("consent") in ("knows_not_agreed", "not_informed") and not data.get(
            "consent_reason"
        ):
            self.add_error(
                "consent_reason", _("Say why the person does not know or does not agree.")
            )
        return data

    def snapshot(self) -> dict[str, Any]:
        """What was typed, as stored (maillage/public/snapshot.py); invalid fields empty."""
        data = self.cleaned_data
        facts: dict[str, Any] = {}
        for code in QUESTIONS:
            value = data.get(f"fact_{code}") or None
            if value is not None and FACTS[code].kind == "bool":
                value = value == "yes"
            if value is not None:
                facts[code] = value
        born = data.get("birth_date")
        return {
            "programme": data.get("programme") or "",
            "requester": {
                "kind": data.get("kind") or "",
                "name": data.get("name") or "",
                "organisation": data.get("organisation") or "",
                "sector": data.get("sector") or "",
                "email": data.get("email") or "",
                "phone": data.get("phone") or "",
            },
            "person": {
                "given_name": data.get("given_name") or "",
                "family_name": data.get("family_name") or "",
                "birth_date": born.isoformat() if born else None,
                "age": data.get("age"),
                "residence": data.get("residence") or "",
            },
            "what_is_asked": data.get("what_is_asked") or "",
            "why_now": data.get("why_now") or "",
            "situation": data.get("situation") or "",
            "facts": facts,
            "consent": data.get("consent") or "",
            "consent_reason": data.get("consent_reason") or "",
        }

    @staticmethod
    def initial_facts(facts: dict[str, Any]) -> dict[str, str]:
        """The form's answers for facts already known (from a signal)."""
        initial = {}
        for code, value in facts.items():
            if code in QUESTIONS and value is not None:
                kind = FACTS[code].kind
                initial[f"fact_{code}"] = ("yes" if value else "no") if kind == "bool" else value
        return initial

    def texts(self) -> list[str]:
        data = self.cleaned_data
        return [
            data.get(n) or "" for n in ("what_is_asked", "why_now", "situation", "consent_reason")
        ]

    def add_action_errors(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, messages in error.message_dict.items():
            name = FIELD_OF.get(field, field)
            self.add_error(name if name in self.fields else None, messages)


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Your colleague's email address"),
        max_length=254,
        required=False,
        help_text=gettext_lazy(
            "Optional: we email them the link. Otherwise, give them the link yourself."
        ),
    )


class JoinForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Your name"), max_length=200)
    organisation = forms.CharField(label=gettext_lazy("Your organisation"), max_length=200)
    sector = _sector_field()
    contact = forms.CharField(
        label=gettext_lazy("How to reach you"),
        max_length=200,
        help_text=gettext_lazy("An email address or a phone number."),
    )

    def texts(self) -> list[str]:
        return [self.cleaned_data.get(n) or "" for n in ("name", "organisation", "sector")]

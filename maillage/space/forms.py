"""Input validation for the space pages; the rules themselves are in the actions."""

import re
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from maillage.access.policy import GLASS_PURPOSE_MIN_LENGTH
from maillage.categories import Category
from maillage.network.models import Actor

from .models import ConsentWish, Relation

UUID_IN_TEXT = re.compile(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("The code on your letter"),
        max_length=40,
        help_text=_("For example ABCD-EFGH-JK. Capital or small letters, with or without dashes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "characters"}
        ),
    )


class ActivationForm(forms.Form):
    username = forms.CharField(
        label=_("Choose a sign-in name"),
        max_length=150,
        help_text=_("You will type it to sign in. Letters, digits and . - _ only."),
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html,
    )
    password2 = forms.CharField(
        label=_("Type the password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    language = forms.ChoiceField(label=_("Your language"), choices=settings.LANGUAGES)

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"].strip()
        if not re.fullmatch(r"[\w.\-]+", username):
            raise forms.ValidationError(_("Use letters, digits and . - _ only."))
        return username

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords are not the same."))
        return data


class InvitationForm(forms.Form):
    relation = forms.ChoiceField(
        label=_("Who will sign in"),
        choices=[(code, capfirst(label)) for code, label in Relation.choices],
        initial=Relation.SELF,
        widget=forms.RadioSelect,
    )
    representative_name = forms.CharField(
        label=_("Legal representative's name"), max_length=200, required=False
    )
    representative_capacity = forms.CharField(
        label=_("Capacity"),
        max_length=200,
        required=False,
        help_text=_("For example: administrator of goods and person, parent, guardian."),
    )
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        help_text=_("With an address, the invitation is sent by email; without, print the letter."),
    )


class WishForm(forms.Form):
    text = forms.CharField(
        label=_("What would you like to change?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say it in your own words. Your case manager will talk about it with you."),
    )
    actor = forms.ChoiceField(label=_("About whom?"), required=False)
    category = forms.ChoiceField(
        label=_("About what?"),
        required=False,
        choices=[("", "—"), *[(c, capfirst(label)) for c, label in Category.choices]],
    )

    def __init__(self, *args: Any, actors: list[Actor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actors = {str(actor.pk): actor for actor in actors}
        self.fields["actor"].choices = [("", "—"), *[(k, str(a)) for k, a in self.actors.items()]]

    def chosen_actor(self) -> Actor | None:
        return self.actors.get(self.cleaned_data.get("actor") or "")


class WishAnswerForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    status = forms.ChoiceField(
        label=_("Answer"),
        choices=[
            (ConsentWish.Status.CONFIRMED, _("Confirmed with the person (consent recorded)")),
            (ConsentWish.Status.DECLINED, _("Declined")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note for the person"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The person reads it in their space: use plain words."),
    )


class PurposeForm(forms.Form):
    case = forms.CharField(
        label=_("The case"),
        max_length=300,
        help_text=_("The case's reference or the address of its page, given by a colleague."),
    )
    purpose = forms.CharField(
        label=_("Why you need to read it"),
        min_length=GLASS_PURPOSE_MIN_LENGTH,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Required. The person and their case manager will see this purpose, with your "
            "name and the time."
        ),
    )

    def clean_case(self) -> str:
        found = UUID_IN_TEXT.search(self.cleaned_data["case"])
        if found is None:
            raise forms.ValidationError(_("Give the case's reference (or its page's address)."))
        return found.group(0).lower()

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Digest, User


def _code_field(label: str, *, autofocus: bool = False) -> forms.CharField:
    attrs = {"autocomplete": "one-time-code", "inputmode": "numeric"}
    if autofocus:
        attrs["autofocus"] = True
    return forms.CharField(
        label=label, min_length=6, max_length=8, widget=forms.TextInput(attrs=attrs)
    )


class TokenForm(forms.Form):
    token = _code_field(_("Six-digit code from your authenticator app"), autofocus=True)

    def clean_token(self) -> str:
        return self.cleaned_data["token"].replace(" ", "")


class SetupForm(TokenForm):
    """A code from the new key; replacing a device also needs a code from the current one."""

    current = _code_field(_("Six-digit code from your current device"))

    def __init__(self, *args: object, replacing: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["token"].label = _("Six-digit code that the app shows for the new key")
        if not replacing:
            del self.fields["current"]

    def clean_current(self) -> str:
        return self.cleaned_data["current"].replace(" ", "")


class RemoveForm(forms.Form):
    current = _code_field(_("Six-digit code from your current device"))

    def clean_current(self) -> str:
        return self.cleaned_data["current"].replace(" ", "")


class PreferencesForm(forms.Form):
    """The user's own settings; a person's own account has no digest."""

    language = forms.ChoiceField(label=_("Language"), required=False)
    digest = forms.ChoiceField(
        label=_("Daily digest email"),
        choices=Digest.choices,
        help_text=_("Counts and links only: no name, nothing about anyone's situation."),
    )
    digest_hour = forms.TypedChoiceField(
        label=_("Hour of the digest"),
        coerce=int,
        choices=[(hour, f"{hour:02d}:00") for hour in range(24)],
        help_text=_("Brussels time."),
    )

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        kwargs.setdefault(
            "initial",
            {"language": user.language, "digest": user.digest, "digest_hour": user.digest_hour},
        )
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["language"].choices = [  # type: ignore[attr-defined]
            ("", _("The browser's language")),
            *[(code, name) for code, name in settings.LANGUAGES],
        ]
        if user.is_person_account:
            del self.fields["digest"], self.fields["digest_hour"]

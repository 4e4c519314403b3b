from django import forms
from django.utils.translation import gettext_lazy as _


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

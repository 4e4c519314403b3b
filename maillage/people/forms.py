from django import forms
from django.utils.translation import gettext_lazy as _


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Name"), max_length=200, required=False)


class MergeForm(forms.Form):
    duplicate = forms.UUIDField(label=_("Duplicate record (will point to the kept one)"))
    survivor = forms.UUIDField(label=_("Record to keep"))

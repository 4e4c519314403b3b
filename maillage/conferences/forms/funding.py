"""Input validation for the funding pages: the export's period, scheme and format."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.conferences import export, funding
from maillage.conferences.models import FundingScheme
from maillage.ui.widgets import DateInput


class SchemeChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: FundingScheme) -> str:
        return funding.scheme_name(obj)


def _date_field(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=DateInput(),
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Enter a valid date as YYYY-MM-DD.")},
    )


class FundingExportForm(forms.Form):
    start = _date_field(_("From"))
    end = _date_field(_("To (included)"))
    scheme = SchemeChoiceField(
        label=_("Funding scheme"),
        queryset=FundingScheme.objects.order_by("code"),
        to_field_name="code",
        required=False,
        empty_label=_("Every held conference"),
        error_messages={"invalid_choice": _("Choose one of the funding schemes.")},
    )
    format = forms.ChoiceField(
        label=_("File format"),
        choices=[(export.CSV, _("CSV (UTF-8)")), (export.XLSX, _("Excel workbook (XLSX)"))],
        required=False,
        initial=export.CSV,
        widget=forms.RadioSelect,
    )

    def clean_format(self) -> str:
        return self.cleaned_data["format"] or export.CSV

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end of the period must be on or after its start."))
        return cleaned

"""Administrators edit funding schemes and their conditions here, without code.

Only configuration: conferences themselves are case content and stay out of the
administration.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import funding
from .models import FundingScheme

RULES_HELP = _(
    "A list of conditions, each "
    '{"code": "…", "label_fr": "…", "label_nl": "…", "label_en": "…", '
    '"when": "before" | "after" | "both", "rule": {"type": "…", …}}. '
    "Rule types: consent_recorded; min_professionals_present (min, distinct_kinds); "
    "sector_present (sectors, label); invited (sectors, label); "
    'reference_person_chosen (at: "first"); '
    "max_funded_per_12_months (adult, minor, minor_until_age); "
    "follow_up_planned_within (months). Sectors: first_line or a sector code. "
    "See maillage/conferences/funding.py."
)


class FundingSchemeForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = FundingScheme
        fields = ("code", "name_fr", "name_nl", "name_en", "active", "rules")
        widgets = {"rules": forms.Textarea(attrs={"rows": 30, "cols": 100})}
        help_texts = {"rules": RULES_HELP}

    def clean_rules(self) -> Any:
        rules = self.cleaned_data["rules"]
        funding.validate_rules(rules)
        return rules


@admin.register(FundingScheme)
class FundingSchemeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = FundingSchemeForm
    list_display = ("code", "name_fr", "active", "condition_count")
    list_filter = ("active",)
    search_fields = ("code", "name_fr", "name_nl", "name_en")
    fieldsets = (
        (None, {"fields": ("code", ("name_fr", "name_nl", "name_en"), "active")}),
        (_("Conditions"), {"fields": ("rules",)}),
    )

    @admin.display(description=_("conditions"))
    def condition_count(self, scheme: FundingScheme) -> int:
        return len(scheme.rules) if isinstance(scheme.rules, list) else 0

"""Administrators edit programmes and their entry criteria here, without code."""

from typing import Any

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import preview
from .forms import CriterionForm, SituationForm
from .models import Criterion, Programme


def _condition_fieldset(n: int, title: str, *first: str) -> tuple[str, dict[str, Any]]:
    values = (f"number_{n}", f"up_to_{n}", f"yes_no_{n}", f"values_{n}")
    return (title, {"fields": (*first, (f"fact_{n}", f"comparison_{n}"), *values)})


class CriterionInline(admin.StackedInline):
    """Each criterion as up to three conditions (fact, comparison, value); stored as JSON."""

    model = Criterion
    form = CriterionForm
    extra = 0
    fieldsets = (
        (None, {"fields": (("position", "code", "active"), ("label_fr", "label_nl", "label_en"))}),
        _condition_fieldset(1, _("Condition")),
        _condition_fieldset(2, _("Second condition (optional)"), "match"),
        _condition_fieldset(3, _("Third condition (optional)")),
        (_("Advanced"), {"fields": ("rule",), "classes": ("collapse",)}),
    )


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ("code", "name_fr", "team", "answer_deadline_hours", "is_template", "active")
    list_filter = ("is_template", "active")
    search_fields = ("code", "name_fr", "name_nl", "name_en")
    inlines = [CriterionInline]
    actions = ["copy_programmes"]
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "code",
                    ("name_fr", "name_nl", "name_en"),
                    "team",
                    "active",
                    "is_template",
                )
            },
        ),
        (
            _("Deadlines"),
            {"fields": ("answer_deadline_hours", "planned_duration_days", "review_interval_days")},
        ),
        (_("Description"), {"fields": ("description_fr", "description_nl", "description_en")}),
    )

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        """The change page, with the criteria's preview on example situations and on the
        situation the administrator typed (a GET form below the programme's form)."""
        programme = self.get_object(request, object_id)
        if programme is not None and self.has_view_or_change_permission(request, programme):
            typed = "situation-submitted" in request.GET
            situation_form = SituationForm(request.GET if typed else None)
            situations = list(preview.EXAMPLE_SITUATIONS)
            if situation_form.is_valid():
                typed_situation = preview.Situation(
                    _("The situation you typed"), situation_form.facts()
                )
                situations.insert(0, typed_situation)
            extra_context = {
                **(extra_context or {}),
                "preview_rows": preview.preview(programme, situations),
                "situation_form": situation_form,
            }
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(description=_("Copy as a new programme (from a template or another programme)"))
    def copy_programmes(self, request: HttpRequest, queryset: QuerySet[Programme]) -> None:
        with transaction.atomic():
            for programme in queryset.prefetch_related("criteria"):
                criteria = list(programme.criteria.all())
                base = programme.code.removesuffix("-template")
                code, n = f"{base}-copy", 1
                while Programme.objects.filter(code=code).exists():
                    n += 1
                    code = f"{base}-copy-{n}"
                programme.pk = None
                programme.code = code
                programme.is_template = False
                programme.active = False
                programme.save()
                for criterion in criteria:
                    criterion.pk = None
                    criterion.programme = programme
                    criterion.save()
        count = queryset.count()
        self.message_user(
            request,
            ngettext(
                "%d programme copied; it is inactive until you review it.",
                "%d programmes copied; they are inactive until you review them.",
                count,
            )
            % count,
            messages.SUCCESS,
        )

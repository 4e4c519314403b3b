"""Administrators edit programmes and their entry criteria here, without code."""

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Criterion, Programme


class CriterionInline(admin.StackedInline):
    model = Criterion
    extra = 0
    fields = (("position", "code", "active"), ("label_fr", "label_nl", "label_en"), "rule")


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

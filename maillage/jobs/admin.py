"""Outgoing emails, for administrators: what waits, what failed and why, and try again.

The content of an email is not shown (it may speak of a person's support)."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from maillage import mail

from .models import OutgoingEmail


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ("created_at", "about", "status", "attempts", "next_attempt_at", "sent_at")
    list_filter = ("status", "about")
    fields = (
        "about",
        "to",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "created_at",
        "sent_at",
    )
    readonly_fields = fields
    actions = ["try_again"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.action(description=_("Try to send again"))
    def try_again(self, request: HttpRequest, queryset: QuerySet[OutgoingEmail]) -> None:
        count = mail.try_again(queryset)
        self.message_user(request, _("%(count)d emails will be sent again.") % {"count": count})

"""Configuration only: organisations, teams, users and their roles, API tokens.

Person-level models (persons, requests, cases, audit events) are deliberately not
registered here: administrators manage configuration, not case content.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin as BaseTOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from maillage import access

from .models import ApiToken, Membership, Organisation, Team, User

# One labelled input for dates and times (the admin's split widget has unlabelled parts).
DATETIME_INPUT = {
    models.DateTimeField: {
        "widget": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    }
}


class MembershipInline(admin.StackedInline):
    model = Membership
    extra = 1
    fields = ("team", "role", "ended_at")
    formfield_overrides = DATETIME_INPUT


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [MembershipInline]
    list_display = ("username", "first_name", "last_name", "email", "is_active", "is_staff")
    # Roles are memberships of teams: Django's groups and permissions are not used.
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Maillage"), {"fields": ("language", "profession")}),
        (_("Access"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = ("last_login", "date_joined")


class TeamInline(admin.StackedInline):
    model = Team
    extra = 1


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "sector")
    search_fields = ("name",)
    inlines = [TeamInline]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation")
    list_filter = ("organisation",)
    inlines = [MembershipInline]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "name", "created_at", "revoked_at")
    readonly_fields = ("digest", "created_at")
    fields = ("user", "name", "digest", "created_at", "revoked_at")

    def has_add_permission(self, request: object) -> bool:
        return False  # tokens are issued with `manage.py create_token`, shown once


def _admin_login(request: HttpRequest, extra_context: object = None) -> HttpResponse:
    """The administration has no login page of its own: sign in through Maillage's."""
    if request.user.is_authenticated:
        raise PermissionDenied
    return redirect_to_login(request.get_full_path(), reverse("accounts:login"))


def _admin_permission(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_active and user.is_staff and access.can(user, "configuration.manage"))


# Roles are memberships of teams; Django's groups are not used.
admin.site.unregister(Group)
admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(BaseTOTPDeviceAdmin):
    """Two-factor devices; the throttling state is shown, not edited."""

    readonly_fields = (
        *BaseTOTPDeviceAdmin.readonly_fields,
        "throttling_failure_timestamp",
        "throttling_failure_count",
        "last_t",
        "drift",
    )


admin.site.site_header = _("Maillage administration")
admin.site.site_title = _("Maillage administration")
admin.site.login = _admin_login  # type: ignore[method-assign]
admin.site.has_permission = _admin_permission  # type: ignore[method-assign]

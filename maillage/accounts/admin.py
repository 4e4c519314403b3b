"""Configuration only: organisations, teams, users and their roles, API tokens.

Person-level models (persons, requests, cases, audit events) are deliberately not
registered here: administrators manage configuration, not case content.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.contrib.auth.models import Group
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from maillage import access

from . import actions as account_actions
from .models import ApiToken, Membership, Organisation, Team, User

# One labelled input for dates and times (the admin's split widget has unlabelled parts).
DATETIME_INPUT = {
    models.DateTimeField: {
        "widget": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    }
}


class PasswordChangeForm(AdminPasswordChangeForm):
    """Django's form, whose help text Django joins to an untranslated warning when it is
    imported (so in one language for everyone): joined here in the reader's language."""

    usable_password_help_text = format_lazy(
        '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
        SetUnusablePasswordMixin.usable_password_help_text,
        _("If disabled, the current password for this user will be lost."),
    )


class MembershipInline(admin.StackedInline):
    model = Membership
    extra = 1
    fields = ("team", "role", "ended_at")
    formfield_overrides = DATETIME_INPUT


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    change_password_form = PasswordChangeForm
    inlines = [MembershipInline]
    list_display = (
        "username",
        "first_name",
        "last_name",
        "email",
        "is_active",
        "is_staff",
        "has_second_factor",
    )
    # Roles are memberships of teams: Django's groups and permissions are not used.
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Maillage"), {"fields": ("language", "profession")}),
        (_("Access"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = ("last_login", "date_joined")
    actions = ["reset_second_factor"]

    @admin.display(boolean=True, description=_("two-factor authentication"))
    def has_second_factor(self, user: User) -> bool:
        return user_has_device(user)

    @admin.action(description=_("Reset two-factor authentication (lost phone)"))
    def reset_second_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            account_actions.reset_second_factor(user, by=request.user)  # type: ignore[arg-type]
        self.message_user(
            request,
            _(
                "Two-factor authentication was reset: at their next sign-in, each of these "
                "users sets up a new device."
            ),
        )


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
# Two-factor devices are never edited by hand: users add or replace their own with a
# code from the current one; a lost device is reset by the action on the users' list.
admin.site.unregister(TOTPDevice)


admin.site.site_header = _("Maillage administration")
admin.site.site_title = _("Maillage administration")
admin.site.login = _admin_login  # type: ignore[method-assign]
admin.site.has_permission = _admin_permission  # type: ignore[method-assign]

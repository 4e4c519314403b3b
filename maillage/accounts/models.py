"""Users, the organisations and teams they work in, and their roles there."""

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage import tokens


class Digest(models.TextChoices):
    DAILY = "daily", _("every day")
    OFF = "off", _("never")


class User(AbstractUser):
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Empty: follow the browser's language."),
    )
    profession = models.CharField(_("profession"), max_length=100, blank=True)
    # The person's own account (maillage.space): never a worker; no name in the audit trail.
    is_person_account = models.BooleanField(_("person's own account"), default=False)
    # The daily digest email (counts and links only), at the hour the user chooses.
    digest = models.CharField(
        _("daily digest"), max_length=10, choices=Digest.choices, default=Digest.DAILY
    )
    digest_hour = models.PositiveSmallIntegerField(
        _("digest hour"),
        default=8,
        validators=[MaxValueValidator(23)],
        help_text=_("Brussels time, 0 to 23."),
    )
    digest_sent_on = models.DateField(_("digest sent on"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["last_name", "first_name", "username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Organisation(models.Model):
    """An organisation whose professionals use Maillage (employer of users)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    sector = models.CharField(_("sector"), max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    """A team of an organisation; requests and cases belong to a team."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="teams",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    # The number a person supported by the team calls (shown in their own space).
    phone = models.CharField(_("phone"), max_length=50, blank=True)

    class Meta:
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_unique_name")
        ]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return f"{self.organisation} – {self.name}"


class Role(models.TextChoices):
    INTAKE = "intake", _("intake")
    CASE_MANAGER = "case_manager", _("case manager")
    TEAM_LEAD = "team_lead", _("team lead")
    CONFERENCE_ORGANISER = "conference_organiser", _("conference organiser")
    PARTNER = "partner", _("partner professional")
    ANALYST = "analyst", _("analyst")
    DIRECTORY_EDITOR = "directory_editor", _("directory editor")
    ADMINISTRATOR = "administrator", _("administrator")


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> "MembershipQuerySet":
        return self.filter(ended_at__isnull=True)


class Membership(models.Model):
    """A user's role in a team. A user may hold several roles in several teams."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("team")
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["team", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "team", "role"], name="membership_unique_role")
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.team}"


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def find(self, raw: str) -> "ApiToken | None":
        return (
            self.filter(digest=tokens.digest(raw), revoked_at__isnull=True)
            .select_related("user")
            .first()
        )


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 digest is stored."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    digest = models.CharField(_("digest"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user} – {self.name or self.pk}"

    @classmethod
    def issue(cls, user: User, name: str = "") -> tuple["ApiToken", str]:
        """Create a token; return it with the raw value, shown once and never stored."""
        raw = tokens.new_token(prefix="mlg_")
        token = cls.objects.create(user=user, name=name, digest=tokens.digest(raw))
        return token, raw

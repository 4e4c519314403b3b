"""The person's network: formal and informal actors, the person and the case workers."""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.cases.models import Case
from maillage.intake.models import Requester


class Sector(models.TextChoices):
    GENERAL_PRACTICE = "general_practice", _("general practice (first line)")
    HOME_CARE = "home_care", _("home care and nursing (first line)")
    MENTAL_HEALTH = "mental_health", _("mental health")
    HOSPITAL = "hospital", _("hospital")
    SUBSTANCE_USE = "substance_use", _("addiction services")
    SOCIAL = "social", _("social services (CPAS…)")
    HOUSING = "housing", _("housing")
    JUSTICE = "justice", _("justice")
    YOUTH = "youth", _("youth care")
    DISABILITY = "disability", _("disability")
    EDUCATION = "education", _("education")
    WORK = "work", _("work and training")
    ADMINISTRATION = "administration", _("administration")
    COMMUNITY = "community", _("community and leisure")
    OTHER = "other", _("other")


# Sectors counted as first line (general practice, home care, social services).
FIRST_LINE = {Sector.GENERAL_PRACTICE, Sector.HOME_CARE, Sector.SOCIAL}


class ActorQuerySet(models.QuerySet["Actor"]):
    def current(self, day: date | None = None) -> "ActorQuerySet":
        """Actors in the network today: started, and not ended."""
        day = day or timezone.localdate()
        return self.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day)).filter(
            Q(started_on__isnull=True) | Q(started_on__lte=day)
        )


class Actor(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", _("the person")
        WORKER = "worker", _("case worker")
        FORMAL = "formal", _("formal network (professional)")
        INFORMAL = "informal", _("informal network")

    class Relation(models.TextChoices):
        FAMILY = "family", _("family")
        FRIEND = "friend", _("friend")
        NEIGHBOUR = "neighbour", _("neighbour")
        CARER = "carer", _("carer")
        OTHER = "other", _("other")

    class Quality(models.TextChoices):
        STRONG = "strong", _("strong")
        FRAGILE = "fragile", _("fragile")
        CONFLICTUAL = "conflictual", _("conflictual")
        BROKEN = "broken", _("broken")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="actors")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    service = models.CharField(_("service"), max_length=200, blank=True)
    profession = models.CharField(_("profession"), max_length=100, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    independent = models.BooleanField(
        _("independent practitioner"),
        default=False,
        help_text=_("Independent rather than salaried (for funded case conferences)."),
    )
    relation = models.CharField(
        _("relation to the person"), max_length=20, choices=Relation.choices, blank=True
    )
    role = models.CharField(_("role in this situation"), max_length=200, blank=True)
    mission = models.TextField(_("mission in this situation"), blank=True)
    quality = models.CharField(
        _("quality of the relationship"), max_length=20, choices=Quality.choices, blank=True
    )
    exhausted = models.BooleanField(_("exhausted"), default=False)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="network_roles",
        verbose_name=_("Maillage account"),
    )
    # The requester of the case's request this actor was added from, so that a
    # requester is offered to the network only once.
    requester = models.OneToOneField(
        Requester,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actor",
        verbose_name=_("added from the request"),
    )
    started_on = models.DateField(_("in the network since"), null=True, blank=True)
    ended_on = models.DateField(_("left the network on"), null=True, blank=True)
    last_contact_on = models.DateField(_("last contact"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["case", "kind", "name"]
        verbose_name = _("network actor")
        verbose_name_plural = _("network actors")
        indexes = [models.Index(fields=["case", "ended_on"], name="actor_case_current")]

    def __str__(self) -> str:
        if self.kind == self.Kind.FORMAL and self.organisation:
            return f"{self.name} ({self.organisation})"
        return self.name

    def is_current(self, day: date | None = None) -> bool:
        day = day or timezone.localdate()
        started = self.started_on is None or self.started_on <= day
        return started and (self.ended_on is None or self.ended_on > day)

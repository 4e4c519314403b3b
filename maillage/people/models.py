"""The persons Maillage supports."""

import uuid
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage.territory.communes import BY_NIS, OUTSIDE

from .names import last_word_key, name_key


def validate_residence(value: str) -> None:
    if value and value != OUTSIDE and value not in BY_NIS:
        raise ValidationError(
            _("Choose one of the 19 Brussels communes (NIS code) or “outside”."),
            code="invalid_residence",
        )


class PersonQuerySet(models.QuerySet["Person"]):
    def current(self) -> "PersonQuerySet":
        """Persons not merged into another record."""
        return self.filter(merged_into__isnull=True)


class Person(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    residence = models.CharField(
        _("residence"),
        max_length=7,
        blank=True,
        validators=[validate_residence],
        help_text=_("Brussels commune (NIS code), or outside Brussels."),
    )
    language = models.CharField(_("language"), max_length=5, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    # Normalised names for finding duplicates (accents, case and order ignored).
    given_key = models.CharField(max_length=100, editable=False, db_index=True)
    family_key = models.CharField(max_length=100, editable=False, db_index=True)
    # The last word of a family name of several ("van den berg" → "berg", "el amrani" →
    # "amrani"), empty otherwise: the search finds "Berg" through an index too.
    family_last_key = models.CharField(max_length=100, editable=False, db_index=True, default="")
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        indexes = [models.Index(fields=["birth_date"], name="person_birth_date")]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.given_key = name_key(self.given_name)
        self.family_key = name_key(self.family_name)
        self.family_last_key = last_word_key(self.family_key)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            keys = {"given_key", "family_key", "family_last_key"}
            kwargs["update_fields"] = {*update_fields, *keys}  # type: ignore[misc]
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def age_on(self, day: date) -> int | None:
        if self.birth_date is None:
            return None
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - before_birthday

"""Information categories: every piece of person-level content carries exactly one.

Consent scopes, partner access and the filtering of minutes all speak these categories;
they are defined here once. Life domains of the assessment map onto them
(`LIFE_DOMAIN_CATEGORY`).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    IDENTITY = "identity", _("identity")
    CONTACT = "contact", _("contact details")
    PHYSICAL_HEALTH = "physical_health", _("physical health")
    MENTAL_HEALTH = "mental_health", _("mental health")
    SUBSTANCE_USE = "substance_use", _("substance use")
    HOUSING = "housing", _("housing")
    INCOME = "income", _("income and debts")
    ADMINISTRATIVE = "administrative", _("administrative and residence status")
    JUSTICE = "justice", _("justice")
    FAMILY = "family", _("family and relations")
    DAILY_LIVING = "daily_living", _("daily living")
    WORK_EDUCATION = "work_education", _("education and work")
    SOCIAL_LIFE = "social_life", _("leisure and community")
    PLAN = "plan", _("goals and action plan")
    CRISIS_PLAN = "crisis_plan", _("crisis plan")
    JOURNAL = "journal", _("journal")


class LifeDomain(models.TextChoices):
    """The life domains of the assessment (MISSION.md), each with its category."""

    PHYSICAL_HEALTH = "physical_health", _("physical health")
    MENTAL_HEALTH = "mental_health", _("mental health")
    SUBSTANCE_USE = "substance_use", _("substance use")
    HOUSING = "housing", _("housing")
    INCOME = "income", _("income and debts")
    ADMINISTRATIVE = "administrative", _("administrative and residence status")
    JUSTICE = "justice", _("justice")
    FAMILY = "family", _("family and relations")
    DAILY_LIVING = "daily_living", _("daily living")
    WORK_EDUCATION = "work_education", _("education and work")
    SOCIAL_LIFE = "social_life", _("leisure and community")


# Each life domain is also the information category of what is said about it.
LIFE_DOMAIN_CATEGORY: dict[str, str] = {domain.value: domain.value for domain in LifeDomain}

"""Information categories: every piece of person-level content carries exactly one.

Consent scopes, partner access and the filtering of minutes all speak these categories;
they are defined here once, each with a description in plain words
(`CATEGORY_DESCRIPTIONS`). Life domains of the assessment map onto them
(`LIFE_DOMAIN_CATEGORY`).
"""

from django.db import models
from django.utils.functional import Promise
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


# What each category holds, in plain words: where consent asks "which categories of
# information may this actor receive?", these say what ticking one shares.
CATEGORY_DESCRIPTIONS: dict[str, Promise] = {
    Category.IDENTITY: _("Who the person is: name, date of birth, where they live."),
    Category.CONTACT: _("How to reach the person: phone, email, address."),
    Category.PHYSICAL_HEALTH: _("Illnesses, treatments and care of the body, disabilities."),
    Category.MENTAL_HEALTH: _("Psychological suffering, psychiatric care, diagnoses, medicines."),
    Category.SUBSTANCE_USE: _("Alcohol, drugs or medicines taken too much, and the help for it."),
    Category.HOUSING: _("Where and how the person lives: home, shelter, the street, rent."),
    Category.INCOME: _("Money: income, allowances, debts, managing the budget."),
    Category.ADMINISTRATIVE: _("Papers: identity card, right of residence, health insurance."),
    Category.JUSTICE: _("Police, courts, a judge's protection measure, an administrator."),
    Category.FAMILY: _("Partner, children, family and friends, and how things go with them."),
    Category.DAILY_LIVING: _("Everyday tasks: meals, washing, shopping, getting around."),
    Category.WORK_EDUCATION: _("School, training, work, volunteering."),
    Category.SOCIAL_LIFE: _("Free time, hobbies, clubs, the neighbourhood, being with others."),
    Category.PLAN: _("The person's goals, and who does what, when, to reach them."),
    Category.CRISIS_PLAN: _("What to do in a crisis: warning signs, what helps, whom to call."),
    Category.JOURNAL: _("Notes of the contacts, visits and steps of the follow-up."),
}

# Each life domain is also the information category of what is said about it.
LIFE_DOMAIN_CATEGORY: dict[str, str] = {domain.value: domain.value for domain in LifeDomain}

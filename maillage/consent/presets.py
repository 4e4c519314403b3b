"""Plain choices that fill in a consent's scope, and the information categories grouped
as the consent pages show them. Pure: no database.

A preset only ticks boxes on the form; the worker checks them with the person and
records the consent. Everything the case workers and their team read comes from their
role, not from a share: a preset is about the other actors of the network.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from maillage.categories import Category
from maillage.network.models import Actor, Sector

# Who the person is, how to reach them, and the plan: what anyone with a part in the
# plan needs ("who does what, when, how, with whom"), and nothing more.
PLAN_ESSENTIALS = (Category.IDENTITY, Category.CONTACT, Category.PLAN)

# What a professional's field needs on top of the plan essentials.
SECTOR_CATEGORIES: dict[str, tuple[str, ...]] = {
    Sector.GENERAL_PRACTICE: (
        Category.PHYSICAL_HEALTH,
        Category.MENTAL_HEALTH,
        Category.SUBSTANCE_USE,
        Category.CRISIS_PLAN,
    ),
    Sector.HOME_CARE: (Category.PHYSICAL_HEALTH, Category.DAILY_LIVING),
    Sector.MENTAL_HEALTH: (Category.MENTAL_HEALTH, Category.SUBSTANCE_USE, Category.CRISIS_PLAN),
    Sector.HOSPITAL: (Category.PHYSICAL_HEALTH, Category.MENTAL_HEALTH),
    Sector.SUBSTANCE_USE: (Category.SUBSTANCE_USE, Category.MENTAL_HEALTH),
    Sector.SOCIAL: (Category.HOUSING, Category.INCOME, Category.ADMINISTRATIVE),
    Sector.HOUSING: (Category.HOUSING,),
    Sector.JUSTICE: (Category.JUSTICE,),
    Sector.YOUTH: (Category.FAMILY, Category.WORK_EDUCATION),
    Sector.DISABILITY: (Category.DAILY_LIVING, Category.PHYSICAL_HEALTH),
    Sector.EDUCATION: (Category.WORK_EDUCATION,),
    Sector.WORK: (Category.WORK_EDUCATION,),
    Sector.ADMINISTRATION: (Category.ADMINISTRATIVE,),
    Sector.COMMUNITY: (Category.SOCIAL_LIFE,),
}
# Family, friends and carers are often the first ones called in a crisis.
INFORMAL_CATEGORIES = (Category.CRISIS_PLAN,)


@dataclass(frozen=True)
class Preset:
    code: str
    label: Promise
    explanation: Promise

    def categories(self, actor: Actor) -> list[str]:
        """The categories this preset ticks for the actor, in the order of `Category`."""
        if self.code == "plan":
            chosen = set(PLAN_ESSENTIALS)
        elif self.code == "roles":
            chosen = set(PLAN_ESSENTIALS) | set(_field_of(actor))
        else:
            chosen = set()
        return [code for code in Category.values if code in chosen]


NOTHING = Preset(
    "nothing",
    _("Nothing yet"),
    _(
        "The person agrees to be accompanied, but nobody receives anything for now. "
        "You can add what each actor may receive later, one by one."
    ),
)
PLAN = Preset(
    "plan",
    _("Only what's needed for the plan"),
    _(
        "Each actor receives who the person is, how to reach them, and the goals and "
        "action plan: enough to do their part. Nothing about health, money or family."
    ),
)
ROLES = Preset(
    "roles",
    _("What each one needs for their part"),
    _(
        "The same, plus what each professional's field needs: health for a doctor or a "
        "nurse, housing, money and papers for a social service, and so on. Family, "
        "friends and carers also receive the crisis plan."
    ),
)
PRESETS = (NOTHING, PLAN, ROLES)
BY_CODE = {preset.code: preset for preset in PRESETS}


@dataclass(frozen=True)
class CategoryGroup:
    label: Promise
    categories: tuple[str, ...]


# The sixteen categories in four groups, in the order of `Category`.
GROUPS = (
    CategoryGroup(_("About the person"), (Category.IDENTITY, Category.CONTACT)),
    CategoryGroup(
        _("Health"),
        (Category.PHYSICAL_HEALTH, Category.MENTAL_HEALTH, Category.SUBSTANCE_USE),
    ),
    CategoryGroup(
        _("Daily life and rights"),
        (
            Category.HOUSING,
            Category.INCOME,
            Category.ADMINISTRATIVE,
            Category.JUSTICE,
            Category.FAMILY,
            Category.DAILY_LIVING,
            Category.WORK_EDUCATION,
            Category.SOCIAL_LIFE,
        ),
    ),
    CategoryGroup(_("The follow-up"), (Category.PLAN, Category.CRISIS_PLAN, Category.JOURNAL)),
)


def presets_including(actor: Actor, category: str) -> list[str]:
    """The codes of the presets that tick this category for this actor."""
    return [preset.code for preset in PRESETS if category in preset.categories(actor)]


def _field_of(actor: Actor) -> tuple[str, ...]:
    if actor.kind == Actor.Kind.INFORMAL:
        return INFORMAL_CATEGORIES
    return SECTOR_CATEGORIES.get(actor.sector, ())

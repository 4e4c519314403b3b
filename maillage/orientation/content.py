"""What a referral may share, and the content composed from the chosen categories only.

The receiving service is not an actor of the person's network, so no `Share` names it.
The rule (docs/orientation.md):

- the worker always confirms that the person agreed to this orientation;
- from a case, information leaves the team only under a consent in force that allows
  sharing; the worker then chooses categories explicitly among those the consent shares
  with the network (any current actor), identity and contact details included only when
  chosen; without such a consent, the referral carries the need and the reason only;
- from a request (no case, no consent record yet), only the minimal identity (name and
  birth date) and contact details may be chosen, on the person's agreement.

Nothing else of the file is ever read here: the content is a snapshot stored on the
referral, which is all the service sees.
"""

from typing import Any

from django.utils import formats, translation
from django.utils.translation import gettext as _

from maillage.categories import Category, LifeDomain
from maillage.territory.communes import residence_label

# Categories a referral may carry at all (journal and crisis plan never leave the team).
REFERRABLE = (Category.IDENTITY, Category.CONTACT, *LifeDomain.values, Category.PLAN)
FROM_REQUEST = (Category.IDENTITY, Category.CONTACT)


def allowed_categories(*, case: Any = None, support_request: Any = None) -> list[str]:
    """The categories the worker may choose for this referral, in a stable order."""
    if case is None:
        return [str(code) for code in FROM_REQUEST] if support_request is not None else []
    from maillage.consent.rules import consent_in_force, sharing_allowed

    consent = consent_in_force(case)
    if not sharing_allowed(consent):
        return []
    shared: set[str] = {Category.IDENTITY, Category.CONTACT}
    for share in consent.shares.all():  # type: ignore[union-attr]
        if share.actor.is_current():
            shared.update(share.categories)
    return [str(code) for code in REFERRABLE if code in shared]


def category_label(code: str) -> str:
    return str(dict(Category.choices).get(code, code))


def compose(
    categories: list[str], *, person: Any, case: Any = None, language: str = "fr"
) -> list[dict[str, Any]]:
    """The content sent for these categories, labelled in the service's language."""
    chosen = [code for code in REFERRABLE if code in set(categories)]
    with translation.override(language):
        sections = []
        latest = _latest_domains(case) if case is not None else {}
        for code in chosen:
            items = _items(code, person=person, case=case, domains=latest)
            sections.append({"category": code, "label": category_label(code), "items": items})
    return sections


def _items(code: str, *, person: Any, case: Any, domains: dict[str, Any]) -> list[dict[str, str]]:
    def item(label: str, value: Any) -> dict[str, str]:
        return {"label": label, "value": str(value) if value not in (None, "") else "—"}

    if code == Category.IDENTITY:
        birth = (
            formats.date_format(person.birth_date, "SHORT_DATE_FORMAT") if person.birth_date else ""
        )
        return [
            item(_("Name"), f"{person.given_name} {person.family_name}"),
            item(_("Birth date"), birth),
        ]
    if code == Category.CONTACT:
        return [
            item(_("Phone"), person.phone),
            item(_("Email"), person.email),
            item(_("Commune"), residence_label(person.residence)),
        ]
    if code == Category.PLAN:
        from maillage.plans.models import Goal

        goals = case.goals.filter(status__in=Goal.OPEN_STATUSES).order_by("priority", "created_at")
        return [item(_("Goal"), goal.own_words) for goal in goals[:10]]
    domain = domains.get(code)
    if domain is None:
        return []
    return [
        item(_("Needs"), domain.needs),
        item(_("Difficulties"), domain.difficulties),
        item(_("The person's resources"), domain.resources_person),
    ]


def _latest_domains(case: Any) -> dict[str, Any]:
    from maillage.assessments.queries import latest

    assessment = latest(case)
    if assessment is None:
        return {}
    return {domain.domain: domain for domain in assessment.domains.all()}


def as_text(sections: list[dict[str, Any]]) -> str:
    """The content as plain text (for the page and the tests)."""
    lines = []
    for section in sections:
        lines.append(section["label"])
        lines += [f"  {item['label']}: {item['value']}" for item in section["items"]]
    return "\n".join(lines)

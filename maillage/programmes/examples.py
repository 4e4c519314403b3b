"""The four example programmes described in MISSION.md, as data.

`install_examples()` creates or updates them (as templates, or attached to teams by
`seed_demo`). Their criteria are the complete list given by the field; what needs
judgement (complexity, mental-health involvement) is left to people at clarification.
"""

from typing import Any

from django.db import transaction

from .models import Criterion, Programme

IN_BRUSSELS = {"fact": "residence", "op": "in_brussels"}

EXAMPLES: list[dict[str, Any]] = [
    {
        "code": "bru-stars",
        "name_fr": "Bru-Stars – case management clinique",
        "name_nl": "Bru-Stars – klinisch casemanagement",
        "name_en": "Bru-Stars clinical case management",
        "description_fr": "Jeunes de 0 à 23 ans aux besoins complexes impliquant la santé "
        "mentale (autisme, double diagnostic, polyhandicap…).",
        "description_nl": "Jongeren van 0 tot 23 jaar met complexe noden waarbij geestelijke "
        "gezondheid een rol speelt (autisme, dubbele diagnose, meervoudige beperking…).",
        "description_en": "Young people aged 0 to 23 with complex needs involving mental "
        "health (autism, dual diagnosis, multiple disabilities…).",
        "answer_deadline_hours": None,
        "planned_duration_days": 365,
        "review_interval_days": 90,
        "criteria": [
            (
                "age-0-23",
                "Âgé·e de 0 à 23 ans",
                "Tussen 0 en 23 jaar oud",
                "Aged 0 to 23",
                {"fact": "age", "op": "between", "min": 0, "max": 23},
            ),
            (
                "home-or-network-in-brussels",
                "Domicile ou réseau en Région bruxelloise",
                "Woonplaats of netwerk in het Brussels Gewest",
                "Home or network in the Brussels region",
                {"any": [IN_BRUSSELS, {"fact": "network_in_brussels", "op": "is", "value": True}]},
            ),
            (
                "two-professional-requesters",
                "Au moins 2 demandeurs professionnels d'organisations différentes",
                "Minstens 2 professionele aanvragers van verschillende organisaties",
                "At least 2 professional requesters from different organisations",
                {"fact": "professional_organisations", "op": "gte", "value": 2},
            ),
        ],
    },
    {
        "code": "dune-liaison",
        "name_fr": "DUNE – service de liaison",
        "name_nl": "DUNE – liaisondienst",
        "name_en": "DUNE liaison service",
        "description_fr": "Personnes cumulant exclusion sociale et usage de drogues, "
        "rencontrées en rue.",
        "description_nl": "Mensen die sociale uitsluiting en druggebruik combineren, "
        "ontmoet op straat.",
        "description_en": "People combining social exclusion and substance use, met in the street.",
        "answer_deadline_hours": None,
        "planned_duration_days": 365,
        "review_interval_days": 90,
        "criteria": [
            (
                "substance-use",
                "Usage de drogues",
                "Druggebruik",
                "Substance use",
                {"fact": "substance_use", "op": "is", "value": True},
            ),
            (
                "social-exclusion",
                "Exclusion sociale",
                "Sociale uitsluiting",
                "Social exclusion",
                {"fact": "social_exclusion", "op": "is", "value": True},
            ),
        ],
    },
    {
        "code": "brusano",
        "name_fr": "Brusano – case managers « zones grises »",
        "name_nl": "Brusano – casemanagers ‘grijze zones’",
        "name_en": "Brusano case managers (“grey zones”)",
        "description_fr": "Situations complexes auxquelles aucun service existant ne répond. "
        "Pas besoin d'être en ordre d'assurabilité.",
        "description_nl": "Complexe situaties waarop geen bestaande dienst een antwoord "
        "biedt. Een ziekteverzekering is niet vereist.",
        "description_en": "Complex situations that no existing service answers. Health "
        "insurance is not required.",
        "answer_deadline_hours": 48,
        "planned_duration_days": 365,
        "review_interval_days": 90,
        "criteria": [
            (
                "adult",
                "Âgé·e de 18 ans ou plus",
                "18 jaar of ouder",
                "Aged 18 or over",
                {"fact": "age", "op": "gte", "value": 18},
            ),
            (
                "lives-in-brussels",
                "Vit à Bruxelles",
                "Woont in Brussel",
                "Lives in Brussels",
                IN_BRUSSELS,
            ),
            (
                "lives-at-home",
                "Vit à domicile",
                "Woont thuis",
                "Lives at home",
                {"fact": "living_situation", "op": "in", "values": ["home"]},
            ),
        ],
    },
    {
        "code": "em107-precarite",
        "name_fr": "Équipe mobile 107 Précarité",
        "name_nl": "Mobiel team 107 Precariteit",
        "name_en": "Mobile team 107 Précarité",
        "description_fr": "Personnes psychiatrisées en situation de grande précarité. "
        "L'accompagnement ne commence jamais en période de crise.",
        "description_nl": "Mensen met psychiatrische problemen in grote bestaansonzekerheid. "
        "De begeleiding start nooit tijdens een crisis.",
        "description_en": "People with psychiatric problems in great precarity. Support "
        "never starts during a crisis.",
        "answer_deadline_hours": 14 * 24,
        "planned_duration_days": 365,
        "review_interval_days": 90,
        "criteria": [
            (
                "over-18",
                "Plus de 18 ans",
                "Ouder dan 18 jaar",
                "Over 18",
                {"fact": "age", "op": "gt", "value": 18},
            ),
            (
                "in-brussels",
                "Sur le territoire de la Région bruxelloise",
                "Op het grondgebied van het Brussels Gewest",
                "In the Brussels region",
                IN_BRUSSELS,
            ),
            (
                "street-or-badly-housed",
                "Sans-logis ou mal logé·e",
                "Dakloos of slecht gehuisvest",
                "Homeless (street) or badly housed",
                {"fact": "living_situation", "op": "in", "values": ["street", "badly_housed"]},
            ),
            (
                "psychiatric-history",
                "Parcours psychiatrique ou à risque d'en avoir un",
                "Psychiatrisch traject of risico daarop",
                "Psychiatric history or at risk of one",
                {"fact": "psychiatric_history", "op": "in", "values": ["yes", "at_risk"]},
            ),
            (
                "network-exhausted-or-absent",
                "Réseau épuisé ou inexistant",
                "Uitgeput of onbestaand netwerk",
                "Network exhausted or absent",
                {"fact": "network_state", "op": "in", "values": ["exhausted", "absent"]},
            ),
            (
                "no-demand-or-difficulty",
                "Non-demande ou grandes difficultés à se mobiliser",
                "Geen hulpvraag of grote moeite om zich te mobiliseren",
                "No demand or great difficulty to mobilise",
                {"fact": "expressed_demand", "op": "in", "values": ["no_demand", "difficulty"]},
            ),
            (
                "not-in-crisis",
                "Pas en crise au démarrage",
                "Niet in crisis bij de start",
                "Not in crisis at the start",
                {"fact": "in_crisis", "op": "is", "value": False},
            ),
        ],
    },
]


@transaction.atomic
def install_examples(
    *, teams: dict[str, Any] | None = None, template: bool = False
) -> list[Programme]:
    """Create or update the example programmes and their criteria.

    `teams` maps a programme code to the team that answers it; `template=True`
    installs them as templates (codes suffixed with "-template").
    """
    programmes = []
    for example in EXAMPLES:
        fields = {k: v for k, v in example.items() if k not in ("code", "criteria")}
        code = f"{example['code']}-template" if template else example["code"]
        fields["is_template"] = template
        if teams and example["code"] in teams:
            fields["team"] = teams[example["code"]]
        programme, _created = Programme.objects.update_or_create(code=code, defaults=fields)
        for position, (ccode, fr, nl, en, rule) in enumerate(example["criteria"]):
            Criterion.objects.update_or_create(
                programme=programme,
                code=ccode,
                defaults={
                    "position": position,
                    "label_fr": fr,
                    "label_nl": nl,
                    "label_en": en,
                    "rule": rule,
                    "active": True,
                },
            )
        programmes.append(programme)
    return programmes

"""Ship the CAPP scheme (royal decree of 27 March 2012) as an example administrators edit.

Concertation autour du patient psychiatrique, now run by the regions. The rule
vocabulary is documented in maillage/conferences/funding.py.
"""

from django.db import migrations

CODE = "capp-2012"

FIRST_LINE_LABEL = {
    "fr": "professionnel de première ligne",
    "nl": "eerstelijnsprofessional",
    "en": "first-line professional",
}
MENTAL_HEALTH_LABEL = {
    "fr": "professionnel de la santé mentale",
    "nl": "professional uit de geestelijke gezondheidszorg",
    "en": "mental-health professional",
}
GP_LABEL = {"fr": "médecin généraliste", "nl": "huisarts", "en": "general practitioner"}

RULES = [
    {
        "code": "agreement",
        "label_fr": "Accord de la personne enregistré",
        "label_nl": "Akkoord van de persoon geregistreerd",
        "label_en": "The person's agreement recorded",
        "when": "both",
        "rule": {"type": "consent_recorded"},
    },
    {
        "code": "three-professionals",
        "label_fr": "Au moins trois professionnels de disciplines différentes présents",
        "label_nl": "Minstens drie professionals van verschillende disciplines aanwezig",
        "label_en": "At least three professionals of different kinds present",
        "when": "both",
        "rule": {"type": "min_professionals_present", "min": 3, "distinct_kinds": True},
    },
    {
        "code": "first-line-present",
        "label_fr": "Au moins un professionnel de première ligne présent",
        "label_nl": "Minstens één eerstelijnsprofessional aanwezig",
        "label_en": "At least one first-line professional present",
        "when": "both",
        "rule": {"type": "sector_present", "sectors": ["first_line"], "label": FIRST_LINE_LABEL},
    },
    {
        "code": "mental-health-present",
        "label_fr": "Au moins un professionnel de la santé mentale présent",
        "label_nl": "Minstens één professional uit de geestelijke gezondheidszorg aanwezig",
        "label_en": "At least one mental-health professional present",
        "when": "both",
        "rule": {
            "type": "sector_present",
            "sectors": ["mental_health"],
            "label": MENTAL_HEALTH_LABEL,
        },
    },
    {
        "code": "gp-invited",
        "label_fr": "Médecin généraliste invité (présence non requise)",
        "label_nl": "Huisarts uitgenodigd (aanwezigheid niet vereist)",
        "label_en": "General practitioner invited (presence not required)",
        "when": "both",
        "rule": {"type": "invited", "sectors": ["general_practice"], "label": GP_LABEL},
    },
    {
        "code": "reference-person",
        "label_fr": "Personne de référence choisie par la personne à la première concertation",
        "label_nl": "Referentiepersoon gekozen door de persoon op het eerste overleg",
        "label_en": "Reference person chosen by the person at the first conference",
        "when": "both",
        "rule": {"type": "reference_person_chosen", "at": "first"},
    },
    {
        "code": "max-per-12-months",
        "label_fr": (
            "Au plus 3 concertations financées en 12 mois (5 pour les enfants et adolescents)"
        ),
        "label_nl": "Hoogstens 3 gefinancierde overleggen in 12 maanden (5 voor kinderen en jongeren)",
        "label_en": "At most 3 funded conferences in 12 months (5 for children and adolescents)",
        "when": "both",
        "rule": {"type": "max_funded_per_12_months", "adult": 3, "minor": 5, "minor_until_age": 18},
    },
    {
        "code": "follow-up-planned",
        "label_fr": "Concertation de suivi planifiée dans les 12 mois",
        "label_nl": "Opvolgingsoverleg gepland binnen 12 maanden",
        "label_en": "Follow-up conference planned within 12 months",
        "when": "after",
        "rule": {"type": "follow_up_planned_within", "months": 12},
    },
]


def add_capp_scheme(apps, schema_editor):
    FundingScheme = apps.get_model("conferences", "FundingScheme")
    FundingScheme.objects.update_or_create(
        code=CODE,
        defaults={
            "name_fr": "Concertation autour du patient psychiatrique (AR 27/03/2012)",
            "name_nl": "Overleg rond de psychiatrische patiënt (KB 27/03/2012)",
            "name_en": "Concertation around the psychiatric patient (royal decree of 27 March 2012)",
            "rules": RULES,
            "active": True,
        },
    )


def remove_capp_scheme(apps, schema_editor):
    FundingScheme = apps.get_model("conferences", "FundingScheme")
    FundingScheme.objects.filter(code=CODE, conferences__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("conferences", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(add_capp_scheme, remove_capp_scheme),
    ]

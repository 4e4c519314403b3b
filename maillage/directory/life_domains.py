"""The life-domain taxonomy: the 11 life domains of the case file as HSDS taxonomy terms.

A service serves a life domain when it has an HSDS `attribute` row linking it
(`link_entity="service"`, `link_id=service.id`) to that domain's term. Identifiers are
fixed (uuid5), so every database and every export names the same terms the same way.
`install()` runs from a data migration (0003), so every database has the taxonomy.
"""

import re
import uuid
from typing import Any

from django.db.models import QuerySet
from django.utils import translation

from maillage.categories import LifeDomain

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://maillage.brussels/hsds/life-domains")
TAXONOMY_ID = str(NAMESPACE)
TAXONOMY_NAME = "Domaines de vie (Maillage)"
TAXONOMY_DESCRIPTION = (
    "Les onze domaines de vie du dossier d'accompagnement de Maillage : le besoin auquel "
    "un service répond."
)
TAXONOMY_URI = "https://maillage.brussels/hsds/life-domains"
# French descriptions (the taxonomy's own language); the labels come from LifeDomain.
DESCRIPTIONS = {
    "physical_health": "Soins, maladies, handicap, accès à un médecin.",
    "mental_health": "Souffrance psychique, troubles psychiatriques, soutien psychologique.",
    "substance_use": "Alcool, drogues, jeux, réduction des risques.",
    "housing": "Logement, sans-abrisme, hébergement, expulsion.",
    "income": "Revenus, aide sociale, dettes, médiation de dettes.",
    "administrative": "Papiers, droit de séjour, mutuelle, démarches administratives.",
    "justice": "Aide juridique, procédures judiciaires, détention.",
    "family": "Famille, enfants, aidants proches, relations.",
    "daily_living": "Aide à domicile, repas, hygiène, mobilité, autonomie.",
    "work_education": "Formation, études, insertion professionnelle, emploi.",
    "social_life": "Loisirs, culture, isolement, vie de quartier.",
}


def term_id(code: str) -> str:
    """The fixed HSDS id of a life domain's term."""
    LifeDomain(code)  # refuse unknown codes
    return str(uuid.uuid5(NAMESPACE, code))


CODE_OF_TERM = {term_id(code): code for code in LifeDomain.values}


# Words people search with, per life domain, in French, Dutch and English: search
# vocabulary, not interface text. Keywords are separated by commas; a keyword is a word
# or a phrase ("santé mentale" is one keyword: it does not make "santé" a mental-health
# word). They are indexed with each service of the domain, and a query naming one favours
# the domain's services (search.py).
KEYWORDS: dict[str, str] = {
    "physical_health": (
        "santé, soins, soins de santé, médecin, médecin généraliste, médical, médicale, "
        "maison médicale, maladie, infirmier, infirmière, gezondheid, gezondheidszorg, "
        "zorg, arts, huisarts, ziekte, verpleging, wijkgezondheidscentrum, health, "
        "health care, healthcare, doctor, medical, illness, nurse"
    ),
    "mental_health": (
        "santé mentale, psychiatrie, psychiatrique, psychologue, psychologique, psy, "
        "souffrance psychique, psychique, geestelijke gezondheid, "
        "geestelijke gezondheidszorg, ggz, psychiatrisch, psycholoog, psychisch, "
        "mental health, psychiatry, psychiatric, psychologist"
    ),
    "substance_use": (
        "assuétudes, addiction, toxicomanie, drogue, drogues, alcool, dépendance, "
        "réduction des risques, verslaving, middelengebruik, druggebruik, drugs, alcohol, "
        "afhankelijkheid, substance use, harm reduction"
    ),
    "housing": (
        "logement, hébergement, sans-abri, sans-abrisme, abri, expulsion, wonen, "
        "huisvesting, woning, dakloos, dakloosheid, thuisloos, opvang, uithuiszetting, "
        "housing, homeless, homelessness, shelter, eviction"
    ),
    "income": (
        "revenus, revenu, dettes, budget, argent, CPAS, médiation de dettes, inkomen, "
        "schulden, geld, OCMW, schuldbemiddeling, income, debt, debts, money, benefits"
    ),
    "administrative": (
        "administratif, administrative, papiers, séjour, titre de séjour, sans-papiers, "
        "administratief, papieren, verblijf, verblijfsvergunning, residence, "
        "residence permit, papers, undocumented"
    ),
    "justice": (
        "justice, judiciaire, avocat, prison, tribunal, aide juridique, justitie, "
        "juridisch, juridische hulp, advocaat, gevangenis, rechtbank, legal, legal aid, "
        "lawyer, court"
    ),
    "family": (
        "famille, enfants, parents, aidants proches, aidant proche, aidants, couple, "
        "gezin, familie, kinderen, ouders, mantelzorg, mantelzorger, mantelzorgers, "
        "family, children, carers, carer"
    ),
    "daily_living": (
        "vie quotidienne, aide à domicile, repas, hygiène, ménage, dagelijks leven, "
        "thuishulp, gezinszorg, maaltijden, daily living, home help, home care, meals"
    ),
    "work_education": (
        "emploi, travail, formation, école, études, werk, opleiding, school, studie, "
        "tewerkstelling, work, job, training, education"
    ),
    "social_life": (
        "loisirs, isolement, lien social, activités, vrije tijd, eenzaamheid, ontmoeting, "
        "activiteiten, leisure, loneliness, social activities"
    ),
}
# Conjunctions splitting a label into keywords ("revenus et dettes": "revenus", "dettes").
_LABEL_CONJUNCTIONS = re.compile(r"\s+(?:et|en|and)\s+")


def labels(code: str) -> dict[str, str]:
    """The domain's label in French, Dutch and English (for display and search)."""
    found = {}
    for language in ("fr", "nl", "en"):
        with translation.override(language):
            found[language] = str(LifeDomain(code).label)
    return found


def keywords(code: str) -> list[str]:
    """Every keyword of a domain: its labels in French, Dutch and English (each part of
    "X et Y" on its own) and its KEYWORDS."""
    found: list[str] = []
    for label in labels(code).values():
        found.extend(part for part in _LABEL_CONJUNCTIONS.split(label) if part.strip())
    found.extend(k.strip() for k in KEYWORDS.get(code, "").split(",") if k.strip())
    return found


def install(taxonomy_model: Any = None, term_model: Any = None) -> None:
    """Create or update the taxonomy and its 11 terms (models may be historical)."""
    if taxonomy_model is None or term_model is None:
        from .models import Taxonomy, TaxonomyTerm

        taxonomy_model, term_model = Taxonomy, TaxonomyTerm
    taxonomy_model.objects.update_or_create(
        id=TAXONOMY_ID,
        defaults={
            "name": TAXONOMY_NAME,
            "description": TAXONOMY_DESCRIPTION,
            "uri": TAXONOMY_URI,
            "version": "1",
        },
    )
    for code in LifeDomain.values:
        term_model.objects.update_or_create(
            id=term_id(code),
            defaults={
                "code": code,
                "name": labels(code)["fr"],
                "description": DESCRIPTIONS[code],
                "taxonomy": TAXONOMY_NAME,
                "language": "fr",
                "taxonomy_detail_id": TAXONOMY_ID,
                "term_uri": f"{TAXONOMY_URI}/{code}",
            },
        )


def domains_of(service: Any) -> list[str]:
    """The life-domain codes a service serves, in LifeDomain order."""
    from .models import Attribute

    ids = set(
        Attribute.objects.filter(
            link_entity="service", link_id=service.pk, taxonomy_term_id__in=CODE_OF_TERM
        ).values_list("taxonomy_term_id", flat=True)
    )
    return [code for code in LifeDomain.values if term_id(code) in ids]


def services_in_domain(code: str) -> QuerySet[Any]:
    from .models import Attribute, Service

    links = Attribute.objects.filter(link_entity="service", taxonomy_term_id=term_id(code))
    return Service.objects.filter(pk__in=links.values("link_id"))


def attribute_id(service_id: str, code: str) -> str:
    """A fixed id for the attribute linking a service to a domain."""
    return str(uuid.uuid5(NAMESPACE, f"{service_id}/{code}"))

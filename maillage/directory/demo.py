"""Directory content for the demo: the real services of the seeds, then synthetic ones.

`seed_directory()` loads `data/seed_services.json` (HSDS JSON of the services named in
the source documents, with only the public contact details they give) through the
importer, then adds `synthetic` deterministic, clearly fictional services (example.org
addresses) spread over life domains, communes, languages, ages, costs, statuses and
verification dates. Idempotent: ids are fixed, existing services are left alone.
Links are stored as the importer and the forms store them (maillage/links.py): with
their scheme, so that the HSDS export of the demo directory is a valid package (a `uri`
column without a scheme is not a URI).
"""

import json
import random
import uuid
from datetime import date, time, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from maillage.categories import LifeDomain
from maillage.links import is_link_field, normalise_link, validate_link
from maillage.territory.communes import COMMUNES

from . import importer, life_domains
from .models import (
    Address,
    Attribute,
    Contact,
    CostOption,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
)
from .search import rebuild_index

SEED_FILE = Path(__file__).resolve().parent / "data" / "seed_services.json"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://maillage.brussels/hsds/demo")

LANGUAGES = [
    ("fr", "Français"),
    ("nl", "Nederlands"),
    ("en", "English"),
    ("ar", "العربية"),
    ("tr", "Türkçe"),
    ("es", "Español"),
    ("pt", "Português"),
    ("ro", "Română"),
    ("pl", "Polski"),
]
KINDS = [
    ("Permanence", "Permanentie", "accueil sans rendez-vous"),
    ("Accompagnement", "Begeleiding", "suivi individuel"),
    ("Antenne", "Antenne", "consultations de quartier"),
    ("Service d'aide", "Hulpdienst", "aide et orientation"),
    ("Groupe", "Groep", "groupes de parole"),
]
# Per domain: the word naming the service in French and in Dutch, and what it offers.
DOMAIN_WORDS = {
    "physical_health": (
        "santé",
        "gezondheid",
        "soins infirmiers à domicile et consultations médicales",
    ),
    "mental_health": (
        "santé mentale",
        "geestelijke gezondheid",
        "écoute psychologique et soutien psychiatrique",
    ),
    "substance_use": (
        "assuétudes",
        "verslaving",
        "réduction des risques liés à l'alcool et aux drogues",
    ),
    "housing": ("logement", "huisvesting", "recherche de logement et prévention des expulsions"),
    "income": ("budget", "budget", "médiation de dettes et accès aux droits sociaux"),
    "administrative": ("papiers", "papieren", "démarches administratives et droit de séjour"),
    "justice": ("droit", "recht", "aide juridique de première ligne"),
    "family": ("famille", "gezin", "soutien aux familles et aux aidants proches"),
    "daily_living": ("vie quotidienne", "dagelijks leven", "aide ménagère, repas et mobilité"),
    "work_education": ("emploi", "werk", "formation, alphabétisation et recherche d'emploi"),
    "social_life": ("quartier", "wijk", "activités collectives et lutte contre l'isolement"),
}
STATUSES = ["active"] * 17 + ["inactive", "temporarily closed", "defunct"]
DAYS = ["MO", "TU", "WE", "TH", "FR"]


def _id(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def load_seed_services() -> None:
    """The real services of the source documents (re-import updates them in place)."""
    content = json.loads(SEED_FILE.read_text(encoding="utf-8"))
    importer.import_data(content, SEED_FILE.name, reindex=False)


def seed_directory(synthetic: int = 150, seed: int = 0) -> None:
    life_domains.install()
    load_seed_services()
    if synthetic > 0:
        _seed_synthetic(synthetic, seed)
    rebuild_index()  # once, after the real and the synthetic services


def _seed_synthetic(count: int, seed: int) -> None:
    wanted = [_id("service", seed, n) for n in range(count)]
    existing: set[str] = set()
    for start in range(0, count, 900):
        existing.update(
            Service.objects.filter(pk__in=wanted[start : start + 900]).values_list("pk", flat=True)
        )
    rows: dict[type, list[Any]] = {}

    def add(obj: Any) -> None:
        _normalise_links(obj)
        rows.setdefault(type(obj), []).append(obj)

    today = timezone.localdate()
    organizations: set[str] = set()
    for n in range(count):
        if wanted[n] in existing:
            continue
        # One generator per service: service n is always the same, whatever exists.
        plan = _plan(random.Random(f"{seed}/{n}"), n, seed, today)  # noqa: S311
        if plan["organization"].pk not in organizations:
            organizations.add(plan["organization"].pk)
            add(plan["organization"])
        for obj in plan["objects"]:
            add(obj)
    known_orgs = set(
        Organization.objects.filter(pk__in=list(organizations)).values_list("pk", flat=True)
    )
    order = [
        Organization,
        Service,
        Location,
        Address,
        ServiceAtLocation,
        Phone,
        Contact,
        Schedule,
        ServiceArea,
        Language,
        CostOption,
        Attribute,
    ]
    with transaction.atomic():
        for model in order:
            objs = rows.get(model, [])
            if model is Organization:
                objs = [o for o in objs if o.pk not in known_orgs]
            model.objects.bulk_create(objs, batch_size=1000)


def _normalise_links(obj: Any) -> None:
    """bulk_create skips the fields' validators: normalise and check each link here."""
    for model_field in obj._meta.concrete_fields:
        if is_link_field(model_field):
            value = normalise_link(getattr(obj, model_field.attname))
            validate_link(value)
            setattr(obj, model_field.attname, value)


REGION_WIDE = {"physical_health", "mental_health", "family", "income", "administrative"}


def _plan(rng: random.Random, n: int, seed: int, today: date) -> dict[str, Any]:
    domains = rng.sample(LifeDomain.values, rng.choice([1, 1, 2, 2, 3]))
    main = domains[0]
    kind_fr, kind_nl, what = rng.choice(KINDS)
    word, word_nl, offer = DOMAIN_WORDS[main]
    home = rng.choice(COMMUNES)
    # Region-wide services exist for health and family; elsewhere the offer is local, so
    # the coverage view shows the gaps a real directory has.
    if rng.random() < 0.15 and main in REGION_WIDE:
        served = list(COMMUNES)
    else:
        served = [home, *rng.sample(COMMUNES, rng.choice([0, 1, 2]))]
        served = list({c.nis: c for c in served}.values())
    languages = ["fr"] if rng.random() < 0.5 else ["fr", "nl"]
    if rng.random() < 0.4:
        languages.append(rng.choice([code for code, _ in LANGUAGES[2:]]))
    min_age = rng.choice([None, None, None, 0, 12, 16, 18, 18, 25, 60])
    max_age = (
        rng.choice([None, None, None, 17, 23, 25, 64]) if min_age is None or min_age < 17 else None
    )
    if max_age is not None and min_age is not None and max_age <= min_age:
        max_age = None
    free = rng.random() < 0.6
    status = rng.choice(STATUSES)
    assured = today - timedelta(days=rng.choice([3, 20, 60, 120, 200, 300, 400, 500, 800, 1000]))
    org_number = n // 3
    org_id = _id("organization", seed, org_number)
    service_id = _id("service", seed, n)
    name = f"{kind_fr} {word} {home.name_fr} n° {n + 1} (fictif)"
    slug = f"service-{seed}-{n + 1}"
    organization = Organization(
        id=org_id,
        name=f"Organisation exemple n° {org_number + 1} (fictive)",
        description="Organisation fictive des données de démonstration.",
        email=f"contact-{seed}-{org_number + 1}@example.org",
        website=f"https://example.org/organisations/{seed}-{org_number + 1}",
    )
    service = Service(
        id=service_id,
        organization_id=org_id,
        name=name,
        alternate_name=f"{kind_nl} {word_nl} {home.name_nl} nr. {n + 1} (fictief)",
        description=(
            f"Service fictif de démonstration : {offer}, {what}. "
            f"Fictieve dienst voor de demo ({_label_nl(main)})."
        ),
        url=f"https://example.org/{slug}",
        email=f"{slug}@example.org",
        status=status,
        eligibility_description=_eligibility(min_age, max_age, home.name_fr),
        minimum_age=min_age,
        maximum_age=max_age,
        fees_description="Gratuit." if free else "Participation financière selon les revenus.",
        assured_date=assured,
        last_modified=timezone.now(),
    )
    location = Location(
        id=_id("location", seed, n),
        location_type="physical",
        organization_id=org_id,
        name=f"{kind_fr} {home.name_fr} n° {n + 1}",
    )
    objects: list[Any] = [
        service,
        location,
        Address(
            id=_id("address", seed, n),
            location_id=location.pk,
            address_1=f"Rue de l'Exemple {n % 200 + 1}",
            city=home.name_fr,
            state_province="Bruxelles-Capitale",
            postal_code=home.postcodes[0],
            country="BE",
            address_type="physical",
        ),
        ServiceAtLocation(
            id=_id("service_at_location", seed, n), service_id=service_id, location_id=location.pk
        ),
        Phone(
            id=_id("phone", seed, n),
            service_id=service_id,
            number=f"+32 2 000 {n // 100 % 100:02d} {n % 100:02d}",
            type="voice",
            description="Numéro fictif.",
        ),
        Contact(
            id=_id("contact", seed, n),
            service_id=service_id,
            title="Accueil",
            email=f"accueil-{slug}@example.org",
        ),
    ]
    opens = rng.choice([8, 9, 10, 13])
    objects.append(
        Schedule(
            id=_id("schedule", seed, n),
            service_id=service_id,
            freq="WEEKLY",
            byday=",".join(sorted(rng.sample(DAYS, rng.choice([2, 3, 5])), key=DAYS.index)),
            opens_at=time(opens),
            closes_at=time(min(opens + rng.choice([3, 4, 8]), 20)),
            description="Horaire fictif.",
        )
    )
    for commune in served:
        objects.append(
            ServiceArea(
                id=_id("service_area", seed, n, commune.nis),
                service_id=service_id,
                name=commune.name_fr,
                extent_type="other",
                uri=f"https://statbel.fgov.be/nis/{commune.nis}",
                commune=commune.nis,
            )
        )
    names = dict(LANGUAGES)
    for code in languages:
        objects.append(
            Language(
                id=_id("language", seed, n, code),
                service_id=service_id,
                name=names[code],
                code=code,
            )
        )
    objects.append(
        CostOption(
            id=_id("cost_option", seed, n),
            service_id=service_id,
            option="Tarif" if not free else "Gratuit",
            currency="EUR",
            amount=0.0 if free else float(rng.choice([5, 10, 15, 25])),
            amount_description="par rendez-vous",
        )
    )
    for code in domains:
        objects.append(
            Attribute(
                id=life_domains.attribute_id(service_id, code),
                link_id=service_id,
                link_entity="service",
                link_type="life_domain",
                taxonomy_term_id=life_domains.term_id(code),
                value=code,
            )
        )
    return {"organization": organization, "service": service, "objects": objects}


@cache
def _label_nl(code: str) -> str:
    return life_domains.labels(code)["nl"]


def _eligibility(min_age: float | None, max_age: float | None, commune: str) -> str:
    if min_age is not None and max_age is not None:
        ages = f"de {min_age:g} à {max_age:g} ans"
    elif min_age is not None:
        ages = f"à partir de {min_age:g} ans"
    elif max_age is not None:
        ages = f"jusqu'à {max_age:g} ans"
    else:
        ages = "de tout âge"
    return f"Personnes {ages}, en priorité habitant {commune} (conditions fictives)."

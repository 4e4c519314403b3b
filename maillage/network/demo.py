"""Demo networks: formal and informal actors of varied relationship quality, in French.

`seed_case()` is called by seed_demo for each rich demo case. Deterministic: every
choice comes from `rng`. Rows are written directly (demo rows need no audit events).
"""

import random
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from maillage.accounts.models import User
from maillage.cases.models import Case

from .models import Actor, Sector

FAMILY_NAMES = [
    "Janssens",
    "Peeters",
    "Maes",
    "Dubois",
    "Lambert",
    "Dupont",
    "Claes",
    "Willems",
    "Goossens",
    "Mertens",
    "El Amrani",
    "Benali",
    "Diallo",
    "Nowak",
    "Rossi",
    "Fernandes",
    "Vandenberghe",
    "Lemaire",
    "Martin",
    "Simon",
    "De Smet",
    "Laurent",
    "Haddad",
    "Kabila",
]
WOMEN = ["Sophie", "Marie", "Nadia", "Fatima", "Anne", "Els", "Aïcha", "Julie", "Katrien", "Sarah"]
MEN = ["Marc", "Luc", "Karim", "Jan", "Pierre", "Youssef", "Thomas", "Koen", "Ahmed", "Paul"]
COMMUNES = ["Bruxelles", "Ixelles", "Schaerbeek", "Anderlecht", "Molenbeek", "Saint-Gilles"]


@dataclass(frozen=True)
class Formal:
    sector: str
    profession: str
    role: str
    mission: str
    organisations: tuple[str, ...]
    doctor: bool = False
    service: str = ""
    dutch: tuple[str, ...] = ()  # organisations working in Dutch


# One professional of each of these for most cases (the first three are first line).
GP = Formal(
    Sector.GENERAL_PRACTICE,
    "médecin généraliste",
    "médecin traitant",
    "Suivi médical, renouvellement des traitements, lien avec le psychiatre.",
    ("Maison médicale du Midi", "Maison médicale des Marolles", "Cabinet médical Josaphat"),
    doctor=True,
    dutch=("Wijkgezondheidscentrum De Brug",),
)
CPAS = Formal(
    Sector.SOCIAL,
    "assistant·e social·e",
    "assistante sociale de référence",
    "Revenu d'intégration, aide au loyer, demande de médiation de dettes.",
    tuple(f"CPAS de {commune}" for commune in COMMUNES),
    service="Service social général",
    dutch=("OCMW Brussel",),
)
MENTAL_HEALTH = [
    Formal(
        Sector.MENTAL_HEALTH,
        "psychiatre",
        "psychiatre",
        "Consultation mensuelle, ajustement du traitement.",
        ("Service de santé mentale Le Méridien", "SSM Champ de la Couronne", "CHU Brugmann"),
        doctor=True,
    ),
    Formal(
        Sector.MENTAL_HEALTH,
        "psychologue",
        "psychologue au SSM",
        "Entretiens hebdomadaires; soutien dans les moments de crise.",
        ("SSM Le Méridien", "SSM Rivage-den Zaat", "SSM Ulysse"),
        dutch=("CGG Brussel",),
    ),
]
HOME_CARE = Formal(
    Sector.HOME_CARE,
    "infirmier·ère à domicile",
    "soins infirmiers à domicile",
    "Passage quotidien: pilulier, soins de plaie, surveillance de la tension.",
    ("Soins Chez Soi", "Aide & Soins à Domicile Bruxelles", "CSD Bruxelles"),
    dutch=("Wit-Gele Kruis Brussel",),
)
OTHER_FORMAL = [
    Formal(
        Sector.HOUSING,
        "référent·e logement",
        "référente logement",
        "Recherche d'un logement adapté; suivi de la demande de logement social.",
        ("AIS Logement pour Tous", "Le Foyer Schaerbeekois", "Fonds du Logement"),
    ),
    Formal(
        Sector.SUBSTANCE_USE,
        "éducateur·rice",
        "éducateur en assuétudes",
        "Accompagnement vers le sevrage; réduction des risques.",
        ("Projet Lama", "Transit asbl", "Infor-Drogues"),
    ),
    Formal(
        Sector.JUSTICE,
        "assistant·e de justice",
        "assistant de justice",
        "Suivi des conditions de la probation.",
        ("Maison de justice de Bruxelles",),
    ),
    Formal(
        Sector.ADMINISTRATION,
        "administrateur·rice de biens",
        "administratrice de biens",
        "Gestion du budget, paiement des factures, argent de poche hebdomadaire.",
        ("Étude Me Vandenberghe", "Étude Me Haddad"),
    ),
    Formal(
        Sector.HOSPITAL,
        "assistant·e social·e hospitalier·ère",
        "assistante sociale de l'hôpital",
        "Préparation de la sortie d'hospitalisation.",
        ("CHU Saint-Pierre", "Hôpital Érasme", "Clinique Saint-Jean"),
    ),
]
FOR_MINORS = [
    Formal(
        Sector.YOUTH,
        "délégué·e",
        "déléguée du SAJ",
        "Suivi de la mesure d'aide; lien avec la famille.",
        ("Service de l'aide à la jeunesse de Bruxelles", "AMO Samarcande"),
    ),
    Formal(
        Sector.EDUCATION,
        "enseignant·e",
        "titulaire de classe",
        "Suivi de la scolarité; alerte en cas d'absences.",
        ("École fondamentale communale n°3", "Athénée Royal d'Ixelles"),
        dutch=("Basisschool De Wimpel",),
    ),
]


@dataclass(frozen=True)
class Informal:
    relation: str
    role: str
    mission: str
    female: bool
    same_family: bool = False


INFORMAL = [
    Informal(
        Actor.Relation.FAMILY,
        "sœur",
        "Visite le week-end, aide pour les courses et les papiers.",
        True,
        same_family=True,
    ),
    Informal(
        Actor.Relation.CARER,
        "mère, aidante proche",
        "Aidante proche au quotidien: repas, médicaments, rendez-vous.",
        True,
        same_family=True,
    ),
    Informal(
        Actor.Relation.NEIGHBOUR,
        "voisin",
        "Passe chaque jour, a une clé de l'appartement.",
        False,
    ),
    Informal(
        Actor.Relation.FRIEND,
        "ami de longue date",
        "Accompagne aux rendez-vous, sorties le dimanche.",
        False,
    ),
    Informal(
        Actor.Relation.FAMILY,
        "frère",
        "Contacts rares; conflit autour de l'héritage.",
        False,
        same_family=True,
    ),
    Informal(
        Actor.Relation.FRIEND,
        "amie du club de marche",
        "Appelle chaque semaine.",
        True,
    ),
]
QUALITIES = ["strong", "strong", "fragile", "fragile", "conflictual", "broken", ""]


def seed_case(case: Case, rng: random.Random, by: User, today: date) -> None:
    """Give the case 4 to 9 actors around the person and the case workers: a GP, the
    CPAS, mental health or home care, family, a neighbour…; one of them has left."""
    opened = min(case.opened_at.date(), today)
    # The person and the workers joined when the case opened (seed_demo backdates it).
    case.actors.filter(kind=Actor.Kind.PERSON).update(started_on=opened)
    case.actors.filter(kind=Actor.Kind.WORKER).update(
        started_on=opened,
        role="gestionnaire de cas",
        mission="Coordonne le réseau autour de la personne et suit le plan d'action.",
        last_contact_on=today,
    )
    formal = _pick_formal(case, rng, today)
    informal = rng.sample(INFORMAL, rng.randint(2, 3))
    count = rng.randint(4, 9)
    informal = informal[: max(1, count - len(formal))]
    formal = formal[: count - len(informal)]
    qualities = _qualities(rng, len(formal) + len(informal))
    actors = [
        _formal(case, spec, quality, rng, opened, today)
        for spec, quality in zip(formal, qualities, strict=False)
    ]
    actors += [
        _informal(case, spec, quality, rng, opened, today)
        for spec, quality in zip(informal, qualities[len(formal) :], strict=False)
    ]
    _mark_exhausted(actors, rng)
    _end_one(actors, rng, opened, today)
    Actor.objects.bulk_create(actors)


def _pick_formal(case: Case, rng: random.Random, today: date) -> list[Formal]:
    chosen = [GP, CPAS, rng.choice(MENTAL_HEALTH)]
    if rng.random() < 0.6:
        chosen.append(HOME_CARE)
    chosen += rng.sample(OTHER_FORMAL, rng.randint(0, 2))
    birth = case.person.birth_date
    if birth is not None and (today - birth).days < 18 * 365:
        chosen = [GP, *FOR_MINORS, rng.choice(MENTAL_HEALTH)]
    return chosen


def _qualities(rng: random.Random, count: int) -> list[str]:
    """Varied: at least one strong, one fragile and one conflictual or broken."""
    base = ["strong", "fragile", rng.choice(["conflictual", "broken"])]
    rest = [rng.choice(QUALITIES) for _ in range(max(0, count - len(base)))]
    qualities = base + rest
    rng.shuffle(qualities)
    return qualities[:count]


def _formal(
    case: Case, spec: Formal, quality: str, rng: random.Random, opened: date, today: date
) -> Actor:
    family = rng.choice([name for name in FAMILY_NAMES if name != case.person.family_name])
    female = rng.random() < 0.6
    given = rng.choice(WOMEN if female else MEN)
    dutch = bool(spec.dutch) and rng.random() < 0.25
    organisation = rng.choice(spec.dutch if dutch else spec.organisations)
    name = f"Dr {family}" if spec.doctor else f"{given} {family}"
    actor = Actor(
        case=case,
        kind=Actor.Kind.FORMAL,
        name=name,
        organisation=organisation,
        service=spec.service,
        profession=spec.profession,
        sector=spec.sector,
        independent=spec.doctor and organisation.startswith("Cabinet"),
        role=spec.role,
        mission=spec.mission,
        quality=quality,
        language="nl" if dutch else "fr",
        started_on=opened - timedelta(days=rng.randint(30, 3000)),
    )
    if rng.random() < 0.7:
        actor.phone = _phone(rng, landline=True)
    if rng.random() < 0.6:
        prefix = f"dr.{family}" if spec.doctor else f"{given}.{family}"
        actor.email = f"{_slug(prefix)}@example.org"
    _last_contact(actor, rng, opened, today)
    return actor


def _informal(
    case: Case, spec: Informal, quality: str, rng: random.Random, opened: date, today: date
) -> Actor:
    given = rng.choice(WOMEN if spec.female else MEN)
    family = case.person.family_name if spec.same_family else rng.choice(FAMILY_NAMES)
    role = spec.role
    birth = case.person.birth_date
    if spec.relation == Actor.Relation.CARER and birth and (today - birth).days > 60 * 365:
        role = "fille, aidante proche"  # an older person's carer is rarely their mother
    actor = Actor(
        case=case,
        kind=Actor.Kind.INFORMAL,
        name=f"{given} {family}",
        relation=spec.relation,
        role=role,
        mission=spec.mission,
        quality=quality,
        language=rng.choice(["fr", "fr", "fr", "nl"]),
        started_on=opened - timedelta(days=rng.randint(365, 9000)),
    )
    if rng.random() < 0.6:
        actor.phone = _phone(rng, landline=False)
    _last_contact(actor, rng, opened, today)
    return actor


def _last_contact(actor: Actor, rng: random.Random, opened: date, today: date) -> None:
    if rng.random() < 0.6 and today > opened:
        actor.last_contact_on = opened + timedelta(days=rng.randint(0, (today - opened).days))


def _mark_exhausted(actors: list[Actor], rng: random.Random) -> None:
    """One or two exhausted actors, carers and family first."""
    informal = [a for a in actors if a.kind == Actor.Kind.INFORMAL]
    candidates = informal or actors
    for actor in rng.sample(candidates, min(len(candidates), rng.randint(1, 2))):
        actor.exhausted = True


def _end_one(actors: list[Actor], rng: random.Random, opened: date, today: date) -> None:
    """One actor left the network during the case (or before it opened)."""
    actor = rng.choice(actors)
    start = actor.started_on or opened
    earliest = max(start, opened - timedelta(days=60))
    actor.ended_on = earliest + timedelta(days=rng.randint(0, max(0, (today - earliest).days)))
    if actor.last_contact_on and actor.last_contact_on > actor.ended_on:
        actor.last_contact_on = actor.ended_on


def _phone(rng: random.Random, *, landline: bool) -> str:
    if landline:
        return f"02 {rng.randint(200, 799)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
    return (
        f"04{rng.randint(70, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
    )


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in ascii_text.lower() if c.isalnum() or c == ".")

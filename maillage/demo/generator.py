"""Deterministic synthetic demo data: organisations, demo accounts, persons, requests, cases.

`seed()` is what `manage.py seed_demo` runs. Everything comes from one
`random.Random(seed)`: the same seed gives the same persons, stories and answers (dates
are relative to the moment of seeding). The data are invented; any resemblance of a
person's name to a real person is a coincidence of common Brussels names.

The first `RICH_PERSONS` persons go through the real write functions (people, intake
and cases actions), with access checks and audit events, so their files look like the
work of the demo users. Beyond that, for volume (the benchmark seeds 100,000), rows are
written with `bulk_create` and a single audit event summarises them.
"""

import math
import random
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from maillage import audit
from maillage.accounts.demo import totp_key_hex
from maillage.accounts.models import Membership, Organisation, Role, Team, User
from maillage.audit.models import AuditEvent
from maillage.casefile import actions as casefile_actions
from maillage.cases import actions as case_actions
from maillage.cases.models import Case, CaseWorker
from maillage.demo.case_file import seed_case_file
from maillage.directory.demo import seed_directory
from maillage.intake import actions as intake_actions
from maillage.intake.actions import RequesterData
from maillage.intake.models import Decision, Requester, SupportRequest
from maillage.orientation.demo import seed_orientation
from maillage.partners.demo import seed_partner
from maillage.people import actions as people_actions
from maillage.people.models import Person
from maillage.people.names import last_word_key, name_key
from maillage.programmes.examples import install_examples
from maillage.programmes.models import Programme
from maillage.records.demo import seed_records
from maillage.screening.demo import seed_signals
from maillage.space.demo import seed_space
from maillage.territory.communes import BY_NIS, OUTSIDE

DEMO_PASSWORD = "maillage-demo"
DEFAULT_SEED = 23
DEFAULT_PERSONS = 60
# Persons written through the actions (with audit events); the rest are bulk rows.
RICH_PERSONS = 60
BATCH_SIZE = 2000
CHUNK = 5000

BRUSANO, BRU_STARS, DUNE, EM107 = "brusano", "bru-stars", "dune-liaison", "em107-precarite"
PROGRAMME_CODES = (BRUSANO, BRU_STARS, DUNE, EM107)


# Organisations, teams and demo accounts.


@dataclass(frozen=True)
class TeamSpec:
    organisation: str
    sector: str
    team: str
    programme: str = ""


TEAMS: dict[str, TeamSpec] = {
    BRUSANO: TeamSpec("Brusano", "coordination", "Case managers", BRUSANO),
    BRU_STARS: TeamSpec("Bru-Stars", "mental_health", "Case management", BRU_STARS),
    DUNE: TeamSpec("DUNE asbl", "addiction", "Service de liaison", DUNE),
    EM107: TeamSpec("Équipe mobile 107 Précarité", "mental_health", "Équipe mobile", EM107),
    "admin": TeamSpec("Maillage", "", "Administration"),
}


@dataclass(frozen=True)
class AccountSpec:
    username: str
    first_name: str
    last_name: str
    memberships: tuple[tuple[str, str], ...]  # (team key, role)
    profession: str
    sees: str
    language: str = ""  # empty: follow the browser
    email: str = ""
    staff: bool = False
    two_factor: bool = False
    main: bool = True  # listed first by demo_logins


ACCOUNTS: tuple[AccountSpec, ...] = (
    AccountSpec(
        "admin",
        "Nathalie",
        "Vermeulen",
        (("admin", Role.ADMINISTRATOR),),
        "Administratrice fonctionnelle",
        "configuration: organisations, users, programmes, criteria; no case content",
        staff=True,
        two_factor=True,
    ),
    AccountSpec(
        "lead",
        "Isabelle",
        "Claes",
        ((BRUSANO, Role.TEAM_LEAD),),
        "Coordinatrice de l'équipe case managers",
        "Brusano's requests and cases, caseloads and deadlines; answers and assigns",
        two_factor=True,
    ),
    AccountSpec(
        "intake",
        "Samira",
        "Haddad",
        tuple((code, Role.INTAKE) for code in PROGRAMME_CODES),
        "Permanence d'accueil",
        "intake queue of all four programmes (shared helpdesk): records and answers",
    ),
    AccountSpec(
        "cm1",
        "Thomas",
        "Lejeune",
        ((BRUSANO, Role.CASE_MANAGER),),
        "Case manager",
        "Brusano's requests and cases; holds several cases with sofie and mehdi",
    ),
    AccountSpec(
        "cm2",
        "Lotte",
        "Janssens",
        ((BRU_STARS, Role.CASE_MANAGER),),
        "Case manager",
        "Bru-Stars' requests and cases (another organisation): nothing of Brusano",
    ),
    AccountSpec(
        "organiser",
        "Pierre",
        "Renard",
        ((BRUSANO, Role.CONFERENCE_ORGANISER),),
        "Organisateur de concertations",
        "Brusano's cases, to organise concertations",
    ),
    AccountSpec(
        "partner",
        "Marc",
        "Vandenberghe",
        ((BRUSANO, Role.PARTNER),),
        "Assistant social, CPAS de Schaerbeek",
        "only what a person agreed to share with them",
        email="marc.vandenberghe@cpas-schaerbeek.example.org",
        two_factor=True,
    ),
    AccountSpec(
        "analyst",
        "Julien",
        "Mertens",
        (("admin", Role.ANALYST),),
        "Analyste",
        "anonymised aggregates only",
    ),
    AccountSpec(
        "editor",
        "Aïcha",
        "Benali",
        (("admin", Role.DIRECTORY_EDITOR),),
        "Éditrice du répertoire",
        "the directory of services: edits, reviews suggestions, imports and exports",
    ),
    # The other case managers, so that cases are held by a pair (binôme).
    AccountSpec(
        "sofie",
        "Sofie",
        "De Smet",
        ((BRUSANO, Role.CASE_MANAGER),),
        "Case manager",
        "Brusano (cm1's colleague)",
        language="nl",
        main=False,
    ),
    AccountSpec(
        "mehdi",
        "Mehdi",
        "Tahiri",
        ((BRUSANO, Role.CASE_MANAGER),),
        "Case manager",
        "Brusano",
        main=False,
    ),
    AccountSpec(
        "hanne",
        "Hanne",
        "Wouters",
        ((BRU_STARS, Role.CASE_MANAGER),),
        "Case manager",
        "Bru-Stars",
        language="nl",
        main=False,
    ),
    AccountSpec(
        "youssef",
        "Youssef",
        "Ait Ouali",
        ((BRU_STARS, Role.CASE_MANAGER),),
        "Case manager",
        "Bru-Stars",
        main=False,
    ),
    AccountSpec(
        "karim",
        "Karim",
        "Benjelloun",
        ((DUNE, Role.CASE_MANAGER),),
        "Travailleur de liaison",
        "DUNE",
        main=False,
    ),
    AccountSpec(
        "julie",
        "Julie",
        "Goffin",
        ((DUNE, Role.CASE_MANAGER),),
        "Travailleuse de liaison",
        "DUNE",
        main=False,
    ),
    AccountSpec(
        "yasmina",
        "Yasmina",
        "Chaoui",
        ((EM107, Role.CASE_MANAGER),),
        "Infirmière psychiatrique",
        "Équipe mobile 107",
        main=False,
    ),
    AccountSpec(
        "pieter",
        "Pieter",
        "Goossens",
        ((EM107, Role.CASE_MANAGER),),
        "Maatschappelijk werker",
        "Équipe mobile 107",
        language="nl",
        main=False,
    ),
)
USERNAMES = tuple(account.username for account in ACCOUNTS)

# Who holds accepted cases (pairs, in turn) and who decides to accept, per programme.
PAIRS: dict[str, tuple[tuple[str, str], ...]] = {
    BRUSANO: (("cm1", "sofie"), ("cm1", "mehdi"), ("sofie", "mehdi"), ("cm1", "sofie")),
    BRU_STARS: (("cm2", "hanne"), ("cm2", "youssef"), ("hanne", "youssef")),
    DUNE: (("karim", "julie"),),
    EM107: (("yasmina", "pieter"),),
}
ACCEPTED_BY = {BRUSANO: "lead", BRU_STARS: "cm2", DUNE: "karim", EM107: "yasmina"}


# Names common in Brussels, by origin: (weight, languages, men, women, family names).
# A family name is a string, or a (masculine, feminine) pair.


@dataclass(frozen=True)
class Origin:
    weight: int
    languages: tuple[str, ...]
    men: tuple[str, ...]
    women: tuple[str, ...]
    families: tuple[str | tuple[str, str], ...]


def _origin(weight: int, languages: str, men: str, women: str, families: str) -> Origin:
    """Names are listed comma-separated; "Kowalski/Kowalska" gives the masculine/feminine."""

    def split(names: str) -> list[str]:
        return [name.strip() for name in names.split(",")]

    return Origin(
        weight,
        tuple(languages.split()),
        tuple(split(men)),
        tuple(split(women)),
        tuple(tuple(f.split("/")) if "/" in f else f for f in split(families)),  # type: ignore[misc]
    )


ORIGINS: tuple[Origin, ...] = (
    _origin(
        24,
        "fr",
        (
            "Jean, Luc, Philippe, Michel, Thomas, Nicolas, Julien, Maxime, Olivier, Pierre, "
            "Antoine, Louis, Hugo, Arthur, Christophe, Didier, Patrick, Marc, Alain, Noah"
        ),
        (
            "Marie, Nathalie, Isabelle, Sophie, Julie, Camille, Chantal, Véronique, Anne, Martine, "
            "Christine, Émilie, Léa, Manon, Louise, Céline, Françoise, Monique"
        ),
        (
            "Dubois, Lambert, Dupont, Martin, Lejeune, Renard, Leclercq, Simon, Laurent, Lefèvre, "
            "Dumont, Mathieu, Collignon, François, Gilson, Denis, Goffin, Marchal, Dupuis, Leroy, "
            "Noël, Delvaux"
        ),
    ),
    _origin(
        12,
        "nl",
        "Jan, Pieter, Wouter, Bart, Koen, Tom, Jeroen, Lars, Stijn, Dirk, Joris, Senne, Arne",
        "An, Els, Sofie, Lotte, Hanne, Katrien, Ine, Griet, Liesbeth, Marleen, Femke, Lien, Nele",
        (
            "Peeters, Janssens, Maes, Jacobs, Mertens, Willems, Claes, Goossens, Wouters, De Smet, "
            "Vermeulen, Van den Broeck, De Backer, Hermans, Vandenberghe, Van Damme, Verstraeten, "
            "De Clercq"
        ),
    ),
    _origin(
        20,
        "fr fr ar",
        (
            "Mohamed, Ahmed, Youssef, Karim, Hamza, Mehdi, Rachid, Saïd, Bilal, Ayoub, Ilias, "
            "Adam, Mustapha, Abdelkader, Nordin, Soufiane"
        ),
        (
            "Fatima, Khadija, Samira, Nadia, Malika, Salma, Yasmina, Imane, Houda, Soukaina, "
            "Naïma, Aïcha, Hafsa, Rania, Latifa"
        ),
        (
            "El Amrani, Benali, El Idrissi, Bouzid, Azzouzi, Haddad, El Khattabi, Ait Ouali, "
            "Belhaj, Boukhari, Chaoui, Ouazzani, Tahiri, El Mahi, Benjelloun, Lahlou, Aarab"
        ),
    ),
    _origin(
        8,
        "tr fr",
        "Emre, Mehmet, Mustafa, Ahmet, Hakan, Murat, Burak, Yusuf, Kerem, Ömer",
        "Ayşe, Elif, Zeynep, Fatma, Emine, Hatice, Büşra, Merve, Esra",
        "Yılmaz, Kaya, Demir, Şahin, Çelik, Yıldız, Aydın, Öztürk, Arslan, Doğan, Koç, Kılıç",
    ),
    _origin(
        9,
        "fr fr ln",
        "Jean-Pierre, Patrick, Christian, Junior, Glody, Trésor, Serge, Héritier, Fiston, Blaise",
        "Chantal, Grâce, Ruth, Esther, Merveille, Sarah, Jeanne, Divine, Bénédicte, Gloire",
        (
            "Mbuyi, Kabongo, Tshibangu, Ilunga, Mukendi, Kalonji, Lukusa, Ngalula, Kasongo, Mbala, "
            "Nsimba, Makiese, Matondo"
        ),
    ),
    _origin(
        4,
        "pl",
        "Piotr, Tomasz, Krzysztof, Paweł, Marek, Jakub, Łukasz",
        "Agnieszka, Katarzyna, Anna, Małgorzata, Joanna, Magdalena, Ewa",
        (
            "Kowalski/Kowalska, Nowak, Wiśniewski/Wiśniewska, Wójcik, Lewandowski/Lewandowska, "
            "Kamiński/Kamińska, Zieliński/Zielińska, Mazur"
        ),
    ),
    _origin(
        6,
        "ro",
        "Andrei, Ionuț, Mihai, Alexandru, Florin, Cristian, Marius, Gheorghe",
        "Elena, Ioana, Maria, Andreea, Mihaela, Florentina, Alina, Daniela",
        "Popescu, Ionescu, Popa, Stan, Dumitru, Constantin, Munteanu, Stoica, Lungu, Rusu",
    ),
    _origin(
        5,
        "fr it",
        "Giuseppe, Antonio, Marco, Luca, Francesco, Salvatore, Giovanni",
        "Giulia, Maria, Francesca, Rosa, Anna, Carmela, Silvia",
        (
            "Rossi, Russo, Esposito, Romano, Bianchi, Colombo, Ricci, Marino, Greco, Lombardi, "
            "Gallo, Di Stefano"
        ),
    ),
    _origin(
        3,
        "pt fr",
        "João, Pedro, Rui, Tiago, Manuel, Carlos",
        "Ana, Maria, Inês, Beatriz, Catarina, Sofia",
        "Silva, Santos, Ferreira, Pereira, Oliveira, Costa, Rodrigues, Martins, Gonçalves",
    ),
    _origin(
        2,
        "es",
        "Javier, Carlos, Miguel, David",
        "Carmen, Lucía, Laura, Isabel",
        "García, Fernández, López, Martínez, Sánchez, Pérez",
    ),
    _origin(
        3,
        "fr",
        "Mamadou, Alpha, Ibrahima, Ousmane, Thierno, Boubacar",
        "Mariama, Aïssatou, Fatoumata, Kadiatou, Hawa, Binta",
        "Diallo, Barry, Bah, Sow, Camara, Baldé, Condé, Sylla",
    ),
    _origin(
        3,
        "ar fa",
        "Omar, Ali, Hassan, Ahmad, Khaled, Mahmoud, Farid, Rahim",
        "Amina, Layla, Rana, Noor, Zahra, Mariam, Hiba",
        "Al-Hassan, Khalil, Nasser, Hamdan, Ahmadi, Rahimi, Karimi, Hosseini, Azizi",
    ),
)

ORIGIN_WEIGHTS = [origin.weight for origin in ORIGINS]

# Residence: NIS code weighted by population (thousands of inhabitants).
COMMUNE_WEIGHTS = {
    "21001": 122,
    "21002": 34,
    "21003": 25,
    "21004": 190,
    "21005": 48,
    "21006": 43,
    "21007": 56,
    "21008": 25,
    "21009": 87,
    "21010": 53,
    "21011": 22,
    "21012": 98,
    "21013": 50,
    "21014": 27,
    "21015": 133,
    "21016": 84,
    "21017": 25,
    "21018": 58,
    "21019": 42,
}
NIS_CODES = list(COMMUNE_WEIGHTS)
NIS_WEIGHTS = list(COMMUNE_WEIGHTS.values())
OUTSIDE_PLACES = ("Vilvorde", "Hal", "Zaventem", "Dilbeek", "Wavre", "Grimbergen")

# Organisations of professional requesters, by sector.
ORGANISATIONS: dict[str, tuple[str, ...]] = {
    "social": (
        "CPAS de Schaerbeek",
        "CPAS de Molenbeek-Saint-Jean",
        "CPAS d'Anderlecht",
        "CPAS de Saint-Gilles",
        "CPAS de Bruxelles",
        "Samusocial",
        "Infirmiers de rue",
    ),
    "hospital": (
        "Hôpital Brugmann",
        "CHU Saint-Pierre",
        "Hôpital Erasme",
        "UZ Brussel",
        "Clinique Sanatia",
    ),
    "mental_health": (
        "SSM Le Méridien",
        "SSM Rivage-den Zaet",
        "SSM Ulysse",
        "CGG Brussel",
        "SSM Champ de la Couronne",
    ),
    "general_practice": (
        "Maison médicale Norman Bethune",
        "Maison médicale des Marolles",
        "Huis voor Gezondheid",
        "Wijkgezondheidscentrum Medikuregem",
    ),
    "housing": (
        "Agence immobilière sociale de Saint-Gilles",
        "Le Foyer Schaerbeekois",
        "Logement bruxellois – SISP",
        "Maison d'accueil Les Petits Riens",
    ),
    "youth": (
        "Service d'aide à la jeunesse de Bruxelles",
        "AMO Atmosphères",
        "Kind en Gezin",
        "ONE – consultation pour enfants",
    ),
    "education": (
        "École Sainte-Marie",
        "Centre PMS de la Ville de Bruxelles",
        "Athénée Royal Serge Creuz",
        "Basisschool Sint-Joris",
    ),
    "justice": ("Maison de justice de Bruxelles", "Service d'aide aux justiciables"),
    "elderly_care": ("MRS Les Tilleuls", "Résidence Aux Lilas"),
}
FIXED_ORGANISATIONS = {
    "DUNE asbl – dispensaire": "addiction",
    "DUNE asbl – service social": "addiction",
}
PROFESSIONAL_TITLES = {
    "social": ("assistante sociale", "assistant social"),
    "hospital": ("assistante sociale", "infirmier de liaison"),
    "mental_health": ("psychologue", "psychiatre"),
    "general_practice": ("médecin généraliste", "infirmière"),
    "housing": ("assistante sociale", "gestionnaire locatif"),
    "youth": ("déléguée", "éducateur"),
    "education": ("directrice", "agent PMS"),
    "justice": ("assistante de justice", "intervenant"),
    "elderly_care": ("infirmière en chef", "directeur"),
    "addiction": ("infirmière", "travailleur social"),
}
CARERS_ADULT = ("fille", "fils", "sœur", "frère", "voisine", "épouse", "mari", "nièce")
CARERS_YOUNG = ("mère", "père", "grand-mère", "tante")
FEMININE_RELATIONS = {"fille", "sœur", "voisine", "épouse", "nièce", "mère", "grand-mère", "tante"}
NOT_FAMILY = {"voisine", "voisin", "épouse", "mari"}


# Stories: what a request says, which facts it carries, how it may be answered.


@dataclass(frozen=True)
class Story:
    kind: str  # fits, refuse, orient, override
    ages: tuple[int, int]
    summary: str
    asked: str
    facts: dict[str, Any]  # a list value means "one of"; None means unknown
    # "person", "carer" or "carer:<relation>", "pro:<sector>", "org:<organisation>"
    requesters: tuple[str, ...]
    reason: str = ""  # refusal or orientation reason, or override justification
    targets: tuple[str, ...] = ()  # where the person is oriented
    outside: bool = False  # lives outside Brussels
    channel: str = ""


def _s(
    kind: str,
    ages: tuple[int, int],
    summary: str,
    asked: str,
    facts: dict[str, Any],
    requesters: tuple[str, ...],
    **extra: Any,
) -> Story:
    return Story(kind, ages, summary, asked, facts, requesters, **extra)


STORIES: dict[str, tuple[Story, ...]] = {
    BRUSANO: (
        _s(
            "fits",
            (70, 88),
            "{Civ}, {age} ans, vit seul{e} à {commune}. Chutes répétées, perte de poids, "
            "factures impayées ; refuse l'aide proposée par la famille. Le médecin traitant "
            "s'inquiète de l'épuisement des proches.",
            "Coordonner le réseau autour {de_lui} et éviter une hospitalisation non souhaitée.",
            {
                "living_situation": "home",
                "health_insurance": "yes",
                "network_state": "exhausted",
                "expressed_demand": ["difficulty", "no_demand"],
            },
            ("pro:general_practice",),
        ),
        _s(
            "fits",
            (25, 55),
            "{Civ} n'est plus en ordre de mutuelle depuis deux ans. Diabète mal suivi, logement "
            "insalubre partagé avec deux enfants ; plusieurs services interviennent sans se "
            "concerter.",
            "Un case manager pour coordonner santé, logement et CPAS.",
            {
                "living_situation": "home",
                "health_insurance": "no",
                "network_state": "present",
                "expressed_demand": "yes",
            },
            ("pro:social",),
        ),
        _s(
            "fits",
            (65, 90),
            "Sa fille, aidante proche épuisée, appelle : {civ} présente des troubles de la "
            "mémoire, oublie ses rendez-vous médicaux et refuse les soins à domicile.",
            "Être soutenue, et savoir qui fait quoi autour {de_parent}.",
            {"living_situation": "home", "health_insurance": "yes", "network_state": "exhausted"},
            ("carer:fille",),
        ),
        _s(
            "fits",
            (30, 60),
            "{Civ} appelle {lui}-même : sorti{e} d'une hospitalisation psychiatrique il y a un "
            "mois, isolement, dettes d'énergie, peur de perdre son logement.",
            "De l'aide pour s'y retrouver entre les services et garder son logement.",
            {
                "living_situation": "home",
                "psychiatric_history": "yes",
                "health_insurance": ["yes", "unknown"],
                "expressed_demand": "yes",
            },
            ("person",),
        ),
        _s(
            "fits",
            (40, 80),
            "Le service social de l'hôpital prévoit un retour à domicile dans la semaine. "
            "Situation fragile : consommation d'alcool, isolement, appartement encombré à "
            "{commune}.",
            "Préparer le retour à domicile avec le réseau de proximité.",
            {
                "living_situation": "home",
                "substance_use": True,
                "network_state": "absent",
                "health_insurance": "yes",
            },
            ("pro:hospital",),
        ),
        _s(
            "fits",
            (45, 85),
            "La société de logement signale un appartement encombré et des plaintes du "
            "voisinage ; risque d'expulsion. {Civ} ne répond plus au courrier.",
            "Évaluer la situation à domicile et mobiliser un réseau avant l'expulsion.",
            {
                "living_situation": "home",
                "expressed_demand": "no_demand",
                "network_state": "absent",
            },
            ("pro:housing",),
        ),
        _s(
            "refuse",
            (75, 95),
            "{Civ}, {age} ans, réside en maison de repos et de soins. L'équipe de "
            "l'institution demande un soutien face à un conflit familial autour des visites.",
            "Un accompagnement pour apaiser le conflit familial.",
            {"living_situation": "institution", "health_insurance": "yes"},
            ("pro:elderly_care",),
            reason="Vit en institution : le critère « vit à domicile » n'est pas rempli. "
            "L'équipe de la maison de repos reste la mieux placée ; nous lui avons suggéré une "
            "médiation familiale.",
        ),
        _s(
            "refuse",
            (17, 17),
            "Jeune de 17 ans en rupture familiale, hébergé{e} chez un ami depuis trois "
            "semaines, ne va plus à l'école.",
            "Trouver un lieu de vie et un suivi.",
            {"living_situation": "other"},
            ("pro:youth",),
            reason="Mineur{e} : hors du public de Brusano (18 ans et plus). Coordonnées du "
            "Service d'aide à la jeunesse et de Bru-Stars transmises.",
        ),
        _s(
            "refuse",
            (30, 70),
            "{Civ} vit à {commune} et consulte à Bruxelles ; isolement et difficultés "
            "administratives multiples.",
            "Un accompagnement global.",
            {"living_situation": "home"},
            ("pro:general_practice",),
            outside=True,
            reason="Domicile hors de la Région bruxelloise. Nous avons transmis les "
            "coordonnées du réseau de santé mentale de sa région.",
        ),
        _s(
            "orient",
            (25, 65),
            "{Civ} demande de l'aide pour introduire une demande de revenu d'intégration ; "
            "aucune autre difficulté repérée à ce stade.",
            "Aide pour le dossier CPAS.",
            {
                "living_situation": "home",
                "health_insurance": "yes",
                "expressed_demand": "yes",
                "network_state": "present",
            },
            ("person",),
            reason="Demande essentiellement administrative : le service social du CPAS y "
            "répond directement, sans besoin de coordination.",
            targets=(
                "CPAS de Molenbeek – service social",
                "CPAS de Schaerbeek – service social",
                "CPAS d'Anderlecht – service social",
            ),
        ),
        _s(
            "orient",
            (20, 60),
            "Souffrance psychique depuis un deuil ; {civ} souhaite parler à quelqu'un. Le "
            "réseau familial est présent et soutenant.",
            "Un suivi psychologique.",
            {
                "living_situation": "home",
                "psychiatric_history": "no",
                "network_state": "present",
                "expressed_demand": "yes",
            },
            ("pro:general_practice",),
            reason="Besoin d'un suivi psychologique ambulatoire ; pas de complexité de réseau "
            "qui justifie un case management.",
            targets=("SSM Le Méridien – accueil", "SSM Rivage-den Zaet", "SSM Ulysse"),
        ),
        _s(
            "orient",
            (60, 85),
            "Perte d'autonomie après une opération de la hanche ; besoin d'aide à domicile et "
            "de repas, la famille est présente.",
            "Organiser l'aide à domicile.",
            {"living_situation": "home", "health_insurance": "yes", "network_state": "present"},
            ("pro:hospital",),
            reason="Besoin de soins et d'aide à domicile sans complexité particulière : un "
            "centre de coordination de soins à domicile l'organise.",
            targets=(
                "Centre de coordination de soins et services à domicile",
                "Huis voor Gezondheid – wegwijzer",
            ),
        ),
        _s(
            "override",
            (30, 70),
            "{Civ} est hébergé{e} temporairement en maison d'accueil après une expulsion ; "
            "entrée dans un logement prévue dans trois semaines. Santé mentale fragile, réseau "
            "morcelé.",
            "Préparer l'entrée dans le nouveau logement avec un réseau qui tienne.",
            {
                "living_situation": "institution",
                "psychiatric_history": "at_risk",
                "network_state": "exhausted",
            },
            ("pro:housing",),
            reason="Hébergement temporaire : le retour à domicile est prévu dans trois semaines "
            "et sa préparation relève de notre mission (zones grises, validé en réunion "
            "d'équipe).",
        ),
        _s(
            "override",
            (17, 17),
            "Jeune de 17 ans et demi, parent d'un nourrisson, vit seul{e} à domicile ; les "
            "services de l'aide à la jeunesse se retirent à sa majorité.",
            "Préparer le passage à l'âge adulte sans rupture de suivi.",
            {"living_situation": "home", "network_state": "exhausted"},
            ("pro:youth",),
            reason="Majorité dans quelques mois et aucun service pour adultes ne prend le "
            "relais : inclusion en zone grise pour préparer la transition.",
        ),
    ),
    BRU_STARS: (
        _s(
            "fits",
            (12, 17),
            "Adolescent{e} de {age} ans avec autisme, déscolarisé{e} depuis six mois ; crises "
            "à domicile, parents épuisés. L'école, le centre PMS et le pédopsychiatre "
            "interviennent sans coordination.",
            "Un case management clinique pour relier école, soins et famille.",
            {"network_in_brussels": True},
            ("pro:education", "pro:mental_health", "carer"),
            channel="form",
        ),
        _s(
            "fits",
            (18, 23),
            "Jeune de {age} ans, double diagnostic (déficience intellectuelle et troubles "
            "psychiatriques), sorti{e} d'hospitalisation sans lieu de vie adapté.",
            "Construire un projet de vie et un réseau de soins adapté.",
            {"network_in_brussels": [True, None]},
            ("pro:hospital", "pro:youth"),
            channel="form",
        ),
        _s(
            "fits",
            (3, 10),
            "Enfant de {age} ans polyhandicapé{e} ; la famille est arrivée récemment à "
            "Bruxelles, sans réseau. Besoin de soins, d'une école adaptée et de répit pour les "
            "parents.",
            "Coordonner soins, scolarité et répit.",
            {"network_in_brussels": True},
            ("pro:youth", "pro:general_practice", "carer"),
            channel="form",
        ),
        _s(
            "fits",
            (16, 23),
            "Jeune de {age} ans, troubles anxieux sévères et consommation de cannabis, "
            "décrochage de formation, conflits à la maison.",
            "Un accompagnement qui tienne ensemble soins, formation et famille.",
            {"network_in_brussels": [True, None], "substance_use": True},
            ("pro:social", "pro:mental_health"),
        ),
        _s(
            "fits",
            (8, 15),
            "Enfant de {age} ans placé{e} en famille d'accueil, troubles du comportement "
            "importants, plusieurs exclusions scolaires.",
            "Réunir école, service de placement et soins autour d'un même plan.",
            {"network_in_brussels": True},
            ("pro:youth", "pro:education", "pro:mental_health"),
            channel="form",
        ),
        _s(
            "refuse",
            (10, 20),
            "Les parents et l'école demandent un soutien pour un{e} jeune de {age} ans avec un "
            "TDAH ; aucun autre service n'est impliqué.",
            "Un soutien pour la scolarité.",
            {"network_in_brussels": True},
            ("carer", "pro:education"),
            reason="Une seule organisation professionnelle demandeuse : le dispositif demande "
            "au moins deux professionnels d'organisations différentes. Nous avons proposé d'en "
            "reparler avec le centre PMS.",
        ),
        _s(
            "refuse",
            (24, 26),
            "Jeune adulte de {age} ans, trouble du spectre de l'autisme, isolement à domicile ; "
            "demande de l'hôpital et du CPAS.",
            "Un case management clinique.",
            {"network_in_brussels": True},
            ("pro:hospital", "pro:social"),
            reason="{age} ans : hors du public de Bru-Stars (0 à 23 ans). Nous avons suggéré "
            "une demande à Brusano.",
        ),
        _s(
            "orient",
            (6, 16),
            "Enfant de {age} ans, anxiété scolaire importante ; l'école et le centre PMS "
            "suivent déjà la situation de près.",
            "Un suivi thérapeutique.",
            {"network_in_brussels": True},
            ("pro:education", "pro:mental_health"),
            reason="Besoin d'un suivi thérapeutique ; le réseau est déjà coordonné par l'école "
            "et le centre PMS.",
            targets=(
                "SSM Le Méridien – consultation enfants",
                "SSM Rivage-den Zaet",
                "CGG Brussel – kinderen en jongeren",
            ),
        ),
        _s(
            "override",
            (12, 20),
            "Jeune de {age} ans, troubles alimentaires sévères, hospitalisations "
            "répétées ; le pédopsychiatre de l'hôpital porte la demande avec la famille.",
            "Un case management clinique pour le retour à domicile.",
            {"network_in_brussels": True},
            ("carer", "pro:hospital"),
            reason="Le second service (centre PMS) soutient la demande par téléphone, "
            "formulaire en cours : critère des deux organisations considéré comme rempli "
            "(zones grises, réunion d'équipe).",
        ),
    ),
    EM107: (
        _s(
            "fits",
            (40, 65),
            "{Civ} vit en rue près de la gare du Midi depuis plusieurs années ; propos "
            "délirants, refuse tout contact avec les services sociaux.",
            "Aller à sa rencontre et tisser un lien, sans urgence.",
            {
                "living_situation": "street",
                "psychiatric_history": "at_risk",
                "network_state": "absent",
                "expressed_demand": "no_demand",
                "in_crisis": False,
            },
            ("pro:social",),
        ),
        _s(
            "fits",
            (35, 75),
            "Logement insalubre sans chauffage à {commune} ; ancien suivi psychiatrique "
            "interrompu, plus de contact avec la famille. Une voisine s'inquiète.",
            "Qu'une équipe passe {la} voir et évalue la situation.",
            {
                "living_situation": "badly_housed",
                "psychiatric_history": "yes",
                "network_state": "absent",
                "expressed_demand": "difficulty",
                "in_crisis": False,
            },
            ("carer:voisine",),
        ),
        _s(
            "fits",
            (20, 35),
            "{Civ}, {age} ans, à la rue ; hospitalisations psychiatriques répétées, réseau "
            "épuisé, ne se présente plus aux rendez-vous.",
            "Un accompagnement mobile pour renouer avec les soins.",
            {
                "living_situation": "street",
                "psychiatric_history": "yes",
                "network_state": "exhausted",
                "expressed_demand": "difficulty",
                "in_crisis": False,
            },
            ("pro:hospital",),
        ),
        _s(
            "fits",
            (30, 60),
            "Hébergé{e} à l'hôtel par le CPAS, symptômes dépressifs sévères, isolement total ; "
            "pas de demande exprimée.",
            "Évaluer la situation et construire un réseau.",
            {
                "living_situation": "badly_housed",
                "psychiatric_history": "at_risk",
                "network_state": "absent",
                "expressed_demand": "no_demand",
                "in_crisis": False,
            },
            ("pro:social", "pro:housing"),
        ),
        _s(
            "refuse",
            (25, 60),
            "Décompensation en cours : {civ} menace ses voisins, une hospitalisation sous "
            "contrainte est évoquée.",
            "Une intervention rapide.",
            {
                "living_situation": "badly_housed",
                "psychiatric_history": "yes",
                "network_state": "exhausted",
                "expressed_demand": "no_demand",
                "in_crisis": True,
            },
            ("pro:general_practice",),
            reason="Situation de crise aiguë : l'équipe ne commence jamais un accompagnement "
            "en crise. Relais vers l'équipe mobile de crise ; nouvelle demande possible après "
            "stabilisation.",
        ),
        _s(
            "refuse",
            (30, 60),
            "{Civ} vit en logement précaire, suivi{e} par un SSM et le CPAS qui se coordonnent "
            "bien ; demande de renfort ponctuel.",
            "Un renfort pour quelques semaines.",
            {
                "living_situation": "badly_housed",
                "psychiatric_history": "yes",
                "network_state": "present",
                "expressed_demand": "difficulty",
                "in_crisis": False,
            },
            ("pro:mental_health",),
            reason="Réseau présent et mobilisé : critère « réseau épuisé ou inexistant » non "
            "rempli. Nous restons disponibles pour un avis par téléphone.",
        ),
        _s(
            "orient",
            (25, 55),
            "{Civ}, à la rue, demande un logement et un accompagnement ; pas d'antécédent "
            "psychiatrique connu.",
            "Un logement.",
            {
                "living_situation": "street",
                "psychiatric_history": "no",
                "network_state": "absent",
                "expressed_demand": "yes",
                "in_crisis": False,
            },
            ("pro:social",),
            reason="Pas de parcours psychiatrique et demande exprimée : un projet Housing First "
            "est plus adapté.",
            targets=(
                "Housing First Brussels – Smes",
                "Samusocial – service d'accompagnement",
                "Infirmiers de rue",
            ),
        ),
        _s(
            "override",
            (18, 18),
            "Vient d'avoir 18 ans, sorti{e} d'une institution de l'aide à la jeunesse, dort "
            "chez des connaissances ; hospitalisation psychiatrique à 16 ans.",
            "Un accompagnement mobile vers un logement et des soins.",
            {
                "living_situation": "badly_housed",
                "psychiatric_history": "yes",
                "network_state": "exhausted",
                "expressed_demand": "difficulty",
                "in_crisis": False,
            },
            ("pro:youth",),
            reason="Vient d'avoir 18 ans : la situation correspond en tout point au public de "
            "l'équipe (zones grises, accord en réunion d'équipe).",
        ),
    ),
    DUNE: (
        _s(
            "fits",
            (22, 50),
            "Fréquente le comptoir d'échange de seringues ; plaies infectées aux jambes, sans "
            "document d'identité, dort en squat.",
            "Relais vers des soins somatiques et un hébergement.",
            {"substance_use": True, "social_exclusion": True, "living_situation": "street"},
            ("org:DUNE asbl – dispensaire",),
            channel="in_person",
        ),
        _s(
            "fits",
            (25, 55),
            "Consommation de crack, vit en rue à {commune}, a perdu ses papiers ; besoin d'un "
            "relais vers le CPAS pour l'aide médicale urgente.",
            "Accompagner les démarches CPAS et AMU.",
            {"substance_use": True, "social_exclusion": True, "living_situation": "street"},
            ("org:DUNE asbl – service social",),
            channel="in_person",
        ),
        _s(
            "fits",
            (20, 45),
            "Sorti{e} de prison il y a deux semaines, reprise de consommation d'héroïne, aucun "
            "logement.",
            "Relais vers un traitement de substitution et un hébergement.",
            {
                "substance_use": True,
                "social_exclusion": [True, None],
                "living_situation": ["street", "badly_housed"],
            },
            ("pro:justice",),
        ),
        _s(
            "refuse",
            (30, 60),
            "{Civ} ne consomme plus depuis deux ans ; isolement et difficultés de logement.",
            "Un accompagnement social.",
            {"substance_use": False, "social_exclusion": True},
            ("org:DUNE asbl – service social",),
            reason="Pas d'usage actuel de drogues : hors du public du service de liaison. "
            "Orientation suggérée vers le relais social.",
        ),
        _s(
            "orient",
            (25, 50),
            "{Civ} demande un traitement de substitution et un suivi médical régulier.",
            "Un traitement de substitution.",
            {"substance_use": True, "social_exclusion": True},
            ("org:DUNE asbl – dispensaire",),
            reason="Demande de traitement de substitution : un centre spécialisé y répond "
            "directement.",
            targets=("Projet Lama – consultation", "MASS de Bruxelles", "Transit asbl"),
        ),
        _s(
            "override",
            (35, 55),
            "Consommation d'alcool massive, sans autre drogue ; vit en rue, le dispensaire "
            "assure le suivi médical depuis des mois.",
            "Un relais vers un hébergement et des soins.",
            {"substance_use": False, "social_exclusion": True, "living_situation": "street"},
            ("org:DUNE asbl – dispensaire",),
            reason="Usage d'alcool massif : nous considérons le critère d'usage rempli ; le "
            "relais relève de notre mission (zones grises).",
        ),
    ),
}
STORIES_BY_KIND: dict[tuple[str, str], tuple[Story, ...]] = {
    (code, kind): tuple(s for s in STORIES[code] if s.kind == kind)
    for code in PROGRAMME_CODES
    for kind in ("fits", "refuse", "orient", "override")
}

# States of a request: open (in time, or no deadline), overdue, override (open, outcome
# decided by a worker), accept, override_accept, refuse, orient.
STATE_KIND = {
    "open": "fits",
    "overdue": "fits",
    "override": "override",
    "accept": "fits",
    "override_accept": "override",
    "refuse": "refuse",
    "orient": "orient",
}
ANSWERED = {"accept", "override_accept", "refuse", "orient"}
# The first 30 persons show every state, so that a small demo is already complete.
SCHEDULE: tuple[tuple[str, str, str], ...] = (
    (BRUSANO, "accept", "active"),
    (BRU_STARS, "accept", "active"),
    (BRUSANO, "open", ""),
    (BRUSANO, "overdue", ""),
    (EM107, "open", ""),
    (BRU_STARS, "open", ""),
    (BRUSANO, "refuse", ""),
    (EM107, "orient", ""),
    (BRUSANO, "accept", "exploration"),
    (BRU_STARS, "accept", "exploration"),
    (DUNE, "accept", "active"),
    (EM107, "accept", "exploration"),
    (BRUSANO, "override", ""),
    (BRUSANO, "accept", "closing"),
    (BRU_STARS, "accept", "closing"),
    (EM107, "overdue", ""),
    (DUNE, "open", ""),
    (BRUSANO, "orient", ""),
    (BRU_STARS, "refuse", ""),
    (BRUSANO, "open", ""),
    (EM107, "accept", "active"),
    (BRUSANO, "accept", "active"),
    (BRU_STARS, "accept", "active"),
    (DUNE, "orient", ""),
    (BRUSANO, "overdue", ""),
    (EM107, "refuse", ""),
    (BRUSANO, "open", ""),
    (BRU_STARS, "override_accept", "active"),
    (BRUSANO, "accept", "exploration"),
    (EM107, "open", ""),
)
PROGRAMME_WEIGHTS = {BRUSANO: 40, EM107: 25, BRU_STARS: 20, DUNE: 15}
# About 30 % open (some overdue), 40 % accepted with a case, the rest refused or oriented.
STATE_WEIGHTS = {
    "open": 17,
    "overdue": 10,
    "override": 3,
    "accept": 38,
    "override_accept": 2,
    "refuse": 15,
    "orient": 15,
}
# At volume (bulk rows), a realistic intake accepts about one request in ten: 10,000 cases
# at 100,000 requests, each case manager carrying 20–60 open cases (CASELOAD). The stress
# seed keeps STATE_WEIGHTS and the demo's few case managers (thousands of cases each).
REALISTIC_STATE_WEIGHTS = {
    "open": 17,
    "overdue": 10,
    "override": 3,
    "accept": 9,
    "override_accept": 1,
    "refuse": 30,
    "orient": 30,
}
CASELOAD = (20, 60)
RICH_PHASE_WEIGHTS = {"exploration": 30, "active": 50, "closing": 20}
BULK_PHASE_WEIGHTS = {"exploration": 20, "active": 40, "closing": 15, "closed": 25}
# When an accepted request was received, by the phase its case is in now (days ago).
PHASE_AGE_DAYS = {
    "exploration": (21, 55),
    "active": (60, 300),
    "closing": (250, 420),
    "closed": (380, 545),
}
DECISION_DELAY_HOURS = {
    BRUSANO: (3, 46),
    EM107: (48, 13 * 24),
    BRU_STARS: (5 * 24, 20 * 24),
    DUNE: (24, 10 * 24),
}
CHANNELS = ("phone",) * 6 + ("email",) * 2 + ("form", "in_person", "letter")


# The plan: every person and their request, computed from the seed alone.


@dataclass
class PersonPlan:
    index: int
    given_name: str
    family_name: str
    female: bool
    language: str
    phone: str
    residence: str
    age: int
    age_fraction: float
    programme: str
    state: str
    phase: str
    story: Story
    facts: dict[str, Any]
    requesters: list[RequesterData]
    summary: str
    what_is_asked: str
    channel: str
    urgent: bool
    received_ago: timedelta
    decision_delay: timedelta = timedelta(0)
    reason: str = ""
    orient_target: str = ""
    justification: str = ""
    pair: tuple[str, str] = ("", "")
    clarify: bool = False
    review_overdue_days: int = 0
    closed_after_days: int = 0

    def received_at(self, now: datetime) -> datetime:
        return now - self.received_ago

    def birth_date(self, now: datetime) -> date:
        received = timezone.localdate(self.received_at(now))
        return received - timedelta(days=int((self.age + self.age_fraction) * 365.25))

    @property
    def answered(self) -> bool:
        return self.state in ANSWERED

    @property
    def decision_kind(self) -> str:
        if self.state in ("accept", "override_accept"):
            return Decision.Kind.ACCEPT
        return {"refuse": Decision.Kind.REFUSE, "orient": Decision.Kind.ORIENT}.get(self.state, "")


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _phone(rng: random.Random) -> str:
    return (
        f"+32 4{rng.choice('789')}{rng.randint(0, 9)} {rng.randint(10, 99)} "
        f"{rng.randint(10, 99)} {rng.randint(10, 99)}"
    )


def _landline(rng: random.Random) -> str:
    return f"02 {rng.randint(200, 799)} {rng.randint(10, 99)} {rng.randint(10, 99)}"


def _name(rng: random.Random, female: bool | None = None) -> tuple[str, str, bool, str]:
    origin = rng.choices(ORIGINS, weights=ORIGIN_WEIGHTS)[0]
    if female is None:
        female = rng.random() < 0.5
    given = rng.choice(origin.women if female else origin.men)
    family = rng.choice(origin.families)
    if isinstance(family, tuple):
        family = family[1] if female else family[0]
    return given, family, female, rng.choice(origin.languages)


def _wording(text: str, *, female: bool, age: int, commune: str) -> str:
    return text.format(
        Civ="Madame" if female else "Monsieur",
        civ="madame" if female else "monsieur",
        lui="elle" if female else "lui",
        de_lui="d'elle" if female else "de lui",
        la="la" if female else "le",
        e="e" if female else "",
        de_parent="de sa mère" if female else "de son père",
        age=age,
        commune=commune,
    )


def _requesters(
    rng: random.Random, recipes: tuple[str, ...], *, family_name: str, young: bool
) -> list[RequesterData]:
    result = []
    used: set[str] = set()
    for recipe in recipes:
        if recipe == "person":
            result.append(RequesterData(kind=Requester.Kind.PERSON))
        elif recipe.startswith("carer"):
            relation = recipe.partition(":")[2] or rng.choice(
                CARERS_YOUNG if young else CARERS_ADULT
            )
            female = relation in FEMININE_RELATIONS
            given, family, _female, _language = _name(rng, female)
            if relation not in NOT_FAMILY:
                family = family_name
            result.append(
                RequesterData(
                    kind=Requester.Kind.CARER,
                    name=f"{given} {family} ({relation})",
                    contact=_phone(rng),
                )
            )
        else:
            prefix, _colon, value = recipe.partition(":")
            if prefix == "org":
                organisation, sector = value, FIXED_ORGANISATIONS[value]
            else:
                sector = value
                choices = [o for o in ORGANISATIONS[sector] if o not in used]
                organisation = rng.choice(choices)
            used.add(organisation)
            given, family, female, _language = _name(rng)
            title = PROFESSIONAL_TITLES[sector][0 if female else 1]
            result.append(
                RequesterData(
                    kind=Requester.Kind.PROFESSIONAL,
                    organisation=organisation,
                    sector=sector,
                    name=f"{given} {family}, {title}",
                    contact=_landline(rng),
                )
            )
    return result


def _facts(rng: random.Random, story: Story, state: str) -> dict[str, Any]:
    facts = {}
    for key, value in story.facts.items():
        chosen = rng.choice(value) if isinstance(value, list) else value
        if chosen is not None:
            facts[key] = chosen
    # Open requests are often still missing a fact or two: their outcome is incomplete.
    if state == "open" and facts and rng.random() < 0.35:
        if "living_situation" in facts and rng.random() < 0.5:
            del facts["living_situation"]
        else:
            del facts[rng.choice(sorted(facts))]
    return facts


def _received_ago(rng: random.Random, programme: str, state: str, phase: str) -> timedelta:
    if state in ("open", "override"):
        if programme == BRUSANO:
            return timedelta(hours=rng.uniform(1, 44))
        if programme == EM107:
            return timedelta(days=rng.uniform(0.2, 12.5))
        return timedelta(days=rng.uniform(0.1, 20))
    if state == "overdue":
        if programme == BRUSANO:
            return timedelta(hours=rng.uniform(50, 240))
        return timedelta(days=rng.uniform(14.5, 20))
    if state in ("accept", "override_accept"):
        low, high = PHASE_AGE_DAYS[phase]
        return timedelta(days=rng.uniform(low, high))
    return timedelta(days=rng.uniform(21, 545))


def plan_person(
    rng: random.Random,
    index: int,
    programme: str,
    state: str,
    phase: str,
    story: Story,
    taken: set[tuple[str, str]] | None = None,
) -> PersonPlan:
    given, family, female, language = _name(rng)
    while taken is not None and (given, family) in taken:  # no namesakes in a small demo
        given, family, female, language = _name(rng)
    low, high = story.ages
    age = rng.randint(low, high)
    if story.outside or rng.random() < 0.03 and story.kind == "fits" and programme == BRU_STARS:
        residence, commune = OUTSIDE, rng.choice(OUTSIDE_PLACES)
    else:
        residence = rng.choices(NIS_CODES, weights=NIS_WEIGHTS)[0]
        commune = BY_NIS[residence].name_fr
    facts = _facts(rng, story, state)
    if residence == OUTSIDE and programme == BRU_STARS:
        facts["network_in_brussels"] = True
    words = {"female": female, "age": age, "commune": commune}
    plan = PersonPlan(
        index=index,
        given_name=given,
        family_name=family,
        female=female,
        language=language,
        phone=_phone(rng) if rng.random() < 0.6 else "",
        residence=residence,
        age=age,
        age_fraction=rng.uniform(0.03, 0.97),
        programme=programme,
        state=state,
        phase=phase,
        story=story,
        facts=facts,
        requesters=_requesters(rng, story.requesters, family_name=family, young=age < 18),
        summary=_wording(story.summary, **words),
        what_is_asked=_wording(story.asked, **words),
        channel=story.channel or rng.choice(CHANNELS),
        urgent=programme == BRUSANO and rng.random() < 0.12,
        received_ago=_received_ago(rng, programme, state, phase),
    )
    if plan.answered:
        low_h, high_h = DECISION_DELAY_HOURS[programme]
        plan.decision_delay = timedelta(hours=rng.uniform(low_h, high_h))
    if state in ("refuse", "orient"):
        plan.reason = _wording(story.reason, **words)
    if state == "orient":
        plan.orient_target = rng.choice(story.targets)
    if state in ("override", "override_accept"):
        plan.justification = _wording(story.reason, **words)
    if plan.decision_kind == Decision.Kind.ACCEPT:
        plan.pair = rng.choice(PAIRS[programme])
        plan.review_overdue_days = rng.randint(1, 12) if rng.random() < 0.2 else 0
        plan.closed_after_days = rng.randint(180, 365)
    plan.clarify = programme == BRU_STARS and (plan.answered or rng.random() < 0.5)
    return plan


def iter_plan(
    persons: int, seed: int = DEFAULT_SEED, *, stress: bool = False
) -> Iterator[PersonPlan]:
    """The persons to create, in order: the same seed always gives the same plans."""
    rng = random.Random(seed)
    turns: Counter[tuple[str, str]] = Counter()
    taken: set[tuple[str, str]] = set()
    pair_turns: Counter[str] = Counter()
    for index in range(persons):
        rich = index < RICH_PERSONS
        if index < len(SCHEDULE):
            programme, state, phase = SCHEDULE[index]
        else:
            programme = _pick(rng, PROGRAMME_WEIGHTS)
            state = _pick(rng, STATE_WEIGHTS if rich or stress else REALISTIC_STATE_WEIGHTS)
            if state == "overdue" and programme in (BRU_STARS, DUNE):
                state = "open"  # no deadline, so never overdue
            phase = ""
            if state in ("accept", "override_accept"):
                phase = _pick(rng, RICH_PHASE_WEIGHTS if rich else BULK_PHASE_WEIGHTS)
        stories = STORIES_BY_KIND[(programme, STATE_KIND[state])]
        if rich:  # take the stories in turn, for variety
            story = stories[turns[(programme, state)] % len(stories)]
            turns[(programme, state)] += 1
        else:
            story = rng.choice(stories)
        plan = plan_person(rng, index, programme, state, phase, story, taken if rich else None)
        taken.add((plan.given_name, plan.family_name))
        if rich and plan.decision_kind == Decision.Kind.ACCEPT:
            pairs = PAIRS[programme]
            plan.pair = pairs[pair_turns[programme] % len(pairs)]
            pair_turns[programme] += 1
        yield plan


# Case dates, shared by both writers.


def case_dates(plan: PersonPlan, programme: Programme, now: datetime) -> dict[str, Any]:
    opened_at = plan.received_at(now) + plan.decision_delay
    opened = timezone.localdate(opened_at)
    today = timezone.localdate(now)
    interval = programme.review_interval_days
    elapsed = (today - opened).days
    reviews = max(1, math.ceil(elapsed / interval))
    next_review = opened + timedelta(days=interval * reviews)
    if plan.review_overdue_days and plan.phase in ("active", "closing"):
        next_review = today - timedelta(days=plan.review_overdue_days)
    planned_end = (
        opened + timedelta(days=programme.planned_duration_days)
        if programme.planned_duration_days
        else None
    )
    closed_at = None
    if plan.phase == "closed":
        closed_at = min(opened_at + timedelta(days=plan.closed_after_days), now - timedelta(days=3))
    return {
        "opened_at": opened_at,
        "planned_end": planned_end,
        "next_review": next_review,
        "closed_at": closed_at,
    }


# Writing.


@dataclass
class Summary:
    created: bool
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)


def demo_present() -> bool:
    return User.objects.filter(username__in=USERNAMES).exists()


def _teams() -> dict[str, Team]:
    teams = {}
    for key, spec in TEAMS.items():
        organisation, _created = Organisation.objects.get_or_create(
            name=spec.organisation, defaults={"sector": spec.sector}
        )
        teams[key], _created = Team.objects.get_or_create(
            organisation=organisation,
            name=spec.team,
            defaults={"phone": f"02 555 01 {len(teams):02d}"},
        )
    return teams


def _accounts(teams: dict[str, Team]) -> dict[str, User]:
    password = make_password(DEMO_PASSWORD)  # once: Argon2 is slow on purpose
    users = {}
    for spec in ACCOUNTS:
        user = User.objects.create(
            username=spec.username,
            password=password,
            first_name=spec.first_name,
            last_name=spec.last_name,
            # Every demo worker has an address, so that `make run` shows their digest
            # and deadline alerts in var/mail (the demo's mailbox).
            email=spec.email or f"{spec.username}@demo.example.org",
            language=spec.language,
            profession=spec.profession,
            is_staff=spec.staff,
            is_superuser=spec.username == "admin",
        )
        Membership.objects.bulk_create(
            Membership(user=user, team=teams[team], role=role) for team, role in spec.memberships
        )
        if spec.two_factor:
            TOTPDevice.objects.create(
                user=user, name="Demo authenticator", key=totp_key_hex(), confirmed=True
            )
        users[spec.username] = user
    return users


def _write_rich(
    plan: PersonPlan, *, now: datetime, users: dict[str, User], programmes: dict[str, Programme]
) -> None:
    """One person and their request, through the real actions (audited)."""
    intake = users["intake"]
    programme = programmes[plan.programme]
    received_at = plan.received_at(now)
    person = people_actions.create_person(
        by=intake,
        given_name=plan.given_name,
        family_name=plan.family_name,
        birth_date=plan.birth_date(now),
        residence=plan.residence,
        language=plan.language,
        phone=plan.phone,
    )
    support_request = intake_actions.record_request(
        by=intake,
        programme=programme,
        person=person,
        requesters=plan.requesters,
        facts=plan.facts,
        summary=plan.summary,
        what_is_asked=plan.what_is_asked,
        channel=plan.channel,
        urgent=plan.urgent,
        received_at=received_at,
    )
    worker = users[plan.pair[0]] if plan.pair[0] else users[ACCEPTED_BY[plan.programme]]
    backdate: dict[str, Any] = {}
    if plan.clarify:
        intake_actions.update_facts(
            support_request,
            by=worker,
            facts={**plan.facts, "network_in_brussels": True},
            version=None,
            clarified=True,
        )
        backdate["clarified_at"] = received_at + (
            plan.decision_delay / 2 if plan.answered else timedelta(hours=2)
        )
    if plan.justification:
        intake_actions.override_outcome(
            support_request,
            by=worker,
            outcome="eligible",
            justification=plan.justification,
            version=None,
        )
        backdate["override_at"] = received_at + timedelta(hours=3)
    if backdate:
        SupportRequest.objects.filter(pk=support_request.pk).update(**backdate)
    if not plan.answered:
        return
    kind = plan.decision_kind
    decided_by = users[ACCEPTED_BY[plan.programme]] if kind == Decision.Kind.ACCEPT else intake
    decision = casefile_actions.answer_request(
        support_request,
        by=decided_by,
        kind=kind,
        reason=plan.reason,
        orient_target=plan.orient_target,
        case_workers=[users[name] for name in plan.pair] if kind == Decision.Kind.ACCEPT else None,
    )
    decided_at = received_at + plan.decision_delay
    Decision.objects.filter(pk=decision.pk).update(decided_at=decided_at)
    SupportRequest.objects.filter(pk=support_request.pk).update(answered_at=decided_at)
    if kind != Decision.Kind.ACCEPT:
        return
    case = Case.objects.get(support_request=support_request)
    holder = users[plan.pair[0]]
    steps = {"exploration": 0, "active": 1, "closing": 2}[plan.phase]
    for _step in range(steps):
        case_actions.advance_phase(case, by=holder, version=None)
    dates = case_dates(plan, programme, now)
    Case.objects.filter(pk=case.pk).update(
        opened_at=dates["opened_at"],
        planned_end=dates["planned_end"],
        next_review=dates["next_review"],
    )
    CaseWorker.objects.filter(case=case).update(started_at=dates["opened_at"])
    case.refresh_from_db()
    seed_case_file(
        case,
        by=holder,
        today=now.date(),
        seed=f"{plan.given_name}|{plan.family_name}|{plan.programme}",
    )


class Caseloads:
    """Case managers for the bulk cases, each carrying 20–60 open cases (CASELOAD).

    A programme's open cases go to the two case managers first in its pool, the demo's
    own first; a case manager whose caseload is full leaves the pool, and a new one is
    hired when fewer than two remain. Closed cases go to any of the programme's case
    managers.
    """

    def __init__(self, *, users: dict[str, User], seed_value: int) -> None:
        self.rng = random.Random(seed_value + 1)
        self.password = users["cm1"].password
        self.pools: dict[str, list[list[Any]]] = {}  # programme code → [user, room left]
        self.everyone: dict[str, list[User]] = {}
        for code, pairs in PAIRS.items():
            names = dict.fromkeys(name for pair in pairs for name in pair)
            for name in names:
                user = users[name]
                held = CaseWorker.objects.filter(user=user, ended_at=None).count()
                self._add(code, user, room=max(1, self.rng.randint(*CASELOAD) - held))

    def _add(self, code: str, user: User, *, room: int) -> None:
        self.pools.setdefault(code, []).append([user, room])
        self.everyone.setdefault(code, []).append(user)

    def _hire(self, programme: Programme) -> None:
        given, family, _female, language = _name(self.rng)
        number = len(self.everyone[programme.code]) + 1
        user = User.objects.create(
            username=f"{programme.code}-cm{number:04d}",
            password=self.password,
            first_name=given,
            last_name=family,
            language=language,
            profession="Case manager",
        )
        Membership.objects.create(user=user, team_id=programme.team_id, role=Role.CASE_MANAGER)
        self._add(programme.code, user, room=self.rng.randint(*CASELOAD))

    def pair(self, programme: Programme, *, closed: bool) -> list[User]:
        if closed:
            return self.rng.sample(self.everyone[programme.code], 2)
        pool = self.pools[programme.code]
        while len(pool) < 2:
            self._hire(programme)
        pair = [pool[0][0], pool[1][0]]
        for entry in pool[:2]:
            entry[1] -= 1
        pool[:] = [entry for entry in pool if entry[1] > 0]
        return pair


class BulkWriter:
    """Rows for volume, written with bulk_create (no per-row audit event)."""

    def __init__(
        self,
        *,
        now: datetime,
        users: dict[str, User],
        programmes: dict[str, Programme],
        caseloads: Caseloads | None = None,
    ) -> None:
        self.now = now
        self.users = users
        self.programmes = programmes
        self.caseloads = caseloads
        self.outcomes: dict[tuple[Any, ...], str] = {}
        self.counts: Counter[str] = Counter()
        self._reset()

    def _reset(self) -> None:
        self.persons: list[Person] = []
        self.requests: list[SupportRequest] = []
        self.requesters: list[Requester] = []
        self.decisions: list[Decision] = []
        self.cases: list[Case] = []
        self.workers: list[CaseWorker] = []

    def _outcome(self, programme: Programme, plan: PersonPlan, age: int | None) -> str:
        organisations = len(
            {
                r.organisation.casefold()
                for r in plan.requesters
                if r.kind == Requester.Kind.PROFESSIONAL and r.organisation
            }
        )
        # The outcome, not the reasons, is stored: any Brussels commune gives the same one.
        place = "brussels" if plan.residence in BY_NIS else plan.residence
        key = (programme.pk, tuple(sorted(plan.facts.items())), age, place, organisations)
        outcome = self.outcomes.get(key)
        if outcome is None:
            facts = {
                **plan.facts,
                "age": age,
                "residence": plan.residence or None,
                "professional_organisations": organisations,
            }
            outcome = self.outcomes[key] = programme.evaluate(facts).outcome
        return outcome

    def add(self, plan: PersonPlan) -> None:
        programme = self.programmes[plan.programme]
        received_at = plan.received_at(self.now)
        birth_date = plan.birth_date(self.now)
        person = Person(
            given_name=plan.given_name,
            family_name=plan.family_name,
            birth_date=birth_date,
            residence=plan.residence,
            language=plan.language,
            phone=plan.phone,
            given_key=name_key(plan.given_name),
            family_key=name_key(plan.family_name),
            family_last_key=last_word_key(name_key(plan.family_name)),
        )
        intake = self.users["intake"]
        worker = (
            self.users[plan.pair[0]] if plan.pair[0] else self.users[ACCEPTED_BY[plan.programme]]
        )
        age = person.age_on(timezone.localdate(received_at))
        decided_at = received_at + plan.decision_delay
        support_request = SupportRequest(
            programme=programme,
            team_id=programme.team_id,
            person=person,
            received_at=received_at,
            channel=plan.channel,
            summary=plan.summary,
            what_is_asked=plan.what_is_asked,
            urgent=plan.urgent,
            facts=plan.facts,
            answer_due=programme.answer_due(received_at),
            status=SupportRequest.Status.ANSWERED if plan.answered else SupportRequest.Status.OPEN,
            eligibility_outcome=self._outcome(programme, plan, age),
            created_by=intake,
        )
        if plan.answered and plan.decision_kind:
            support_request.answered_at = decided_at
        if plan.clarify:
            support_request.clarified_at = received_at + (
                plan.decision_delay / 2 if plan.answered else timedelta(hours=2)
            )
        if plan.justification:
            support_request.override_outcome = "eligible"
            support_request.override_justification = plan.justification
            support_request.override_by = worker
            support_request.override_at = received_at + timedelta(hours=3)
        self.persons.append(person)
        self.requests.append(support_request)
        self.requesters.extend(
            Requester(
                support_request=support_request,
                kind=r.kind,
                organisation=r.organisation,
                sector=r.sector,
                name=r.name,
                contact=r.contact,
            )
            for r in plan.requesters
        )
        self.counts[f"state.{plan.state}"] += 1
        kind = plan.decision_kind
        if kind:
            decided_by = (
                self.users[ACCEPTED_BY[plan.programme]] if kind == Decision.Kind.ACCEPT else intake
            )
            self.decisions.append(
                Decision(
                    support_request=support_request,
                    kind=kind,
                    reason=plan.reason,
                    orient_target=plan.orient_target,
                    decided_by=decided_by,
                    decided_at=decided_at,
                )
            )
        if kind == Decision.Kind.ACCEPT:
            dates = case_dates(plan, programme, self.now)
            case = Case(
                person=person,
                programme=programme,
                team_id=programme.team_id,
                support_request=support_request,
                phase=plan.phase,
                opened_at=dates["opened_at"],
                planned_end=dates["planned_end"],
                next_review=dates["next_review"],
                closed_at=dates["closed_at"],
            )
            self.cases.append(case)
            self.counts[f"phase.{plan.phase}"] += 1
            ended_at = dates["closed_at"]
            if self.caseloads:
                pair = self.caseloads.pair(programme, closed=ended_at is not None)
            else:
                pair = [self.users[name] for name in plan.pair]
            self.workers.extend(
                CaseWorker(
                    case=case,
                    team_id=case.team_id,
                    user=user,
                    started_at=dates["opened_at"],
                    ended_at=ended_at,
                )
                for user in pair
            )
        if len(self.persons) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        for model, rows in (
            (Person, self.persons),
            (SupportRequest, self.requests),
            (Requester, self.requesters),
            (Decision, self.decisions),
            (Case, self.cases),
            (CaseWorker, self.workers),
        ):
            model.objects.bulk_create(rows, batch_size=BATCH_SIZE)
            self.counts[model._meta.model_name] += len(rows)
        self._reset()


def seed(
    *,
    persons: int = DEFAULT_PERSONS,
    seed_value: int = DEFAULT_SEED,
    stress: bool = False,
    progress: Callable[[str], None] | None = None,
) -> Summary:
    """Create the demo data; do nothing (created=False) if the demo accounts exist.

    Beyond RICH_PERSONS, cases are spread over as many case managers as realistic
    caseloads need; `stress` keeps the demo's few case managers, who then hold thousands.
    """
    if demo_present():
        return Summary(created=False)
    started = time.monotonic()
    say = progress or (lambda _message: None)
    now = timezone.now()
    with transaction.atomic():
        teams = _teams()
        install_examples(teams={code: teams[code] for code in PROGRAMME_CODES})
        install_examples(template=True)
        programmes = {
            p.code: p
            for p in Programme.objects.filter(code__in=PROGRAMME_CODES).prefetch_related("criteria")
        }
        users = _accounts(teams)
        audit.record(
            None, "demo.accounts_created", changes=["organisations", "teams", "programmes", "users"]
        )
        bulk = BulkWriter(now=now, users=users, programmes=programmes)
        for plan in iter_plan(persons, seed_value, stress=stress):
            if plan.index < RICH_PERSONS:
                _write_rich(plan, now=now, users=users, programmes=programmes)
            else:
                if bulk.caseloads is None and not stress:
                    bulk.caseloads = Caseloads(users=users, seed_value=seed_value)
                bulk.add(plan)
                done = plan.index + 1 - RICH_PERSONS
                if done % 20000 == 0:
                    say(f"  {done:,} bulk persons prepared…")
        bulk.flush()
        seed_partner(users, today=now.date())  # the demo partner (maillage/partners/demo.py)
        seed_directory()  # the directory of services (maillage/directory/demo.py)
        seed_space(users, DEMO_PASSWORD)  # a person's own space (maillage/space/demo.py)
        seed_records()  # identity corrections with their history (maillage/records/demo.py)
        seed_orientation(users, now=now)  # referrals, unmet needs (maillage/orientation/demo.py)
        seed_signals()  # early-warning signals, some made into requests (screening/demo.py)
        # Rows keep the creation time of their story, not of the seeding.
        SupportRequest.objects.filter(created_by=users["intake"]).update(
            created_at=F("received_at")
        )
        Case.objects.filter(support_request__created_by=users["intake"]).update(
            created_at=F("opened_at")
        )
        if bulk.counts["person"]:
            audit.record(
                None,
                "demo.seeded",
                changes=[
                    f"{name}={bulk.counts[name]}"
                    for name in (
                        "person",
                        "supportrequest",
                        "requester",
                        "decision",
                        "case",
                        "caseworker",
                    )
                ],
            )
    summary = Summary(created=True, seconds=time.monotonic() - started)
    summary.counts = counts(now)
    return summary


def counts(now: datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    requests = SupportRequest.objects.all()
    result = {
        "organisations": Organisation.objects.count(),
        "teams": Team.objects.count(),
        "users": User.objects.count(),
        "persons": Person.objects.count(),
        "requests": requests.count(),
        "requests open": requests.open().count(),
        "requests overdue": requests.overdue(now).count(),
        "requests open without deadline": requests.open().filter(answer_due=None).count(),
        "requests with a worker's override": requests.exclude(override_outcome="").count(),
    }
    for kind, label in Decision.Kind.choices:
        result[f"answers {label}"] = Decision.objects.filter(kind=kind).count()
    for phase, label in Case.Phase.choices:
        result[f"cases {label}"] = Case.objects.filter(phase=phase).count()
    result["audit events"] = AuditEvent.objects.count()
    return result

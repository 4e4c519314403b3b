"""Demo goals, actions and crisis plans for one rich demo case (called by seed_demo).

Deterministic: every choice comes from the `rng` given. Rows are written through the
ORM (no audit events for demo data), after the network's own seed, so that owners are
picked among the case's current actors.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from maillage.accounts.models import User
from maillage.cases.models import Case
from maillage.network.models import Actor

from .models import Action, CrisisContact, CrisisPlan, Goal


@dataclass(frozen=True)
class ActionIdea:
    what: str
    how: str
    owner: str  # "person", "worker", "formal" or "informal"


@dataclass(frozen=True)
class GoalIdea:
    own_words: str
    reformulation: str
    domains: tuple[str, ...]
    actions: tuple[ActionIdea, ...]


GOALS = (
    GoalIdea(
        "Retrouver un logement à moi",
        "Accéder à un logement stable et adapté à ses ressources",
        ("housing",),
        (
            ActionIdea(
                "S'inscrire sur les listes des sociétés de logement social",
                "Avec la carte d'identité et l'avertissement-extrait de rôle",
                "person",
            ),
            ActionIdea(
                "Visiter l'appartement proposé par l'agence immobilière sociale",
                "Accompagnement en transports en commun, rendez-vous à 10 h",
                "worker",
            ),
            ActionIdea(
                "Demander la garantie locative au CPAS",
                "Rendez-vous avec l'assistante sociale de l'antenne",
                "formal",
            ),
        ),
    ),
    GoalIdea(
        "Ne plus avoir peur d'ouvrir mon courrier",
        "Reprendre la gestion administrative et financière avec un soutien",
        ("administrative", "income"),
        (
            ActionIdea(
                "Trier le courrier ensemble une fois par semaine",
                "À domicile, le mardi matin, avec une farde par organisme",
                "worker",
            ),
            ActionIdea(
                "Ouvrir le courrier chaque jour et ranger les factures dans la farde rouge",
                "La farde a été préparée ensemble",
                "person",
            ),
            ActionIdea(
                "Prendre contact avec le service de médiation de dettes",
                "Appel ensemble depuis le bureau, avec la liste des créanciers",
                "formal",
            ),
        ),
    ),
    GoalIdea(
        "Revoir mes enfants le week-end",
        "Rétablir des contacts réguliers avec les enfants",
        ("family",),
        (
            ActionIdea(
                "Écrire au Service de protection de la jeunesse pour demander un rendez-vous",
                "Courrier préparé ensemble, envoyé en recommandé",
                "person",
            ),
            ActionIdea(
                "Organiser les premières visites dans un Espace-Rencontre",
                "Contact téléphonique avec l'Espace-Rencontre de Bruxelles",
                "worker",
            ),
            ActionIdea(
                "Accompagner les enfants au premier rendez-vous",
                "Départ de la gare du Midi à 13 h 30",
                "informal",
            ),
        ),
    ),
    GoalIdea(
        "Avoir un médecin qui me connaît",
        "Retrouver un suivi régulier en médecine générale",
        ("physical_health",),
        (
            ActionIdea(
                "Prendre rendez-vous à la maison médicale du quartier",
                "Par téléphone, avec la liste des médicaments",
                "person",
            ),
            ActionIdea(
                "Transmettre les résultats de l'hôpital au nouveau médecin",
                "Avec l'accord écrit de la personne",
                "formal",
            ),
        ),
    ),
    GoalIdea(
        "Dormir mieux et moins angoisser",
        "Stabiliser la santé mentale avec un suivi adapté",
        ("mental_health",),
        (
            ActionIdea(
                "Reprendre contact avec le service de santé mentale",
                "Premier entretien d'accueil, accompagné",
                "worker",
            ),
            ActionIdea(
                "Noter chaque soir les heures de sommeil dans le carnet",
                "Le carnet est relu ensemble à chaque visite",
                "person",
            ),
            ActionIdea(
                "Préparer la consultation chez le psychiatre",
                "Liste des questions écrite ensemble",
                "formal",
            ),
        ),
    ),
    GoalIdea(
        "Boire moins, surtout le matin",
        "Réduire la consommation d'alcool",
        ("substance_use",),
        (
            ActionIdea(
                "Rencontrer l'équipe du projet Lama",
                "Permanence sans rendez-vous, le jeudi après-midi",
                "person",
            ),
            ActionIdea(
                "Parler du sevrage avec le médecin traitant",
                "Consultation prévue en fin de matinée",
                "formal",
            ),
        ),
    ),
    GoalIdea(
        "Sortir de chez moi et voir du monde",
        "Rompre l'isolement social",
        ("social_life",),
        (
            ActionIdea(
                "Essayer l'atelier cuisine de la maison de quartier",
                "Première fois accompagnée, ensuite seule",
                "person",
            ),
            ActionIdea(
                "Demander des tickets Article 27 pour le cinéma",
                "Auprès du CPAS, avec la carte d'identité",
                "worker",
            ),
        ),
    ),
    GoalIdea(
        "Payer mes dettes petit à petit",
        "Mettre en place une médiation de dettes et un budget",
        ("income",),
        (
            ActionIdea(
                "Faire le budget du mois ensemble",
                "Avec les extraits de compte des trois derniers mois",
                "worker",
            ),
            ActionIdea(
                "Demander un plan de paiement à Sibelga",
                "Courrier type, copie gardée dans la farde",
                "person",
            ),
        ),
    ),
    GoalIdea(
        "Trouver une formation pour travailler",
        "Construire un projet de formation ou d'emploi",
        ("work_education",),
        (
            ActionIdea(
                "S'inscrire chez Actiris",
                "En ligne, avec l'aide du conseiller",
                "person",
            ),
            ActionIdea(
                "Visiter le centre de Bruxelles Formation",
                "Séance d'information collective",
                "formal",
            ),
        ),
    ),
    GoalIdea(
        "M'occuper de mon appartement sans être débordé",
        "Soutenir l'autonomie dans la vie quotidienne",
        ("daily_living",),
        (
            ActionIdea(
                "Mettre en place une aide familiale deux fois par semaine",
                "Demande au service d'aide à domicile",
                "worker",
            ),
            ActionIdea(
                "Faire les courses ensemble la première fois",
                "Liste préparée la veille",
                "informal",
            ),
        ),
    ),
    GoalIdea(
        "Avoir mes papiers en ordre",
        "Régulariser la situation administrative",
        ("administrative",),
        (
            ActionIdea(
                "Prendre rendez-vous à la commune pour la carte d'identité",
                "Avec une photo récente et l'ancienne carte",
                "person",
            ),
            ActionIdea(
                "Consulter un avocat pro deo",
                "Bureau d'aide juridique, permanence du lundi",
                "formal",
            ),
        ),
    ),
)

FOLLOW_UPS = (
    "Fait : le dossier a été déposé, l'accusé de réception est dans la farde.",
    "Rendez-vous obtenu, la personne y est allée seule.",
    "Premier contact pris ; attendre leur réponse.",
    "Reporté une fois (maladie), puis fait.",
    "En cours : il manque encore un document.",
)
WITH_WHOM = ("sa sœur", "l'assistante sociale du CPAS", "son fils aîné", "l'infirmière à domicile")

WARNING_SIGNS = (
    "Je dors moins de quatre heures par nuit, je ne réponds plus au téléphone et "
    "je laisse le courrier s'accumuler.",
    "Je parle très vite, je fais beaucoup d'achats et je ne mange plus.",
    "Je reste au lit toute la journée, je ne me lave plus, je pense que tout le monde m'en veut.",
    "J'entends à nouveau des voix le soir et je ferme les volets en plein jour.",
)
TRIGGERS = (
    "Les courriers recommandés et les menaces d'expulsion.",
    "La date anniversaire du décès de ma mère, en novembre.",
    "Les disputes avec le propriétaire ou les voisins.",
    "Arrêter mon traitement parce que je me sens mieux.",
)
WHAT_HELPS = (
    "Qu'on me parle calmement et qu'on m'explique ce qui va se passer ; marcher au parc.",
    "Appeler ma sœur ; écouter de la musique ; prendre le traitement prévu en cas de crise.",
    "Une visite à domicile plutôt qu'un rendez-vous au bureau ; un café avec mon voisin.",
)
WHAT_TO_AVOID = (
    "Qu'on parle de moi devant moi sans m'inclure ; les endroits bruyants.",
    "L'arrivée de la police sans prévenir ; qu'on me touche sans me demander.",
    "Les longues attentes aux urgences sans personne que je connais.",
)
PREFERENCES = {
    "preference_treatment": (
        "J'accepte le traitement prévu par mon psychiatre ; pas d'injection sans en parler.",
        "Je préfère un traitement en comprimés ; j'ai mal supporté l'Haldol.",
    ),
    "preference_hospital": (
        "Si une hospitalisation est nécessaire : CHU Saint-Pierre plutôt que Brugmann.",
        "Plutôt l'unité de crise de l'hôpital Érasme, où l'on me connaît.",
    ),
    "preference_children": (
        "Ma sœur garde les enfants ; prévenir l'école.",
        "",
    ),
    "preference_pets": (
        "Le voisin du deuxième nourrit le chat ; il a une clé.",
        "",
    ),
    "preference_home": (
        "Fermer le gaz, relever le courrier une fois par semaine.",
        "Mon fils passe arroser les plantes et aérer.",
    ),
    "preference_money": (
        "Mon administrateur de biens paie le loyer ; pas de retraits pendant la crise.",
        "Garder ma carte de banque chez ma sœur pendant la crise.",
    ),
}
EMERGENCY = (
    ("Urgences", "112", "En cas de danger immédiat"),
    ("Centre de prévention du suicide", "0800 32 123", "Jour et nuit, si j'ai des idées noires"),
)


def seed_case(case: Case, rng: random.Random, by: User, today: date) -> None:
    """2–4 goals in the person's words, 3–8 actions (some done, in progress, overdue)
    owned by current actors, and for about half the cases a crisis plan (1–2 versions)."""
    actors = list(case.actors.current(today).order_by("kind", "name"))  # type: ignore[attr-defined]
    if not actors:
        return
    by_kind = {kind: [a for a in actors if a.kind == kind] for kind in Actor.Kind.values}
    chosen = _choose_goals(case, rng)
    goals = [_goal(case, idea, rng, by) for idea in chosen]
    ideas = [
        (goal, action) for goal, idea in zip(goals, chosen, strict=True) for action in idea.actions
    ]
    rng.shuffle(ideas)
    count = min(len(ideas), rng.randint(3, 8))
    states = _states(rng, count)
    for (goal, idea), state in zip(ideas[:count], states, strict=True):
        _action(case, goal, idea, state, by_kind, actors, rng, by, today)
    if rng.random() < 0.5:
        _crisis_plans(case, rng, by, today, by_kind, actors)


def _choose_goals(case: Case, rng: random.Random) -> list[GoalIdea]:
    """Prefer goals in the programme's life domains."""
    domains = set(case.programme.assessed_domains())
    fitting = [idea for idea in GOALS if domains.intersection(idea.domains)] or list(GOALS)
    return rng.sample(fitting, min(len(fitting), rng.randint(2, 4)))


def _goal(case: Case, idea: GoalIdea, rng: random.Random, by: User) -> Goal:
    status = rng.choices(
        [Goal.Status.OPEN, Goal.Status.IN_PROGRESS, Goal.Status.REACHED], weights=[5, 4, 1]
    )[0]
    return Goal.objects.create(
        case=case,
        own_words=idea.own_words,
        reformulation=idea.reformulation if rng.random() < 0.8 else "",
        priority=rng.choice(Goal.Priority.values),
        status=status,
        life_domains=list(idea.domains),
        created_by=by,
    )


def _states(rng: random.Random, count: int) -> list[str]:
    """A mix: at least one done, one in progress and one overdue when there are three."""
    states = ["done", "in_progress", "overdue"][:count]
    states += rng.choices(["done", "in_progress", "overdue", "planned"], k=count - len(states))
    rng.shuffle(states)
    return states


def _action(
    case: Case,
    goal: Goal,
    idea: ActionIdea,
    state: str,
    by_kind: dict[str, list[Actor]],
    actors: list[Actor],
    rng: random.Random,
    by: User,
    today: date,
) -> None:
    owner = _pick_owner(idea.owner, by_kind, rng)
    due_on: date | None
    if state == "done":
        status, due_on = Action.Status.DONE, today - timedelta(days=rng.randint(3, 60))
    elif state == "in_progress":
        status, due_on = Action.Status.IN_PROGRESS, today + timedelta(days=rng.randint(1, 25))
    elif state == "overdue":
        status, due_on = Action.Status.PLANNED, today - timedelta(days=rng.randint(2, 30))
    else:
        status = Action.Status.PLANNED
        due_on = today + timedelta(days=rng.randint(5, 60)) if rng.random() < 0.8 else None
    action = Action.objects.create(
        case=case,
        goal=goal,
        what=idea.what,
        owner=owner,
        how=idea.how,
        due_on=due_on,
        status=status,
        with_whom=rng.choice(WITH_WHOM) if rng.random() < 0.3 else "",
        follow_up=rng.choice(FOLLOW_UPS) if state in ("done", "in_progress") else "",
        created_by=by,
    )
    companions = [a for a in actors if a.pk != owner.pk]
    if companions and rng.random() < 0.7:
        action.with_actors.set(rng.sample(companions, min(len(companions), rng.randint(1, 2))))


def _pick_owner(kind: str, by_kind: dict[str, list[Actor]], rng: random.Random) -> Actor:
    for candidate in (kind, Actor.Kind.WORKER, Actor.Kind.PERSON, Actor.Kind.FORMAL):
        if by_kind.get(candidate):
            return rng.choice(by_kind[candidate])
    return rng.choice([actor for group in by_kind.values() for actor in group])


def _crisis_plans(
    case: Case,
    rng: random.Random,
    by: User,
    today: date,
    by_kind: dict[str, list[Actor]],
    actors: list[Actor],
) -> None:
    versions = rng.randint(1, 2)
    agreed_on = today - timedelta(days=rng.randint(20, 120))
    for version in range(1, versions + 1):
        if version > 1:
            agreed_on = today - timedelta(days=rng.randint(1, 15))
        present = [a.name for a in by_kind.get(Actor.Kind.PERSON, [])[:1]]
        present += [
            a.name for a in rng.sample(actors, min(2, len(actors))) if a.name not in present
        ]
        plan = CrisisPlan.objects.create(
            case=case,
            version=version,
            warning_signs=rng.choice(WARNING_SIGNS),
            triggers=rng.choice(TRIGGERS),
            what_helps=rng.choice(WHAT_HELPS),
            what_to_avoid=rng.choice(WHAT_TO_AVOID),
            agreed_on=agreed_on,
            present_at_agreement=", ".join(present),
            created_by=by,
            **{name: rng.choice(texts) for name, texts in PREFERENCES.items()},
        )
        # Written the day it was agreed.
        written = timezone.make_aware(datetime.combine(agreed_on, time(11)))
        CrisisPlan.objects.filter(pk=plan.pk).update(created_at=written)
        _contacts(plan, rng, by_kind)


def _contacts(plan: CrisisPlan, rng: random.Random, by_kind: dict[str, list[Actor]]) -> None:
    """A network actor first (a close relative, else a professional, else a worker),
    sometimes a second one, then an emergency number."""
    first_choice = (
        [a for a in by_kind.get(Actor.Kind.INFORMAL, []) if a.quality != Actor.Quality.BROKEN]
        or by_kind.get(Actor.Kind.FORMAL, [])
        or by_kind.get(Actor.Kind.WORKER, [])
    )
    people = rng.sample(first_choice, min(len(first_choice), rng.randint(1, 2)))
    workers = [a for a in by_kind.get(Actor.Kind.WORKER, []) if a not in people]
    if workers and len(people) < 2 and rng.random() < 0.6:
        people.append(rng.choice(workers))
    rows = [
        CrisisContact(
            crisis_plan=plan,
            position=0,
            actor=actor,
            when=rng.choice(("", "En journée", "Avant tout le monde")),
        )
        for actor in people
    ]
    emergencies = list(EMERGENCY) if rng.random() < 0.4 else [rng.choice(EMERGENCY)]
    rows += [
        CrisisContact(crisis_plan=plan, position=0, name=name, phone=phone, when=when)
        for name, phone, when in emergencies
    ]
    for position, row in enumerate(rows[:4], 1):
        row.position = position
    CrisisContact.objects.bulk_create(rows[:4])

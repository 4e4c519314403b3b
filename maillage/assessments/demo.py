"""Demo assessments for one case: realistic French content, deterministic with `rng`.

The first assessment comes about three weeks after opening (three exploration meetings,
one at home); cases open for more than four months get a re-assessment a few months
later, where severities move, readiness grows, a domain may close and another open.
Three to six life domains are filled, chosen first from what the request says (housing,
debts, mental health…), then completed at random among the programme's domains.
Written straight through the ORM with past dates (the audit is not needed for demo rows).
"""

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from maillage.accounts.models import User
from maillage.cases.models import Case
from maillage.categories import LifeDomain

from .models import Assessment, DomainAssessment

# A few ways each domain looks in a complex situation. `severity` is a (low, high) range;
# `later` is what the re-assessment says of readiness (progress, or not yet); "{e}" takes
# the person's grammatical gender ("Prêt{e}": Prête, Prêt, or Prêt·e when not known).
VIGNETTES: dict[str, list[dict[str, Any]]] = {
    LifeDomain.PHYSICAL_HEALTH: [
        {
            "needs": "Retrouver un médecin traitant et un suivi régulier du diabète.",
            "difficulties": "Glycémies non contrôlées, plaie au pied qui ne cicatrise pas ; "
            "rendez-vous manqués à la consultation de diabétologie.",
            "resources_person": "Connaît bien sa maladie, sait faire ses injections quand le "
            "stylo est disponible.",
            "resources_entourage": "La pharmacienne du quartier connaît la situation et appelle "
            "quand le traitement n'est pas retiré.",
            "severity": (2, 4),
            "person_priority": 2,
            "readiness": "Prêt{e} à revoir un médecin généraliste de la maison médicale, pas "
            "encore à retourner à l'hôpital.",
            "risks": "Amputation, hospitalisation en urgence.",
            "later": "A revu la maison médicale deux fois ; accepte l'infirmière à domicile "
            "pour les soins de plaie.",
        },
        {
            "needs": "Prévenir les chutes et faire le point sur la perte de poids.",
            "difficulties": "Trois chutes en six mois, se nourrit peu, refuse le bilan gériatrique.",
            "resources_person": "Tient à rester chez soi, marche encore tous les jours jusqu'à "
            "la boulangerie.",
            "resources_entourage": "Une voisine passe le matin ; le fils téléphone le dimanche.",
            "severity": (2, 3),
            "person_priority": 1,
            "readiness": "D'accord pour un bouton d'appel, pas encore pour les repas à domicile.",
            "risks": "Chute grave sans secours, dénutrition, entrée en maison de repos en urgence.",
            "later": "A accepté les repas à domicile trois fois par semaine.",
        },
    ],
    LifeDomain.MENTAL_HEALTH: [
        {
            "needs": "Reprendre un suivi psychiatrique après la sortie d'hospitalisation.",
            "difficulties": "Arrêt du traitement à la sortie, sommeil très perturbé, idées "
            "de persécution envers les voisins.",
            "resources_person": "Reconnaît que le traitement l'aidait ; très attaché{e} à son chat, "
            "qui aide à tenir.",
            "resources_entourage": "Sa sœur reste en contact par téléphone ; l'équipe mobile "
            "connaît déjà la situation.",
            "severity": (3, 4),
            "person_priority": 2,
            "readiness": "Prêt{e} à rencontrer l'infirmière de l'équipe mobile à domicile, pas "
            "encore à retourner au centre de santé mentale.",
            "risks": "Rupture de soins, réhospitalisation sous contrainte, conflit grave avec "
            "le voisinage.",
            "later": "Voit l'équipe mobile toutes les deux semaines ; a repris son traitement "
            "avec un pilulier.",
        },
        {
            "needs": "Être écoutée et soutenue face à l'anxiété et à l'épuisement.",
            "difficulties": "Crises d'angoisse, ne sort plus de chez soi depuis l'hiver, "
            "pensées noires évoquées lors de la deuxième rencontre.",
            "resources_person": "Parle facilement de ce qu'elle ressent ; a déjà été suivi{e} et "
            "en garde un bon souvenir.",
            "resources_entourage": "Une amie d'enfance l'appelle chaque soir.",
            "severity": (2, 4),
            "person_priority": 3,
            "readiness": "Prêt{e} à reprendre contact avec la psychologue du service de santé "
            "mentale si quelqu'un l'accompagne au premier rendez-vous.",
            "risks": "Passage à l'acte suicidaire, isolement complet.",
            "later": "Suivi hebdomadaire repris au SSM ; sort à nouveau faire ses courses.",
        },
    ],
    LifeDomain.SUBSTANCE_USE: [
        {
            "needs": "Réduire la consommation d'alcool, surtout le matin.",
            "difficulties": "Consommation quotidienne importante, chutes en état d'ivresse, "
            "sevrage dangereux sans encadrement.",
            "resources_person": "A déjà tenu trois mois sans boire il y a deux ans.",
            "resources_entourage": "Son ancien collègue, abstinent, l'invite au café social.",
            "severity": (2, 4),
            "person_priority": 0,
            "readiness": "Prêt{e} à rencontrer l'assistante sociale du CPAS, pas encore à parler "
            "de sa consommation.",
            "risks": "Sevrage compliqué, accident, perte du logement.",
            "later": "Accepte d'en parler avec son médecin ; pas de projet de sevrage pour "
            "l'instant.",
        },
        {
            "needs": "Sécuriser la consommation et garder le lien avec le comptoir d'échange.",
            "difficulties": "Consommation de cocaïne basée, dettes auprès de revendeurs.",
            "resources_person": "Vient régulièrement au comptoir et y fait confiance à une "
            "travailleuse.",
            "resources_entourage": "Peu de proches ; un ami de la rue l'héberge parfois.",
            "severity": (3, 4),
            "person_priority": 1,
            "readiness": "D'accord pour un dépistage hépatite C, pas pour un traitement de "
            "substitution.",
            "risks": "Overdose, violences, infections.",
            "later": "Dépistage fait ; rendez-vous pris à la consultation hépatite.",
        },
    ],
    LifeDomain.HOUSING: [
        {
            "needs": "Garder son logement ; faire cesser la procédure d'expulsion.",
            "difficulties": "Quatre mois d'arriérés de loyer, audience à la justice de paix "
            "dans six semaines, propriétaire excédé.",
            "resources_person": "Paie à nouveau une partie du loyer depuis le mois dernier.",
            "resources_entourage": "Sa fille peut l'héberger quelques nuits, pas plus.",
            "severity": (3, 4),
            "person_priority": 3,
            "readiness": "Prêt{e} à rencontrer l'assistante sociale du CPAS et à aller à "
            "l'audience si on l'accompagne.",
            "risks": "Expulsion, retour à la rue, perte du suivi médical.",
            "later": "Plan d'apurement accepté par le propriétaire ; audience reportée.",
        },
        {
            "needs": "Un logement salubre, adapté à une famille avec deux enfants.",
            "difficulties": "Humidité et moisissures, une seule chambre, loyer trop élevé pour "
            "le revenu d'intégration.",
            "resources_person": "Inscrit{e} sur les listes du logement social depuis quatre ans.",
            "resources_entourage": "Une association de quartier l'aide à chercher.",
            "severity": (2, 3),
            "person_priority": 3,
            "readiness": "Prêt{e} à visiter des logements avec l'agence immobilière sociale.",
            "risks": "Problèmes respiratoires des enfants, placement des enfants évoqué.",
            "later": "Candidature acceptée par l'agence immobilière sociale, en attente.",
        },
        {
            "needs": "Un logement plus facile à entretenir et sans escaliers.",
            "difficulties": "Appartement très encombré au troisième étage sans ascenseur ; "
            "risque d'incendie signalé par les pompiers.",
            "resources_person": "Accepte qu'on en parle, à condition de ne rien jeter sans son accord.",
            "resources_entourage": "Le concierge l'aide pour les poubelles.",
            "severity": (2, 4),
            "person_priority": 1,
            "readiness": "D'accord pour désencombrer une pièce à la fois avec l'aide familiale.",
            "risks": "Incendie, insalubrité déclarée par la commune.",
            "later": "La cuisine et le couloir sont dégagés ; le salon reste encombré.",
        },
    ],
    LifeDomain.INCOME: [
        {
            "needs": "Faire le point sur les dettes et retrouver un budget qui tient.",
            "difficulties": "Dettes d'énergie et d'hôpital, huissier passé deux fois, "
            "courrier non ouvert depuis des mois.",
            "resources_person": "Garde tous les papiers dans un sac ; sait ce qui part "
            "chaque semaine.",
            "resources_entourage": "Son frère pourrait l'aider à trier les factures.",
            "severity": (2, 4),
            "person_priority": 2,
            "readiness": "Prêt{e} à ouvrir le courrier avec l'assistante sociale, pas encore à "
            "demander un règlement collectif de dettes.",
            "risks": "Coupure d'énergie, saisie sur le revenu.",
            "later": "Médiation de dettes en cours au CPAS ; fournisseur d'énergie social.",
        },
        {
            "needs": "Ouvrir ses droits : GRAPA, allocation d'aide aux personnes âgées.",
            "difficulties": "Ne touche que sa pension minimale, ne connaît pas ses droits.",
            "resources_person": "Très économe, ne s'endette pas.",
            "resources_entourage": "Une nièce l'aide pour les démarches en ligne.",
            "severity": (1, 2),
            "person_priority": 2,
            "readiness": "D'accord pour que la nièce et l'assistante sociale fassent la demande.",
            "risks": "Renoncement aux soins faute d'argent.",
            "later": "Demande introduite, réponse attendue.",
        },
    ],
    LifeDomain.ADMINISTRATIVE: [
        {
            "needs": "Se remettre en ordre de mutuelle et récupérer une carte d'identité.",
            "difficulties": "Plus en ordre de mutuelle depuis deux ans, carte d'identité "
            "perdue, adresse de référence à renouveler.",
            "resources_person": "Se déplace volontiers si on lui donne l'adresse et l'heure.",
            "resources_entourage": "Le travailleur de rue l'accompagne à la commune.",
            "severity": (2, 3),
            "person_priority": 2,
            "readiness": "Prêt{e} à aller à la commune si quelqu'un l'accompagne.",
            "risks": "Pas d'accès aux soins remboursés, perte du revenu d'intégration.",
            "later": "Carte d'identité refaite ; mutuelle en ordre depuis le mois dernier.",
        },
        {
            "needs": "Régulariser le séjour et obtenir l'aide médicale urgente.",
            "difficulties": "Titre de séjour expiré, peur de se présenter aux administrations.",
            "resources_person": "Parle bien le français, garde tous ses documents.",
            "resources_entourage": "Un avocat d'une association suit le dossier.",
            "severity": (3, 4),
            "person_priority": 3,
            "readiness": "D'accord pour une demande d'aide médicale urgente au CPAS.",
            "risks": "Pas de soins, expulsion du territoire.",
            "later": "Carte d'aide médicale urgente obtenue ; recours en cours.",
        },
    ],
    LifeDomain.JUSTICE: [
        {
            "needs": "Respecter les conditions de sa libération et garder le lien avec "
            "l'assistante de justice.",
            "difficulties": "Rendez-vous manqués, peur d'une révocation.",
            "resources_person": "Tient à ne pas retourner en prison ; a un projet de formation.",
            "resources_entourage": "Sa mère soutient et rappelle les dates.",
            "severity": (2, 3),
            "person_priority": 2,
            "readiness": "Prêt{e} à ce que le case manager l'aide à tenir un agenda.",
            "risks": "Révocation de la libération conditionnelle.",
            "later": "Aucun rendez-vous manqué depuis trois mois.",
        },
    ],
    LifeDomain.FAMILY: [
        {
            "needs": "Soulager sa fille, aidante proche épuisée.",
            "difficulties": "La fille passe tous les jours après son travail et ne dort plus ; "
            "tensions entre les frères et sœurs.",
            "resources_person": "Très attaché{e} à ses petits-enfants, veut « ne pas être une "
            "charge ».",
            "resources_entourage": "La fille, très présente ; un fils à Liège, disponible le "
            "week-end.",
            "severity": (2, 3),
            "person_priority": 1,
            "readiness": "D'accord pour une aide familiale deux matinées par semaine.",
            "risks": "Épuisement de la fille, rupture du maintien à domicile.",
            "later": "Réunion de famille tenue ; le fils prend un week-end sur deux.",
        },
        {
            "needs": "Renouer le contact avec son fils, placé en institution.",
            "difficulties": "Visites suspendues par le SAJ après des absences répétées.",
            "resources_person": "Parle de son fils à chaque rencontre, veut « se montrer fiable ».",
            "resources_entourage": "L'éducatrice de l'institution est favorable aux visites.",
            "severity": (2, 3),
            "person_priority": 3,
            "readiness": "Prêt{e} à venir aux rendez-vous avec le SAJ si on les lui rappelle.",
            "risks": "Rupture du lien, perte de motivation pour les soins.",
            "later": "Visites encadrées reprises une fois par mois.",
        },
    ],
    LifeDomain.DAILY_LIVING: [
        {
            "needs": "De l'aide pour les courses, le ménage et les médicaments.",
            "difficulties": "Oublie ses médicaments, frigo souvent vide, hygiène négligée.",
            "resources_person": "Accueille volontiers les visites, aime cuisiner quand on l'aide.",
            "resources_entourage": "Le voisin du dessous fait parfois les courses.",
            "severity": (2, 3),
            "person_priority": 2,
            "readiness": "D'accord pour une infirmière le matin, pas encore pour une aide "
            "familiale.",
            "risks": "Erreurs de traitement, dénutrition.",
            "later": "Infirmière passe chaque matin ; aide familiale acceptée le jeudi.",
        },
    ],
    LifeDomain.WORK_EDUCATION: [
        {
            "needs": "Retrouver une activité qui ait du sens.",
            "difficulties": "Sans emploi depuis huit ans, n'a pas terminé ses études secondaires.",
            "resources_person": "Aime bricoler, a travaillé dans le bâtiment ; aime aider les autres.",
            "resources_entourage": "Une maison de quartier propose un atelier vélo.",
            "severity": (1, 2),
            "person_priority": 1,
            "readiness": "Envie de visiter l'atelier vélo, pas encore de formation.",
            "risks": "Repli, perte de confiance.",
            "later": "Vient à l'atelier vélo le mercredi comme bénévole.",
        },
    ],
    LifeDomain.SOCIAL_LIFE: [
        {
            "needs": "Sortir de l'isolement.",
            "difficulties": "Ne voit personne en dehors des professionnels ; a perdu son conjoint "
            "l'an dernier.",
            "resources_person": "Aimait le chant et les cartes ; garde de l'humour.",
            "resources_entourage": "Un restaurant social à deux rues ; une voisine bienveillante.",
            "severity": (1, 3),
            "person_priority": 1,
            "readiness": "Prêt{e} à essayer un repas au restaurant social si on l'accompagne "
            "la première fois.",
            "risks": "Repli sur soi, dépression.",
            "later": "Déjeune au restaurant social deux fois par semaine.",
        },
    ],
}
# Words in the request that point to a domain (lower case).
KEYWORDS: dict[str, tuple[str, ...]] = {
    LifeDomain.PHYSICAL_HEALTH: ("chute", "diabète", "poids", "soins", "plaie", "hospitali"),
    LifeDomain.MENTAL_HEALTH: ("psych", "angoiss", "dépress", "suicid", "mémoire"),
    LifeDomain.SUBSTANCE_USE: ("alcool", "consommation", "drogue", "cocaïne", "cannabis"),
    LifeDomain.HOUSING: ("logement", "expuls", "insalubre", "appartement", "hébergement"),
    LifeDomain.INCOME: ("dette", "factures", "impayé", "revenu", "énergie"),
    LifeDomain.ADMINISTRATIVE: ("mutuelle", "papiers", "séjour", "administrati"),
    LifeDomain.JUSTICE: ("justice", "prison", "probation", "tribunal"),
    LifeDomain.FAMILY: ("fille", "fils", "enfant", "famille", "proches", "aidant"),
    LifeDomain.DAILY_LIVING: ("encombré", "autonomie", "courses", "hygiène", "domicile"),
    LifeDomain.WORK_EDUCATION: ("école", "emploi", "travail", "formation", "scolar"),
    LifeDomain.SOCIAL_LIFE: ("isolement", "seul", "isolé"),
}
FIRST_SUMMARIES = [
    "Bilan après trois rencontres d'exploration, dont une visite à domicile. La situation "
    "touche plusieurs domaines à la fois ; la personne a choisi elle-même par où commencer.",
    "Évaluation faite avec la personne sur trois entretiens. Beaucoup d'intervenants, peu de "
    "coordination : la priorité de la personne est claire, le reste viendra ensuite.",
    "Premier bilan, construit avec la personne et, à sa demande, avec sa fille présente à la "
    "troisième rencontre. Situation fragile mais la personne garde des ressources réelles.",
]
LATER_SUMMARIES = [
    "Réévaluation après quelques mois : des progrès nets sur la priorité de la personne, "
    "d'autres domaines restent fragiles.",
    "Réévaluation avec la personne : elle mesure le chemin fait et fixe les prochaines "
    "étapes elle-même.",
    "Point d'étape : la situation s'est stabilisée sur l'essentiel ; un nouveau besoin est apparu.",
]
TEXT_FIELDS = ("needs", "difficulties", "resources_person", "resources_entourage", "risks")


def seed_case(case: Case, rng: random.Random, by: User, today: date) -> None:
    """Give `case` one or two assessments, dated in the past; nothing if it is too new."""
    opened = timezone.localdate(case.opened_at)
    last_day = timezone.localdate(case.closed_at) if case.closed_at else today
    first_on = opened + timedelta(days=rng.randint(14, 28))
    if first_on > last_day:
        return
    offered = case.programme.assessed_domains()
    story = case.support_request.summary.lower() if case.support_request_id else ""
    domains = _choose_domains(rng, offered, story)
    ending = "e" if "madame" in story else "" if "monsieur" in story else "·e"
    first = {domain: _first_row(rng, domain, ending) for domain in domains}
    _write(case, by, first_on, rng.choice(FIRST_SUMMARIES), first)
    later_on = first_on + timedelta(days=rng.randint(90, 150))
    if later_on > last_day:
        return
    later = {domain: _later_row(rng, row) for domain, row in first.items()}
    if len(later) > 3 and rng.random() < 0.3:  # a domain settled since: no longer assessed
        settled = min(later, key=lambda domain: later[domain]["severity"])
        del later[settled]
    others = [domain for domain in offered if domain not in first and domain in VIGNETTES]
    if others and len(later) < 6 and rng.random() < 0.4:  # a new need came up
        new = rng.choice(others)
        later[new] = _first_row(rng, new, ending)
    _write(case, by, later_on, rng.choice(LATER_SUMMARIES), later)


def _choose_domains(rng: random.Random, offered: list[str], story: str) -> list[str]:
    usable = [domain for domain in offered if domain in VIGNETTES]
    hinted = [d for d in usable if any(word in story for word in KEYWORDS[d])]
    rng.shuffle(hinted)
    wanted = min(rng.randint(3, 6), len(usable))
    chosen = hinted[:wanted]
    rest = [domain for domain in usable if domain not in chosen]
    chosen += rng.sample(rest, wanted - len(chosen))
    return chosen


def _first_row(rng: random.Random, domain: str, ending: str) -> dict[str, Any]:
    vignette = rng.choice(VIGNETTES[domain])
    low, high = vignette["severity"]
    texts = {field: vignette[field] for field in (*TEXT_FIELDS, "readiness", "later")}
    return {
        **{field: text.replace("{e}", ending) for field, text in texts.items()},
        "severity": rng.randint(low, high),
        "person_priority": vignette["person_priority"],
    }


def _later_row(rng: random.Random, row: dict[str, Any]) -> dict[str, Any]:
    """The same domain a few months on: usually better, sometimes worse, readiness grown."""
    severity = max(0, min(4, row["severity"] + rng.choice((-2, -1, -1, -1, 0, 0, 1))))
    progressed = rng.random() < 0.75
    return {
        **row,
        "severity": severity,
        "person_priority": min(3, row["person_priority"] + rng.choice((0, 0, 1))),
        "readiness": row["later"] if progressed else row["readiness"],
    }


def _write(
    case: Case, by: User, assessed_on: date, summary: str, rows: dict[str, dict[str, Any]]
) -> None:
    assessment = Assessment.objects.create(
        case=case, assessed_on=assessed_on, summary=summary, assessed_by=by
    )
    DomainAssessment.objects.bulk_create(
        DomainAssessment(
            assessment=assessment,
            domain=domain,
            **{key: value for key, value in row.items() if key != "later"},
        )
        for domain, row in rows.items()
    )
    # Recorded on the day of the assessment, late afternoon.
    moment = timezone.make_aware(datetime.combine(assessed_on, time(17, 0)))
    Assessment.objects.filter(pk=assessment.pk).update(created_at=moment, updated_at=moment)

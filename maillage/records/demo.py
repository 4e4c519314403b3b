"""Demo data of the records app: a few identity corrections with their history."""

from maillage.cases.models import CaseWorker
from maillage.records import actions

# (field, new value, reason) — applied to the first persons held by a demo worker.
CORRECTIONS = (
    ("phone", "0470 12 34 56", "Nouveau numéro donné par la personne."),
    ("email", "contact.demo@example.org", "Adresse e-mail communiquée lors d'un entretien."),
)


def seed_records(limit: int = 3) -> int:
    """Correct the contact details of a few persons with a case; returns how many."""
    done = 0
    workers = (
        CaseWorker.objects.filter(ended_at__isnull=True)
        .select_related("case__person", "user")
        .order_by("case__opened_at", "pk")
    )
    seen = set()
    for worker in workers:
        person = worker.case.person
        if person.pk in seen or person.merged_into_id:
            continue
        seen.add(person.pk)
        field, value, reason = CORRECTIONS[done % len(CORRECTIONS)]
        if getattr(person, field) == value:
            continue
        actions.rectify_person(person, by=worker.user, changes={field: value}, reason=reason)
        done += 1
        if done >= limit:
            break
    return done

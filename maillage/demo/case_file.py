"""Fill the case file of a demo case: network, consent, assessment, plans, journal.

Each app seeds its own part (`<app>/demo.py: seed_case(case, rng, by, today)`), in the
order of the work: the network first (consent scopes and action owners need actors).
"""

import random
from datetime import date

from maillage.accounts.models import User
from maillage.assessments import demo as assessments_demo
from maillage.cases import demo as journal_demo
from maillage.cases.models import Case
from maillage.conferences import demo as conferences_demo
from maillage.consent import demo as consent_demo
from maillage.network import demo as network_demo
from maillage.network.models import Actor
from maillage.plans import demo as plans_demo

SEEDERS = (
    network_demo,
    consent_demo,
    assessments_demo,
    plans_demo,
    journal_demo,
    conferences_demo,
)


def seed_case_file(case: Case, *, by: User, today: date, seed: str) -> None:
    opened = case.opened_at.date()
    # The person and the workers joined the network when the case opened.
    Actor.objects.filter(case=case, kind__in=["person", "worker"]).update(started_on=opened)
    rng = random.Random(seed)
    for seeder in SEEDERS:
        seeder.seed_case(case, rng, by, today)

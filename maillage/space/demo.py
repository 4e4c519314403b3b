"""Demo: one person of a case held by the demo case manager (cm1) gets a personal space,
with the login `personne` (the demo password), a pending wish about their consent, and
two reads by their case manager in their access log."""

from django.contrib.auth.hashers import make_password

from maillage import audit
from maillage.accounts.models import User
from maillage.cases.models import Case

from .models import ConsentWish, Relation, SpaceAccount

USERNAME = "personne"
LOGIN_LINE = (
    f"  {USERNAME}: a person's own space (goals, plan, crisis plan, network, "
    "sharing, who read the file) — sign in at /space/"
)


def seed_space(users: dict[str, User], password: str) -> SpaceAccount | None:
    manager = users.get("cm1")
    if manager is None or User.objects.filter(username=USERNAME).exists():
        return None
    case = (
        Case.objects.open()
        .filter(workers__user=manager, workers__ended_at__isnull=True, goals__isnull=False)
        .select_related("person")
        .order_by("opened_at")
        .first()
    )
    if case is None:
        return None
    person = case.person
    user = User.objects.create(
        username=USERNAME,
        password=make_password(password),
        first_name=person.given_name,
        last_name=person.family_name,
        language=person.language if person.language in ("fr", "nl", "en") else "fr",
        is_person_account=True,
    )
    account = SpaceAccount.objects.create(
        user=user, person=person, relation=Relation.SELF, created_by=manager
    )
    audit.record(manager, "space.invited", person=person, case=case, target=account)
    audit.record(user, "space.activated", person=person, case=case, target=account)
    ConsentWish.objects.create(
        case=case,
        text="Je voudrais que mon médecin traitant reçoive aussi mon plan de crise.",
        category="crisis_plan",
        created_by=user,
    )
    for part in ("overview", "plan"):
        audit.record(manager, "case.viewed", person=person, case=case, target=case, part=part)
    return account

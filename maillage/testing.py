"""Test personas and helpers shared by the whole suite.

`MaillageTestCase.setUpTestData` builds, once per test class, two organisations with a
team each, the example programmes, and these people:

- ines   — intake worker for the Brusano and Bru-Stars teams: records and answers requests.
- camille — case manager in the Brusano team: sees the team's requests and cases.
- noor   — case manager in the Brusano team: Camille's pair on cases.
- bob    — case manager in the Bru-Stars team (another organisation): sees none of Brusano's.
- lea    — team lead of the Brusano team: changes any case of the team; needs 2FA.
- olivier — conference organiser in the Brusano team: reads the team's cases.
- ana    — analyst: anonymous aggregates only.
- adam   — administrator: configuration, never case content; needs 2FA.
- pat    — partner professional: only what a person's consent shares with them; needs 2FA.
- zoe    — signed in but member of nothing: sees nothing.
"""

from datetime import date
from typing import Any

from django.contrib.auth.hashers import make_password
from django.test import Client, TestCase
from django_otp.plugins.otp_totp.models import TOTPDevice

from maillage.accounts.models import Membership, Organisation, Role, Team, User
from maillage.intake import actions as intake_actions
from maillage.intake.models import SupportRequest
from maillage.people.models import Person
from maillage.programmes.examples import install_examples
from maillage.programmes.models import Programme

PASSWORD = "a-long-test-password"
_HASH = make_password(PASSWORD)


def make_user(username: str, *roles: tuple[Team, str], **fields: Any) -> User:
    user = User.objects.create(username=username, password=_HASH, **fields)
    for team, role in roles:
        Membership.objects.create(user=user, team=team, role=role)
    return user


def make_person(**fields: Any) -> Person:
    defaults = {
        "given_name": "Louis",
        "family_name": "Lambert",
        "birth_date": date(1980, 5, 17),
        "residence": "21009",
    }
    return Person.objects.create(**{**defaults, **fields})


class Personas:
    """Build the cast once (class attributes), for TestCase and pytest alike."""

    @classmethod
    def build_cast(cls) -> None:
        cls.brusano_org = Organisation.objects.create(name="Brusano")
        cls.brustars_org = Organisation.objects.create(name="Bru-Stars")
        cls.brusano_team = Team.objects.create(organisation=cls.brusano_org, name="Case managers")
        cls.brustars_team = Team.objects.create(organisation=cls.brustars_org, name="Case managers")
        cls.admin_team = Team.objects.create(organisation=cls.brusano_org, name="Administration")
        install_examples(
            teams={
                "brusano": cls.brusano_team,
                "bru-stars": cls.brustars_team,
                "em107-precarite": cls.brusano_team,
                "dune-liaison": cls.brustars_team,
            }
        )
        cls.brusano = Programme.objects.get(code="brusano")
        cls.brustars = Programme.objects.get(code="bru-stars")
        cls.em107 = Programme.objects.get(code="em107-precarite")
        cls.dune = Programme.objects.get(code="dune-liaison")
        bt, st = cls.brusano_team, cls.brustars_team
        cls.ines = make_user("ines", (bt, Role.INTAKE), (st, Role.INTAKE))
        cls.camille = make_user("camille", (bt, Role.CASE_MANAGER), first_name="Camille")
        cls.noor = make_user("noor", (bt, Role.CASE_MANAGER), first_name="Noor")
        cls.bob = make_user("bob", (st, Role.CASE_MANAGER), first_name="Bob")
        cls.lea = make_user("lea", (bt, Role.TEAM_LEAD), first_name="Léa")
        cls.olivier = make_user("olivier", (bt, Role.CONFERENCE_ORGANISER))
        cls.ana = make_user("ana", (cls.admin_team, Role.ANALYST))
        cls.adam = make_user("adam", (cls.admin_team, Role.ADMINISTRATOR), is_staff=True)
        cls.pat = make_user("pat", (bt, Role.PARTNER))
        cls.zoe = make_user("zoe")

    @staticmethod
    def record(
        programme: Programme, by: User, person: Person | None = None, **kwargs: Any
    ) -> SupportRequest:
        """Record a request through the real action (as the intake page does)."""
        kwargs.setdefault("requesters", [intake_actions.RequesterData(kind="person")])
        kwargs.setdefault("facts", {})
        return intake_actions.record_request(
            by=by, programme=programme, person=person or make_person(), **kwargs
        )


class MaillageTestCase(Personas, TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.build_cast()

    def login(self, user: User, client: Client | None = None) -> Client:
        """Sign in, passing the second factor for users who need it."""
        client = client or self.client
        client.force_login(user)
        if TOTPDevice.objects.filter(user=user, confirmed=True).exists() or user.username in {
            "lea",
            "adam",
            "pat",
        }:
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            if device is None:
                device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
            session = client.session
            session["otp_device_id"] = device.persistent_id
            session.save()
        return client


def capp_scheme() -> Any:
    """The CAPP funding scheme of the data migration.

    Browser tests run in transactions that end with a flush, which also empties rows that
    data migrations made; then the scheme is installed again from that same migration.
    """
    import importlib

    from django.apps import apps

    from maillage.conferences.models import FundingScheme

    scheme = FundingScheme.objects.filter(code="capp-2012").first()
    if scheme is None:
        migration = importlib.import_module("maillage.conferences.migrations.0002_add_capp_scheme")
        migration.add_capp_scheme(apps, None)
        scheme = FundingScheme.objects.get(code="capp-2012")
    return scheme

import base64
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.test import override_settings
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from maillage import audit
from maillage.accounts.demo import DEMO_TOTP_SECRET
from maillage.accounts.models import Membership, Role, User
from maillage.audit.models import AuditEvent
from maillage.cases.models import Case, CaseWorker
from maillage.demo import generator
from maillage.intake.models import Decision, SupportRequest
from maillage.people.models import Person
from maillage.programmes.models import Programme

ACCOUNTS = ("admin", "lead", "intake", "cm1", "cm2", "organiser", "partner", "analyst")


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def seed(**options):
    out = StringIO()
    call_command("seed_demo", persons=30, quiet=True, stdout=out, **options)
    return out.getvalue()


@pytest.mark.django_db
def test_accounts_teams_and_programmes():
    seed()
    for username in ACCOUNTS:
        user = User.objects.get(username=username)
        assert user.check_password("maillage-demo"), username
        assert user.first_name and user.last_name
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="partner").email
    assert set(
        Membership.objects.filter(user__username="intake").values_list("team__name", flat=True)
    ) == {"Case managers", "Case management", "Service de liaison", "Équipe mobile"}
    assert Membership.objects.filter(
        user__username="cm2", team__organisation__name="Bru-Stars", role=Role.CASE_MANAGER
    ).exists()
    assert Programme.objects.get(code="brusano").team.organisation.name == "Brusano"
    assert Programme.objects.filter(is_template=True).count() == 4
    secret = base64.b32decode("MAILLAGEDEMOTOTPSECRETFORDEMOS23")
    for username in ("admin", "lead"):
        device = TOTPDevice.objects.get(user__username=username)
        assert device.confirmed
        assert device.bin_key == secret
    assert not TOTPDevice.objects.filter(user__username="cm1").exists()


@pytest.mark.django_db
def test_requests_in_every_state_and_cases():
    seed()
    now = timezone.now()
    requests = SupportRequest.objects.all()
    assert Person.objects.count() == 30
    assert requests.count() == 30
    assert requests.overdue(now).exists()
    assert requests.open().filter(answer_due__gt=now).exists()
    assert requests.open().filter(answer_due=None).exists()
    assert requests.open().exclude(override_justification="").exists()
    for kind in (Decision.Kind.ACCEPT, Decision.Kind.REFUSE, Decision.Kind.ORIENT):
        assert Decision.objects.filter(kind=kind).exists(), kind
    assert not Decision.objects.exclude(kind=Decision.Kind.ACCEPT).filter(reason="").exists()
    assert Decision.objects.filter(kind=Decision.Kind.ORIENT).exclude(orient_target="").exists()
    assert Case.objects.held_by(User.objects.get(username="cm1")).count() >= 3
    assert Case.objects.held_by(User.objects.get(username="cm2")).count() >= 2
    assert set(Case.objects.values_list("phase", flat=True)) == {
        Case.Phase.EXPLORATION,
        Case.Phase.ACTIVE,
        Case.Phase.CLOSING,
    }
    # Answered requests lie in the past months, open ones in the last weeks.
    oldest = requests.answered().order_by("received_at").first().received_at
    assert (now - oldest).days > 60
    assert all((now - r.received_at).days <= 21 for r in requests.open())


@pytest.mark.django_db
def test_deterministic_names():
    seed()
    planned = [(p.given_name, p.family_name) for p in generator.iter_plan(30, 23)]
    assert planned == [(p.given_name, p.family_name) for p in generator.iter_plan(30, 23)]
    assert planned != [(p.given_name, p.family_name) for p in generator.iter_plan(30, 24)]
    stored = sorted(Person.objects.values_list("given_name", "family_name"))
    assert stored == sorted(planned)


@pytest.mark.django_db
def test_if_empty_adds_nothing_and_audit_holds():
    seed()
    counts = (Person.objects.count(), SupportRequest.objects.count(), User.objects.count())
    assert "Demo data already present." in seed(if_empty=True)
    assert "nothing added" in seed()
    assert counts == (Person.objects.count(), SupportRequest.objects.count(), User.objects.count())
    assert audit.verify().ok


@pytest.mark.django_db
def test_bulk_volume():
    out = StringIO()
    call_command("seed_demo", persons=generator.RICH_PERSONS + 200, quiet=True, stdout=out)
    requests = SupportRequest.objects.all()
    assert requests.count() == generator.RICH_PERSONS + 200
    bulk = Person.objects.filter(given_key="").count()
    assert bulk == 0  # keys are set although bulk_create skips save()
    assert requests.open().exists() and requests.answered().exists()
    assert not requests.filter(eligibility_outcome="").exists()
    accepted = Decision.objects.filter(kind=Decision.Kind.ACCEPT).count()
    assert Case.objects.count() == accepted
    assert AuditEvent.objects.filter(verb="demo.seeded").count() == 1
    assert audit.verify().ok
    # The stored outcome is the one the criteria give.
    for support_request in requests.order_by("?")[:40]:
        assert support_request.evaluate().outcome == support_request.eligibility_outcome


@override_settings(SITE_URL="http://127.0.0.1:8123")
def test_demo_logins_lists_accounts(db):
    out = StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    for username in ACCOUNTS:
        assert username in text
    assert "maillage-demo" in text
    assert DEMO_TOTP_SECRET in text
    assert "http://127.0.0.1:8123/" in text  # where `make run` serves (HOST, PORT)


def open_caseloads() -> dict[str, int]:
    rows = (
        CaseWorker.objects.filter(ended_at=None, user__memberships__role=Role.CASE_MANAGER)
        .values("user__username")
        .annotate(open_cases=Count("case", distinct=True))
    )
    return {row["user__username"]: row["open_cases"] for row in rows}


@pytest.mark.django_db
def test_at_volume_each_case_manager_carries_20_to_60_open_cases():
    call_command("seed_demo", persons=generator.RICH_PERSONS + 3000, quiet=True, stdout=StringIO())
    caseloads = open_caseloads()
    assert max(caseloads.values()) <= generator.CASELOAD[1]
    for username in ("cm1", "sofie", "mehdi", "cm2"):
        assert caseloads[username] >= generator.CASELOAD[0], username
    assert User.objects.filter(username__startswith="brusano-cm").exists()
    cases = Case.objects.count()
    assert 0.08 < cases / SupportRequest.objects.count() < 0.15


@pytest.mark.django_db
def test_the_stress_seed_gives_every_case_to_the_demo_case_managers():
    call_command(
        "seed_demo",
        persons=generator.RICH_PERSONS + 1000,
        stress=True,
        quiet=True,
        stdout=StringIO(),
    )
    assert set(open_caseloads()) <= set(generator.USERNAMES)
    assert open_caseloads()["cm1"] > generator.CASELOAD[1]

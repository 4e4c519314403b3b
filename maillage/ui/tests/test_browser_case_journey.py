"""In Chromium, in French and in Dutch: a case manager takes an accepted request to a
closed case — network, consent, assessment, goal and action, crisis plan, journal,
withdrawal — and every page passes axe-core without serious or critical issues."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from maillage.casefile import actions as casefile_actions
from maillage.cases.models import Case
from maillage.testing import PASSWORD, Personas, make_person

from .browser import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def case():
    Personas.build_cast()
    support_request = Personas.record(
        Personas.brusano, Personas.ines, make_person(given_name="Fatima", family_name="Benali")
    )
    casefile_actions.answer_request(
        support_request,
        by=Personas.ines,
        kind="accept",
        case_workers=[Personas.camille, Personas.noor],
    )
    return Case.objects.get(support_request=support_request)


def submit(page) -> None:
    with page.expect_navigation():
        page.click("main form .form-actions button[type=submit]")


@pytest.mark.parametrize(
    ("language", "overview_word"), [("fr", "Vue d'ensemble"), ("nl", "Overzicht")]
)
def test_a_case_from_acceptance_to_closure(page, case, language, overview_word):
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto("/accounts/login/")
    page.select_option("#language-switcher-select", language)
    with page.expect_navigation():
        page.click(".language-switcher button[type=submit]")
    sign_in(page, "camille", PASSWORD)
    base = f"/cases/{case.pk}/"

    page.goto(base)
    assert page.locator("html").get_attribute("lang") == language
    assert overview_word in page.inner_text("nav.tabs")
    assert_accessible(page)

    # The network: a general practitioner, and an exhausted sister.
    page.goto(f"{base}network/new/")
    page.check("input[name=kind][value=formal]")
    page.fill("#id_name", "Dr Janssens")
    page.fill("#id_organisation", "Maison médicale du Midi")
    page.select_option("#id_sector", "general_practice")
    page.select_option("#id_quality", "strong")
    assert_accessible(page)
    submit(page)
    page.goto(f"{base}network/new/")
    page.check("input[name=kind][value=informal]")
    page.fill("#id_name", "Sophie Benali")
    page.select_option("#id_relation", "family")
    page.select_option("#id_quality", "fragile")
    page.check("#id_exhausted")
    submit(page)
    page.goto(f"{base}network/map/")
    assert "Dr Janssens" in page.inner_html("main svg")
    assert_accessible(page)
    gp = case.actors.get(name="Dr Janssens")

    # Consent, with what the doctor may receive.
    page.goto(f"{base}consent/new/")
    page.check("input[name=status][value=given]")
    page.select_option("#id_method", "written")
    page.check(f"input[name='share_{gp.pk}'][value=physical_health]")
    page.check(f"input[name='share_{gp.pk}'][value=plan]")
    assert_accessible(page)
    submit(page)
    assert_accessible(page)

    # The assessment of housing.
    page.goto(f"{base}assessments/new/")
    page.click("details:has(#id_housing-needs) summary")
    page.fill("#id_housing-needs", "Un logement stable.")
    page.select_option("#id_housing-severity", "3")
    assert_accessible(page)
    submit(page)

    # A goal in the person's words, and the action that serves it, owned by the doctor.
    page.goto(f"{base}plan/goals/new/")
    page.fill("#id_own_words", "Retrouver un logement à moi")
    page.check("input[name=life_domains][value=housing]")
    submit(page)
    page.goto(f"{base}plan/actions/new/")
    page.fill("#id_what", "Certificat médical pour le logement social")
    page.select_option("#id_owner", str(gp.pk))
    page.fill("#id_due_on", (timezone.localdate() - timedelta(days=3)).isoformat())
    assert_accessible(page)
    submit(page)
    page.goto(f"{base}plan/")
    expect(page.locator("tr.overdue")).to_have_count(1)
    assert_accessible(page)
    page.goto(f"{base}plan/print/")
    assert_accessible(page)

    # The crisis plan.
    page.goto(f"{base}plan/crisis/edit/")
    page.fill("#id_warning_signs", "Ne dort plus, n'ouvre plus la porte.")
    page.fill("#id_contacts-0-name", "Urgences")
    page.fill("#id_contacts-0-phone", "112")
    assert_accessible(page)
    submit(page)
    assert_accessible(page)

    # The journal.
    page.goto(f"{base}journal/new/")
    page.select_option("#id_kind", "home_visit")
    page.fill("#id_text", "Visite avec l'infirmière : courrier trié ensemble.")
    assert_accessible(page)
    submit(page)
    page.goto(f"{base}journal/?q=courrier")
    assert "courrier" in page.inner_text("main table")
    assert_accessible(page)

    # The whole situation at a glance, then withdrawal and closure.
    page.goto(base)
    assert "Retrouver un logement à moi" in page.inner_text("main")
    assert_accessible(page)
    page.goto(f"{base}close/")
    page.check("#id_actors_know_mission")
    page.check("#id_person_agrees")
    page.check("#id_network_holds")
    page.select_option("#id_reason", "handed_over")
    page.fill("#id_follow_up_on", (timezone.localdate() + timedelta(days=90)).isoformat())
    page.fill("#id_note", "Le réseau reprend l'objectif ouvert.")  # open items need a note
    assert_accessible(page)
    submit(page)
    page.wait_for_url(f"**{base}")
    case.refresh_from_db()
    assert case.phase == "closed"
    assert_accessible(page)
    expect(page.locator(f"a[href='{base}journal/new/']")).to_have_count(0)

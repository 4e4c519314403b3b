"""In Chromium, in French then in Dutch: the case manager reads several parts of a case,
then closes it while a goal is open and an action overdue (the page lists them and asks
for a note, kept in the history); the person then finds the team's phone number in
their space, and in "who read my file" one line for the visit listing the parts read.
Screenshots in /tmp/space-*.png."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from maillage.network.models import Actor
from maillage.plans.models import Action, Goal
from maillage.testing import PASSWORD, Personas, make_person
from maillage.ui.tests.browser import assert_accessible, sign_in, sign_out

from .base import accepted_case, open_space

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTE = "Le CPAS reprend le logement ; l'objectif reste ouvert avec lui."


@pytest.fixture
def case():
    Personas.build_cast()
    case = accepted_case(Personas, make_person(given_name="Paul", language="fr"))
    case.team.phone = "02 555 01 00"
    case.team.save()
    goal = Goal.objects.create(
        case=case, own_words="Retrouver un logement à moi", created_by=Personas.camille
    )
    Action.objects.create(
        case=case,
        goal=goal,
        what="Déposer le dossier au CPAS",
        owner=Actor.objects.filter(case=case, kind=Actor.Kind.WORKER).first(),
        due_on=timezone.localdate() - timedelta(days=5),
        created_by=Personas.camille,
    )
    open_space(case)  # Paul's own account, in French
    return case


def choose_language(page, language: str) -> None:
    page.select_option("#language-switcher-select", language)
    with page.expect_navigation():
        page.click(".language-switcher button[type=submit]")
    expect(page.locator("html")).to_have_attribute("lang", language)


def test_closing_with_open_items_then_the_persons_log(page, case):
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in(page, "camille", PASSWORD)
    base = f"/cases/{case.pk}/"
    for path in ("", "plan/", "journal/"):
        page.goto(base + path)
        expect(page.locator("main h1")).to_be_visible()

    page.goto(f"{base}close/")
    choose_language(page, "nl")
    expect(page.locator("main section.alert-warning")).to_contain_text("Déposer le dossier")
    assert_accessible(page)
    page.screenshot(path="/tmp/space-close-nl.png", full_page=True)
    choose_language(page, "fr")
    warning = page.locator("main section.alert-warning")
    expect(warning).to_contain_text("Retrouver un logement à moi")
    expect(warning).to_contain_text("Déposer le dossier au CPAS")
    page.check("#id_actors_know_mission")
    page.check("#id_person_agrees")
    page.check("#id_network_holds")
    page.select_option("#id_reason", "handed_over")
    page.fill("#id_follow_up_on", (timezone.localdate() + timedelta(days=90)).isoformat())
    assert_accessible(page)
    with page.expect_navigation():
        page.click("main form .form-actions button[type=submit]")
    # No note: said at the field; the checklist and the reason are kept.
    expect(page.locator("#id_note_error")).to_have_count(1)
    expect(page.locator("#id_person_agrees")).to_be_checked()
    expect(page.locator("#id_reason")).to_have_value("handed_over")
    assert_accessible(page)
    page.screenshot(path="/tmp/space-close-error-fr.png", full_page=True)
    page.fill("#id_note", NOTE)
    with page.expect_navigation():
        page.click("main form .form-actions button[type=submit]")
    page.wait_for_url(f"**{base}")
    page.goto(f"{base}timeline/")
    expect(page.locator("main")).to_contain_text(NOTE)
    page.screenshot(path="/tmp/space-timeline-fr.png", full_page=True)
    case.refresh_from_db()
    assert (case.phase, case.closure_note) == ("closed", NOTE)
    sign_out(page)

    sign_in(page, "paul", PASSWORD)
    page.wait_for_url(re.compile(r".*/space/$"))
    expect(page.locator('main a[href="tel:025550100"]')).to_have_text("02 555 01 00")
    assert_accessible(page)
    page.screenshot(path="/tmp/space-home-fr.png", full_page=True)
    page.click("nav.tabs a[href='/space/access/']")
    page.wait_for_url("**/space/access/")
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(1)  # one visit, not one line per part
    expect(rows.first).to_contain_text("Camille")
    expect(rows.first).to_contain_text("Brusano")
    assert rows.first.locator("td").nth(3).inner_text().count(",") >= 2  # several parts
    assert_accessible(page)
    page.screenshot(path="/tmp/space-access-fr.png", full_page=True)

    choose_language(page, "nl")
    expect(page.locator("main table tbody tr")).to_have_count(1)
    assert_accessible(page)
    page.screenshot(path="/tmp/space-access-nl.png", full_page=True)
    page.goto("/space/")
    expect(page.locator('main a[href="tel:025550100"]')).to_have_count(1)
    page.screenshot(path="/tmp/space-home-nl.png", full_page=True)
    sign_out(page)

    sign_in(page, "camille", PASSWORD)
    choose_language(page, "nl")
    page.goto(f"{base}timeline/")
    expect(page.locator("main")).to_contain_text(NOTE)
    page.screenshot(path="/tmp/space-timeline-nl.png", full_page=True)

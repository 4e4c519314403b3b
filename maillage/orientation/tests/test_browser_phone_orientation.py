"""In Chromium, in French then in Dutch: from a case, the directory shows the services of
the person's commune first, "Nothing fits" above the results, a closed service without
"Orient here"; the worker orients to a service without email by phone, with the answer
given during the call, then records the service's later answer; the referral reads back
right. Screenshots in /tmp/orientation-*.png."""

import re

import pytest
from django.core import mail
from django.utils import translation
from playwright.sync_api import expect

from maillage.casefile import actions as casefile_actions
from maillage.cases.models import Case
from maillage.directory.models import Phone
from maillage.orientation.models import Referral
from maillage.testing import PASSWORD, Personas, make_person
from maillage.ui.tests.browser import assert_accessible, sign_in

from .fixtures import index, make_service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IXELLES, UCCLE = "21009", "21016"


@pytest.fixture
def case() -> Case:
    Personas.build_cast()
    person = make_person(given_name="Rosalie", family_name="Vandamme", residence=IXELLES)
    support_request = Personas.record(Personas.brusano, Personas.ines, person)
    casefile_actions.answer_request(
        support_request, by=Personas.ines, kind="accept", case_workers=[Personas.camille]
    )
    uccle = make_service("svc-uccle", name="Abri Logement Uccle", communes=(UCCLE,))
    local = make_service(
        "svc-ixelles", name="Maison Logement Ixelles", email="", communes=(IXELLES,)
    )
    Phone.objects.create(id="phone-ixelles", service=local, number="02 511 22 33")
    closed = make_service(
        "svc-closed", name="Logement Fermé Ixelles", status="inactive", communes=(IXELLES,)
    )
    index(uccle, local, closed)
    return Case.objects.get(support_request=support_request)


def label(choice, language: str) -> str:
    """A choice's label in a language (the catalogue's words, once translated)."""
    with translation.override(language):
        return str(choice.label)


def choose_language(page, language: str) -> None:
    page.select_option("#language-switcher-select", language)
    with page.expect_navigation():
        page.click(".language-switcher button[type=submit]")
    expect(page.locator("html")).to_have_attribute("lang", language)


def test_orient_by_phone_from_a_ranked_search(page, case):
    sign_in(page, "camille", PASSWORD)
    page.goto(f"/orientation/cases/{case.pk}/")
    page.click(f'main a[href^="/directory/?case={case.pk}"]')
    page.wait_for_url(re.compile(r"/directory/"))
    page.fill("main input[name=q]", "logement")
    page.select_option("select[name=status]", "")  # every status, to see the closed one
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=logement"))
    main = page.locator("main")
    expect(main).to_contain_text("Ixelles")
    results = page.locator("ol.directory-results > li h3")
    expect(results).to_have_count(3)
    expect(results.last).to_have_text("Abri Logement Uccle")  # not Ixelles: last
    # "Nothing fits" is above the first result, and again below the list.
    nothing_fits = page.locator('main a[href*="/orientation/unmet-needs/new/"]')
    expect(nothing_fits).to_have_count(2)
    top = nothing_fits.first.bounding_box()
    first_result = page.locator("ol.directory-results > li").first.bounding_box()
    assert top["y"] < first_result["y"]
    # The closed service: its status in words, no "Orient here".
    expect(page.locator('main a[href*="service=svc-closed"]')).to_have_count(0)
    expect(main).to_contain_text("inactif")
    assert_accessible(page)
    page.screenshot(path="/tmp/orientation-search-fr.png", full_page=True)

    page.click('main a[href*="service=svc-ixelles"]')
    page.wait_for_url(re.compile(r"/orientation/new/"))
    expect(page.locator("input[name=channel][value=email]")).to_have_count(0)
    expect(page.locator("input[name=channel][value=phone]")).to_be_checked()
    expect(page.locator('main a[href="tel:025112233"]')).to_have_count(1)
    page.select_option("select[name=life_domain]", "housing")
    page.fill("textarea[name=need]", "Un logement adapté au fauteuil")
    page.check("input[name=person_agreed]")
    page.check("input[name=answer][value=refused]")
    assert_accessible(page)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    # A refusal without its reason: said at the field, nothing typed is lost.
    expect(page.locator("#id_answer_reason_error")).to_have_count(1)
    expect(page.locator("textarea[name=need]")).to_have_value("Un logement adapté au fauteuil")
    expect(page.locator("input[name=answer][value=refused]")).to_be_checked()
    assert_accessible(page)
    page.screenshot(path="/tmp/orientation-new-error-fr.png", full_page=True)
    page.check("input[name=answer][value=waiting_list]")
    page.fill("textarea[name=answer_reason]", "Environ six semaines")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/orientation/[0-9a-f-]{36}/$"))
    expect(page.locator("main")).to_contain_text(label(Referral.Channel.PHONE, "fr"))
    expect(page.locator("main")).to_contain_text("Environ six semaines")
    assert_accessible(page)
    referral = Referral.objects.get()
    assert (referral.channel, referral.status, referral.sent_to) == ("phone", "waiting_list", "")
    assert mail.outbox == []

    # Six weeks later the service calls back: a place is free.
    page.select_option("select[name=status]", "accepted")
    page.fill("#id_reason", "Entrée le 1er du mois")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    history = page.locator("main table")
    expect(history.locator("tbody tr")).to_have_count(3)
    expect(history).to_contain_text("Entrée le 1er du mois")
    page.screenshot(path="/tmp/orientation-detail-fr.png", full_page=True)
    referral.refresh_from_db()
    assert referral.status == "accepted"

    choose_language(page, "nl")
    expect(page.locator("main")).to_contain_text(label(Referral.Channel.PHONE, "nl"))
    page.screenshot(path="/tmp/orientation-detail-nl.png", full_page=True)
    page.goto(f"/directory/?case={case.pk}&q=logement&status=")
    expect(page.locator("ol.directory-results > li h3").last).to_have_text("Abri Logement Uccle")
    expect(page.locator("main")).to_contain_text("inactief")
    assert_accessible(page)
    page.screenshot(path="/tmp/orientation-search-nl.png", full_page=True)
    page.goto(f"/orientation/new/?service=svc-ixelles&case={case.pk}")
    assert_accessible(page)
    page.screenshot(path="/tmp/orientation-new-nl.png", full_page=True)

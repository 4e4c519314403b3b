"""In Chromium, in French then in Dutch: the journey with fewer clicks. A case manager
accepts a request and follows the link to its case; adds the requesters to the network
in one click each; records the consent in one grid with a plain choice and a whole
column; is asked right away what a newcomer may receive; then changes the consent and
reads it back. Without JavaScript the grid works too. Each page passes axe-core."""

import re

import pytest
from playwright.sync_api import expect

from maillage.accounts.models import User
from maillage.cases.models import Case
from maillage.consent.rules import consent_in_force, shared_categories
from maillage.intake.actions import RequesterData
from maillage.testing import PASSWORD, Personas, make_person
from maillage.ui.tests.browser import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "/tmp/fewer-clicks"


@pytest.fixture
def support_request():
    Personas.build_cast()
    return Personas.record(
        Personas.brusano,
        Personas.ines,
        make_person(given_name="Louis", family_name="Lambert"),
        requesters=[
            RequesterData(kind="person"),
            RequesterData(
                kind="professional",
                name="Karim Benali",
                organisation="CPAS de Saint-Gilles",
                sector="social",
                contact="02 600 12 34",
            ),
            RequesterData(kind="carer", name="Sophie Lambert", contact="0470 12 34 56"),
        ],
    )


def submit(page) -> None:
    with page.expect_navigation():
        page.click("main form .form-actions button[type=submit]")


def switch_language(page, language: str) -> None:
    page.select_option("#language-switcher-select", language)
    with page.expect_navigation():
        page.click(".language-switcher button[type=submit]")
    expect(page.locator("html")).to_have_attribute("lang", language)


def box(page, actor, category: str):
    return page.locator(f"#id_share_{actor.pk}_{category}")


def test_the_journey_with_fewer_clicks(page, support_request):
    camille = User.objects.get(username="camille")
    noor = User.objects.get(username="noor")
    sign_in(page, "camille", PASSWORD)

    # 1. Accept: the message and the page link to the case and name its workers.
    page.goto(f"/requests/{support_request.pk}/")
    page.check("input[name=decision][value=accept]")
    page.check(f"input[name=case_workers][value='{camille.pk}']")
    page.check(f"input[name=case_workers][value='{noor.pk}']")
    with page.expect_navigation():
        page.click("form[action$='/answer/'] button[type=submit]")
    case = Case.objects.get(support_request=support_request)
    expect(page.locator(".messages")).to_contain_text("Camille")
    expect(page.locator(f".messages a[href='/cases/{case.pk}/']")).to_have_count(1)
    expect(page.locator("#answer-summary")).to_contain_text("Noor")
    assert_accessible(page)
    page.screenshot(path=f"{SHOTS}-fr-1-request.png", full_page=True)

    # 2. The requesters, offered on the network page: one click each.
    with page.expect_navigation():
        page.click(f"#answer-summary a[href='/cases/{case.pk}/network/#from-request']")
    offers = page.locator("#from-request")
    expect(offers).to_contain_text("Karim Benali")
    expect(offers).to_contain_text("Sophie Lambert")
    assert_accessible(page)
    page.screenshot(path=f"{SHOTS}-fr-2-network-offers.png", full_page=True)
    with page.expect_navigation():
        offers.locator("li", has_text="Karim Benali").locator("button[type=submit]").click()
    expect(page.locator("section[aria-labelledby=network-formal]")).to_contain_text(
        "CPAS de Saint-Gilles"
    )
    expect(page.locator("#from-request")).not_to_contain_text("Karim Benali")
    karim = case.actors.get(name="Karim Benali")

    # 3. The consent in one grid: a plain choice, then a whole column, then one box.
    page.goto(f"/cases/{case.pk}/consent/new/")
    page.check("input[name=status][value=given]")
    page.select_option("#id_method", "oral")
    page.click("button[data-preset=plan]")
    expect(box(page, karim, "plan")).to_be_checked()
    expect(box(page, karim, "identity")).to_be_checked()
    expect(box(page, karim, "income")).not_to_be_checked()
    expect(page.locator("[data-preset-status]")).to_be_visible()
    page.check("#id_all_category_income")
    expect(box(page, karim, "income")).to_be_checked()
    page.uncheck(f"#id_share_{karim.pk}_contact")
    expect(page.locator("#id_all_category_contact")).not_to_be_checked()
    expect(page.locator(f"#id_all_actor_{karim.pk}")).not_to_be_checked()
    page.check(f"#id_all_actor_{karim.pk}")
    expect(box(page, karim, "journal")).to_be_checked()
    page.uncheck(f"#id_all_actor_{karim.pk}")
    expect(box(page, karim, "plan")).not_to_be_checked()
    page.click("button[data-preset=plan]")
    page.check("#id_all_category_income")
    page.uncheck(f"#id_share_{karim.pk}_contact")
    assert_accessible(page)
    page.screenshot(path=f"{SHOTS}-fr-3-consent-grid.png", full_page=True)
    submit(page)
    expect(page.locator("#in-force-heading")).to_be_visible()
    consent = consent_in_force(case)
    assert shared_categories(consent, karim) == {"identity", "income", "plan"}

    # 4. A newcomer is asked right there what they may receive.
    page.goto(f"/cases/{case.pk}/network/")
    with page.expect_navigation():
        page.locator("#from-request li", has_text="Sophie Lambert").locator(
            "button[type=submit]"
        ).click()
    sophie = case.actors.get(name="Sophie Lambert")
    expect(page).to_have_url(
        re.compile(rf"/cases/{case.pk}/consent/share/{sophie.pk}/\?back=network$")
    )
    expect(page.locator("h1")).to_contain_text("Sophie Lambert")
    page.click("button[data-preset=roles]")
    expect(page.locator("#id_categories_crisis_plan")).to_be_checked()
    expect(page.locator("#id_categories_income")).not_to_be_checked()
    assert_accessible(page)
    page.screenshot(path=f"{SHOTS}-fr-4-share-with-newcomer.png", full_page=True)
    submit(page)
    expect(page.locator("h1")).to_contain_text("Louis Lambert")  # back on the network
    consent = consent_in_force(case)
    assert shared_categories(consent, sophie) == {"identity", "contact", "plan", "crisis_plan"}
    assert shared_categories(consent, karim) == {"identity", "income", "plan"}

    # 5. The consent recorded again starts from the one in force, and reads back right.
    page.goto(f"/cases/{case.pk}/consent/new/")
    expect(box(page, karim, "income")).to_be_checked()
    expect(box(page, karim, "contact")).not_to_be_checked()
    expect(box(page, sophie, "crisis_plan")).to_be_checked()
    expect(page.locator("#id_all_category_plan")).to_be_checked()
    page.check(f"#id_share_{karim.pk}_housing")
    submit(page)
    scope = page.locator("table.data").first
    expect(scope).to_contain_text("Karim Benali")
    consent = consent_in_force(case)
    assert shared_categories(consent, karim) == {"identity", "housing", "income", "plan"}
    assert shared_categories(consent, sophie) == {"identity", "contact", "plan", "crisis_plan"}
    assert case.consents.count() == 3
    assert_accessible(page)
    page.screenshot(path=f"{SHOTS}-fr-5-consent-list.png", full_page=True)

    # 6. In Dutch: a new professional, offered the shares; "not now" keeps it for later.
    switch_language(page, "nl")
    page.goto(f"/cases/{case.pk}/network/new/")
    page.check("input[name=kind][value=formal]")
    page.fill("#id_name", "Dr Janssens")
    page.fill("#id_organisation", "Wijkgezondheidscentrum")
    page.select_option("#id_sector", "general_practice")
    submit(page)
    expect(page.locator("h1")).to_contain_text("Dr Janssens")
    assert_accessible(page)
    page.screenshot(path=f"{SHOTS}-nl-1-share-with-newcomer.png", full_page=True)
    with page.expect_navigation():
        page.click("main form .form-actions a")  # not now
    assert case.consents.count() == 3
    page.goto(f"/cases/{case.pk}/consent/")
    expect(page.locator("#without-share")).to_contain_text("Dr Janssens")
    page.screenshot(path=f"{SHOTS}-nl-2-consent-list.png", full_page=True)
    page.goto(f"/cases/{case.pk}/consent/new/")
    assert_accessible(page)
    page.screenshot(path=f"{SHOTS}-nl-3-consent-grid.png", full_page=True)
    page.goto(f"/requests/{support_request.pk}/")
    page.screenshot(path=f"{SHOTS}-nl-4-request.png", full_page=True)


def test_the_grid_works_without_javascript(chromium, live_server, support_request):
    from maillage.casefile import actions as casefile_actions

    casefile_actions.answer_request(
        support_request, by=Personas.ines, kind="accept", case_workers=[Personas.camille]
    )
    case = Case.objects.get(support_request=support_request)
    context = chromium.new_context(
        base_url=live_server.url, locale="fr-BE", java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        sign_in(page, "camille", PASSWORD)
        page.goto(f"/cases/{case.pk}/network/")
        for name in ("Karim Benali", "Sophie Lambert"):
            with page.expect_navigation():
                page.locator("#from-request li", has_text=name).locator(
                    "button[type=submit]"
                ).click()
        karim = case.actors.get(name="Karim Benali")
        sophie = case.actors.get(name="Sophie Lambert")
        page.goto(f"/cases/{case.pk}/consent/new/")
        page.check("input[name=status][value=given]")
        page.select_option("#id_method", "written")
        page.fill("#id_notes", "Signé au bureau.")
        with page.expect_navigation():
            page.click("button[data-preset=roles]")
        expect(page.locator("#id_notes")).to_have_value("Signé au bureau.")
        expect(box(page, karim, "income")).to_be_checked()
        expect(box(page, sophie, "crisis_plan")).to_be_checked()
        assert case.consents.count() == 0
        page.check(f"#id_all_actor_{sophie.pk}")
        submit(page)
        consent = consent_in_force(case)
        assert consent.notes == "Signé au bureau."
        assert shared_categories(consent, karim) == {
            "identity",
            "contact",
            "housing",
            "income",
            "administrative",
            "plan",
        }
        assert len(shared_categories(consent, sophie)) == 16
    finally:
        context.close()

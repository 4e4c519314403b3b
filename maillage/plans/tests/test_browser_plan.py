"""In Chromium: a case manager writes goals and actions, changes a status in place,
prints the plan, and agrees a crisis plan in two versions; every page is free of
serious accessibility violations."""

import re

import pytest
from playwright.sync_api import expect

from maillage.casefile import actions as casefile_actions
from maillage.cases.models import Case
from maillage.testing import PASSWORD, Personas
from maillage.ui.tests.browser import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def case() -> Case:
    Personas.build_cast()
    support_request = Personas.record(Personas.brusano, Personas.ines)
    casefile_actions.answer_request(
        support_request,
        by=Personas.ines,
        kind="accept",
        case_workers=[Personas.camille, Personas.noor],
    )
    return Case.objects.get(support_request=support_request)


def test_plan_then_crisis_plan(page, case):
    base = f"/cases/{case.pk}/plan/"
    sign_in(page, "camille", PASSWORD)
    page.goto(base)
    assert_accessible(page)

    # A goal in the person's own words; an empty form first stays accessible.
    page.click(f"a[href='{base}goals/new/']")
    page.wait_for_url(f"**{base}goals/new/")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    expect(page.locator("#id_own_words_error")).to_have_count(1)
    assert_accessible(page)
    page.fill("#id_own_words", "Retrouver un logement à moi")
    page.check("input[name=life_domains][value=housing]")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/plan/$"))
    expect(page.locator("main h2").first).to_contain_text("Retrouver un logement à moi")

    # An overdue action for this goal.
    page.click("a[href*='actions/new/?goal=']")
    page.wait_for_url("**/actions/new/?goal=*")
    assert_accessible(page)
    page.fill("#id_what", "Visiter l'appartement de l'AIS")
    page.select_option("#id_owner", index=1)
    page.fill("#id_due_on", "2020-01-15")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/plan/#action-.*"))
    row = page.locator("main tr.overdue")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(re.compile("retard|overdue"))
    assert_accessible(page)

    # Done, from the row itself (htmx swaps the row): it no longer stands out.
    row.locator("select").select_option("done")
    row.locator("button[type=submit]").click()
    expect(page.locator("main tr.overdue")).to_have_count(0)
    expect(page.locator("main tbody tr select")).to_have_value("done")
    assert_accessible(page)

    page.goto(f"{base}print/")
    expect(page.locator("main table")).to_contain_text("Visiter l'appartement")
    assert_accessible(page)

    # The crisis plan, then a second version; the first stays readable.
    page.goto(f"{base}crisis/")
    assert_accessible(page)
    page.click(f"a[href='{base}crisis/edit/']")
    page.wait_for_url(f"**{base}crisis/edit/")
    assert_accessible(page)
    page.fill("#id_warning_signs", "Je ne dors plus.")
    page.fill("#id_contacts-0-name", "Urgences")
    page.fill("#id_contacts-0-phone", "112")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/crisis/$"))
    expect(page.locator("main")).to_contain_text("112")
    page.click(f"a[href='{base}crisis/edit/']")
    page.wait_for_url(f"**{base}crisis/edit/")
    expect(page.locator("#id_warning_signs")).to_have_value("Je ne dors plus.")
    page.fill("#id_what_helps", "Marcher au parc.")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/crisis/$"))
    assert_accessible(page)
    page.click(f"a[href='{base}crisis/v1/']")
    page.wait_for_url(f"**{base}crisis/v1/")
    expect(page.locator("main")).to_contain_text("Je ne dors plus.")
    expect(page.locator("main")).not_to_contain_text("Marcher au parc.")
    assert_accessible(page)
    page.goto(f"{base}crisis/print/")
    expect(page.locator("main")).to_contain_text("Marcher au parc.")
    assert_accessible(page)

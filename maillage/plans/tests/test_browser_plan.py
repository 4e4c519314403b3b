"""In Chromium: a case manager writes goals and actions, changes a status in place,
prints the plan, and agrees a crisis plan in two versions; every page is free of
serious accessibility violations."""

import re

import pytest
from playwright.sync_api import expect

from maillage.cases.models import Case
from maillage.intake import actions as intake_actions
from maillage.testing import PASSWORD, Personas
from maillage.ui.tests.browser import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def case() -> Case:
    Personas.build_cast()
    support_request = Personas.record(Personas.brusano, Personas.ines)
    intake_actions.answer_request(
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
    page.click("main form button[type=submit]")
    assert_accessible(page)
    page.fill("#id_own_words", "Retrouver un logement à moi")
    page.check("input[name=life_domains][value=housing]")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/plan/$"))
    assert "Retrouver un logement à moi" in page.locator("main h2").first.inner_text()

    # An overdue action for this goal.
    page.click("a[href*='actions/new/?goal=']")
    assert_accessible(page)
    page.fill("#id_what", "Visiter l'appartement de l'AIS")
    page.select_option("#id_owner", index=1)
    page.fill("#id_due_on", "2020-01-15")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/plan/#action-.*"))
    row = page.locator("main tr.overdue")
    assert row.count() == 1
    assert "overdue" in row.inner_text() or "retard" in row.inner_text()
    assert_accessible(page)

    # Done, from the row itself (htmx swaps the row): it no longer stands out.
    row.locator("select").select_option("done")
    row.locator("button[type=submit]").click()
    expect(page.locator("main tr.overdue")).to_have_count(0)
    assert page.locator("main tbody tr select").input_value() == "done"
    assert_accessible(page)

    page.goto(f"{base}print/")
    assert "Visiter l'appartement" in page.locator("main table").inner_text()
    assert_accessible(page)

    # The crisis plan, then a second version; the first stays readable.
    page.goto(f"{base}crisis/")
    assert_accessible(page)
    page.click(f"a[href='{base}crisis/edit/']")
    assert_accessible(page)
    page.fill("#id_warning_signs", "Je ne dors plus.")
    page.fill("#id_contacts-0-name", "Urgences")
    page.fill("#id_contacts-0-phone", "112")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/crisis/$"))
    assert "112" in page.locator("main").inner_text()
    page.click(f"a[href='{base}crisis/edit/']")
    assert page.locator("#id_warning_signs").input_value() == "Je ne dors plus."
    page.fill("#id_what_helps", "Marcher au parc.")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/crisis/$"))
    assert_accessible(page)
    page.click(f"a[href='{base}crisis/v1/']")
    assert "Marcher au parc." not in page.locator("main").inner_text()
    assert_accessible(page)
    page.goto(f"{base}crisis/print/")
    assert "Marcher au parc." in page.locator("main").inner_text()
    assert_accessible(page)

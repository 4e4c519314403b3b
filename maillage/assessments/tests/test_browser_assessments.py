"""In Chromium: a case manager assesses, re-assesses and reads what changed; every page
of the way is free of serious accessibility violations."""

import re

import pytest
from playwright.sync_api import expect

from maillage.testing import PASSWORD, Personas
from maillage.ui.tests.browser import assert_accessible, sign_in

from .base import open_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def case():
    Personas.build_cast()
    return open_case(Personas)


def test_assess_then_re_assess_and_see_what_changed(page, case):
    base = f"/cases/{case.pk}/assessments/"
    sign_in(page, "camille", PASSWORD)
    page.goto(base)
    assert_accessible(page)
    page.click(f"a[href='{base}new/']")
    assert_accessible(page)

    # An invalid form keeps the text and stays accessible.
    page.click("details:has(#id_housing-needs) summary")
    page.fill("#id_housing-needs", "Un logement stable.")
    page.fill("#id_assessed_on", "2999-01-01")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    expect(page.locator("#id_assessed_on_error")).to_have_count(1)
    expect(page.locator("#id_housing-needs")).to_have_value("Un logement stable.")
    assert_accessible(page)

    page.fill("#id_assessed_on", "2025-01-15")
    page.select_option("#id_housing-severity", "3")
    page.fill("#id_housing-risks", "Expulsion.")
    page.click("details:has(#id_mental_health-needs) summary")
    page.fill("#id_mental_health-needs", "Reprendre un suivi.")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/assessments/[0-9a-f-]{36}/$"))
    assert_accessible(page)

    # The re-assessment starts from what was said.
    page.goto(f"{base}new/")
    assert page.locator("#id_housing-needs").input_value() == "Un logement stable."
    page.select_option("#id_housing-severity", "2")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/assessments/[0-9a-f-]{36}/$"))
    changes = page.locator("main table").first
    expect(changes).to_contain_text("(3)")
    expect(changes).to_contain_text("(2)")
    assert_accessible(page)

    page.click("a[href$='/edit/']")
    assert_accessible(page)
    page.go_back()
    page.click("a[href$='/print/']")
    assert_accessible(page)
    page.goto(base)
    assert page.locator("main table").count() == 2
    assert_accessible(page)

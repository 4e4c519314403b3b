"""In Chromium: from the case overview, a case manager corrects a phone number (the
history keeps the old one); the page is free of serious accessibility violations."""

import re

import pytest
from playwright.sync_api import expect

from maillage.casefile import actions as casefile_actions
from maillage.cases.models import Case
from maillage.records.models import Rectification
from maillage.testing import PASSWORD, Personas, make_person
from maillage.ui.tests.browser import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def case() -> Case:
    Personas.build_cast()
    person = make_person(phone="0470 11 22 33")
    support_request = Personas.record(Personas.brusano, Personas.ines, person)
    casefile_actions.answer_request(
        support_request, by=Personas.ines, kind="accept", case_workers=[Personas.camille]
    )
    return Case.objects.get(support_request=support_request)


def test_correct_identity_details_from_the_case(page, case):
    sign_in(page, "camille", PASSWORD)
    page.goto(f"/cases/{case.pk}/")
    page.click(f"a[href='/persons/{case.person_id}/records/identity/']")
    page.wait_for_url("**/records/identity/")
    assert_accessible(page)
    with page.expect_navigation():
        page.click("main form button[type=submit]")  # no reason, no change: errors shown
    expect(page.locator("#id_reason_error")).to_have_count(1)
    assert_accessible(page)
    page.fill("#id_phone", "0470 99 88 77")
    page.fill("#id_reason", "Nouveau numéro donné par la personne")
    with page.expect_navigation(url=re.compile(r".*/records/identity/$")):
        page.click("main form button[type=submit]")
    expect(page.locator("main table")).to_contain_text("0470 11 22 33")
    assert_accessible(page)
    assert Rectification.objects.get().new_value == "0470 99 88 77"

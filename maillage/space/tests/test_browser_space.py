"""In Chromium, in French: a person's first visit — the code of their letter, a
password, their home page, then who read their file — free of serious accessibility
violations."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from maillage import audit
from maillage.plans.models import Goal
from maillage.space import actions
from maillage.space.models import format_code
from maillage.testing import PASSWORD, Personas, make_person
from maillage.ui.tests.browser import assert_accessible

from .base import PURPOSE, accepted_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def code():
    Personas.build_cast()
    case = accepted_case(Personas, make_person(given_name="Paul", language="fr"))
    Goal.objects.create(case=case, own_words="Un toit à moi", created_by=Personas.camille)
    audit.record(Personas.camille, "case.viewed", person=case.person_id, case=case, part="plan")
    audit.record(Personas.lea, "case.viewed", person=case.person_id, case=case, purpose=PURPOSE)
    return format_code(actions.invite(case, by=Personas.camille).code)


def test_a_persons_first_visit(page, code):
    page.goto("/space/code/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert_accessible(page)
    page.fill("#id_code", "AAAA-BBBB-CC")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    expect(page.locator("#id_code_error")).to_have_count(1)
    assert_accessible(page)

    page.fill("#id_code", code)
    page.click("main button[type=submit]")
    page.wait_for_url("**/space/activate/")
    assert_accessible(page)
    page.fill("#id_username", "paul")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r".*/space/$"))
    expect(page.locator("main")).to_contain_text("Camille")
    assert_accessible(page)

    page.click("main a[href$='/goals/']")
    page.wait_for_url("**/goals/")
    expect(page.locator("main")).to_contain_text("Un toit à moi")
    assert_accessible(page)

    page.click("nav.tabs a[href='/space/access/']")
    page.wait_for_url("**/space/access/")
    log = page.locator("main table")
    expect(log).to_contain_text("Camille")
    expect(log).to_contain_text(PURPOSE)
    expect(page.locator("main tr.flagged")).to_have_count(1)
    assert_accessible(page)


@pytest.fixture
def case_with_wish():
    Personas.build_cast()
    case = accepted_case(Personas, make_person(given_name="Paul"))
    paul = actions.activate(
        actions.invite(case, by=Personas.camille).invitation,
        username="paul",
        password=PASSWORD,
        language="fr",
    ).user
    actions.ask_consent_change(case, by=paul, text="Plus rien au CPAS")
    TOTPDevice.objects.create(user=Personas.lea, name="test", confirmed=True)
    return case


def test_the_case_managers_side_and_a_read_with_a_purpose(page, case_with_wish):
    from maillage.ui.tests.browser import sign_in, sign_out

    case = case_with_wish
    sign_in(page, "camille", PASSWORD)
    page.goto(f"/cases/{case.pk}/")
    assert_accessible(page)
    page.click(f"a[href='/cases/{case.pk}/space/']")
    page.wait_for_url(f"**/cases/{case.pk}/space/")
    expect(page.locator("main")).to_contain_text("paul")
    assert_accessible(page)
    with page.expect_navigation():
        page.click("main button[value=html]")
    expect(page.locator("main .code")).to_have_count(1)
    assert_accessible(page)
    page.goto(f"/cases/{case.pk}/space/print/")
    assert_accessible(page)
    page.goto(f"/cases/{case.pk}/consent/")
    expect(page.locator("main")).to_contain_text("Plus rien au CPAS")
    assert_accessible(page)
    sign_out(page)
    sign_in(page, "lea", PASSWORD)
    page.goto("/cases/purpose/")
    assert_accessible(page)
    page.fill("#id_case", "pas une référence")
    page.fill("#id_purpose", "court")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    expect(page.locator(".field-error")).to_have_count(2)
    assert_accessible(page)

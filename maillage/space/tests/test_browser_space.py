"""In Chromium, in French: a person's first visit — the code of their letter, a
password, their home page, then who read their file — free of serious accessibility
violations."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

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
    page.click("main button[type=submit]")
    assert page.locator("#id_code_error").count() == 1
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
    assert "Camille" in page.locator("main").inner_text()
    assert_accessible(page)

    page.click("main a[href$='/goals/']")
    assert "Un toit à moi" in page.locator("main").inner_text()
    assert_accessible(page)

    page.click("nav.tabs a[href='/space/access/']")
    page.wait_for_url("**/space/access/")
    log = page.locator("main table").inner_text()
    assert "Camille" in log and PURPOSE in log
    assert page.locator("main tr.flagged").count() == 1
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
    assert "paul" in page.locator("main").inner_text()
    assert_accessible(page)
    page.click("main button[value=html]")
    assert page.locator("main .code").count() == 1
    assert_accessible(page)
    page.goto(f"/cases/{case.pk}/space/print/")
    assert_accessible(page)
    page.goto(f"/cases/{case.pk}/consent/")
    assert "Plus rien au CPAS" in page.locator("main").inner_text()
    assert_accessible(page)
    sign_out(page)
    sign_in(page, "lea", PASSWORD)
    page.goto("/cases/purpose/")
    assert_accessible(page)
    page.fill("#id_case", "pas une référence")
    page.fill("#id_purpose", "court")
    page.click("main button[type=submit]")
    assert page.locator(".field-error").count() == 2
    assert_accessible(page)

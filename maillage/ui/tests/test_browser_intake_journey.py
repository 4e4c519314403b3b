"""In Chromium: an intake worker records and answers a request; the case manager opens
the case. Each page passes axe-core (WCAG 2.1 AA) without serious or critical issues."""

import pytest
from playwright.sync_api import expect

from maillage.cases.models import Case
from maillage.intake.models import SupportRequest
from maillage.testing import PASSWORD, Personas

from .browser import assert_accessible, sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def cast():
    Personas.build_cast()
    return Personas


def test_the_whole_intake_journey(page, cast):
    page.goto("/accounts/login/")
    assert_accessible(page)
    sign_in(page, "ines", PASSWORD)

    page.goto("/requests/")
    assert_accessible(page)
    page.click("a[href='/requests/new/']")
    page.wait_for_url("**/requests/new/")
    page.select_option("#id_programme", "brusano")
    page.fill("#id_given_name", "Fatima")
    page.fill("#id_family_name", "Benali")
    page.fill("#id_birth_date", "1971-03-02")
    page.select_option("#id_residence", "21015")
    page.select_option("#id_requesters-0-kind", "professional")
    page.fill("#id_requesters-0-organisation", "CPAS de Schaerbeek")
    page.select_option("#id_fact_living_situation", "home")
    assert_accessible(page)
    page.click("form.form .form-actions button[type=submit]")

    page.wait_for_url("**/requests/*-*/")
    support_request = SupportRequest.objects.get()
    expect(page.locator(".badge-met")).to_have_count(3)
    expect(page.locator(".badge-eligible").first).to_be_visible()
    assert support_request.answer_due is not None
    assert_accessible(page)

    page.check("input[name=decision][value=accept]")
    page.check(f"input[name=case_workers][value='{cast.camille.pk}']")
    page.check(f"input[name=case_workers][value='{cast.noor.pk}']")
    page.click("form[action$='/answer/'] button[type=submit]")
    page.wait_for_selector(".badge-answered")
    assert_accessible(page)
    case = Case.objects.get(support_request=support_request)
    sign_out(page)

    sign_in(page, "camille", PASSWORD)
    page.goto("/cases/")
    assert_accessible(page)
    page.click(f"a[href='/cases/{case.pk}/']")
    page.wait_for_url(f"**/cases/{case.pk}/")
    expect(page.locator("h1")).to_contain_text("Benali")
    assert_accessible(page)


def test_the_duplicate_warning_appears_while_typing(page, cast):
    from datetime import date

    from maillage.testing import make_person

    known = make_person(given_name="Mohamed", family_name="El Amrani", birth_date=date(1990, 1, 5))
    Personas.record(cast.brusano, cast.ines, known)
    sign_in(page, "ines", PASSWORD)
    page.goto("/requests/new/")
    page.fill("#id_given_name", "Mohammed")
    page.fill("#id_family_name", "El Amrani")
    page.fill("#id_birth_date", "1990-01-05")
    page.press("#id_birth_date", "Tab")
    page.wait_for_selector(f"#person-{known.pk}")
    assert_accessible(page)


@pytest.mark.parametrize(("language", "heading"), [("nl", "Aanmelden"), ("en", "Sign in")])
def test_the_interface_switches_language(page, cast, language, heading):
    page.goto("/accounts/login/")
    page.select_option("#language-switcher-select", language)
    page.click(".language-switcher button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == language
    assert heading in page.inner_text("main h1")
    assert_accessible(page)

"""In Chromium: a case manager records the person's consent, then withdraws it at the
person's request. Each page passes axe-core (WCAG 2.1 AA) without serious issues."""

import pytest

from maillage.consent.rules import consent_in_force, shared_categories
from maillage.testing import PASSWORD, Personas
from maillage.ui.tests.browser import assert_accessible, sign_in

from .base import add_actor, open_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def case():
    Personas.build_cast()
    case = open_case(Personas)
    add_actor(case, "Dr Claire Dubois", organisation="Maison médicale", sector="general_practice")
    add_actor(case, "Sophie Lambert", kind="informal", relation="family")
    return case


def test_record_then_withdraw_consent(page, case):
    gp = case.actors.get(name="Dr Claire Dubois")
    sign_in(page, "camille", PASSWORD)
    page.goto(f"/cases/{case.pk}/consent/")
    assert page.locator(".alert-warning").count() == 1
    assert_accessible(page)

    page.click(f"a[href='/cases/{case.pk}/consent/new/']")
    page.check("input[name=status][value=given]")
    page.select_option("#id_method", "written")
    page.check(f"input[name='share_{gp.pk}'][value=physical_health]")
    page.check(f"input[name='share_{gp.pk}'][value=plan]")
    assert_accessible(page)
    page.click("form.form .form-actions button[type=submit]")
    page.wait_for_url(f"**/cases/{case.pk}/consent/")
    assert page.locator(".alert-warning").count() == 0
    assert "Dr Claire Dubois" in page.inner_text("table.data")
    assert_accessible(page)
    assert shared_categories(consent_in_force(case), gp) == {"physical_health", "plan"}

    # Re-recording starts from the consent in force.
    page.goto(f"/cases/{case.pk}/consent/new/")
    assert page.is_checked(f"input[name='share_{gp.pk}'][value=plan]")

    page.goto(f"/cases/{case.pk}/consent/")
    page.fill("#id_reason", "Souhaite faire une pause.")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button[data-confirm]")
    page.wait_for_selector(".alert-warning")
    assert consent_in_force(case).status == "withdrawn"
    assert "Souhaite faire une pause." in page.inner_text("main")
    assert_accessible(page)

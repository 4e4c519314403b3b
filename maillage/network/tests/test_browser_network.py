"""In Chromium, in French: a case manager draws the network (adds a GP and a sister,
marks the sister exhausted), reads the map, then ends the GP's membership. Each page
passes axe-core (WCAG 2.1 AA) without serious issues."""

import pytest
from playwright.sync_api import expect

from maillage.testing import PASSWORD, Personas
from maillage.ui.tests.browser import assert_accessible, sign_in

from .base import open_brusano_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def case():
    Personas.build_cast()
    return open_brusano_case(Personas)


def test_draw_the_network_then_end_a_membership(page, case):
    base = f"/cases/{case.pk}/network/"
    sign_in(page, "camille", PASSWORD)
    page.goto(base)
    assert "Camille" in page.inner_text("main")
    assert_accessible(page)

    page.click(f"a[href='{base}new/']")
    page.check("input[name=kind][value=formal]")
    page.fill("#id_name", "Dr Janssens")
    page.fill("#id_organisation", "Maison médicale du Midi")
    page.select_option("#id_sector", "general_practice")
    page.select_option("#id_quality", "strong")
    page.fill("#id_role", "médecin traitant")
    assert_accessible(page)
    page.click("form.form .form-actions button[type=submit]")
    page.wait_for_url(f"**{base}")

    page.goto(f"{base}new/")
    page.check("input[name=kind][value=informal]")
    page.fill("#id_name", "Sophie Lambert")
    with page.expect_navigation():
        page.click("form.form .form-actions button[type=submit]")
    # an informal actor needs a relation
    expect(page.locator("#id_relation_error")).to_have_count(1)
    assert_accessible(page)
    page.select_option("#id_relation", "family")
    page.select_option("#id_quality", "fragile")
    page.check("#id_exhausted")
    page.click("form.form .form-actions button[type=submit]")
    page.wait_for_url(f"**{base}")
    expect(page.locator("main")).to_contain_text("Épuisé")
    assert_accessible(page)

    page.goto(f"{base}map/")
    svg = page.locator("figure svg")
    assert svg.get_attribute("role") == "img"
    assert "Dr Janssens" in page.inner_text("figure")
    assert "Sophie Lambert" in page.inner_text("section[aria-labelledby=description-heading] ul")
    assert_accessible(page)

    gp = case.actors.get(name="Dr Janssens")
    page.goto(f"{base}{gp.pk}/edit/")
    assert_accessible(page)
    page.click("#end button[type=submit]")
    page.wait_for_url(f"**{base}")
    expect(page.locator("section[aria-labelledby=network-past]")).to_contain_text("Dr Janssens")
    formal = page.locator("section[aria-labelledby=network-formal]")
    expect(formal).not_to_contain_text("Dr Janssens")
    page.goto(f"{base}map/")
    assert "Dr Janssens" not in page.inner_text("figure")

"""In Chromium, without an account: the public form in French and in Dutch, checking
which programmes could fit, an error, sending, and the private status page — each free
of serious or critical accessibility violations (axe-core)."""

import pytest

from maillage.intake.models import SupportRequest
from maillage.testing import Personas
from maillage.ui.tests.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def cast() -> None:
    Personas.build_cast()


def fill(page) -> None:
    page.check("input[name=kind][value=carer]")
    page.fill("input[name=name]", "Marie Aidant")
    page.fill("input[name=email]", "marie@example.org")
    page.fill("input[name=given_name]", "Jeanne")
    page.fill("input[name=family_name]", "Publique")
    page.fill("input[name=age]", "67")
    page.select_option("select[name=residence]", "21009")
    page.fill("textarea[name=what_is_asked]", "Un accompagnement pour reprendre pied.")
    page.check("input[name=fact_living_situation][value=home]")
    page.check("input[name=consent][value=agrees]")


def test_the_public_form_in_french(page, cast):
    page.goto("/public/request/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert_accessible(page)
    fill(page)
    with page.expect_navigation():
        page.click("button[value=check]")
    assert page.locator("#fits").is_visible()
    assert_accessible(page)
    with page.expect_navigation():
        page.click("button[value=send]")
    assert "/public/request/status/" in page.url
    assert_accessible(page)
    assert SupportRequest.objects.get().programme.code == "brusano"


def test_the_public_form_in_dutch_with_an_error(chromium, live_server, cast):
    context = chromium.new_context(base_url=live_server.url, locale="nl-BE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto("/public/request/")
        assert page.locator("html").get_attribute("lang") == "nl"
        assert_accessible(page)
        page.fill("input[name=given_name]", "Jeanne")
        with page.expect_navigation():
            page.click("button[value=send]")
        assert page.locator(".error-summary").is_visible()
        assert page.input_value("input[name=given_name]") == "Jeanne"
        assert_accessible(page)
    finally:
        context.close()


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_a_colleague_is_invited_and_joins(chromium, live_server, cast, language):
    """The status page, the invitation and the colleague's page, in French and Dutch."""
    context = chromium.new_context(base_url=live_server.url, locale=f"{language}-BE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        _colleague_joins(page, language)
    finally:
        context.close()


def _colleague_joins(page, language: str) -> None:
    from maillage.public import actions
    from maillage.public.tests.base import body

    _submission, token, _how = actions.submit(
        body("bru-stars", professional="CMP"), language=language
    )
    page.goto(f"/public/request/status/{token}/")
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)
    with page.expect_navigation():
        page.click("form[action$='/invite/'] button[type=submit]")
    assert_accessible(page)
    join_url = page.locator("code").inner_text()
    page.goto("/public/" + join_url.split("/public/", 1)[1])
    assert_accessible(page)
    page.fill("input[name=name]", "Sara Collègue")
    page.fill("input[name=organisation]", "SSM Le Méridien")
    page.fill("input[name=contact]", "sara@example.org")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert_accessible(page)
    assert SupportRequest.objects.get().eligibility_outcome == "eligible"

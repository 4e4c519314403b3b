"""In Chromium, in French and in Dutch: the signal's questions, an invalid answer and
the findings pass axe-core (no serious or critical violation); so do the analysts'
figures."""

import re

import pytest
from playwright.sync_api import expect

from maillage.screening.models import ComplexitySignal
from maillage.testing import PASSWORD, Personas
from maillage.ui.tests.browser import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def choose_language(page, language: str) -> None:
    page.goto("/public/signal/")
    page.select_option("#language-switcher-select", language)
    page.click(".language-switcher button[type=submit]")
    expect(page.locator("html")).to_have_attribute("lang", language)


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_the_signal_is_accessible_from_questions_to_findings(page, language):
    Personas.build_cast()  # the example programmes, for the findings
    choose_language(page, language)
    page.goto("/public/signal/")
    assert_accessible(page)

    page.click("main button[type=submit]")  # nothing answered: the error summary
    expect(page.locator("#error-summary-title")).to_be_visible()
    assert_accessible(page)

    for name, value in [
        ("unstable", "yes"),
        ("inadequate_help", "yes"),
        ("coordination", "no"),
        ("network", "exhausted"),
        ("mental_health", "at_risk"),
        ("age_band", "24_64"),
        ("brussels", "yes"),
        ("reporter", "gp"),
    ]:
        page.check(f"input[name={name}][value='{value}']")
    page.check("input[name=domains][value=housing]")
    page.check("input[name=first_signs][value=eviction]")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    expect(page.locator("button[name=choice][value=anonymous]")).to_be_visible()
    assert_accessible(page)

    with page.expect_navigation():
        page.click("button[name=choice][value=anonymous]")
    expect(page).to_have_url(re.compile(r"/public/signal/recorded/$"))
    assert_accessible(page)
    assert ComplexitySignal.objects.filter(anonymous=True).count() == 1


def test_the_figures_are_accessible(page):
    Personas.build_cast()
    sign_in(page, "ana", PASSWORD)
    page.goto("/screening/figures/?by=age_band")
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)

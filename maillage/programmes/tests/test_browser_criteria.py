"""In Chromium, in French and in Dutch: an administrator edits a programme's entry
criteria as conditions (each showing only the comparisons and the value input that fit
its fact), saves, reads them back as saved, and sees the preview change, for the
example situations and for one they type."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from maillage.programmes.models import Criterion
from maillage.testing import PASSWORD, Personas
from maillage.ui.tests.browser import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def cast():
    Personas.build_cast()
    adam = Personas.adam
    adam.is_superuser = True  # as the demo's administrator
    adam.save(update_fields=["is_superuser"])
    TOTPDevice.objects.create(user=adam, name="phone", confirmed=True)
    return Personas


@pytest.mark.parametrize(("language", "saved"), [("fr", "modifié"), ("nl", "gewijzigd")])
def test_an_administrator_edits_criteria_as_conditions_and_previews_them(
    page, cast, language, saved
):
    page.goto("/accounts/login/")
    page.select_option("#language-switcher-select", language)
    with page.expect_navigation():
        page.click(".language-switcher button[type=submit]")
    sign_in(page, "adam", PASSWORD)
    url = f"/admin/programmes/programme/{cast.brusano.pk}/change/"
    page.goto(url)
    assert page.locator("html").get_attribute("lang") == language

    # "Aged 18 or over" (criteria-0): only the number fits, and shows 18.
    adult = "#id_criteria-0-"
    expect(page.locator(f"{adult}fact_1")).to_have_value("age")
    expect(page.locator(f"{adult}comparison_1")).to_have_value("gte")
    expect(page.locator(f"{adult}number_1")).to_have_value("18")
    expect(page.locator(f"{adult}number_1")).to_be_visible()
    expect(page.locator(f"{adult}up_to_1")).to_be_hidden()
    expect(page.locator(f"{adult}yes_no_1")).to_be_hidden()
    expect(page.locator(f"{adult}values_1")).to_be_hidden()
    # "Lives at home" (criteria-2): the values of the living situation, and only those.
    home = "#id_criteria-2-values_1"
    expect(page.locator(f"{home} input[value='living_situation:home']")).to_be_checked()
    expect(page.locator(f"{home} input[value='living_situation:badly_housed']")).to_be_visible()
    expect(page.locator(f"{home} input[value='network_state:absent']")).to_be_hidden()
    assert_accessible(page)
    page.locator("#criteria-0").screenshot(path=f"/tmp/programmes-{language}-1-criteria.png")

    # Edit: 21 or over and not in crisis; at home or badly housed.
    page.fill(f"{adult}number_1", "21")
    page.select_option(f"{adult}fact_2", "in_crisis")
    expect(page.locator(f"{adult}comparison_2")).to_have_value("is")  # the only fit
    expect(page.locator(f"{adult}yes_no_2")).to_be_visible()
    expect(page.locator(f"{adult}number_2")).to_be_hidden()
    expect(page.locator(f"{adult}comparison_2 option[value='gte']")).to_be_disabled()
    page.select_option(f"{adult}yes_no_2", "no")
    page.check(f"{home} input[value='living_situation:badly_housed']")
    with page.expect_navigation():
        page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_contain_text(saved)

    # Read back as saved, on the page and in the stored rules.
    expect(page.locator(f"{adult}number_1")).to_have_value("21")
    expect(page.locator(f"{adult}fact_2")).to_have_value("in_crisis")
    expect(page.locator(f"{adult}yes_no_2")).to_have_value("no")
    expect(page.locator(f"{adult}yes_no_2")).to_be_visible()
    expect(page.locator(f"{home} input[value='living_situation:badly_housed']")).to_be_checked()
    expect(page.locator(f"{home} input[value='living_situation:home']")).to_be_checked()
    rules = {c.code: c.rule for c in Criterion.objects.filter(programme=cast.brusano)}
    assert rules["adult"] == {
        "all": [
            {"fact": "age", "op": "gte", "value": 21},
            {"fact": "in_crisis", "op": "is", "value": False},
        ]
    }
    assert rules["lives-at-home"] == {
        "fact": "living_situation",
        "op": "in",
        "values": ["home", "badly_housed"],
    }
    page.locator("#criteria-2").screenshot(path=f"/tmp/programmes-{language}-2-saved.png")

    # The preview: a 19-year-old at home in Schaerbeek is now too young.
    page.fill("#id_situation-age", "19")
    page.select_option("#id_situation-residence", "21015")
    page.select_option("#id_situation-living_situation", "home")
    with page.expect_navigation():
        page.click(".situation-form input[type=submit]")
    first = page.locator("#criteria-preview tbody tr").first
    expect(first.locator("td.outcome")).to_have_class(re.compile("outcome-not_eligible"))
    expect(first).to_contain_text("19")
    expect(first).to_contain_text("21")
    expect(page.locator("#id_situation-age")).to_have_value("19")  # what was typed stays
    expect(page.locator("#id_situation-residence")).to_have_value("21015")
    assert_accessible(page)
    page.locator("#criteria-preview").screenshot(path=f"/tmp/programmes-{language}-3-preview.png")

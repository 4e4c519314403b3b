"""In Chromium, in French and in Dutch: an action's due date shows in its edit form, and
a new date typed there is saved, then read back on the plan and in the form again.

(The form used to fill the date field with `09/03/2027` or `09-03-2027`, which a
browser's date field cannot show: the field looked empty and saving erased the date.)
"""

import re
from datetime import date

import pytest
from django.utils import formats, translation
from playwright.sync_api import expect

from maillage.accounts.models import User
from maillage.casefile import actions as casefile_actions
from maillage.cases.models import Case
from maillage.network.models import Actor
from maillage.plans import actions as plan_actions
from maillage.plans.models import Action
from maillage.testing import PASSWORD, Personas
from maillage.ui.tests.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DUE = date(2027, 3, 9)
NEW_DUE = date(2027, 4, 21)


@pytest.fixture
def action() -> Action:
    Personas.build_cast()
    support_request = Personas.record(Personas.brusano, Personas.ines)
    casefile_actions.answer_request(
        support_request,
        by=Personas.ines,
        kind="accept",
        case_workers=[Personas.camille, Personas.noor],
    )
    case = Case.objects.get(support_request=support_request)
    return plan_actions.add_action(
        case,
        plan_actions.ActionData(
            what="Visiter l'appartement de l'AIS",
            owner=case.actors.get(kind=Actor.Kind.PERSON),
            due_on=DUE,
        ),
        by=Personas.camille,
    )


def short_date(day: date, language: str) -> str:
    with translation.override(language):
        return formats.date_format(day, "SHORT_DATE_FORMAT")


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_a_due_date_changed_in_the_edit_form_is_saved_and_shown(page, action, language):
    User.objects.filter(username="camille").update(language=language)
    plan = f"/cases/{action.case_id}/plan/"
    edit = f"{plan}actions/{action.pk}/"
    row = page.locator(f"#action-{action.pk}")
    sign_in(page, "camille", PASSWORD)

    page.goto(plan)
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(row).to_contain_text(short_date(DUE, language))
    row.locator(f"a[href='{edit}']").click()
    page.wait_for_url(f"**{edit}")
    expect(page.locator("#id_due_on")).to_have_value(DUE.isoformat())

    page.fill("#id_due_on", NEW_DUE.isoformat())
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/plan/#action-.*"))
    expect(row).to_contain_text(short_date(NEW_DUE, language))
    expect(row).not_to_contain_text(short_date(DUE, language))

    row.locator(f"a[href='{edit}']").click()
    page.wait_for_url(f"**{edit}")
    expect(page.locator("#id_due_on")).to_have_value(NEW_DUE.isoformat())
    action.refresh_from_db()
    assert action.due_on == NEW_DUE

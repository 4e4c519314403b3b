"""In Chromium: a partner's first visit — activation from the invitation, TOTP set-up,
the list of persons, the person's shared file — each page accessible (axe, WCAG 2.1 AA)."""

import base64
import re

import pytest
from django.core import mail
from django_otp.oath import totp

from maillage.categories import Category
from maillage.partners import actions
from maillage.testing import Personas
from maillage.ui.tests.browser import assert_accessible

from .base import marker, open_case, partner_actor, seed_file, share

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def invitation_path(live_server):
    Personas.build_cast()
    case = open_case(Personas)
    actor = partner_actor(case, None, name="Dr Martine Peeters")
    seed_file(case, Personas.camille, actor)
    share(case, Personas.camille, {actor: {Category.HOUSING, Category.PLAN, Category.JOURNAL}})
    actions.invite_partner(actor, by=Personas.camille)
    return re.search(r"(/partner/activate/\S+/)", mail.outbox[-1].body).group(1), case


def test_a_partners_first_visit(page, invitation_path):
    path, case = invitation_path
    page.goto(path)
    assert_accessible(page)
    page.fill("#id_first_name", "Martine")
    page.fill("#id_last_name", "Peeters")
    page.fill("#id_password1", "Un mot de passe bien long 42")
    page.fill("#id_password2", "Un mot de passe bien long 42")
    page.click("main form button[type=submit]")

    page.wait_for_url("**/accounts/two-factor/**")
    assert_accessible(page)
    # The key shown on the page, as the partner types it into their app (nothing is
    # stored before the code is confirmed).
    key = base64.b32decode(page.locator("code.secret").inner_text().replace(" ", ""))
    page.fill("input[name=token]", f"{totp(key):06d}")
    page.click("main form button[type=submit]")

    page.wait_for_url("**/partner/")
    assert_accessible(page)
    page.click(f"a[href='/partner/cases/{case.pk}/']")
    page.wait_for_url(f"**/partner/cases/{case.pk}/")
    assert_accessible(page)
    content = page.content()
    assert marker("journal", "housing") in content
    assert marker("journal", "mental_health") not in content
    assert "Identitymarker" not in content

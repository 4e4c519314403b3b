"""In Chromium: a case manager opens a case's orientations, searches the directory,
orients the person to a service; the service opens its emailed link without an account
and answers "waiting list"; the case shows it; the worker records the unmet need. Every
page is free of serious accessibility violations."""

import re

import pytest
from django.core import mail
from django.utils import translation
from playwright.sync_api import expect

from maillage.assessments import actions as assessment_actions
from maillage.casefile import actions as casefile_actions
from maillage.cases.models import Case
from maillage.consent import actions as consent_actions
from maillage.network.models import Actor
from maillage.orientation.models import Referral, UnmetNeed
from maillage.testing import PASSWORD, Personas
from maillage.ui.tests.browser import assert_accessible, sign_in

from .base import LINK
from .fixtures import make_service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def case() -> Case:
    Personas.build_cast()
    Personas.camille.email = "camille@brusano.example.org"
    Personas.camille.save()
    support_request = Personas.record(Personas.brusano, Personas.ines)
    casefile_actions.answer_request(
        support_request, by=Personas.ines, kind="accept", case_workers=[Personas.camille]
    )
    case = Case.objects.get(support_request=support_request)
    cpas = Actor.objects.create(case=case, kind=Actor.Kind.FORMAL, name="Sophie Dubois")
    consent_actions.record_consent(
        case, by=Personas.camille, status="given", method="oral", shares=[(cpas.pk, ["housing"])]
    )
    assessment_actions.record_assessment(
        case,
        by=Personas.camille,
        domains=[assessment_actions.DomainData("housing", needs="Logement adapté")],
    )
    service = make_service("svc-browser", name="Habitat Solidaire Browser")
    try:
        from maillage.directory.search import reindex_service
    except ImportError:  # pragma: no cover - the search of the directory is not there
        pass
    else:
        reindex_service(service)
    return case


def test_search_orient_answer_and_unmet_need(page, chromium, live_server, case):
    sign_in(page, "camille", PASSWORD)
    page.goto(f"/orientation/cases/{case.pk}/")
    assert_accessible(page)

    # Orient to a service: the directory in orientation context.
    page.click(f'main a[href^="/directory/?case={case.pk}"]')
    page.wait_for_url(re.compile(r"/directory/"))
    page.fill("main input[name=q]", "Habitat Solidaire")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=Habitat"))
    assert_accessible(page)
    page.click('main a[href*="service=svc-browser"]')
    page.wait_for_url(re.compile(r"/orientation/new/"))
    assert_accessible(page)
    page.select_option("select[name=life_domain]", "housing")
    page.fill("textarea[name=need]", "Un logement adapté au fauteuil")
    page.check("input[name=categories][value=identity]")
    page.check("input[name=categories][value=housing]")
    page.check("input[name=person_agreed]")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/orientation/[0-9a-f-]{36}/$"))
    assert_accessible(page)
    referral = Referral.objects.get()
    assert referral.shared_categories == ["identity", "housing"]

    # The service opens its link, without an account.
    message = next(m for m in mail.outbox if m.to == ["accueil@logement.example.org"])
    path = "/orientation/answer/" + LINK.search(message.body).group(1) + "/"
    service_context = chromium.new_context(base_url=live_server.url, locale="fr-BE")
    service_page = service_context.new_page()
    service_page.goto(path)
    expect(service_page.locator("main")).to_contain_text("Un logement adapté au fauteuil")
    expect(service_page.locator("main")).to_contain_text("Logement adapté")
    assert_accessible(service_page)
    service_page.check("input[name=status][value=waiting_list]")
    service_page.fill("textarea[name=reason]", "Environ six semaines")
    with service_page.expect_navigation():
        service_page.click("main form button[type=submit]")
    assert_accessible(service_page)
    # The link is spent.
    service_page.goto(path)
    assert_accessible(service_page)
    service_context.close()
    referral.refresh_from_db()
    assert referral.status == "waiting_list"

    # The case shows the status.
    with translation.override("fr"):
        waiting = str(Referral.Status.WAITING_LIST.label)
    page.goto(f"/orientation/cases/{case.pk}/")
    expect(page.locator("main table")).to_contain_text(waiting)
    page.goto(f"/cases/{case.pk}/")
    expect(page.locator("main")).to_contain_text(waiting)

    # The worker records the unmet need: two clicks.
    page.goto(f"/orientation/{referral.pk}/")
    page.click('main a[href*="/orientation/unmet-needs/new/?referral="]')
    page.wait_for_url(re.compile(r"/orientation/unmet-needs/new/"))
    assert_accessible(page)
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(rf"/orientation/{referral.pk}/$"))
    need = UnmetNeed.objects.get()
    assert (need.reason, need.life_domain, need.referral_id) == ("full", "housing", referral.pk)

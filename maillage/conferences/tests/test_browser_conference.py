"""In Chromium: the organiser holds a whole case conference on one page — prepares the
agenda, records who came, writes notes, takes a decision that lands in the plan,
closes the meeting — then previews each reader's minutes and sends them; every page is
free of serious accessibility violations."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from maillage.casefile import actions as casefile_actions
from maillage.cases.models import Case
from maillage.conferences.models import Conference, ConferenceDecision, Invitation
from maillage.consent import actions as consent_actions
from maillage.network.models import Actor
from maillage.plans import actions as plan_actions
from maillage.testing import PASSWORD, Personas
from maillage.ui.tests.browser import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MENTAL = "Dort mieux depuis le nouveau traitement"


@pytest.fixture
def conference() -> Conference:
    Personas.build_cast()
    support_request = Personas.record(Personas.brusano, Personas.ines)
    casefile_actions.answer_request(
        support_request,
        by=Personas.ines,
        kind="accept",
        case_workers=[Personas.camille, Personas.noor],
    )
    case = Case.objects.get(support_request=support_request)
    cpas = Actor.objects.create(
        case=case,
        kind=Actor.Kind.FORMAL,
        name="Sophie Dubois",
        organisation="CPAS de Saint-Gilles",
        email="dubois@example.org",
    )
    consent_actions.record_consent(
        case,
        by=Personas.camille,
        status="given",
        method="oral",
        shares=[(cpas.pk, ["plan", "housing"])],
    )
    plan_actions.add_goal(
        case,
        plan_actions.GoalData("Retrouver un logement à moi", category="housing"),
        by=Personas.camille,
    )
    conference = Conference.objects.create(
        case=case,
        starts_at=timezone.now() - timedelta(hours=1),
        organiser=Personas.olivier,
        place="Maison médicale du Midi",
    )
    for actor in case.actors.filter(kind__in=["person", "formal"]):
        Invitation.objects.create(
            conference=conference, actor=actor, email=actor.email, language="fr"
        )
    return conference


def test_a_whole_conference(page, conference):
    url = f"/conferences/{conference.pk}/meeting/"
    sign_in(page, "olivier", PASSWORD)
    page.goto(url)
    assert_accessible(page)

    # The agenda, prepared from the plan (htmx swaps the section).
    page.click("#agenda button[type=submit] >> nth=0")
    item = page.locator("#agenda article").first
    expect(item.locator("h3")).to_have_text("Retrouver un logement à moi")
    assert_accessible(page)

    # Notes on that item; a second item of another category, with its notes.
    item.locator("textarea").fill("Un dossier AIS est complet.")
    item.locator("button[value=save]").click()
    expect(page.locator("#agenda article").first.locator("textarea")).to_have_value(
        "Un dossier AIS est complet."
    )
    page.fill("#new-item-title", "Santé")
    page.select_option("#new-item-category", "mental_health")
    page.fill("#new-item-notes", MENTAL)
    page.click("form[aria-labelledby=new-item-heading] button[type=submit]")
    expect(page.locator("#agenda article")).to_have_count(2)
    assert_accessible(page)

    # Who came: the CPAS, in the attendance grid (one button saves every row).
    row = page.locator("#attendance tbody tr", has_text="Sophie Dubois")
    row.locator("input[value=present]").check()
    page.click("#attendance button[type=submit]")
    expect(page.locator("#attendance .message.success")).to_be_visible()
    expect(
        page.locator("#attendance tbody tr", has_text="Sophie Dubois").locator(
            "input[value=present]"
        )
    ).to_be_checked()
    assert_accessible(page)

    # A decision, which becomes an action of the plan.
    cpas = Invitation.objects.get(conference=conference, actor__name="Sophie Dubois")
    page.select_option("#decision-owner", str(cpas.actor_id))
    page.fill("#decision-what", "Déposer la demande de garantie locative")
    page.fill("#decision-due_on", (timezone.localdate() + timedelta(days=10)).isoformat())
    page.select_option("#decision-category", "housing")
    page.click("#decisions form button[type=submit]")
    expect(page.locator("#decisions table")).to_contain_text("Déposer la demande")
    assert_accessible(page)
    decision = ConferenceDecision.objects.get()
    assert decision.action is not None

    page.click("#decisions table a")
    page.wait_for_url(re.compile(r".*/plan/#action-.*"))
    expect(page.locator("main")).to_contain_text("Déposer la demande de garantie locative")
    page.go_back()

    # Closing the meeting leads to the minutes.
    page.click("#close button[type=submit]")
    page.wait_for_url(re.compile(r".*/minutes/$"))
    expect(page.locator("main")).to_contain_text(MENTAL)
    assert_accessible(page)

    # The CPAS's version holds no mental-health content.
    page.select_option("#id_recipient", str(cpas.pk))
    page.click("main form[method=get] button[type=submit]")
    page.wait_for_url(re.compile(r".*recipient=.*"))
    version = page.locator("main article")
    expect(version).to_contain_text("Déposer la demande de garantie locative")
    expect(version).not_to_contain_text(MENTAL)
    assert_accessible(page)

    # Sending: each participant with an address receives their version.
    page.click("#send-heading ~ form button[type=submit]")
    page.wait_for_url(re.compile(r".*/minutes/$"))
    expect(page.locator("main table caption")).to_be_visible()
    assert_accessible(page)
    [message] = mail.outbox
    assert message.to == ["dubois@example.org"]
    assert MENTAL not in message.body
    assert message.attachments[0][2] == "application/pdf"

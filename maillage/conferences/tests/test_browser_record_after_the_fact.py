"""In Chromium: a case manager records a meeting that took place last week — plans it
in the past (no invitation leaves), adds who was invited, fills the attendance grid and
saves it with one button, corrects it, sees an error named by row without losing what
was typed, closes the meeting from its page and reads a participant's minutes opening
with their own decisions; in French, then in Dutch. Screenshots go to /tmp."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from maillage.casefile import actions as casefile_actions
from maillage.cases.models import Case
from maillage.conferences import meeting
from maillage.conferences.models import Conference, Invitation
from maillage.consent import actions as consent_actions
from maillage.network.models import Actor
from maillage.testing import PASSWORD, Personas
from maillage.ui.tests.browser import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "/tmp/conferences-{}.png"


@pytest.fixture
def case() -> Case:
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
        profession="assistante sociale",
        email="dubois@example.org",
    )
    Actor.objects.create(
        case=case,
        kind=Actor.Kind.FORMAL,
        name="Jan Claes",
        organisation="CGG Brussel",
        profession="psychiater",
        email="claes@example.org",
        language="nl",
    )
    consent_actions.record_consent(
        case,
        by=Personas.camille,
        status="given",
        method="oral",
        shares=[(cpas.pk, ["plan", "housing"])],
    )
    return case


def row(page, name):
    return page.locator("#attendance tbody tr", has_text=name)


def save_attendance(page):
    page.click("#attendance button[type=submit]")


def test_a_meeting_recorded_after_the_fact(page, case):
    sign_in(page, "camille", PASSWORD)

    # Planning in the past: the form says no invitation is sent.
    page.goto(f"/conferences/case/{case.pk}/new/")
    expect(page.locator("#id_starts_at_helptext")).to_be_visible()
    last_week = timezone.localtime() - timedelta(days=7)
    page.fill("#id_starts_at", last_week.strftime("%Y-%m-%dT14:00"))
    page.fill("#id_duration_minutes", "60")
    page.fill("#id_place", "Maison médicale du Midi")
    page.screenshot(path=SHOTS.format("plan-fr"), full_page=True)
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/invitations/$"))
    expect(page.locator("main .alert-info")).to_be_visible()
    expect(page.locator("input[name=send]")).to_have_count(0)
    assert_accessible(page)

    # Who was invited: everyone; no email leaves.
    for box in page.locator("input[name=actors]").all():
        box.check()
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/meeting/#attendance$"))
    conference = Conference.objects.get(case=case)
    assert conference.invitations.count() == 5
    assert mail.outbox == []

    # The grid: three rows at once, one button.
    row(page, "Sophie Dubois").locator("input[value=present]").check()
    row(page, "Sophie Dubois").locator("input[type=number]").fill("45")
    row(page, "Jan Claes").locator("input[value=excused]").check()  # 60 stays proposed
    row(page, "Camille").locator("input[value=present]").check()
    save_attendance(page)
    expect(page.locator("#attendance .message.success")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=SHOTS.format("grid-saved-fr"), full_page=True)

    # Read back after a reload: what was saved, nothing more.
    page.reload()
    expect(row(page, "Sophie Dubois").locator("input[value=present]")).to_be_checked()
    expect(row(page, "Sophie Dubois").locator("input[type=number]")).to_have_value("45")
    expect(row(page, "Sophie Dubois").locator("input[type=text]")).to_have_value(
        "CPAS de Saint-Gilles"
    )
    expect(row(page, "Jan Claes").locator("input[value=excused]")).to_be_checked()
    expect(row(page, "Jan Claes").locator("input[type=number]")).to_have_value("")
    expect(row(page, "Camille").locator("input[value=present]")).to_be_checked()
    expect(row(page, "Camille").locator("input[type=number]")).to_have_value("60")
    dubois = Invitation.objects.get(conference=conference, actor__name="Sophie Dubois")
    claes = Invitation.objects.get(conference=conference, actor__name="Jan Claes")
    assert (dubois.attendance, dubois.duration_minutes) == ("present", 45)
    assert (claes.attendance, claes.duration_minutes) == ("excused", None)

    # A mistake: named by row and field, nothing saved, nothing typed lost.
    row(page, "Jan Claes").locator("input[value=present]").check()
    row(page, "Jan Claes").locator("input[type=number]").fill("9999")
    row(page, "Sophie Dubois").locator("input[type=text]").fill("CPAS d'Ixelles")
    save_attendance(page)
    alert = page.locator("#attendance [role=alert]")
    expect(alert).to_contain_text("Jan Claes")
    expect(row(page, "Jan Claes").locator("input[type=number]")).to_have_value("9999")
    expect(row(page, "Sophie Dubois").locator("input[type=text]")).to_have_value("CPAS d'Ixelles")
    assert_accessible(page)
    page.screenshot(path=SHOTS.format("grid-error-fr"), full_page=True)
    dubois.refresh_from_db()
    assert dubois.represents == "CPAS de Saint-Gilles"

    # Corrected and saved; read back again.
    row(page, "Jan Claes").locator("input[type=number]").fill("50")
    save_attendance(page)
    expect(page.locator("#attendance .message.success")).to_be_visible()
    page.reload()
    expect(row(page, "Jan Claes").locator("input[value=present]")).to_be_checked()
    expect(row(page, "Jan Claes").locator("input[type=number]")).to_have_value("50")
    expect(row(page, "Sophie Dubois").locator("input[type=text]")).to_have_value("CPAS d'Ixelles")

    # A decision owned by the CPAS, then in Dutch: the grid, and closing from the page.
    meeting.take_decision(
        conference,
        meeting.DecisionData(
            what="Déposer la demande de garantie locative",
            owner=dubois.actor,
            category="housing",
        ),
        by=Personas.camille,
    )
    page.select_option("#language-switcher-select", "nl")
    page.click(".language-switcher button[type=submit]")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    page.screenshot(path=SHOTS.format("grid-nl"), full_page=True)
    page.goto(f"/conferences/{conference.pk}/")
    close = page.locator("#close")
    expect(close).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=SHOTS.format("detail-nl"), full_page=True)
    close.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/minutes/$"))
    conference.refresh_from_db()
    assert conference.status == Conference.Status.HELD

    # The CPAS's version opens with the decision it carries out.
    page.select_option("#id_recipient", str(dubois.pk))
    page.click("main form[method=get] button[type=submit]")
    page.wait_for_url(re.compile(r".*recipient=.*"))
    own = page.locator("main article section.own-decisions")
    expect(own).to_contain_text("Déposer la demande de garantie locative")
    assert_accessible(page)
    page.screenshot(path=SHOTS.format("minutes-nl"), full_page=True)

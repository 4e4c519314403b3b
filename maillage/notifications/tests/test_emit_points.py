"""Each action that concerns someone else leaves a notice for the right people, never for
the one who acted, and gives a partner nothing about a case they are not part of."""

from datetime import timedelta

from django.utils import timezone

from maillage.categories import Category
from maillage.conferences import actions as conference_actions
from maillage.conferences import delivery
from maillage.conferences.models import Conference, Invitation
from maillage.intake import actions as intake_actions
from maillage.notifications.models import Kind, Notification
from maillage.partners.tests.base import PartnerTestCase
from maillage.space import actions as space_actions
from maillage.testing import make_person, make_user


def recipients(kind):
    return sorted(n.recipient.username for n in Notification.objects.filter(kind=kind))


class EmitPointTests(PartnerTestCase):
    def update_as_partner(self):
        """Pat (signed in by the set-up) updates an action they own, on their page."""
        action = self.action_of(Category.HOUSING)
        response = self.client.post(
            f"/partner/actions/{action.pk}/", {"status": "done", "version": action.version}
        )
        self.assertEqual(response.status_code, 302)

    def test_a_partners_update_of_an_action_tells_the_case_workers(self):
        self.update_as_partner()
        self.assertEqual(recipients(Kind.ACTION_UPDATED_BY_PARTNER), ["camille", "noor"])
        notice = Notification.objects.get(recipient=self.camille)
        self.assertEqual(notice.url, f"/cases/{self.case.pk}/plan/")

    def test_an_action_saved_unchanged_tells_nobody(self):
        action = self.action_of(Category.HOUSING)
        response = self.client.post(
            f"/partner/actions/{action.pk}/",
            {"status": action.status, "follow_up": action.follow_up, "version": action.version},
        )
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Notification.objects.exists())

    def test_sent_minutes_tell_the_partner_with_an_account_not_the_sender(self):
        delivery.send_minutes(self.conference, by=self.camille)
        (notice,) = Notification.objects.filter(kind=Kind.MINUTES_SENT)
        self.assertEqual(notice.recipient, self.pat)
        self.assertEqual(notice.url, f"/partner/conferences/{self.conference.pk}/minutes/")

    def test_an_invitation_answer_tells_the_organiser_and_the_workers(self):
        conference = Conference.objects.create(
            case=self.case, starts_at=timezone.now() + timedelta(days=7), organiser=self.olivier
        )
        invitation = Invitation.objects.create(conference=conference, actor=self.actor)
        conference_actions.answer_invitation(invitation, "yes")
        self.assertEqual(recipients(Kind.INVITATION_ANSWERED), ["camille", "noor", "olivier"])

    def test_a_consent_wish_tells_the_case_workers(self):
        person = make_user("louis-space", is_person_account=True)
        space_actions.ask_consent_change(self.case, by=person, text="Plus au CPAS")
        self.assertEqual(recipients(Kind.CONSENT_WISH), ["camille", "noor"])
        self.assertEqual(
            Notification.objects.filter(kind=Kind.CONSENT_WISH).first().url,
            f"/cases/{self.case.pk}/consent/",
        )

    def test_an_assignment_tells_the_assignee_only_when_given_by_someone_else(self):
        support_request = self.record(self.brusano, self.ines, make_person())
        intake_actions.assign_request(support_request, by=self.lea, worker=self.camille)
        self.assertEqual(recipients(Kind.REQUEST_ASSIGNED), ["camille"])
        intake_actions.assign_request(support_request, by=self.ines, worker=self.ines)
        self.assertEqual(recipients(Kind.REQUEST_ASSIGNED), ["camille"])

    def test_partners_analysts_and_others_get_nothing_of_this_case(self):
        self.update_as_partner()
        person = make_user("louis-space-2", is_person_account=True)
        space_actions.ask_consent_change(self.case, by=person, text="Moins au CPAS")
        for user in (self.pat, self.ana, self.bob, self.adam, self.zoe, person):
            self.assertFalse(Notification.objects.filter(recipient=user).exists(), user)

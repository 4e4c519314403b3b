"""The person's access log: the reads of others (case manager, partner, a team lead with
a purpose), and nothing else."""

from maillage import access, audit
from maillage.access.own import access_log

from .base import PURPOSE, SpaceTestCase, accepted_case, open_space


class AccessLogTests(SpaceTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.person = cls.other_case.person
        cls.amelie = open_space(cls.other_case, username="amelie")

    def read_by_everyone(self) -> None:
        case = self.other_case
        # The case manager reads the case overview and the journal.
        self.login(self.camille).get(f"/cases/{case.pk}/journal/")
        # A partner's read, recorded as the partner pages record it.
        audit.record(self.pat, "case.viewed", person=case.person_id, case=case, part="journal")
        # A team lead breaks the glass, then reads the plan.
        lea = self.login(self.lea, self.client_class())
        lea.post("/cases/purpose/", {"case": str(case.pk), "purpose": PURPOSE})
        self.assertEqual(lea.get(f"/cases/{case.pk}/plan/").status_code, 200)
        # Not reads by others: the person's own reads, writes, listings, the system.
        me = self.login(self.amelie, self.client_class())
        me.get("/space/")
        me.get(f"/space/{case.pk}/goals/")
        audit.record(self.camille, "journal.created", person=case.person_id, case=case)
        audit.record(self.camille, "case.listed")
        audit.record(None, "case.viewed", person=case.person_id, case=case)

    def test_it_lists_the_reads_of_others_and_nothing_else(self):
        self.read_by_everyone()
        events = list(access_log(self.person))
        self.assertEqual(
            [(e.actor_label, e.verb, e.part, bool(e.purpose)) for e in events],
            [
                (str(self.lea), "case.viewed", "plan", True),
                (str(self.pat), "case.viewed", "journal", False),
                (str(self.camille), "case.viewed", "journal", False),
            ],
        )
        self.assertEqual(events[0].purpose, PURPOSE)

    def test_the_page_shows_who_role_organisation_part_and_purpose(self):
        self.read_by_everyone()
        response = self.login(self.amelie).get("/space/access/")
        self.assertEqual(response.status_code, 200)
        text = response.content.decode()
        for expected in (str(self.camille), str(self.pat), str(self.lea), "Brusano", PURPOSE):
            self.assertIn(expected, text)
        self.assertEqual(text.count('class="flagged"'), 1)
        self.assertNotIn("case.listed", text)

    def test_another_persons_reads_are_not_shown(self):
        self.login(self.camille).get(f"/cases/{self.case.pk}/")
        self.assertEqual(list(access_log(self.person)), [])
        self.assertEqual(len(access_log(self.case.person)), 1)

    def test_the_persons_own_reads_are_audited_apart(self):
        self.login(self.amelie).get(f"/space/{self.other_case.pk}/plan/")
        self.assertEqual(list(access_log(self.person)), [])
        from maillage.audit.models import AuditEvent

        self.assertTrue(
            AuditEvent.objects.filter(
                verb="space.viewed", actor_id=self.amelie.pk, part="plan"
            ).exists()
        )

    def test_the_log_is_paged(self):
        case = accepted_case(self)
        for reader in (self.camille, self.noor, self.camille):  # three visits
            audit.record(reader, "case.viewed", person=case.person_id, case=case)
        page = access.own.access_log_page(case.person, {}, per_page=2)
        self.assertEqual((len(page.items), page.has_next), (2, True))
        params = {"before": str(page.next_before)}
        page = access.own.access_log_page(case.person, params, per_page=2)
        self.assertEqual((len(page.items), page.has_next), (1, False))


class ReferralLinkReadTests(SpaceTestCase):
    def test_the_service_reading_a_referral_through_its_link_is_listed(self):
        from maillage.categories import LifeDomain
        from maillage.orientation import actions as orientation
        from maillage.orientation.models import ReferralLink
        from maillage.orientation.tests.fixtures import make_service

        service = make_service(name="Service Logement Test")
        referral = orientation.refer(
            by=self.camille,
            service=service,
            need="Un logement",
            reason="Hors de nos missions",
            life_domain=LifeDomain.HOUSING,
            case=self.case,
            person_agreed=True,
        )
        orientation.record_link_opened(ReferralLink.objects.get(referral=referral))
        response = self.login(self.paul).get("/space/access/")
        self.assertContains(response, "Service Logement Test")
        self.assertEqual([e.verb for e in access_log(self.person)], ["referral.opened_by_link"])

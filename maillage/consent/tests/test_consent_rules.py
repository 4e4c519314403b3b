"""The consent in force, what it lets each actor receive, and the rules of a record."""

from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from maillage.audit.models import AuditEvent
from maillage.consent import actions
from maillage.consent.models import Consent
from maillage.consent.queries import consent_summary
from maillage.consent.rules import consent_in_force, shared_categories, sharing_allowed
from maillage.network.models import Actor
from maillage.versioning import StaleVersion

from .base import CPAS, GP, ConsentTestCase


class ConsentInForceTests(ConsentTestCase):
    def test_without_any_record_nothing_is_in_force_and_nothing_is_shared(self):
        consent = consent_in_force(self.case)
        self.assertIsNone(consent)
        self.assertIs(sharing_allowed(consent), False)
        self.assertEqual(shared_categories(consent, self.gp), set())

    def test_the_latest_record_is_in_force(self):
        self.give()
        latest = self.give(shares=[(self.gp.pk, ["plan"])])
        self.assertEqual(consent_in_force(self.case), latest)
        self.assertEqual(self.case.consents.count(), 2)

    def test_shared_categories_are_those_of_each_actor_under_the_consent_in_force(self):
        self.give()
        consent = consent_in_force(self.case)
        self.assertEqual(shared_categories(consent, self.gp), set(GP))
        self.assertEqual(shared_categories(consent, self.cpas), set(CPAS))
        self.assertEqual(shared_categories(consent, self.sister), set())

    def test_an_actor_who_left_the_network_receives_nothing_any_more(self):
        self.give()
        Actor.objects.filter(pk=self.gp.pk).update(ended_on=timezone.localdate())
        self.gp.refresh_from_db()
        consent = consent_in_force(self.case)
        self.assertEqual(shared_categories(consent, self.gp), set())
        self.assertEqual(shared_categories(consent, self.cpas), set(CPAS))
        self.assertEqual(consent_summary(self.case)["actors_with_share"], 1)

    def test_a_withdrawal_is_in_force_at_once_and_the_history_remains(self):
        given = self.give()
        withdrawal = actions.withdraw_consent(self.case, by=self.noor, reason="Needs a pause.")
        consent = consent_in_force(self.case)
        self.assertEqual(consent, withdrawal)
        self.assertIs(sharing_allowed(consent), False)
        self.assertEqual(shared_categories(consent, self.gp), set())
        self.assertEqual(list(self.case.consents.latest_first()), [withdrawal, given])
        self.assertEqual(given.shares.count(), 2)  # the history keeps what was shared
        self.assertEqual(withdrawal.justification, "Needs a pause.")

    def test_a_refusal_or_no_demand_shares_nothing_and_keeps_no_scope(self):
        for status in (Consent.Status.REFUSED, Consent.Status.NO_DEMAND):
            consent = self.give(status=status, method="")
            self.assertEqual(consent.shares.count(), 0, status)
            self.assertEqual(shared_categories(consent_in_force(self.case), self.gp), set())

    def test_a_new_record_is_later_than_every_earlier_one_even_if_the_clock_is_behind(self):
        first = self.give()
        Consent.objects.filter(pk=first.pk).update(recorded_at=first.recorded_at.replace(year=2999))
        second = actions.withdraw_consent(self.case, by=self.camille)
        self.assertEqual(consent_in_force(self.case), second)


class ConsentRulesTests(ConsentTestCase):
    def assert_refused(self, fields: set[str], **kwargs):
        with self.assertRaises(ValidationError) as raised:
            self.give(**kwargs)
        self.assertEqual(set(raised.exception.message_dict), fields)
        self.assertEqual(self.case.consents.count(), 0)

    def test_a_representative_or_the_child_interest_needs_who_decided_and_why(self):
        for status in Consent.DECIDED_BY_OTHERS:
            self.assert_refused({"decided_by", "justification"}, status=status)
            self.assert_refused({"justification"}, status=status, decided_by="Sa mère")
            self.assert_refused({"decided_by"}, status=status, justification="Mineure.")
            self.assert_refused({"decided_by"}, status=status, decided_by="  ", justification="x")

    def test_a_representative_s_consent_is_recorded_with_who_and_why(self):
        consent = self.give(
            status=Consent.Status.GIVEN_BY_REPRESENTATIVE,
            method=Consent.Method.REPRESENTATIVE,
            decided_by="Sa mère, autorité parentale",
            justification="Personne mineure.",
        )
        self.assertIs(sharing_allowed(consent_in_force(self.case)), True)
        self.assertEqual(consent.decided_by, "Sa mère, autorité parentale")

    def test_a_given_consent_says_how_it_was_obtained(self):
        self.assert_refused({"method"}, method="")

    def test_an_unknown_status_or_method_is_refused(self):
        self.assert_refused({"status"}, status="maybe")
        self.assert_refused({"method"}, method="telepathy")

    def test_shares_are_only_for_current_formal_and_informal_actors_of_this_case(self):
        for actor in (self.stranger, self.person_actor, self.worker_actor, self.gone):
            with self.subTest(actor=actor.name), self.assertRaises(ValidationError) as raised:
                self.give(shares=[(self.gp.pk, GP), (actor.pk, ["plan"])])
            self.assertEqual(list(raised.exception.message_dict), ["shares.1.actor_id"])
        for bad_id in ("not-an-id", "00000000-0000-0000-0000-000000000000"):
            with self.assertRaises(ValidationError) as raised:
                self.give(shares=[(bad_id, ["plan"])])
            self.assertEqual(list(raised.exception.message_dict), ["shares.0.actor_id"])
        self.assertEqual(self.case.consents.count(), 0)

    def test_an_actor_appears_once_in_a_scope(self):
        with self.assertRaises(ValidationError) as raised:
            self.give(shares=[(self.gp.pk, GP), (self.gp.pk, ["plan"])])
        self.assertEqual(list(raised.exception.message_dict), ["shares.1.actor_id"])

    def test_unknown_categories_are_named(self):
        with translation.override("en"), self.assertRaises(ValidationError) as raised:
            self.give(shares=[(self.gp.pk, GP), (self.cpas.pk, ["income", "horoscope"])])
        self.assertEqual(
            raised.exception.message_dict,
            {"shares.1.categories": ["Unknown categories: horoscope."]},
        )

    def test_an_informal_actor_may_receive_a_share_and_categories_are_kept_in_order(self):
        consent = self.give(
            shares=[(self.sister.pk, ["plan", "contact", "plan"]), (self.gp.pk, [])]
        )
        self.assertEqual([s.categories for s in consent.shares.all()], [["contact", "plan"]])

    def test_there_is_nothing_to_withdraw_without_a_consent_that_allows_sharing(self):
        with self.assertRaises(ValidationError) as raised:
            actions.withdraw_consent(self.case, by=self.camille)
        self.assertEqual(list(raised.exception.message_dict), ["status"])
        self.give(status=Consent.Status.NO_DEMAND, method="")
        with self.assertRaises(ValidationError):
            actions.withdraw_consent(self.case, by=self.camille)

    def test_a_closed_case_takes_no_consent_record(self):
        self.give()
        self.close(self.case)
        self.case.refresh_from_db()
        with self.assertRaises(ValidationError):
            actions.withdraw_consent(self.case, by=self.camille)
        self.assertEqual(self.case.consents.count(), 1)

    def test_a_record_based_on_a_stale_version_is_refused(self):
        self.give(version=0)
        with self.assertRaises(StaleVersion) as raised:
            self.give(version=0, notes="Written while someone else recorded one.")
        self.assertEqual(raised.exception.current_version, 1)
        self.give(version=1)
        self.assertEqual(self.case.consents.count(), 2)

    def test_recording_and_withdrawing_are_audited_without_values(self):
        consent = self.give(notes="Secret detail")
        withdrawal = actions.withdraw_consent(self.case, by=self.noor, reason="Private reason")
        recorded = AuditEvent.objects.get(verb="consent.recorded")
        self.assertEqual(
            (recorded.part, recorded.target_id, recorded.case_id, recorded.person_id),
            ("consents", str(consent.pk), self.case.pk, self.case.person_id),
        )
        self.assertEqual(recorded.changes, ["method", "notes", "shares", "status"])
        withdrawn = AuditEvent.objects.get(verb="consent.withdrawn")
        self.assertEqual((withdrawn.part, withdrawn.target_id), ("consents", str(withdrawal.pk)))
        self.assertEqual(withdrawn.changes, ["justification", "status"])
        self.assertNotIn("Secret", str(recorded.changes) + str(withdrawn.changes))


class ConsentSummaryTests(ConsentTestCase):
    def test_without_consent_the_summary_says_it_is_missing(self):
        with translation.override("en"):
            summary = consent_summary(self.case)
        self.assertIsNone(summary["consent"])
        self.assertIs(summary["sharing_allowed"], False)
        self.assertEqual(summary["actors_with_share"], 0)
        self.assertTrue(summary["missing_message"].startswith("No consent in force"))

    def test_the_summary_counts_the_actors_with_a_share(self):
        consent = self.give()
        with self.assertNumQueries(2), translation.override("en"):
            summary = consent_summary(self.case)
        self.assertEqual(
            {k: summary[k] for k in ("consent", "status", "sharing_allowed", "actors_with_share")},
            {
                "consent": consent,
                "status": "given",
                "sharing_allowed": True,
                "actors_with_share": 2,
            },
        )
        self.assertEqual(summary["status_label"], "given")
        self.assertEqual(summary["recorded_at"], consent.recorded_at)
        self.assertEqual(summary["missing_message"], "")

    def test_after_a_withdrawal_the_summary_shares_with_nobody(self):
        self.give()
        actions.withdraw_consent(self.case, by=self.camille)
        summary = consent_summary(self.case)
        self.assertEqual((summary["status"], summary["actors_with_share"]), ("withdrawn", 0))
        self.assertIs(summary["sharing_allowed"], False)

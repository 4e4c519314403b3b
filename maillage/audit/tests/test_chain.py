"""The audit trail is append-only and any change to a sealed event is detected."""

from datetime import timedelta
from io import StringIO
from unittest import mock

from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from maillage import audit
from maillage.audit import chain
from maillage.audit.models import AuditEvent
from maillage.testing import MaillageTestCase, make_person


def seal_all() -> int:
    """Seal everything recorded so far: the clock moves past the safety margin."""
    return audit.seal(now=timezone.now() + chain.SEAL_MARGIN + timedelta(seconds=1))


class AuditChainTests(MaillageTestCase):
    def setUp(self) -> None:
        self.person = make_person()
        for verb in ("request.viewed", "case.viewed", "person.viewed", "request.recorded"):
            audit.record(self.camille, verb, person=self.person, target=self.person)
        seal_all()

    def verify_command(self) -> str:
        out = StringIO()
        call_command("verify_audit", stdout=out)
        return out.getvalue()

    def test_an_intact_chain_verifies(self):
        self.assertIs(audit.verify().ok, True)
        self.assertIn("intact", self.verify_command())

    def test_each_event_links_to_the_previous_one(self):
        events = list(AuditEvent.objects.order_by("seq"))
        for previous, event in zip(events, events[1:], strict=False):
            self.assertEqual(event.prev_hash, previous.hash)
            self.assertEqual(event.prev_seq, previous.seq)

    def test_an_altered_event_is_named(self):
        target = AuditEvent.objects.order_by("seq")[1]
        AuditEvent.objects.filter(pk=target.pk).update(verb="case.closed")
        verdict = audit.verify()
        self.assertIs(verdict.ok, False)
        self.assertEqual(verdict.broken_seq, target.seq)
        with self.assertRaisesMessage(CommandError, f"#{target.seq}"):
            self.verify_command()

    def test_an_altered_actor_or_time_is_detected(self):
        first = AuditEvent.objects.order_by("seq").first()
        AuditEvent.objects.filter(pk=first.pk).update(actor_id=self.bob.pk)
        self.assertEqual(audit.verify().broken_seq, first.seq)

    def test_a_removed_event_is_detected(self):
        middle = AuditEvent.objects.order_by("seq")[2]
        AuditEvent.objects.filter(pk=middle.pk)._raw_delete(AuditEvent.objects.db)
        verdict = audit.verify()
        self.assertIs(verdict.ok, False)
        self.assertEqual((verdict.broken_seq, verdict.problem), (middle.seq, "event removed"))

    def test_removing_the_last_event_is_detected(self):
        last = AuditEvent.objects.order_by("seq").last()
        AuditEvent.objects.filter(pk=last.pk)._raw_delete(AuditEvent.objects.db)
        self.assertEqual(audit.verify().broken_seq, last.seq)

    def test_removing_the_last_events_is_detected_though_newer_ones_wait_to_be_sealed(self):
        last = AuditEvent.objects.order_by("seq").last()
        AuditEvent.objects.filter(pk=last.pk)._raw_delete(AuditEvent.objects.db)
        audit.record(self.camille, "case.viewed", person=self.person)
        verdict = audit.verify()
        self.assertEqual((verdict.ok, verdict.broken_seq), (False, last.seq))

    def test_a_gap_left_by_a_rolled_back_transaction_is_known_to_the_chain(self):
        last = AuditEvent.objects.order_by("seq").last()
        with mock.patch.object(chain, "_next_seq", return_value=last.seq + 3):
            audit.record(self.camille, "case.viewed", person=self.person)
        seal_all()
        after_gap = AuditEvent.objects.get(seq=last.seq + 3)
        self.assertEqual(after_gap.prev_seq, last.seq)
        self.assertEqual(audit.verify().checked, 5)

    def test_removing_an_event_after_a_known_gap_names_it(self):
        last = AuditEvent.objects.order_by("seq").last()
        with mock.patch.object(chain, "_next_seq", side_effect=[last.seq + 3, last.seq + 4]):
            audit.record(self.camille, "case.viewed", person=self.person)
            audit.record(self.camille, "case.viewed", person=self.person)
        seal_all()
        AuditEvent.objects.filter(seq=last.seq + 3)._raw_delete(AuditEvent.objects.db)
        verdict = audit.verify()
        self.assertEqual((verdict.broken_seq, verdict.problem), (last.seq + 3, "event removed"))

    def test_an_event_inserted_into_a_known_gap_is_named(self):
        last = AuditEvent.objects.order_by("seq").last()
        with mock.patch.object(chain, "_next_seq", return_value=last.seq + 3):
            audit.record(self.camille, "case.viewed", person=self.person)
        seal_all()
        forged = AuditEvent.objects.get(seq=last.seq + 3)
        forged.pk, forged.seq, forged._state.adding = None, last.seq + 1, True
        forged.save(force_insert=True)
        self.assertEqual(audit.verify().broken_seq, last.seq + 1)  # its hash covers seq

    def test_an_unsealed_looking_event_inside_the_sealed_chain_is_named(self):
        second = AuditEvent.objects.order_by("seq")[1]
        AuditEvent.objects.filter(pk=second.pk).update(prev_seq=None, prev_hash="", hash="")
        verdict = audit.verify()
        self.assertEqual(verdict.broken_seq, second.seq)
        self.assertIn("inserted", verdict.problem)

    def test_a_changed_link_to_the_previous_event_is_detected(self):
        third = AuditEvent.objects.order_by("seq")[2]
        AuditEvent.objects.filter(pk=third.pk).update(prev_seq=third.prev_seq - 1)
        self.assertEqual(audit.verify().broken_seq, third.seq)

    def test_a_rehashed_forgery_is_detected_without_the_key(self):
        """Someone who recomputes plain SHA-256 hashes cannot forge the keyed chain."""
        import hashlib

        event = AuditEvent.objects.order_by("seq").last()
        forged = hashlib.sha256(b"forged").hexdigest()
        AuditEvent.objects.filter(pk=event.pk).update(verb="auth.logged_in", hash=forged)
        self.assertIs(audit.verify().ok, False)

    def test_events_cannot_be_changed_or_deleted_through_the_model(self):
        event = AuditEvent.objects.first()
        event.verb = "case.closed"
        with self.assertRaises(RuntimeError):
            event.save()
        with self.assertRaises(RuntimeError):
            event.delete()

    def test_values_are_not_stored_only_field_names(self):
        event = audit.record(self.camille, "request.facts_changed", changes=["summary", "facts"])
        self.assertEqual(event.changes, ["facts", "summary"])
        self.assertEqual(event.actor_role, "case_manager")

"""The audit trail is append-only and any change to a stored event is detected."""

from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError

from maillage import audit
from maillage.audit.models import AuditEvent
from maillage.testing import MaillageTestCase, make_person


class AuditChainTests(MaillageTestCase):
    def setUp(self) -> None:
        self.person = make_person()
        for verb in ("request.viewed", "case.viewed", "person.viewed", "request.recorded"):
            audit.record(self.camille, verb, person=self.person, target=self.person)

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
            self.assertEqual(event.seq, previous.seq + 1)

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
        self.assertEqual(verdict.broken_seq, middle.seq)

    def test_removing_the_last_event_is_detected(self):
        last = AuditEvent.objects.order_by("seq").last()
        AuditEvent.objects.filter(pk=last.pk)._raw_delete(AuditEvent.objects.db)
        self.assertIs(audit.verify().ok, False)

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

"""The demo signals: some made into answered requests, the figures show them."""

from maillage.screening.demo import SIGNALS, seed_signals
from maillage.screening.models import ComplexitySignal
from maillage.testing import MaillageTestCase


class DemoSignalsTests(MaillageTestCase):
    def test_it_seeds_signals_once_some_made_into_answered_requests(self) -> None:
        request = self.record(self.brusano, self.ines)
        request.status = request.Status.ANSWERED
        request.save(update_fields=["status"])
        self.assertEqual(seed_signals(), SIGNALS)
        self.assertEqual(seed_signals(), 0)
        self.assertEqual(ComplexitySignal.objects.count(), SIGNALS)
        self.assertEqual(ComplexitySignal.objects.filter(support_request=request).count(), 1)
        self.login(self.ana)
        self.assertEqual(self.client.get("/screening/figures/").status_code, 200)

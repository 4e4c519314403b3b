"""The analysts' figures: signals made into requests and accepted, per answer and group."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from maillage.accounts.models import ApiToken
from maillage.intake.models import Decision
from maillage.screening import actions
from maillage.testing import MaillageTestCase

from .base import COMPLEX

URL = "/screening/figures/"
UNSTABLE, YES, NO = 0, 0, 1  # the first question and its first two answers


class FiguresTests(MaillageTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the assertions read English
        self.enterContext(translation.override("en"))

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        adults = {**COMPLEX, "age_band": "24_64", "gender": "woman"}
        young = {**COMPLEX, "age_band": "under_18", "gender": "man"}
        for number, answers in enumerate([adults] * 6 + [young] * 2):
            _signal, token = actions.record_signal(answers, anonymous=False)
            made = cls.record(cls.brusano, cls.ines)
            actions.attach(token, made)
            if number in {0, 1, 2, 3, 4, 6}:  # five adults and one young person accepted
                Decision.objects.create(support_request=made, kind="accept", decided_by=cls.ines)
        for _number in range(3):
            actions.record_signal(adults, anonymous=True)

    def row(self, response, question: int, answer: int) -> list[str]:
        """The cells' texts of one answer (by position: the labels are translated)."""
        row = response.context["questions"][question].rows[answer]
        return [
            text
            for cell in [row.overall, *row.groups]
            for text in (cell.signals_text, cell.requests_text, cell.accepted_text, cell.share_text)
        ]

    def test_an_analyst_sees_how_often_each_answer_led_to_an_accepted_case(self) -> None:
        self.login(self.ana)
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.row(response, UNSTABLE, YES), ["11", "8", "6", "75 %"])
        # Nobody answered "no": zero is a small count too.
        self.assertEqual(
            self.row(response, UNSTABLE, NO),
            ["fewer than 5"] * 3 + ["—"],
        )

    def test_groups_are_compared_and_small_groups_hidden(self) -> None:
        self.login(self.lea)
        response = self.client.get(URL, {"by": "age_band"})
        self.assertEqual(response.status_code, 200)
        cells = self.row(response, UNSTABLE, YES)
        # Overall, then under 18, 18-23, 24-64, 65+, not given (signals per group are
        # counted too but the page shows requests, accepted and share per group).
        under_18, adults = cells[4:8], cells[12:16]
        self.assertEqual(under_18[1:], ["fewer than 5", "fewer than 5", "—"])
        self.assertEqual(adults[1:], ["6", "5", "83 %"])

    def test_it_counts_in_a_fixed_number_of_queries(self) -> None:
        self.login(self.ana)
        self.client.get(URL, {"by": "gender"})
        with CaptureQueriesContext(connection) as queries:
            self.client.get(URL, {"by": "gender"})
        counted = [q for q in queries.captured_queries if "screening_signalanswer" in q["sql"]]
        self.assertEqual(len(counted), 2)

    def test_an_unknown_group_shows_all_signals(self) -> None:
        self.login(self.ana)
        response = self.client.get(URL, {"by": "birth_date"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["group_values"], [])

    def test_others_are_denied(self) -> None:
        for user in (self.camille, self.ines, self.adam, self.zoe, self.pat):
            self.login(user)
            self.assertEqual(self.client.get(URL).status_code, 403, user.username)
        self.client.logout()
        self.assertEqual(self.client.get(URL).status_code, 302)


class FiguresApiTests(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        for _number in range(6):
            _signal, token = actions.record_signal(COMPLEX, anonymous=False)
            made = cls.record(cls.brusano, cls.ines)
            actions.attach(token, made)
            Decision.objects.create(support_request=made, kind="accept", decided_by=cls.ines)

    def test_the_api_gives_the_counts_and_hides_the_small_ones(self) -> None:
        _token, secret = ApiToken.issue(self.ana, "tests")
        response = self.client.get(
            "/api/v1/screening/figures",
            {"by": "gender"},
            headers={"authorization": f"Bearer {secret}"},
            secure=True,
        )
        self.assertEqual(response.status_code, 200, response.content)
        body = response.json()
        self.assertEqual(body["group_values"], ["woman", "man", "other", "prefer_not", ""])
        unstable = body["questions"][0]
        self.assertEqual(unstable["code"], "unstable")
        yes, no = unstable["rows"][0], unstable["rows"][1]
        self.assertEqual(yes["overall"], {"signals": 6, "requests": 6, "accepted": 6, "share": 100})
        self.assertEqual(yes["groups"][0]["accepted"], 6)  # woman
        self.assertEqual(
            no["overall"], {"signals": None, "requests": None, "accepted": None, "share": None}
        )

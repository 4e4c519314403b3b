"""The periodic job of requests from outside (maillage/jobs/schedule.py)."""

from . import actions


def send_due_answers() -> int:
    """Tell requesters whose request was answered another way than `answer_request`
    (oriented through a referral): once each."""
    return actions.send_due_answers()

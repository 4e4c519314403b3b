"""This app's pages and API operations in the access matrix (maillage/access/tests).

The public pages are open to everyone, signed in or not: the form, and the pages of a
secret link (status, invitation, join), which answer 404 to an unknown token whoever
asks. The set-aside review is for the intake workers and team leads of the programme's
team (ines and lea for Brusano); other signed-in users get 403, or 404 for one
submission.
"""

from typing import Any

from maillage.access.tests.matrix import ALL, FORBIDDEN, NOT_FOUND, OK, REDIRECT, only
from maillage.public import actions
from maillage.public.tests.base import body

REVIEWERS = {"ines", "lea"}


def _status(case: Any) -> dict[str, Any]:
    _submission, token, _how = actions.submit(body("brusano"), language="fr")
    return {"token": token}


def _professional(case: Any) -> dict[str, Any]:
    _submission, token, _how = actions.submit(body("bru-stars", professional="CMP"), language="fr")
    return {"token": token}


def _join(case: Any) -> dict[str, Any]:
    submission, _token, _how = actions.submit(body("bru-stars", professional="CMP"), language="fr")
    return {"token": actions.invite_colleague(submission)}


def _set_aside(case: Any) -> dict[str, Any]:
    submission, _token, _how = actions.submit(body("brusano"), language="fr", spam=True)
    return {"submission_id": submission.pk}


def _review(yes: int) -> dict[str, int]:
    return only(REVIEWERS, yes=yes, no=FORBIDDEN)


# The first reviewer (ines) releases or purges it; for lea, it is no longer set aside.
ONCE = {**_review(REDIRECT), "lea": NOT_FOUND}


PAGES: dict[str, Any] = {
    "public:request": ("get", "", only(set(ALL)), OK),
    "public:status": ("get", _status, only(set(ALL)), OK),
    # A status link's invitation form: answers the page again (the link shown once).
    "public:invite": ("post", _professional, only(set(ALL)), OK),
    "public:join": ("get", _join, only(set(ALL)), OK),
    "public:set_aside": ("get", "", _review(OK), REDIRECT),
    "public:release": ("post", _set_aside, ONCE, REDIRECT),
    "public:purge": ("post", _set_aside, ONCE, REDIRECT),
}

OPERATIONS: dict[tuple[str, str], Any] = {}

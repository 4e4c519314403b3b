"""The space pages in the access matrix (maillage/access/tests).

None of the personas has a personal space, so the person's own pages answer 404 to all
of them; `test_person_matrix.py` checks them for a person persona.
"""

from typing import Any

from maillage.access.tests.matrix import (
    ALL,
    NOT_FOUND,
    OK,
    REDIRECT,
    change_case,
    only,
)
from maillage.space import actions
from maillage.space.models import ConsentWish
from maillage.testing import PASSWORD


def _case(case: Any) -> dict[str, Any]:
    return {"case_id": case.pk}


def _worker(case: Any) -> Any:
    return case.workers.first().user


def _token(case: Any) -> dict[str, Any]:
    """A fresh valid invitation link (a wrong one would count towards the lockout)."""
    return {"token": actions.invite(case, by=_worker(case)).token}


def _wish(case: Any) -> dict[str, Any]:
    wish = case.consent_wishes.first()
    if wish is None:
        wish = ConsentWish.objects.create(case=case, text="Plus au CPAS", created_by=_worker(case))
    return {"case_id": case.pk, "wish_id": wish.pk}


def _account(case: Any) -> dict[str, Any]:
    """An open sign-in of the case's person (made once per case)."""
    account = case.person.space_accounts.filter(ended_at=None).first()
    if account is None:
        issued = actions.invite(case, by=_worker(case))
        username = f"space-{str(case.pk)[:8]}-{case.person.space_accounts.count()}"
        account = actions.activate(
            issued.invitation, username=username, password=PASSWORD, language="fr"
        )
    return {"case_id": case.pk, "account_id": account.pk}


NOBODY = only(set())
EVERYONE = only(set(ALL))
REDIRECTED = only(set(ALL), yes=REDIRECT)

# url name → (method, kwargs(case), expected per persona, anonymous)
PAGES = {
    "space:home": ("get", "", NOBODY, REDIRECT),
    "space:access_log": ("get", "", NOBODY, REDIRECT),
    "space:export": ("get", "", NOBODY, REDIRECT),
    "space:export_json": ("get", "", NOBODY, REDIRECT),
    "space:export_pdf": ("get", "", NOBODY, REDIRECT),
    "space:goals": ("get", _case, NOBODY, REDIRECT),
    "space:plan": ("get", _case, NOBODY, REDIRECT),
    "space:crisis": ("get", _case, NOBODY, REDIRECT),
    "space:network": ("get", _case, NOBODY, REDIRECT),
    "space:sharing": ("get", _case, NOBODY, REDIRECT),
    "space:wish": ("get", _case, NOBODY, REDIRECT),
    # Opening a space: without an account; signed-in users are sent on, or asked to sign
    # out first (a button that posts: a GET never signs anyone out).
    "space:code": ("get", "", REDIRECTED, OK),
    "space:invitation": ("get", _token, EVERYONE, OK),
    "space:activate": ("get", "", EVERYONE, NOT_FOUND),
    # The case manager's side
    "space:manage": ("get", _case, change_case(yes=OK), REDIRECT),
    "space:print": ("get", _case, change_case(yes=OK), REDIRECT),
    "space:print_pdf": ("get", _case, change_case(yes=OK), REDIRECT),
    "space:answer_wish": ("post", _wish, change_case(), REDIRECT),
    "space:end_account": ("post", _account, change_case(), REDIRECT),
    # Break the glass: team leads only
    "space:purpose": (
        "get",
        "",
        only({"lea"}, no=403),
        REDIRECT,
    ),
}

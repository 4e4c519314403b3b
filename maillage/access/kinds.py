"""What each kind of account reaches: one rule for every page and every API call.

The rules of `policy.py` decide on objects (this case, that request). Before them, this
module decides on the kind of account, whatever the data:

- a **person's own account** (`User.is_person_account`) reaches the pages open to
  everyone, their own space and their own account settings, and nothing made for
  professionals: any other page answers 404, every API call 403;
- every **other signed-in account** (professionals, partners, a user without any role yet)
  goes on to the rules of `policy.py`, which show a user without a role nothing.

Pages are named by their URL name, so a new professional page is closed to the person's
account without anyone having to remember it (default deny).
"""

from enum import StrEnum

from django.contrib.auth.models import AnonymousUser

from maillage.accounts.models import User


class Kind(StrEnum):
    ANONYMOUS = "anonymous"
    PERSON = "person"  # the person's own account (their space)
    WORKER = "worker"  # any other signed-in account: the policy's rules decide


# The pages a person's own account opens, beyond those open to everyone.
PERSON_PAGES = frozenset(
    {
        "ui:home",  # sends them to their space
        "space:home",
        "space:access_log",
        "space:export",
        "space:export_json",
        "space:export_pdf",
        "space:goals",
        "space:plan",
        "space:crisis",
        "space:network",
        "space:sharing",
        "space:wish",
        "accounts:logout",
        "accounts:language",
        "accounts:security",
        "accounts:verify",
        "accounts:setup_2fa",
        "accounts:remove_2fa",
    }
)
# API operations a person's own account may call: none yet.
PERSON_API_PREFIXES: tuple[str, ...] = ()


def kind_of(user: User | AnonymousUser) -> Kind:
    if not user.is_authenticated:
        return Kind.ANONYMOUS
    if getattr(user, "is_person_account", False):
        return Kind.PERSON
    return Kind.WORKER


def may_open_page(user: User | AnonymousUser, url_name: str, *, public: bool) -> bool:
    """Whether this kind of account may open the page named `url_name` at all.

    `public` pages (`@login_not_required`: links sent by email, sign-in) are open to
    every kind; the object behind them is still checked by the page itself.
    """
    if public:
        return True
    if kind_of(user) == Kind.PERSON:
        return url_name in PERSON_PAGES
    return True


def may_call_api(user: User | AnonymousUser, path: str) -> bool:
    """Whether this kind of account may call the API operation at `path`."""
    if kind_of(user) == Kind.PERSON:
        return path.startswith(PERSON_API_PREFIXES)
    return True

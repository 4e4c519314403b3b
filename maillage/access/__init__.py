"""The one place where Maillage decides who may see or change what.

Every view and API endpoint reaches person-level data through these functions:

- `requests_visible_to(user)`, `cases_visible_to(user)`, `persons_visible_to(user)`:
  the querysets a user may list;
- `get_request()`, `get_case()`, `get_person()`: one object, or 404 when it is not
  visible (missing and hidden look the same), 403 when visible but not changeable;
  every read is recorded in the audit trail here, so no view can forget it;
- `can(user, action, obj)`: a yes or no for one action, for templates and payloads.

Default deny: an unknown action raises; a user without a matching membership sees
nothing. Administrators manage configuration, not case content. See
docs/access-policy.md for the table of rules.
"""

from .policy import (
    ACTIONS,
    assignees_for,
    can,
    case_workers_for,
    cases_visible_to,
    conferences_visible_to,
    find_persons_to_merge,
    get_case,
    get_child,
    get_conference,
    get_person,
    get_person_to_merge,
    get_request,
    persons_mergeable_by,
    persons_visible_to,
    programmes_open_to,
    record_listing,
    requests_visible_to,
    require,
    roles_of,
)

__all__ = [
    "ACTIONS",
    "assignees_for",
    "can",
    "case_workers_for",
    "find_persons_to_merge",
    "cases_visible_to",
    "conferences_visible_to",
    "get_case",
    "get_child",
    "get_conference",
    "get_person",
    "get_person_to_merge",
    "get_request",
    "persons_mergeable_by",
    "persons_visible_to",
    "programmes_open_to",
    "record_listing",
    "require",
    "requests_visible_to",
    "roles_of",
]

# The directory of services (not person-level): search, suggest, edit.
from .directory import (  # noqa: E402
    may_edit_directory,
    may_search_directory,
    may_suggest_correction,
    require_directory_editor,
    require_directory_reader,
)

__all__ += [
    "may_edit_directory",
    "may_search_directory",
    "may_suggest_correction",
    "require_directory_editor",
    "require_directory_reader",
]

# Partner professionals: consent-scoped reading and writing (maillage/access/partner.py).
from . import partner  # noqa: E402
from .partner import get_partner_case, get_shared_case, is_partner, partner_cases  # noqa: E402

__all__ += ["get_partner_case", "get_shared_case", "is_partner", "partner", "partner_cases"]

# The person's own space and break-the-glass reads (maillage/access/own.py, policy.py).
from . import own  # noqa: E402
from .own import access_log, get_own_case, get_own_person, own_cases, own_person  # noqa: E402
from .policy import glass_candidate, may_break_glass, open_with_purpose, purpose_reads  # noqa: E402

__all__ += [
    "access_log",
    "get_own_case",
    "get_own_person",
    "glass_candidate",
    "may_break_glass",
    "open_with_purpose",
    "own",
    "own_cases",
    "own_person",
    "purpose_reads",
]

# Export of everything held about a person, and identity corrections (access/records.py).
from .records import get_person_for_export, get_person_for_rectification, may_export  # noqa: E402

__all__ += ["get_person_for_export", "get_person_for_rectification", "may_export"]

# Orientation: referrals and unmet needs (maillage/access/orientation.py).
from . import orientation  # noqa: E402
from .orientation import (  # noqa: E402
    get_referral,
    may_change_referral,
    may_record_unmet_need,
    referrals_visible_to,
    require_unmet_need_recorder,
    unmet_needs_visible_to,
)

__all__ += [
    "get_referral",
    "may_change_referral",
    "may_record_unmet_need",
    "orientation",
    "referrals_visible_to",
    "require_unmet_need_recorder",
    "unmet_needs_visible_to",
]

# What a worker's day reads (maillage/access/agenda.py).
from . import agenda  # noqa: E402
from .agenda import actions_visible_to, consent_wishes_visible_to  # noqa: E402

__all__ += ["actions_visible_to", "agenda", "consent_wishes_visible_to"]

# What each kind of account reaches, whatever the data (maillage/access/kinds.py).
from .kinds import Kind, kind_of, may_call_api, may_open_page  # noqa: E402

__all__ += ["Kind", "kind_of", "may_call_api", "may_open_page"]

# A user's own notifications (maillage/access/notifications.py).
from .notifications import get_notification, notifications_of  # noqa: E402

__all__ += ["get_notification", "notifications_of"]

# Searching for persons, cases and requests: its audit (maillage/access/search.py).
from .search import SEARCH_VERB, record_search  # noqa: E402

__all__ += ["SEARCH_VERB", "record_search"]

# The figures of the early-warning signals (maillage/access/screening.py).
from .screening import (  # noqa: E402
    may_see_signal_figures,
    require_signal_figures_reader,
    signal_answers_for_figures,
)

__all__ += [
    "may_see_signal_figures",
    "require_signal_figures_reader",
    "signal_answers_for_figures",
]

# Requests from outside: status and join links, the set-aside review (access/public.py).
from . import public  # noqa: E402
from .public import (  # noqa: E402
    get_invitation_by_token,
    get_set_aside,
    get_submission_by_token,
    may_review_set_aside,
    read_status,
    require_set_aside_reviewer,
    set_aside_visible_to,
)

__all__ += [
    "get_invitation_by_token",
    "get_set_aside",
    "get_submission_by_token",
    "may_review_set_aside",
    "public",
    "read_status",
    "require_set_aside_reviewer",
    "set_aside_visible_to",
]

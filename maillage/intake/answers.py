"""What a request says about its answer: the case it opened and who holds it, or why
it was refused or where the person was oriented. Read by the request page and by the
message shown right after answering."""

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from maillage import access

from .models import Decision, Requester, SupportRequest


# The case is typed `Any`: cases sits above intake (Case has the request's foreign key).
def case_of(support_request: SupportRequest) -> Any:
    """The case an accepted request opened, if any (one query, none when cached)."""
    try:
        return support_request.case  # type: ignore[attr-defined]
    except ObjectDoesNotExist:
        return None


# Typed `Any`: the public app sits above intake (its submission has the request's key).
def public_submission_of(support_request: SupportRequest) -> Any:
    """What the requester typed in the public form, if the request came from it."""
    try:
        return support_request.public_submission  # type: ignore[attr-defined]
    except ObjectDoesNotExist:
        return None


def worker_names(case: Any) -> str:
    """The current workers of the case as one phrase: "Camille Dubois and Noor Haddad"."""
    if case is None:
        return ""
    workers = case.workers.filter(ended_at__isnull=True).select_related("user")
    return get_text_list([str(worker.user) for worker in workers], pgettext("list", "and"))


def referrals_of(support_request: SupportRequest) -> list[Any]:
    """The referrals made from the request before any case, latest first (a page's worth)."""
    return list(support_request.referrals.filter(case__isnull=True).order_by("-created_at")[:50])


def directory_search_url(support_request: SupportRequest) -> str:
    """The directory's search page in orientation context, to orient the person from it."""
    return f"{reverse('directory:search')}?request={support_request.pk}"


def not_in_network(requesters: list[Requester]) -> list[Requester]:
    """Carers and professionals who asked and were not added to the case's network yet.

    Select the requesters with their `actor` to save a query each.
    """
    return [
        requester
        for requester in requesters
        if requester.kind != Requester.Kind.PERSON and not hasattr(requester, "actor")
    ]


def answer_message(support_request: SupportRequest, decision: Decision, *, user: Any) -> SafeString:
    """The message after answering: the case and its workers, the reason or the target."""
    if decision.kind == Decision.Kind.REFUSE:
        return format_html(
            "{}",
            _("The request was refused. Reason given: %(reason)s") % {"reason": decision.reason},
        )
    if decision.kind == Decision.Kind.ORIENT:
        return format_html(
            "{}",
            _("The request was answered: the person is oriented to %(target)s.")
            % {"target": decision.orient_target},
        )
    case = case_of(support_request)
    text = _("The request was accepted: a case was opened, held by %(workers)s.") % {
        "workers": worker_names(case)
    }
    if case is None or not access.can(user, "case.view", case):
        return format_html("{}", text)
    url = reverse("cases:detail", kwargs={"case_id": case.pk})
    return format_html('{} <a href="{}">{}</a>', text, url, _("Open the case"))

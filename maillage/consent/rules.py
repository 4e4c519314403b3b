"""The consent in force, and what it lets each network actor receive.

Pure reads used by the consent pages, the case overview, and (later) partner access
and minutes: the same rule everywhere.
"""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from maillage.cases.models import Case
from maillage.network.models import Actor

from .models import Consent, Share

MISSING_CONSENT = _(
    "No consent in force allows sharing: record the person's consent before sharing "
    "information or inviting partners."
)


def consent_in_force(case: Case) -> Consent | None:
    """The latest consent record of the case: it replaces every earlier one at once.

    Two queries: the consent, then its shares with their actors.
    """
    shares = Prefetch("shares", queryset=Share.objects.select_related("actor"))
    return case.consents.latest_first().prefetch_related(shares).first()


def sharing_allowed(consent: Consent | None) -> bool:
    return consent is not None and consent.allows_sharing


def shared_categories(consent: Consent | None, actor: Actor) -> set[str]:
    """Categories this actor may receive under the consent in force.

    None when the consent does not allow sharing (refused, withdrawn…), and none once
    the actor has left the network: a share never outlives the actor's place in it.
    """
    if not sharing_allowed(consent) or not actor.is_current():
        return set()
    for share in consent.shares.all():  # type: ignore[union-attr]
        if share.actor_id == actor.pk:
            return set(share.categories)
    return set()

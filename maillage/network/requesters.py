"""The requesters of a case's request, offered as actors of its network.

Whoever asked for support (a carer, a professional and their organisation) is usually
part of the network. They are offered on the network page, pre-filled from the request,
so that nobody types them again; none is added without the worker's click, and a
requester already in the network is not offered again.
"""

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext as _

from maillage.cases.models import Case
from maillage.intake.models import Requester

from .models import Actor, Sector

PHONE_MAX = Actor._meta.get_field("phone").max_length  # type: ignore[union-attr]


@dataclass
class RequesterOffer:
    """A requester as the actor they would become: kind, fields, and what is missing."""

    requester: Requester
    kind: str
    fields: dict[str, Any]
    missing: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Enough to add them in one click; otherwise the worker completes the form."""
        return not self.missing

    @property
    def sector_label(self) -> str:
        """The sector as the network names it, else as the request wrote it."""
        if self.fields.get("sector"):
            return str(Sector(self.fields["sector"]).label)
        return self.requester.sector.strip()

    def initial(self) -> dict[str, Any]:
        """The actor form's initial values."""
        return {**self.fields, "kind": self.kind, "requester": self.requester.pk}


def requesters_of(case: Case) -> list[Requester]:
    """Everyone who asked for support in the request that opened the case (one query)."""
    if case.support_request_id is None:
        return []
    return list(Requester.objects.filter(support_request_id=case.support_request_id))


def requester_of(case: Case, requester_id: Any) -> Requester:
    """One requester of the case's request, or 404."""
    if not str(requester_id).isdigit():
        raise Http404
    return get_object_or_404(
        Requester.objects.filter(support_request_id=case.support_request_id).exclude(
            support_request_id=None
        ),
        pk=requester_id,
    )


def offers(case: Case, actors: list[Actor]) -> list[RequesterOffer]:
    """The requesters to offer: carers and professionals not yet in the network.

    `actors` is every actor of the case, past ones included: someone who left the
    network is not offered again either.
    """
    added = {actor.requester_id for actor in actors if actor.requester_id is not None}
    names = {_folded(actor.name) for actor in actors}
    return [
        offer_for(requester)
        for requester in requesters_of(case)
        if requester.kind != Requester.Kind.PERSON
        and requester.pk not in added
        and not (requester.name.strip() and _folded(requester.name) in names)
    ]


def offer_for(requester: Requester) -> RequesterOffer:
    """The actor this requester would become, pre-filled from the request."""
    fields: dict[str, Any] = {
        "name": requester.name.strip(),
        "role": _("made the request for support"),
        **_contact_fields(requester.contact),
    }
    missing = [] if fields["name"] else [_("name")]
    if requester.kind == Requester.Kind.PROFESSIONAL:
        fields["organisation"] = requester.organisation.strip()
        fields["sector"] = sector_of(requester.sector)
        if not fields["organisation"]:
            missing.append(_("organisation"))
        return RequesterOffer(requester, Actor.Kind.FORMAL, fields, missing)
    fields["relation"] = Actor.Relation.CARER
    return RequesterOffer(requester, Actor.Kind.INFORMAL, fields, missing)


def sector_of(text: str) -> str:
    """The network sector a requester's sector (free text) names, or "" if none fits.

    Matches the code or the label in any of the interface's languages, or a word of it:
    "CPAS" and "OCMW" name the social services, "santé mentale" mental health.
    """
    wanted = _folded(text)
    if not wanted:
        return ""
    for sector in Sector:
        if wanted == sector.value:
            return str(sector.value)
        for label in _labels(sector):
            if wanted == label or (len(wanted) >= 4 and wanted in label):
                return str(sector.value)
    return ""


def _labels(sector: Sector) -> list[str]:
    labels = []
    for language in ("fr", "nl", "en"):
        with translation.override(language):
            labels.append(_folded(str(sector.label)))
    return labels


def _contact_fields(contact: str) -> dict[str, str]:
    contact = contact.strip()
    if not contact:
        return {}
    try:
        validate_email(contact)
    except ValidationError:
        return {"phone": contact} if len(contact) <= PHONE_MAX else {}
    return {"email": contact}


def _folded(text: str) -> str:
    """Lower case without accents, for comparing names and labels."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))

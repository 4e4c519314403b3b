"""What the partner feature holds about a person, for the export and the erasure
(maillage/personal_data.py): invitations sent to the professionals of their network.
Token digests are never exported."""

from django.utils.translation import gettext_lazy as _

from maillage.personal_data import DELETE, Entry, register

register(
    Entry(
        key="partner_invitations",
        model="partners.PartnerInvitation",
        person_path="actor__case__person",
        case_path="actor__case",
        fields=("actor", "email", "expires_at", "used_at", "used_by", "created_by", "created_at"),
        title=_("Invitations of partner professionals"),
        erase=DELETE,
        table=True,
    ),
)

"""What orientation holds about a person, for the export and the erasure
(maillage/personal_data.py): referrals with their status history and links, and the
unmet needs linked to the person's request or case. Token digests are never exported;
an unmet need keeps its domain, commune, age band and reason (aggregate data) when the
file is erased, and loses its free text."""

from django.utils.translation import gettext_lazy as _

from maillage.personal_data import DELETE, REDACT, Entry, register

register(
    Entry(
        key="referrals",
        model="orientation.Referral",
        person_path="person",
        case_path="case",
        fields=(
            "support_request",
            "case",
            "service_name",
            "channel",
            "sent_to",
            "life_domain",
            "need",
            "reason",
            "shared_categories",
            "shared_content",
            "person_agreed",
            "status",
            "status_reason",
            "status_changed_at",
            "sent_at",
            "reminder_count",
            "last_reminder_at",
            "created_by",
            "created_at",
        ),
        title=_("Orientations to services"),
        erase={"need": REDACT, "reason": "", "shared_content": [], "status_reason": ""},
        label=lambda row: str(row.service_name),
    ),
    Entry(
        key="referral_statuses",
        model="orientation.ReferralStatusChange",
        parent="referrals",
        parent_field="referral",
        person_path="referral__person",
        case_path="referral__case",
        fields=("status", "reason", "via", "by", "at"),
        title=_("Statuses of the orientation"),
        erase={"reason": ""},
        table=True,
    ),
    Entry(
        key="referral_links",
        model="orientation.ReferralLink",
        parent="referrals",
        parent_field="referral",
        person_path="referral__person",
        case_path="referral__case",
        fields=("purpose", "created_at", "expires_at", "used_at"),
        title=_("Links sent to the service"),
        erase=DELETE,
        table=True,
    ),
    Entry(
        key="unmet_needs",
        model="orientation.UnmetNeed",
        person_path="support_request__person",
        case_path="case",
        fields=(
            "life_domain",
            "commune",
            "age_band",
            "public",
            "reason",
            "description",
            "search_query",
            "service",
            "referral",
            "case",
            "recorded_by",
            "recorded_at",
        ),
        title=_("Unmet needs"),
        erase={"description": "", "search_query": ""},
        table=True,
    ),
)

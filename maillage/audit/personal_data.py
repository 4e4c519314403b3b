"""What the audit trail holds about a person, for the export (maillage/personal_data.py):
who read or changed their file. Never altered, erasure included."""

from django.utils.translation import gettext_lazy as _

from maillage.personal_data import KEEP, Entry, register

register(
    Entry(
        key="access_log",
        model="audit.AuditEvent",
        person_path="person_id",
        fields=(
            "seq",
            "at",
            "actor_label",
            "actor_role",
            "verb",
            "part",
            "purpose",
            "case_id",
            "target_type",
        ),
        title=_("Who read or changed the file"),
        erase=KEEP,
        table=True,
        position=240,
    ),
)

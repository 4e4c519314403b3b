"""On PostgreSQL, a sequence draws the events' `seq` without a lock shared by all writers.

SQLite needs none: its writers are serialised by the database lock, and `seq` is the
largest one plus one.
"""

from django.db import migrations

SEQUENCE = "audit_event_seq"


def create_sequence(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM audit_auditevent")
        (start,) = cursor.fetchone()
        cursor.execute(f"CREATE SEQUENCE IF NOT EXISTS {SEQUENCE} START WITH {int(start)}")


def drop_sequence(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP SEQUENCE IF EXISTS {SEQUENCE}")


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0004_add_content_mac_and_prev_seq"),
    ]

    operations = [
        migrations.RunPython(create_sequence, drop_sequence),
    ]

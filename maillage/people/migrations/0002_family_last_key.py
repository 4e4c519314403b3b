from django.db import migrations, models

BATCH = 2000


def fill_last_words(apps, schema_editor):
    """The last word of the family names of several words (the others stay empty)."""
    Person = apps.get_model("people", "Person")
    persons = Person.objects.filter(family_key__contains=" ").only("pk", "family_key")
    batch = []
    for person in persons.iterator(chunk_size=BATCH):
        person.family_last_key = person.family_key.split()[-1]
        batch.append(person)
        if len(batch) >= BATCH:
            Person.objects.bulk_update(batch, ["family_last_key"])
            batch = []
    if batch:
        Person.objects.bulk_update(batch, ["family_last_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="family_last_key",
            field=models.CharField(db_index=True, default="", editable=False, max_length=100),
        ),
        migrations.RunPython(fill_last_words, migrations.RunPython.noop),
        # Fresh statistics: without them SQLite's planner reads every current person
        # through the `merged_into` index instead of the name keys (search, 100,000 persons).
        migrations.RunSQL("ANALYZE people_person", migrations.RunSQL.noop),
    ]

from django.db import migrations
from django.db.models import OuterRef, Subquery


def fill_team(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    CaseWorker = apps.get_model("cases", "CaseWorker")
    team = Case.objects.filter(pk=OuterRef("case_id")).values("team_id")[:1]
    CaseWorker.objects.filter(team__isnull=True).update(team_id=Subquery(team))


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_caseworker_team")]

    operations = [migrations.RunPython(fill_team, migrations.RunPython.noop)]

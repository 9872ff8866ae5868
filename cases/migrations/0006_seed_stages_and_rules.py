from django.db import migrations


def seed(apps, schema_editor):
    from cases.stages import load_default_rules, load_default_stages

    load_default_stages(apps.get_model("cases", "CaseStage"))
    load_default_rules(apps.get_model("cases", "DeadlineRule"))


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_cases_deadlines")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

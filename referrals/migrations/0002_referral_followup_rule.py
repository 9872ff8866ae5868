"""Adds the ``referral_followup`` deadline rule (cases.deadlines.rules) to the rule table."""

from django.db import migrations


def load_rules(apps, schema_editor):
    from cases.stages import load_default_rules

    load_default_rules(apps.get_model("cases", "DeadlineRule"))


class Migration(migrations.Migration):
    dependencies = [
        ("referrals", "0001_referrals"),
        ("cases", "0009_seed_document_templates"),
    ]

    operations = [migrations.RunPython(load_rules, migrations.RunPython.noop)]

"""Data: the starting list of languages (editable afterwards in the admin)."""

from django.db import migrations

LANGUAGES = [
    ("es", "Español", False),
    ("en", "English", False),
    ("fr", "Français", False),
    ("ht", "Kreyòl ayisyen (criollo haitiano)", False),
    ("pt", "Português", False),
    ("quc", "K'iche'", True),
    ("mam", "Mam", True),
    ("kek", "Q'eqchi'", True),
    ("cak", "Kaqchikel", True),
    ("cab", "Garífuna", True),
    ("miq", "Miskito", True),
    ("len", "Lenca", True),
    ("tzo", "Tsotsil", True),
    ("tzh", "Tseltal", True),
    ("nah", "Náhuatl", True),
    ("mix", "Mixteco", True),
    ("zap", "Zapoteco", True),
]


def forwards(apps, schema_editor):
    Language = apps.get_model("cases", "Language")
    for order, (code, name, indigenous) in enumerate(LANGUAGES):
        Language.objects.update_or_create(
            code=code, defaults={"name": name, "is_indigenous": indigenous, "order": order}
        )


def backwards(apps, schema_editor):
    Language = apps.get_model("cases", "Language")
    Language.objects.filter(code__in=[code for code, _name, _flag in LANGUAGES]).delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_postgresql_sequence_and_trigram_indexes")]

    operations = [migrations.RunPython(forwards, backwards)]

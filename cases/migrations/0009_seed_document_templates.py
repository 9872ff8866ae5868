from django.db import migrations


def seed(apps, schema_editor):
    from cases.documents.seed import load_default_templates

    load_default_templates(
        apps.get_model("cases", "DocumentTemplate"),
        apps.get_model("cases", "DocumentTemplateVersion"),
    )


def unseed(apps, schema_editor):
    from cases.documents.seed import DEFAULT_TEMPLATES, SHIPPED_NOTE

    DocumentTemplate = apps.get_model("cases", "DocumentTemplate")
    DocumentTemplateVersion = apps.get_model("cases", "DocumentTemplateVersion")
    codes = [spec.code for spec in DEFAULT_TEMPLATES]
    DocumentTemplateVersion.objects.filter(
        template__code__in=codes, created_by__isnull=True, change_note=SHIPPED_NOTE
    ).delete()
    DocumentTemplate.objects.filter(code__in=codes, versions__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0008_documents_and_checklist")]

    operations = [migrations.RunPython(seed, unseed)]

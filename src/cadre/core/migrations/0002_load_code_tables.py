"""Load the code tables of FORMS.md §3 (see cadre.core.codes)."""

from django.db import migrations


def load(apps, schema_editor):
    from cadre.core.codes import ALL_TABLES

    CodeItem = apps.get_model("core", "CodeItem")
    rows = []
    for table in ALL_TABLES:
        for sort, (code, name) in enumerate(table.items):
            rows.append(
                CodeItem(
                    table=table.key,
                    code=code,
                    name=name,
                    sort=sort,
                    attrs=table.attrs.get(code, {}),
                    standard=table.standard,
                    is_local=table.local,
                )
            )
    CodeItem.objects.bulk_create(rows, ignore_conflicts=True)


def unload(apps, schema_editor):
    apps.get_model("core", "CodeItem").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]

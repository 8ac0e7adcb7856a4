"""PostgreSQL: a trigram index on appointment titles, for the combined query's
"曾任…职务" conditions (``appointment`` / ``ever_position_title``: title LIKE '%…%').

Without it such a condition reads every appointment of the candidate units (470,000 rows for
"乡镇党委书记" in a province); with it the matching titles are an index lookup. pg_trgm is a
trusted extension (PostgreSQL 13+): the database owner may create it. Where it is not
available the index is skipped and the query still works, only slower. Values shorter than
three characters cannot use it. SQLite: nothing to do."""

from django.db import migrations

INDEX = "appt_title_trgm_idx"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        if cursor.fetchone() is None:
            return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON posts_appointment USING gin (title gin_trgm_ops)"
    )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("analytics", "0004_structure_summary"), ("posts", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]

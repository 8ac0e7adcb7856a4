"""PostgreSQL: byte-order ("C") collation on the stored findings' unit paths, so a unit's
subtree (LIKE 'prefix%') is a btree range on the (run, kind, unit_path) index, as for the
cadres' unit_path (people.0002). SQLite compares bytes already."""

from django.db import migrations

from cadre.core.migration_ops import postgresql_only

FORWARD = [
    'ALTER TABLE analytics_finding ALTER COLUMN unit_path TYPE varchar(255) COLLATE "C"',
    'ALTER TABLE analytics_scanrun ALTER COLUMN unit_path TYPE varchar(255) COLLATE "C"',
]
BACKWARD = [
    'ALTER TABLE analytics_scanrun ALTER COLUMN unit_path TYPE varchar(255) COLLATE "default"',
    'ALTER TABLE analytics_finding ALTER COLUMN unit_path TYPE varchar(255) COLLATE "default"',
]


class Migration(migrations.Migration):
    dependencies = [("analytics", "0002_scan_runs")]
    operations = [postgresql_only(FORWARD, BACKWARD)]

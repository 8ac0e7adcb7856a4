"""PostgreSQL: byte-order ("C") collation on the path and pinyin columns, so prefix searches
(unit subtree, pinyin initials) use a btree range, and a partial index in the roster's
default order, so the first page of a province reads 50 index entries instead of sorting a
million rows. SQLite compares bytes already and needs neither.

A later AlterField on these columns must keep the collation (see docs/benchmarks.md)."""

from django.db import migrations

from cadre.core.migration_ops import postgresql_only

FORWARD = [
    'ALTER TABLE org_unit ALTER COLUMN path TYPE varchar(255) COLLATE "C"',
    'ALTER TABLE people_cadre ALTER COLUMN unit_path TYPE varchar(255) COLLATE "C"',
    'ALTER TABLE people_cadre ALTER COLUMN name_initials TYPE varchar(40) COLLATE "C"',
    'ALTER TABLE people_cadre ALTER COLUMN name_pinyin TYPE varchar(160) COLLATE "C"',
    "CREATE INDEX IF NOT EXISTS cadre_roster_order_idx ON people_cadre (unit_path, "
    "(CASE WHEN position_level = '' THEN 1 ELSE 0 END), position_level, name_pinyin, id) "
    "WHERE status = '1'",
    # With byte-order collation the plain btree answers LIKE 'prefix%' as a range the planner
    # can estimate; the pattern-ops copies Django adds get a fixed 0.5% estimate that sends
    # the planner scanning a whole province for a pinyin prefix.
    "DROP INDEX IF EXISTS people_cadre_unit_path_4077b367_like",
    "DROP INDEX IF EXISTS people_cadre_name_initials_d50040b4_like",
    "DROP INDEX IF EXISTS people_cadre_name_pinyin_7eec9443_like",
    "DROP INDEX IF EXISTS org_unit_path_1750d218_like",
]
BACKWARD = [
    "CREATE INDEX IF NOT EXISTS org_unit_path_1750d218_like ON org_unit (path varchar_pattern_ops)",
    "CREATE INDEX IF NOT EXISTS people_cadre_name_pinyin_7eec9443_like ON people_cadre "
    "(name_pinyin varchar_pattern_ops)",
    "CREATE INDEX IF NOT EXISTS people_cadre_name_initials_d50040b4_like ON people_cadre "
    "(name_initials varchar_pattern_ops)",
    "CREATE INDEX IF NOT EXISTS people_cadre_unit_path_4077b367_like ON people_cadre "
    "(unit_path varchar_pattern_ops)",
    "DROP INDEX IF EXISTS cadre_roster_order_idx",
    'ALTER TABLE people_cadre ALTER COLUMN name_pinyin TYPE varchar(160) COLLATE "default"',
    'ALTER TABLE people_cadre ALTER COLUMN name_initials TYPE varchar(40) COLLATE "default"',
    'ALTER TABLE people_cadre ALTER COLUMN unit_path TYPE varchar(255) COLLATE "default"',
    'ALTER TABLE org_unit ALTER COLUMN path TYPE varchar(255) COLLATE "default"',
]


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial"), ("org", "0001_initial")]
    operations = [postgresql_only(FORWARD, BACKWARD)]

"""PostgreSQL: drop the `varchar_pattern_ops` copies Django adds beside the indexes of four
columns that are only ever compared whole (`=`, `IN`): the ID number's blind index, the
ID's last four characters, 职务层次 and 职级. Nothing filters them with a prefix (LIKE
'x%'), so these indexes were never read, while every insert — 100,000 of them in a large
roster import — had to maintain them. SQLite has no such indexes.

A later AlterField on these columns would make Django create them again: drop them in the
same migration."""

from django.db import migrations

from cadre.core.migration_ops import postgresql_only

INDEXES = [
    ("people_cadre_id_number_index_21f64177_like", "id_number_index"),
    ("people_cadre_id_last4_fea5d8ff_like", "id_last4"),
    ("people_cadre_position_level_cd966662_like", "position_level"),
    ("people_cadre_rank_24df20a8_like", "rank"),
]
FORWARD = [f"DROP INDEX IF EXISTS {name}" for name, _ in INDEXES]
BACKWARD = [
    f"CREATE INDEX IF NOT EXISTS {name} ON people_cadre ({column} varchar_pattern_ops)"
    for name, column in INDEXES
]


class Migration(migrations.Migration):
    dependencies = [("people", "0003_postgresql_name_grams")]
    operations = [postgresql_only(FORWARD, BACKWARD)]

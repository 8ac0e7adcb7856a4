"""PostgreSQL: the roster's order index carries the filter columns (INCLUDE), so that the
ids of a filtered page come from an index-only scan in the roster's order, however deep
the page (`people.views.roster.rows.PagedRows`): page 50 of 一级主任科员 in a province read
11,000 table rows and sorted them; now it reads 2,500 index entries.

`ORDER_COLUMNS` is the roster's default order (`people.filters.DEFAULT_ORDER`, then id)."""

from django.db import migrations

from cadre.core.migration_ops import postgresql_only

ORDER_COLUMNS = (
    "unit_path, (CASE WHEN position_level = '' THEN 1 ELSE 0 END), position_level, name_pinyin, id"
)
FILTER_COLUMNS = "rank, gender, birth_date, political_status, staff_category, education_level"
FORWARD = [
    "DROP INDEX IF EXISTS cadre_roster_order_idx",
    f"CREATE INDEX cadre_roster_order_idx ON people_cadre ({ORDER_COLUMNS}) "
    f"INCLUDE ({FILTER_COLUMNS}) WHERE status = '1'",
]
BACKWARD = [
    "DROP INDEX IF EXISTS cadre_roster_order_idx",
    f"CREATE INDEX cadre_roster_order_idx ON people_cadre ({ORDER_COLUMNS}) WHERE status = '1'",
]


class Migration(migrations.Migration):
    dependencies = [("people", "0005_filter_indexes")]
    operations = [postgresql_only(FORWARD, BACKWARD)]

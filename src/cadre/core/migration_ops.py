"""Migration operations shared by the apps' migrations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import migrations


def postgresql_only(forward: Sequence[str], backward: Sequence[str]) -> migrations.RunPython:
    """Run ``forward`` (and ``backward`` when unapplied) on PostgreSQL; nothing elsewhere.

    For what only PostgreSQL has: collations, partial and GIN indexes, generated columns."""

    def statements(sqls: Sequence[str]) -> Any:
        def run(apps: Any, schema_editor: Any) -> None:
            if schema_editor.connection.vendor != "postgresql":
                return
            for sql in sqls:
                schema_editor.execute(sql)

        return run

    return migrations.RunPython(statements(forward), statements(backward))

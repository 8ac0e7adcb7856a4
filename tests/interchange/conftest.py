from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def write(tmp_path: Path):
    """Write bytes to a named file in tmp_path; return its path as str."""

    def _write(name: str, data: bytes) -> str:
        p = tmp_path / name
        p.write_bytes(data)
        return str(p)

    return _write


@pytest.fixture
def cli(capsys):
    """Run a management command; return (exit code, stdout, parsed JSON or None)."""
    import json

    from django.core.management import call_command

    def _run(*args: str) -> tuple[int, str, object]:
        code = 0
        try:
            call_command(*args)
        except SystemExit as exc:
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        out = captured.out
        _run.err = captured.err  # type: ignore[attr-defined]
        try:
            parsed = json.loads(out)
        except ValueError:
            parsed = None
        return code, out, parsed

    return _run


@pytest.fixture
def login(client, county):
    """The test client signed in as one of the county's users, by name."""

    def _login(username: str):
        client.force_login(county.users[username])
        return client

    return _login

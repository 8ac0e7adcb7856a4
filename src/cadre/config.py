"""Runtime configuration read from the environment, with safe defaults.

Secrets (Django's signing key and the SM4 data key) come from the environment; when absent
they are generated once into the var/ directory with owner-only permissions, so that
`make demo` needs nothing while a production deployment sets them explicitly.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent


def var_dir() -> Path:
    path = Path(os.environ.get("CADRE_VAR_DIR", PROJECT_DIR / "var"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def secret_from_env_or_file(env_name: str, file_name: str, nbytes: int) -> str:
    """Return a hex secret from the environment, else from var/<file_name>, creating it."""
    value = os.environ.get(env_name)
    if value:
        return value.strip()
    path = var_dir() / file_name
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(nbytes))
    return path.read_text().strip()

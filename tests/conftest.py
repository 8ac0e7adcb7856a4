"""Shared fixtures: a small county with two townships, a cadre in each, a user per role."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from cadre.accounts.models import Role, User
from cadre.core import codebook, policy
from cadre.org.models import Unit
from cadre.people.models import Cadre
from cadre.rules import params
from tests.factories import make_cadre, make_unit, make_user

# Rules called while collecting (module-level constants) and in tests without database
# access use the registry defaults; tests with the database use the 政策口径 in force.
params.set_default_provider(None)
_DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings: pytest.FixtureRequest) -> None:
    # PBKDF2 at production strength costs ~0.3 s a user; tests create hundreds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings: pytest.FixtureRequest) -> None:
    # Background tasks run inside the call that enqueues them, so a test sees their result.
    settings.TASKS = {  # type: ignore[attr-defined]
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    }


@pytest.fixture(autouse=True)
def _fresh_codebook() -> None:
    codebook.clear_cache()


@pytest.fixture(autouse=True)
def _params_in_force(request: pytest.FixtureRequest) -> Iterator[None]:
    uses_db = request.node.get_closest_marker("django_db") is not None or bool(
        _DB_FIXTURES & set(request.fixturenames)
    )
    policy.clear_cache()
    params.set_default_provider(policy.current_params if uses_db else None)
    yield
    params.set_default_provider(None)
    policy.clear_cache()


@dataclass
class County:
    county: Unit
    town_a: Unit
    town_b: Unit
    cadre_a: Cadre
    cadre_b: Cadre
    users: dict[str, User]


@pytest.fixture
def county(db: None) -> County:
    county = make_unit("某某县", code="C001", kind="01")
    town_a = make_unit("甲镇", county, code="T001", kind="08")
    town_b = make_unit("乙镇", county, code="T002", kind="08")
    cadre_a = make_cadre(town_a, "张建国")
    cadre_b = make_cadre(town_b, "李秀英", gender="2")
    users = {
        "sysadmin": make_user("sysadmin", Role.SYSTEM_ADMIN),
        "secadmin": make_user("secadmin", Role.SECURITY_ADMIN),
        "auditor": make_user("auditor", Role.AUDIT_ADMIN),
        "zzb": make_user("zzb", Role.ORG_ADMIN, [county]),
        "rsk": make_user("rsk", Role.UNIT_HR, [town_a]),
        "leader": make_user("leader", Role.LEADER, [county]),
        "self_a": make_user("self_a", Role.SELF, cadre=cadre_a),
    }
    return County(county, town_a, town_b, cadre_a, cadre_b, users)

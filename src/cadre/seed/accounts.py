"""Demo accounts: one per role, and a self-service login for every demo cadre.

Self-service usernames are ``c`` + the cadre's number (``c1``, ``c2`` …). All demo accounts
share the password given to `cadre seed --password`; the self-service ones are created with
`bulk_create` and one precomputed hash, so thousands take a second.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cadre.accounts.models import Role, User
from cadre.org.models import Unit

DEFAULT_PASSWORD = "Cadre@2024"  # noqa: S105 - the documented demo password
SELF_PREFIX = "c"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Role
    display_name: str
    scope: str  # the unit whose subtree the account manages, or ""


def create_demo_accounts(
    hashed: str, root: Unit, township: Unit | None, using: str = "default"
) -> list[DemoAccount]:
    """Create (or reset) the six role accounts with a password hash (`make_password`)."""
    specs: list[tuple[str, Role, str, Unit | None]] = [
        ("sysadmin", Role.SYSTEM_ADMIN, "系统管理员", None),
        ("secadmin", Role.SECURITY_ADMIN, "安全管理员", None),
        ("auditor", Role.AUDIT_ADMIN, "审计管理员", None),
        ("zzb", Role.ORG_ADMIN, f"{root.name}组织部干部管理员", root),
        ("rsk", Role.UNIT_HR, f"{(township or root).name}人事专员", township or root),
        ("leader", Role.LEADER, f"{root.name}领导", root),
    ]
    result = []
    for username, role, display, scope in specs:
        user = User.objects.using(using).filter(username=username).first() or User(
            username=username
        )
        user.role = role
        user.display_name = display
        user.password = hashed
        user.is_active = True
        user.cadre = None
        user.save(using=using)
        user.scope_units.set([scope] if scope else [])
        result.append(DemoAccount(username, role, display, scope.name if scope else ""))
    return result


def create_self_accounts(
    cadres: Sequence[tuple[int, str]], hashed: str, using: str = "default"
) -> int:
    """A self-service login (role 干部本人) for each (cadre id, name), all with one password
    hash; returns how many were created."""
    wanted = {f"{SELF_PREFIX}{pk}": (pk, name) for pk, name in cadres}
    taken = set(
        User.objects.using(using)
        .filter(username__in=list(wanted))
        .values_list("username", flat=True)
    )
    users = [
        User(username=username, password=hashed, role=Role.SELF, display_name=name, cadre_id=pk)
        for username, (pk, name) in wanted.items()
        if username not in taken
    ]
    User.objects.using(using).bulk_create(users, batch_size=2000)
    return len(users)

"""Users, their role and their management scope (管理权限)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    SYSTEM_ADMIN = "system_admin", "系统管理员"
    SECURITY_ADMIN = "security_admin", "安全管理员"
    AUDIT_ADMIN = "audit_admin", "审计管理员"
    ORG_ADMIN = "org_admin", "组织部干部管理员"
    UNIT_HR = "unit_hr", "单位人事专员"
    LEADER = "leader", "领导"
    SELF = "self", "干部本人"


# The three administrator roles (三权分立) never read cadre data.
ADMIN_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})
# Roles that see cadres through unit scope.
SCOPED_ROLES = frozenset({Role.ORG_ADMIN, Role.UNIT_HR, Role.LEADER})
# Roles that change cadre records in their scope.
EDITOR_ROLES = frozenset({Role.ORG_ADMIN, Role.UNIT_HR})
# Roles that may see unmasked ID numbers (each unmasked view is audited).
UNMASK_ROLES = frozenset({Role.ORG_ADMIN, Role.UNIT_HR, Role.SELF})


class User(AbstractUser):
    role = models.CharField("角色", max_length=20, choices=Role.choices, default=Role.LEADER)
    display_name = models.CharField("姓名", max_length=60, blank=True)
    scope_units = models.ManyToManyField(
        "org.Unit",
        verbose_name="管理范围",
        blank=True,
        related_name="scoped_users",
        help_text="可管理的单位（含下级单位）",
    )
    cadre = models.OneToOneField(
        "people.Cadre",
        verbose_name="对应干部",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="account",
    )

    class Meta:
        verbose_name = "用户"

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def role_label(self) -> str:
        return Role(self.role).label

    @property
    def is_admin_role(self) -> bool:
        return self.role in ADMIN_ROLES

    @property
    def can_edit_cadres(self) -> bool:
        return self.role in EDITOR_ROLES

    @property
    def can_unmask(self) -> bool:
        return self.role in UNMASK_ROLES

    @property
    def reads_audit(self) -> bool:
        return self.role == Role.AUDIT_ADMIN

    @property
    def approves_corrections(self) -> bool:
        return self.role == Role.ORG_ADMIN

    @property
    def manages_units(self) -> bool:
        return self.role == Role.ORG_ADMIN

"""Code tables, the append-only audit log and stored rule-parameter overrides."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models


class CodeItem(models.Model):
    """One code of a code table (代码表项). Loaded by migration from `cadre.core.codes`."""

    table = models.CharField("代码表", max_length=40)
    code = models.CharField("代码", max_length=16)
    name = models.CharField("名称", max_length=60)
    sort = models.PositiveIntegerField("排序", default=0)
    attrs = models.JSONField("属性", default=dict, blank=True)
    standard = models.CharField("标准", max_length=120, blank=True)
    is_local = models.BooleanField("本地代码", default=False)

    class Meta:
        verbose_name = "代码项"
        ordering = ["table", "sort"]
        constraints = [
            models.UniqueConstraint(fields=["table", "code"], name="codeitem_table_code_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.table}:{self.code} {self.name}"


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("审计日志只能追加，不能修改")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("审计日志只能追加，不能删除")


class AuditEntry(models.Model):
    """Who did what, when, from where, before → after. Append-only."""

    class Action(models.TextChoices):
        CREATE = "create", "新增"
        UPDATE = "update", "修改"
        DELETE = "delete", "删除"
        VIEW = "view", "查看"
        UNMASK = "unmask", "查看身份证号"
        EXPORT = "export", "导出"
        IMPORT = "import", "导入"
        LOGIN = "login", "登录"
        LOGIN_FAILED = "login_failed", "登录失败"
        LOGOUT = "logout", "退出"
        APPROVE = "approve", "批准"
        REJECT = "reject", "驳回"
        SETTING = "setting", "设置变更"

    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_name = models.CharField("操作人账号", max_length=150, blank=True)
    ip = models.GenericIPAddressField("来源地址", null=True, blank=True)
    action = models.CharField("操作", max_length=20, choices=Action.choices)
    target_type = models.CharField("对象类型", max_length=60, blank=True)
    target_id = models.CharField("对象编号", max_length=64, blank=True)
    target_repr = models.CharField("对象", max_length=200, blank=True)
    cadre_id = models.BigIntegerField("干部编号", null=True, blank=True, db_index=True)
    changes = models.JSONField("变更内容", default=dict, blank=True)
    note = models.CharField("说明", max_length=500, blank=True)

    objects: ClassVar[AuditQuerySet] = AuditQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = "审计日志"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.get_action_display()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("审计日志只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("审计日志只能追加，不能删除")


class RuleParameter(models.Model):
    """An organization department's override of one rule number (政策口径)."""

    key = models.CharField("参数", max_length=120, unique=True)
    value = models.JSONField("取值")
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="修改人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "政策口径参数"

    def __str__(self) -> str:
        return f"{self.key}={self.value}"

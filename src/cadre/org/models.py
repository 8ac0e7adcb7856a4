"""The unit tree (单位), its establishment (编制) and leadership quotas (领导职数)."""

from __future__ import annotations

from django.db import models
from treebeard.mp_tree import MP_Node


class Unit(MP_Node):
    """An organ, department, township or institution. Materialized path: a subtree is one
    indexed prefix query, which is how management scope is applied."""

    steplen = 4  # up to 1,679,616 children per level (base 36), depth ≤ 63
    code = models.CharField("单位代码", max_length=32, unique=True)
    name = models.CharField("单位全称", max_length=120)
    short_name = models.CharField("单位简称", max_length=60, blank=True)
    kind = models.CharField("单位类别", max_length=4)  # code table unit_kind
    level = models.CharField("机构规格", max_length=4, blank=True)  # code table unit_level
    region = models.CharField("所在地区", max_length=60, blank=True)
    region_code = models.CharField("行政区划代码", max_length=12, blank=True)
    sort = models.PositiveIntegerField("排序", default=0)
    is_closed = models.BooleanField("已撤销", default=False)
    closed_on = models.DateField("撤销日期", null=True, blank=True)
    quota_principal = models.PositiveIntegerField("正职领导职数", default=0)
    quota_deputy = models.PositiveIntegerField("副职领导职数", default=0)
    name_initials = models.CharField("拼音首字母", max_length=60, blank=True, db_index=True)

    node_order_by: list[str] = []

    class Meta:
        verbose_name = "单位"
        indexes = [models.Index(fields=["name"])]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class Establishment(models.Model):
    """Approved headcount (核定编制) of one kind for a unit."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="establishments")
    kind = models.CharField("编制类型", max_length=4)  # code table establishment_kind
    approved = models.PositiveIntegerField("核定数")

    class Meta:
        verbose_name = "编制"
        constraints = [
            models.UniqueConstraint(fields=["unit", "kind"], name="establishment_unit_kind_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}:{self.kind}={self.approved}"

"""Saved combined queries (常用查询): owned by a user, optionally shared with colleagues."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class SavedQuery(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        on_delete=models.CASCADE,
        related_name="saved_queries",
    )
    name = models.CharField("查询名称", max_length=80)
    description = models.CharField("说明", max_length=300, blank=True)
    query = models.JSONField("查询条件")
    # Shared with everyone who may run analytics (each still sees only their own scope) …
    shared = models.BooleanField("共享给所有同事", default=False)
    # … or with named colleagues only.
    shared_with = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="共享给",
        blank=True,
        related_name="queries_shared_with_me",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "常用查询"
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="savedquery_owner_name_uniq")
        ]

    def __str__(self) -> str:
        return self.name

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


class ScanRun(models.Model):
    """One warnings scan of a unit subtree (the background task ``tasks.scan_warnings``).

    The warnings centre and the home page read the findings of the latest finished run
    that covers the unit asked for; a new run of the same subtree replaces older ones."""

    class Status(models.TextChoices):
        QUEUED = "queued", "等待扫描"
        RUNNING = "running", "正在扫描"
        DONE = "done", "已完成"
        FAILED = "failed", "扫描失败"

    unit = models.ForeignKey(
        "org.Unit", verbose_name="扫描范围", on_delete=models.CASCADE, related_name="+"
    )
    unit_path = models.CharField(max_length=255, editable=False)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发起人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    as_of = models.DateField("预警日期")
    created_at = models.DateTimeField("发起时间", auto_now_add=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    counts = models.JSONField("分类条数", default=dict, blank=True)
    total = models.PositiveIntegerField("预警条数", default=0)
    error = models.TextField("错误信息", blank=True)

    class Meta:
        verbose_name = "预警扫描"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "unit_path"], name="scanrun_status_path_idx")]

    def __str__(self) -> str:
        return f"{self.unit_path} {self.get_status_display()}"


class Finding(models.Model):
    """One stored warning: about a cadre or about a unit, with the unit path for scoping."""

    # No index of its own (finding_run_kind_path_idx starts with the run) and no database
    # constraint (deleting a run deletes its findings through Django): a province scan
    # writes ~800,000 rows, and each index or deferred check costs seconds at that size.
    run = models.ForeignKey(
        ScanRun,
        on_delete=models.CASCADE,
        related_name="findings",
        db_index=False,
        db_constraint=False,
    )
    kind = models.CharField("类别", max_length=24)
    # Plain ids, not foreign keys: findings are a snapshot of one scan, written by COPY in
    # bulk and replaced by the next scan; a record deleted since then simply 404s.
    cadre_id = models.BigIntegerField(null=True, blank=True)
    unit_code = models.CharField(max_length=40, blank=True)
    name = models.CharField("干部或单位", max_length=120)
    unit_path = models.CharField(max_length=255)
    message = models.TextField("预警内容")

    class Meta:
        verbose_name = "预警"
        indexes = [
            models.Index(fields=["run", "kind", "unit_path"], name="finding_run_kind_path_idx")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.name}"

    @property
    def link(self) -> str:
        if self.cadre_id is not None:
            return f"/cadres/{self.cadre_id}/"
        return f"/units/{self.unit_code}/"


class SummaryRefresh(models.Model):
    """One refresh of the structure summary (``StructureCell``), by the background task
    ``tasks.refresh_summary``. The dashboard shows 数据截至 its finishing time."""

    as_of = models.DateField("统计日期")
    started_at = models.DateTimeField("开始时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "结构统计刷新"
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.as_of} {self.finished_at or '进行中'}"


class StructureCell(models.Model):
    """A grouped count of the structure summary: for the subtree of ``unit_path``, the
    number of cadres with the values (v1, v2, v3) in grouping number ``set_no`` (see
    ``analytics.summary.GROUPINGS``). Rebuilt whole by each refresh."""

    unit_path = models.CharField(max_length=255)
    set_no = models.PositiveSmallIntegerField()
    v1 = models.CharField(max_length=40, null=True, blank=True)
    v2 = models.CharField(max_length=40, null=True, blank=True)
    v3 = models.CharField(max_length=40, null=True, blank=True)
    n = models.PositiveIntegerField()

    class Meta:
        verbose_name = "结构统计"
        indexes = [models.Index(fields=["unit_path"], name="structurecell_path_idx")]

    def __str__(self) -> str:
        return f"{self.unit_path} {self.set_no} {self.v1} {self.v2} {self.v3} {self.n}"

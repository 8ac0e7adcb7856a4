"""An import batch (导入批次): the uploaded file, kept encrypted until it is committed,
discarded or refused; its preview (counts and every problem); the background task that
checks or commits it, and that task's progress.

A roster batch: 排队中 → 检查中 → 待确认 → 导入中 → 已导入; 排队中/检查中/待确认 → 已放弃;
排队中/检查中/导入中 → 失败 (the file was refused or the task broke; nothing written,
``message`` says why). A commit whose re-check finds errors returns to 待确认 with the new
problems. A batch checking or committing whose task has made no progress for
CADRE_IMPORT_STALE_MINUTES is shown as 中断 and may be discarded (its worker died; nothing
was written). An LRMX batch is checked within the request and starts at 待确认."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ImportBatch(models.Model):
    class Kind(models.TextChoices):
        ROSTER = "roster", "干部名册"
        LRMX = "lrmx", "任免审批表（LRMX）"

    class Status(models.TextChoices):
        QUEUED = "queued", "排队中"
        CHECKING = "checking", "检查中"
        PREVIEWED = "previewed", "待确认"
        COMMITTING = "committing", "导入中"
        COMMITTED = "committed", "已导入"
        DISCARDED = "discarded", "已放弃"
        FAILED = "failed", "失败"

    # A background task is working on the batch: the page shows its progress.
    RUNNING = frozenset({Status.QUEUED, Status.CHECKING, Status.COMMITTING})

    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    status = models.CharField(
        "状态", max_length=10, choices=Status.choices, default=Status.PREVIEWED, db_index=True
    )
    file_name = models.CharField("文件名", max_length=255)
    file_size = models.PositiveIntegerField("文件大小")
    file_sha256 = models.CharField("文件摘要", max_length=64)
    # The file as uploaded, SM4-encrypted (it holds ID numbers); emptied once decided.
    payload = models.TextField("文件内容（密文）", blank=True)
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name="导入单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    options = models.JSONField("选项", default=dict, blank=True)
    summary = models.JSONField("预览统计", default=dict, blank=True)
    # Problems as dicts (sheet, row, column, value, message, severity); ID numbers masked.
    problems = models.JSONField("问题清单", default=list, blank=True)
    result = models.JSONField("导入结果", default=dict, blank=True)
    # Why the batch failed, or why a commit stopped (Chinese, shown to the uploader).
    message = models.CharField("说明", max_length=500, blank=True)
    task_id = models.CharField("后台任务编号", max_length=64, blank=True)
    progress_phase = models.CharField("进度阶段", max_length=40, blank=True)
    progress_done = models.PositiveIntegerField("已完成", default=0)
    progress_total = models.PositiveIntegerField("总数", default=0)
    progress_at = models.DateTimeField("进度更新时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    decided_at = models.DateTimeField("处理时间", null=True, blank=True)

    class Meta:
        verbose_name = "导入批次"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.file_name}"

    @property
    def is_open(self) -> bool:
        """Waiting for the uploader's decision: commit or discard."""
        return self.status == self.Status.PREVIEWED

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING

"""The career timeline on both tracks: appointments (职务), ranks (职级) and grades (级别)."""

from __future__ import annotations

from django.db import models


class Appointment(models.Model):
    # Indexed by appt_cadre_start_idx (its first column), not by an index of its own.
    cadre = models.ForeignKey(
        "people.Cadre", on_delete=models.CASCADE, related_name="appointments", db_index=False
    )
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name="任职单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appointments",
    )
    title = models.CharField("职务名称", max_length=200)
    position_level = models.CharField("职务层次", max_length=2)  # position_level
    is_leading = models.BooleanField("领导职务", default=True)
    is_main = models.BooleanField("主要职务", default=True, help_text="否则为兼任")
    started_on = models.DateField("任职时间")
    ended_on = models.DateField("免职时间", null=True, blank=True)
    document_no = models.CharField("任职文号", max_length=60, blank=True)
    end_document_no = models.CharField("免职文号", max_length=60, blank=True)
    way = models.CharField("任职方式", max_length=1, blank=True)  # appointment_way
    probation_until = models.DateField("试用期满", null=True, blank=True)
    sort = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "任职"
        ordering = ["cadre", "sort", "-started_on", "id"]
        indexes = [
            models.Index(fields=["unit", "ended_on"], name="appt_unit_open_idx"),
            # A cadre's appointments by start date (the dossier audit compares the first
            # with the start of work, from the index alone).
            models.Index(fields=["cadre", "started_on"], name="appt_cadre_start_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_current(self) -> bool:
        return self.ended_on is None


class RankRecord(models.Model):
    cadre = models.ForeignKey("people.Cadre", on_delete=models.CASCADE, related_name="ranks")
    rank = models.CharField("职级", max_length=2)  # rank
    started_on = models.DateField("任职级时间")
    ended_on = models.DateField("终止时间", null=True, blank=True)
    document_no = models.CharField("文号", max_length=60, blank=True)

    class Meta:
        verbose_name = "职级"
        ordering = ["cadre", "-started_on", "id"]

    def __str__(self) -> str:
        return self.rank


class GradeRecord(models.Model):
    cadre = models.ForeignKey("people.Cadre", on_delete=models.CASCADE, related_name="grades")
    grade = models.PositiveSmallIntegerField("级别")
    step = models.PositiveSmallIntegerField("档次", null=True, blank=True)
    started_on = models.DateField("起始时间")
    ended_on = models.DateField("终止时间", null=True, blank=True)
    document_no = models.CharField("文号", max_length=60, blank=True)

    class Meta:
        verbose_name = "级别"
        ordering = ["cadre", "-started_on", "id"]

    def __str__(self) -> str:
        return f"{self.grade}级"

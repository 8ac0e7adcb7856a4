"""The cadre record (干部信息), built on the personnel dossier.

Derived columns on `Cadre` (现任职务, 职务层次, 职级, 任现职时间, 最高学历, 到龄年月) are
maintained by the services whenever the parts they derive from change, so that rosters filter
and sort on one table.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Cadre(models.Model):
    name = models.CharField("姓名", max_length=40)
    name_pinyin = models.CharField("姓名全拼", max_length=160, db_index=True)
    name_initials = models.CharField("拼音首字母", max_length=40, db_index=True)
    gender = models.CharField("性别", max_length=1)  # gender
    birth_date = models.DateField("出生日期")
    ethnicity = models.CharField("民族", max_length=2, default="01")  # ethnicity
    native_place = models.CharField("籍贯", max_length=60, blank=True)
    birthplace = models.CharField("出生地", max_length=60, blank=True)
    political_status = models.CharField("政治面貌", max_length=2, default="13")
    party_joined_on = models.DateField("入党时间", null=True, blank=True)
    party_confirmed_on = models.DateField("转正时间", null=True, blank=True)
    other_party = models.CharField("民主党派", max_length=2, blank=True)  # political_status
    other_party_joined_on = models.DateField("加入民主党派时间", null=True, blank=True)
    work_started_on = models.DateField("参加工作时间", null=True, blank=True)
    health = models.CharField("健康状况", max_length=2, blank=True, default="1")
    professional_title = models.CharField("专业技术职务", max_length=60, blank=True)
    specialty = models.CharField("熟悉专业有何专长", max_length=200, blank=True)
    staff_category = models.CharField("人员类别", max_length=2)  # staff_category
    status = models.CharField("管理状态", max_length=1, default="1")  # status
    unit = models.ForeignKey(
        "org.Unit", verbose_name="所在单位", on_delete=models.PROTECT, related_name="cadres"
    )
    # The unit's materialized path, copied so a subtree roster is one indexed prefix scan.
    unit_path = models.CharField(max_length=255, db_index=True, editable=False)
    id_number_cipher = models.TextField("身份证号（密文）", blank=True)
    id_number_index = models.CharField(max_length=64, null=True, unique=True, editable=False)
    id_last4 = models.CharField("身份证号后四位", max_length=4, blank=True, db_index=True)
    remarks = models.TextField("备注", blank=True)

    # Derived, maintained by services.
    current_position = models.CharField("现任职务", max_length=400, blank=True)
    position_level = models.CharField("职务层次", max_length=2, blank=True, db_index=True)
    position_since = models.DateField("任现职时间", null=True, blank=True)
    position_level_since = models.DateField("任现职级别时间", null=True, blank=True)
    is_leader = models.BooleanField("领导职务", default=False)
    rank = models.CharField("职级", max_length=2, blank=True, db_index=True)
    rank_since = models.DateField("任现职级时间", null=True, blank=True)
    education = models.CharField("最高学历", max_length=2, blank=True)
    education_level = models.PositiveSmallIntegerField("学历层次", null=True, blank=True)
    full_time_education = models.CharField("全日制学历", max_length=2, blank=True)
    full_time_education_level = models.PositiveSmallIntegerField(null=True, blank=True)
    retire_month = models.DateField("到龄年月", null=True, blank=True)

    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "干部"
        indexes = [
            models.Index(fields=["unit_path", "status"], name="cadre_scope_idx"),
            models.Index(fields=["name"], name="cadre_name_idx"),
            models.Index(fields=["birth_date"], name="cadre_birth_idx"),
        ]

    def __str__(self) -> str:
        return self.name


class CadrePhoto(models.Model):
    cadre = models.OneToOneField(Cadre, on_delete=models.CASCADE, related_name="photo")
    image = models.BinaryField("照片")
    content_type = models.CharField(max_length=40, default="image/jpeg")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "照片"

    def __str__(self) -> str:
        return f"照片:{self.cadre_id}"


class Education(models.Model):
    class Track(models.TextChoices):
        FULL_TIME = "full_time", "全日制教育"
        IN_SERVICE = "in_service", "在职教育"

    cadre = models.ForeignKey(Cadre, on_delete=models.CASCADE, related_name="educations")
    track = models.CharField("教育类别", max_length=12, choices=Track.choices)
    education = models.CharField("学历", max_length=2)  # education
    degree = models.CharField("学位", max_length=1, blank=True)  # degree
    degree_name = models.CharField("学位名称", max_length=40, blank=True)
    school = models.CharField("毕业院校", max_length=100, blank=True)
    major = models.CharField("系及专业", max_length=100, blank=True)
    started_on = models.DateField("入学时间", null=True, blank=True)
    ended_on = models.DateField("毕业时间", null=True, blank=True)
    sort = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "学历学位"
        ordering = ["cadre", "sort", "id"]

    def __str__(self) -> str:
        return f"{self.get_track_display()} {self.school}"


class ResumeEntry(models.Model):
    """One line of 简历; a line with a parent is a （其间：…） sub-line."""

    cadre = models.ForeignKey(Cadre, on_delete=models.CASCADE, related_name="resume_entries")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="during"
    )
    started_on = models.DateField("起始年月", null=True, blank=True)
    ended_on = models.DateField("截止年月", null=True, blank=True)
    text = models.CharField("经历", max_length=300)
    sort = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "简历"
        ordering = ["cadre", "sort", "id"]

    def __str__(self) -> str:
        return self.text


class FamilyMember(models.Model):
    cadre = models.ForeignKey(Cadre, on_delete=models.CASCADE, related_name="family_members")
    relation = models.CharField("称谓", max_length=2)  # family_relation
    name = models.CharField("姓名", max_length=40)
    birth_date = models.DateField("出生年月", null=True, blank=True)
    political_status = models.CharField("政治面貌", max_length=2, blank=True)
    work_unit_position = models.CharField("工作单位及职务", max_length=200, blank=True)
    is_deceased = models.BooleanField("已去世", default=False)
    is_emigrated = models.BooleanField("已移居国（境）外", default=False)
    id_number_cipher = models.TextField("身份证号（密文）", blank=True)
    id_number_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    sort = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "家庭成员"
        ordering = ["cadre", "sort", "id"]

    def __str__(self) -> str:
        return self.name


class Reward(models.Model):
    cadre = models.ForeignKey(Cadre, on_delete=models.CASCADE, related_name="rewards")
    kind = models.CharField("奖励种类", max_length=2)  # reward
    title = models.CharField("奖励名称", max_length=200, blank=True)
    awarded_on = models.DateField("奖励时间")
    issuer = models.CharField("批准机关", max_length=100, blank=True)
    document_no = models.CharField("文号", max_length=60, blank=True)

    class Meta:
        verbose_name = "奖励"
        ordering = ["cadre", "-awarded_on", "id"]

    def __str__(self) -> str:
        return self.title or self.kind


class Sanction(models.Model):
    cadre = models.ForeignKey(Cadre, on_delete=models.CASCADE, related_name="sanctions")
    kind = models.CharField("处分类别", max_length=1)  # sanction_kind
    measure = models.CharField("处分种类", max_length=3)  # sanction_measure
    effective_on = models.DateField("生效日期")
    observation_years = models.PositiveSmallIntegerField(
        "留党察看期限（年）", null=True, blank=True
    )
    reason = models.CharField("事由", max_length=300, blank=True)
    issuer = models.CharField("决定机关", max_length=100, blank=True)
    document_no = models.CharField("文号", max_length=60, blank=True)
    revoked_on = models.DateField("撤销日期", null=True, blank=True)

    class Meta:
        verbose_name = "处分"
        ordering = ["cadre", "-effective_on", "id"]

    def __str__(self) -> str:
        return f"{self.kind}:{self.measure}"


class AnnualAssessment(models.Model):
    cadre = models.ForeignKey(Cadre, on_delete=models.CASCADE, related_name="assessments")
    year = models.PositiveSmallIntegerField("年度")
    grade = models.CharField("考核结果", max_length=1)  # assessment_grade
    note = models.CharField("说明", max_length=200, blank=True)
    excellent_approved = models.BooleanField("经批准按25%确定优秀", default=False)

    class Meta:
        verbose_name = "年度考核"
        ordering = ["cadre", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["cadre", "year"], name="assessment_cadre_year_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.year}:{self.grade}"


class CorrectionRequest(models.Model):
    """A cadre's request to correct their own record, waiting for the organization dept."""

    class Status(models.TextChoices):
        PENDING = "pending", "待处理"
        APPROVED = "approved", "已采纳"
        REJECTED = "rejected", "已驳回"

    cadre = models.ForeignKey(Cadre, on_delete=models.CASCADE, related_name="corrections")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    section = models.CharField("涉及内容", max_length=40)
    message = models.TextField("更正内容")
    status = models.CharField(
        "状态", max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField("处理时间", null=True, blank=True)
    decision_note = models.CharField("处理意见", max_length=300, blank=True)

    class Meta:
        verbose_name = "信息更正申请"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.cadre_id}:{self.section}"

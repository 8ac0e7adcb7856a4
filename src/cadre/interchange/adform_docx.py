"""The 干部任免审批表 as a Word document (FORMS.md §1): two A4 pages of bordered grid, the
values of the sheet the PDF prints too (`adform_sheet`: the adform presenter's, with
拟任职务 / 拟免职务 / 任免理由 / 呈报单位 filled in on the spot), the photo in its 4:5 cell."""

from __future__ import annotations

import datetime as dt
import io
from typing import Unpack

from docx import Document
from docx.enum.table import WD_ALIGN_VERTICAL, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell

from cadre.core.actors import Actor
from cadre.interchange.adform_sheet import AdformSheet, FillIns, export_sheet
from cadre.people.models import Cadre
from cadre.people.presenters.adform import Adform

WIDTHS = (Cm(2.3), Cm(2.5), Cm(1.9), Cm(2.5), Cm(2.5), Cm(2.5), Cm(3.2))
FONT = "宋体"


def _font(run_or_style: object, size: float, bold: bool = False, name: str = FONT) -> None:
    font = run_or_style.font  # type: ignore[attr-defined]
    font.name, font.size, font.bold = name, Pt(size), bold
    rpr = run_or_style.element.get_or_add_rPr()  # type: ignore[attr-defined]
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _set(
    cell: _Cell, text: str, *, size: float = 12, bold: bool = False, center: bool = True
) -> None:
    cell.text = ""
    lines = text.split("\n") if text else [""]
    para = cell.paragraphs[0]
    for i, line in enumerate(lines):
        if i:
            para = cell.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
        para.paragraph_format.space_after = Pt(0)
        _font(para.add_run(line), size, bold)
    cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER


def _table(doc: object, rows: int) -> Table:
    table: Table = doc.add_table(rows=rows, cols=len(WIDTHS))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, WIDTHS, strict=True):
            cell.width = width
    return table


def _height(table: Table, row: int, cm: float) -> None:
    table.rows[row].height = Cm(cm)
    table.rows[row].height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST


def _merge(table: Table, r1: int, c1: int, r2: int, c2: int) -> _Cell:
    return table.cell(r1, c1).merge(table.cell(r2, c2))


def build_docx(sheet: AdformSheet) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin = section.right_margin = Cm(1.9)
    _font(doc.styles["Normal"], 12)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run("干部任免审批表"), 22, bold=True)
    _page_one(doc, sheet.form, sheet.photo)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _page_two(doc, sheet.form, sheet.filled_by, sheet.reported_on)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _page_one(doc: object, f: Adform, photo: bytes | None) -> None:
    t = _table(doc, 10)
    for r, (a, b, c) in enumerate(
        (
            (("姓名", f.name), ("性别", f.gender), ("出生年月\n（岁）", f.birth)),
            (("民族", f.ethnicity), ("籍贯", f.native_place), ("出生地", f.birthplace)),
            (("入党时间", f.party), ("参加工作\n时间", f.work_started), ("健康状况", f.health)),
        )
    ):
        for col, (label, value) in enumerate((a, b, c)):
            _set(t.cell(r, col * 2), label)
            _set(t.cell(r, col * 2 + 1), value)
        _height(t, r, 1.3)
    _set(t.cell(3, 0), "专业技术\n职务")
    _set(_merge(t, 3, 1, 3, 2), f.professional_title)
    _set(t.cell(3, 3), "熟悉专业\n有何专长")
    _set(_merge(t, 3, 4, 3, 5), f.specialty)
    _height(t, 3, 1.3)
    picture = _merge(t, 0, 6, 3, 6)
    _photo(picture, photo)
    _set(_merge(t, 4, 0, 5, 0), "学  历\n学  位")
    for r, (label, cell) in (
        (4, ("全日制\n教  育", f.full_time)),
        (5, ("在  职\n教  育", f.in_service)),
    ):
        _set(t.cell(r, 1), label)
        _set(_merge(t, r, 2, r, 3), cell.education_degree)
        _set(t.cell(r, 4), "毕业院校\n系及专业")
        _set(_merge(t, r, 5, r, 6), cell.schools, size=10.5, center=False)
        _height(t, r, 1.5)
    for r, (label, value) in enumerate(
        (
            ("现任职务", f.current_position),
            ("拟任职务", f.proposed_position),
            ("拟免职务", f.removed_position),
        ),
        start=6,
    ):
        _set(t.cell(r, 0), label)
        _set(_merge(t, r, 1, r, 6), value, center=False)
        _height(t, r, 1.2)
    _set(t.cell(9, 0), "简\n\n\n\n历")
    resume = _merge(t, 9, 1, 9, 6)
    resume.text = ""
    for i, line in enumerate(f.resume):
        para = resume.paragraphs[0] if i == 0 else resume.add_paragraph()
        para.paragraph_format.left_indent = Cm(4.1)
        para.paragraph_format.first_line_indent = Cm(-4.1)
        para.paragraph_format.space_after = Pt(0)
        _font(para.add_run(line.line), 11)
    resume.vertical_alignment = WD_ALIGN_VERTICAL.TOP
    _height(t, 9, 12.5)


def _photo(cell: _Cell, photo: bytes | None) -> None:
    cell.text = ""
    para = cell.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
    if photo:
        try:
            para.add_run().add_picture(io.BytesIO(photo), width=Cm(2.8), height=Cm(3.5))
            return
        except Exception:  # noqa: S110 — an unreadable photo leaves the frame empty
            pass
    _font(para.add_run("照片"), 12)


def _page_two(doc: object, f: Adform, filled_by: str, reported_on: dt.date) -> None:
    family = f.family
    blank = len(f.family_blank_rows)
    rows = 3 + 1 + len(family) + blank + 4
    t = _table(doc, rows)
    for r, (label, value, height) in enumerate(
        (
            ("奖惩\n情况", f.rewards, 3.0),
            ("年度考核\n结果", f.assessments, 2.0),
            ("任免\n理由", f.appointment_reason, 2.5),
        )
    ):
        _set(t.cell(r, 0), label)
        _set(_merge(t, r, 1, r, 6), value, center=False)
        _height(t, r, height)
    top = 3
    _set(_merge(t, top, 0, top + len(family) + blank, 0), "家庭\n主要\n成员\n及\n重要\n社会\n关系")
    for c, label in enumerate(("称谓", "姓名", "年龄", "政治面貌"), start=1):
        _set(t.cell(top, c), label)
    _set(_merge(t, top, 5, top, 6), "工作单位及职务")
    for i, m in enumerate(family, start=1):
        r = top + i
        for c, value in enumerate((m.relation, m.name, m.age_text, m.political_status), start=1):
            _set(t.cell(r, c), value, size=11)
        _set(_merge(t, r, 5, r, 6), m.work, size=11, center=False)
        _height(t, r, 0.9)
    for i in range(blank):
        _merge(t, top + len(family) + 1 + i, 5, top + len(family) + 1 + i, 6)
        _height(t, top + len(family) + 1 + i, 0.9)
    r = top + len(family) + blank + 1
    _set(t.cell(r, 0), "呈报\n单位")
    _set(
        _merge(t, r, 1, r, 6),
        f"{f.unit_name}\n\n{reported_on.year}年{reported_on.month}月{reported_on.day}日",
        center=False,
    )
    _height(t, r, 2.0)
    for label in ("审批机关\n意见", "行政机关\n任免意见"):
        r += 1
        _set(t.cell(r, 0), label)
        _set(_merge(t, r, 1, r, 6), "（盖章）\n        年    月    日")
        _height(t, r, 2.5)
    r += 1
    _merge(t, r, 0, r, 6)
    _set(
        t.cell(r, 0),
        f"填表人：{filled_by}",
        center=False,
    )


def export_adform(
    *, cadre: Cadre, actor: Actor, at: dt.date | None = None, **fill_ins: Unpack[FillIns]
) -> bytes:
    """The adform of a cadre the caller read through the actor's scope, as a Word document;
    audited as an export."""
    return export_sheet(build_docx, "docx", cadre=cadre, actor=actor, at=at, **fill_ins)

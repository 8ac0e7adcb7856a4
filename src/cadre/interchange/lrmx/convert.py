"""LRMX text values → the values of a cadre and its parts, with problems per element."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from cadre.interchange.codes import code_of, degree_code
from cadre.interchange.errors import Problem
from cadre.interchange.lrmx.schema import LrmxPerson
from cadre.interchange.values import CellError, id_number, parse_date, person_name
from cadre.people.models import Education
from cadre.rules.errors import RulesError
from cadre.rules.idnumber import validate_id_number
from cadre.rules.resume import ResumeEntry, parse_resume

MAX_PHOTO = 2 * 1024 * 1024
DECEASED = "已去世"
_DECEASED_RE = re.compile(r"[（(]?已去世[）)]?")
TEXTS = {
    "JiGuan": ("native_place", 60),
    "ChuShengDi": ("birthplace", 60),
    "ZhuanYeJiShuZhiWu": ("professional_title", 60),
    "ShuXiZhuanYeYouHeZhuanChang": ("specialty", 200),
}


@dataclass
class Converted:
    entry: str
    person: LrmxPerson
    id_number: str | None = None
    values: dict[str, Any] = field(default_factory=dict)
    current_position: str = ""
    educations: list[Education] = field(default_factory=list)
    resume: list[ResumeEntry] = field(default_factory=list)
    family: list[dict[str, Any]] = field(default_factory=list)
    photo: bytes | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)

    def problem(self, element: str, message: str, severity: str = "error") -> None:
        value = self.person.get(element)[:60]
        self.problems.append(Problem(self.entry, 0, element, value, message, severity))


def convert(entry: str, person: LrmxPerson, today: dt.date | None = None) -> Converted:
    c = Converted(entry, person)
    get = person.get
    c.values["name"] = person_name(get("XingMing"))
    if not c.values["name"]:
        c.problem("XingMing", "姓名为空")
    try:
        c.id_number = id_number(get("ShenFenZheng"), today)
    except CellError as exc:
        c.problem("ShenFenZheng", str(exc))
    if c.id_number is None and not get("ShenFenZheng"):
        c.problem("ShenFenZheng", "缺少身份证号，无法识别干部")
    _basic(c, today or dt.date.today())
    _educations(c)
    if get("JianLi"):
        try:
            c.resume = parse_resume(get("JianLi"))
        except RulesError as exc:
            c.problem("JianLi", str(exc))
    _family(c)
    _photo(c)
    return c


def _basic(c: Converted, today: dt.date) -> None:
    get = c.person.get
    info = validate_id_number(c.id_number) if c.id_number else None
    gender = get("XingBie")
    if gender:
        code = code_of("gender", gender)
        if code is None:
            c.problem("XingBie", "性别应为男或女")
        c.values["gender"] = code
    if info and info.gender:
        from_id = "1" if info.gender == "男" else "2"
        if c.values.get("gender") not in (None, from_id):
            c.problem("XingBie", f"性别与身份证号不一致（身份证号为{info.gender}）")
        c.values["gender"] = from_id
    birth = _date(c, "ChuShengNianYue")
    if info and info.birth_date:
        born = info.birth_date
        if birth is None or (birth.year, birth.month) == (born.year, born.month):
            birth = born
        else:
            c.problem("ChuShengNianYue", "出生年月与身份证号不一致，按文件导入，请核实", "warning")
    if birth is not None:
        c.values["birth_date"] = birth
    if get("MinZu"):
        code = code_of("ethnicity", get("MinZu"))
        if code is None:
            c.problem("MinZu", "不是有效的民族名称")
        c.values["ethnicity"] = code
    for element, (f, size) in TEXTS.items():
        if get(element):
            c.values[f] = get(element)[:size]
    _party(c)
    work = _date(c, "CanJiaGongZuoShiJian")
    if work is not None:
        c.values["work_started_on"] = work
    if get("JianKangZhuangKuang"):
        code = code_of("health", get("JianKangZhuangKuang"))
        if code is None:
            c.problem("JianKangZhuangKuang", "健康状况无法对应代码，未导入", "warning")
        else:
            c.values["health"] = code
    c.current_position = get("XianRenZhiWu")[:400]
    for f in ("party_joined_on", "work_started_on"):
        value = c.values.get(f)
        if value is not None and value > today:
            c.problem("CanJiaGongZuoShiJian" if f[0] == "w" else "RuDangShiJian", "晚于今天")
    c.values = {k: v for k, v in c.values.items() if v is not None}


def _date(c: Converted, element: str) -> dt.date | None:
    try:
        return parse_date(c.person.get(element))
    except CellError as exc:
        c.problem(element, str(exc))
        return None


def _party(c: Converted) -> None:
    """RuDangShiJian: "200108", "民建" or "200108；民建"."""
    raw = c.person.get("RuDangShiJian")
    if not raw:
        return
    for part in re.split("[；;,，]", raw):
        part = part.strip()
        if not part:
            continue
        if part[0].isdigit():
            try:
                c.values["party_joined_on"] = parse_date(part)
                c.values["political_status"] = "01"
            except CellError as exc:
                c.problem("RuDangShiJian", str(exc))
        else:
            code = code_of("political_status", part)
            if code is None:
                c.problem("RuDangShiJian", f"无法识别的党派“{part}”")
            elif "party_joined_on" in c.values:
                c.values["other_party"] = code
            else:
                c.values["political_status"] = code


def _educations(c: Converted) -> None:
    get = c.person.get
    for sort, (prefix, track) in enumerate(
        (
            ("QuanRiZhiJiaoYu", Education.Track.FULL_TIME),
            ("ZaiZhiJiaoYu", Education.Track.IN_SERVICE),
        )
    ):
        label, degree = get(f"{prefix}_XueLi"), get(f"{prefix}_XueWei")
        if not label and not degree:
            continue
        code = code_of("education", label) if label else None
        if label and code is None:
            c.problem(f"{prefix}_XueLi", "学历无法对应代码")
            continue
        if code == "14" and "博士" in degree:
            code = "11"
        dcode = degree_code(degree) if degree else None
        if degree and dcode is None:
            c.problem(f"{prefix}_XueWei", "学位应含博士、硕士或学士")
        if code is None:
            c.problem(f"{prefix}_XueLi", "有学位而无学历，未导入该学历学位", "warning")
            continue
        school = get(f"{prefix}_XueLi_BiYeYuanXiaoXi") or get(f"{prefix}_XueWei_BiYeYuanXiaoXi")
        name = degree if degree not in ("博士", "硕士", "学士") else ""
        c.educations.append(
            Education(
                track=track,
                education=code,
                degree=dcode or "",
                degree_name=name[:40],
                school=school[:100],
                sort=sort,
            )
        )


def _family(c: Converted) -> None:
    spouse = {"1": "12", "2": "11"}.get(c.values.get("gender") or "", "97")
    for n, row in enumerate(c.person.family):
        title = row["ChengWei"]
        code = "" if not title else code_of("family_relation", title)
        if title in ("配偶", "爱人"):
            code = spouse
        if not code:
            c.problem("JiaTingChengYuan", f"称谓“{title}”无法对应代码，记为其他亲属", "warning")
            code = "97"
        work = row["GongZuoDanWeiJiZhiWu"]
        deceased = DECEASED in work
        born = None
        if row["ChuShengRiQi"]:
            try:
                born = parse_date(row["ChuShengRiQi"])
            except CellError:
                c.problem("JiaTingChengYuan", f"{row['XingMing']}的出生年月无法识别", "warning")
        status = code_of("political_status", row["ZhengZhiMianMao"]) or ""
        c.family.append(
            {
                "relation": code,
                "name": person_name(row["XingMing"])[:40],
                "birth_date": born,
                "political_status": status,
                "work_unit_position": _DECEASED_RE.sub("", work).strip()[:200],
                "is_deceased": deceased,
                "sort": n,
            }
        )


def _photo(c: Converted) -> None:
    raw = re.sub(r"\s+", "", c.person.get("ZhaoPian"))
    if not raw:
        return
    if raw.startswith("data:"):
        raw = raw.split(",", 1)[-1]
    try:
        data = base64.b64decode(raw, validate=True)
    except (binascii.Error, ValueError):
        c.problem("ZhaoPian", "照片不是有效的Base64编码，未导入", "warning")
        return
    if len(data) > MAX_PHOTO:
        c.problem("ZhaoPian", "照片超过2MB，未导入", "warning")
    elif not (data.startswith(b"\xff\xd8") or data.startswith(b"\x89PNG")):
        c.problem("ZhaoPian", "照片不是JPEG或PNG图片，未导入", "warning")
    else:
        c.photo = data

"""Writing LRMX: a cadre → LrmxPerson (through the adform presenter, so the file says what
the printed form says) → UTF-8 XML in the element order of FORMS.md §2."""

from __future__ import annotations

import base64
import datetime as dt
from typing import TYPE_CHECKING

from cadre.interchange.lrmx.schema import (
    AFTER_FAMILY,
    BEFORE_FAMILY,
    FAMILY,
    FAMILY_ITEM,
    VERSION,
    LrmxPerson,
)
from cadre.people.presenters.adform import Adform, build_adform
from cadre.people.presenters.formats import CPC_CODES
from cadre.people.presenters.resume import resume_lines

if TYPE_CHECKING:
    from cadre.people.models import Cadre
    from cadre.rules.params import Params

PREFETCH = (
    "educations",
    "resume_entries",
    "family_members",
    "rewards",
    "sanctions",
    "assessments",
)


def _ym(value: dt.date | None) -> str:
    return f"{value:%Y%m}" if value else ""


def _dotted_to_ym(text: str) -> str:
    """ "2025.04" → "202504" (the presenter prints months dotted, LRMX packs them)."""
    return text.replace(".", "") if text else ""


def party_value(cadre: Cadre, adform_party: str) -> str:
    """RuDangShiJian: yyyyMM for a CPC member, a democratic party's name, or both "；"."""
    parts = adform_party.split("；") if adform_party else []
    if cadre.political_status in CPC_CODES and cadre.party_joined_on and parts:
        parts[0] = _ym(cadre.party_joined_on)
    return "；".join(parts)


def person_from_cadre(
    cadre: Cadre,
    *,
    at: dt.date,
    params: Params,
    id_number: str = "",
    filled_by: str = "",
    photo: bytes | None = None,
    proposed: str = "",
    removed: str = "",
    reason: str = "",
    reporting_unit: str = "",
) -> LrmxPerson:
    """The LRMX values of a cadre (the parts prefetched; see PREFETCH)."""
    form: Adform = build_adform(cadre, at=at, params=params)
    v: dict[str, str] = {
        "XingMing": form.name,
        "XingBie": form.gender,
        "ChuShengNianYue": _ym(cadre.birth_date),
        "MinZu": form.ethnicity,
        "JiGuan": form.native_place,
        "ChuShengDi": form.birthplace,
        "RuDangShiJian": party_value(cadre, form.party),
        "CanJiaGongZuoShiJian": _ym(cadre.work_started_on),
        "JianKangZhuangKuang": form.health,
        "ZhuanYeJiShuZhiWu": form.professional_title,
        "ShuXiZhuanYeYouHeZhuanChang": form.specialty,
        "XianRenZhiWu": form.current_position,
        "NiRenZhiWu": proposed,
        "NiMianZhiWu": removed,
        "JianLi": "\r\n".join(resume_lines(cadre.resume_entries.all())),
        "JiangChengQingKuang": form.rewards,
        "NianDuKaoHeJieGuo": form.assessments,
        "RenMianLiYou": reason,
        "ChengBaoDanWei": reporting_unit or form.unit_name,
        "JiSuanNianLingShiJian": f"{at:%Y%m%d}",
        "TianBiaoShiJian": f"{dt.date.today():%Y%m}",
        "TianBiaoRen": filled_by,
        "ShenFenZheng": id_number,
        "ZhaoPian": base64.b64encode(photo).decode("ascii") if photo else "",
        "Version": VERSION,
        "DaoLingNianYue": _dotted_to_ym(form.retire_month),
        "GaiGeQianRenZhiNianLingJieXian": form.pre_reform_age,
    }
    for prefix, cell in (("QuanRiZhiJiaoYu", form.full_time), ("ZaiZhiJiaoYu", form.in_service)):
        v[f"{prefix}_XueLi"] = cell.education
        v[f"{prefix}_XueWei"] = cell.degree
        v[f"{prefix}_XueLi_BiYeYuanXiaoXi"] = cell.education_school if cell.education else ""
        v[f"{prefix}_XueWei_BiYeYuanXiaoXi"] = (
            (cell.degree_school or cell.education_school) if cell.degree else ""
        )
    family = [
        {
            "ChengWei": row.relation,
            "XingMing": row.name,
            "ChuShengRiQi": _dotted_to_ym(row.birth),
            "ZhengZhiMianMao": row.political_status,
            "GongZuoDanWeiJiZhiWu": row.work,
        }
        for row in form.family
    ]
    return LrmxPerson(values=v, family=family)


def _escape(text: str) -> str:
    # CR is escaped so that the CR LF between resume lines survives XML line-end handling.
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def _element(name: str, value: str, indent: str = "  ") -> str:
    if not value:
        return f"{indent}<{name}/>"
    return f"{indent}<{name}>{_escape(value)}</{name}>"


def serialize(person: LrmxPerson) -> bytes:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<Person>"]
    lines += [_element(n, person.get(n)) for n in BEFORE_FAMILY]
    if person.family:
        lines.append(f"  <{FAMILY}>")
        for row in person.family:
            lines.append("    <Item>")
            lines += [_element(k, row.get(k, ""), "      ") for k in FAMILY_ITEM]
            lines.append("    </Item>")
        lines.append(f"  </{FAMILY}>")
    else:
        lines.append(f"  <{FAMILY}/>")
    lines += [_element(n, person.get(n)) for n in AFTER_FAMILY]
    lines.append("</Person>")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")

"""The LRMX elements in the order of FORMS.md §2, and one person as plain text values."""

from __future__ import annotations

from dataclasses import dataclass, field

EDUCATION_ELEMENTS = tuple(
    f"{track}_{suffix}"
    for track in ("QuanRiZhiJiaoYu", "ZaiZhiJiaoYu")
    for suffix in ("XueLi", "XueWei", "XueLi_BiYeYuanXiaoXi", "XueWei_BiYeYuanXiaoXi")
)
# Flat text elements, in file order; JiaTingChengYuan sits between RenMianLiYou and
# ChengBaoDanWei. The two elements of the 2025 reform are appended after Version so that the
# older elements keep their positions for readers that go by position.
BEFORE_FAMILY = (
    "XingMing",
    "XingBie",
    "ChuShengNianYue",
    "MinZu",
    "JiGuan",
    "ChuShengDi",
    "RuDangShiJian",
    "CanJiaGongZuoShiJian",
    "JianKangZhuangKuang",
    "ZhuanYeJiShuZhiWu",
    "ShuXiZhuanYeYouHeZhuanChang",
    *EDUCATION_ELEMENTS,
    "XianRenZhiWu",
    "NiRenZhiWu",
    "NiMianZhiWu",
    "JianLi",
    "JiangChengQingKuang",
    "NianDuKaoHeJieGuo",
    "RenMianLiYou",
)
AFTER_FAMILY = (
    "ChengBaoDanWei",
    "JiSuanNianLingShiJian",
    "TianBiaoShiJian",
    "TianBiaoRen",
    "ShenFenZheng",
    "ZhaoPian",
    "Version",
    "DaoLingNianYue",
    "GaiGeQianRenZhiNianLingJieXian",
)
FAMILY = "JiaTingChengYuan"
FAMILY_ITEM = ("ChengWei", "XingMing", "ChuShengRiQi", "ZhengZhiMianMao", "GongZuoDanWeiJiZhiWu")
TEXT_ELEMENTS = (*BEFORE_FAMILY, *AFTER_FAMILY)
VERSION = "3.2.1.6"


@dataclass
class LrmxPerson:
    """One adform as the file holds it: element name → text (stripped), family rows."""

    values: dict[str, str] = field(default_factory=dict)
    family: list[dict[str, str]] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # element names ignored on reading

    def get(self, name: str) -> str:
        return self.values.get(name, "")

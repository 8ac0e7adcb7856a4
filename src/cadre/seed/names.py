"""Chinese personal names, drawn by frequency with a caller's random generator.

Surnames follow the order and rough shares of the 2020 census list (the first hundred cover
about 85% of the population); given names follow the fashions of the decade of birth, so a
1965 cohort is full of 建国 and 秀英 and a 1995 cohort of 子涵 and 浩然.
"""

from __future__ import annotations

import random
from bisect import bisect
from itertools import accumulate

# (surname, share in per mille), most frequent first.
_SURNAMES = [
    "王71",
    "李70",
    "张67",
    "刘54",
    "陈45",
    "杨31",
    "黄21",
    "赵20",
    "吴19",
    "周19",
    "徐13",
    "孙12",
    "马11",
    "朱11",
    "胡10",
    "郭10",
    "何9",
    "林9",
    "高9",
    "罗9",
    "郑8",
    "梁7",
    "谢6",
    "宋6",
    "唐6",
    "许5",
    "韩5",
    "邓5",
    "冯5",
    "曹5",
    "彭5",
    "曾4",
    "肖4",
    "田4",
    "董4",
    "潘4",
    "袁4",
    "蔡4",
    "蒋4",
    "余4",
    "于4",
    "杜4",
    "叶4",
    "程4",
    "魏4",
    "苏4",
    "吕4",
    "丁3",
    "任3",
    "卢3",
    "姚3",
    "沈3",
    "钟3",
    "姜3",
    "崔3",
    "谭3",
    "陆3",
    "范3",
    "汪3",
    "廖3",
    "石3",
    "金3",
    "韦2",
    "贾2",
    "夏2",
    "付2",
    "方2",
    "邹2",
    "熊2",
    "白2",
    "孟2",
    "秦2",
    "邱2",
    "侯2",
    "江2",
    "尹2",
    "薛2",
    "闫2",
    "段2",
    "雷2",
    "龙2",
    "黎2",
    "史2",
    "陶2",
    "贺2",
    "毛2",
    "郝2",
    "顾2",
    "龚2",
    "邵2",
    "万2",
    "武2",
    "钱2",
    "戴2",
    "严2",
    "孔2",
    "向1",
    "常2",
    "汤1",
    "康1",
    "易1",
    "乔1",
    "文1",
    "牛1",
    "樊1",
    "葛1",
    "邢1",
    "安1",
    "齐1",
    "庞1",
    "耿1",
    "欧阳1",
    "司马1",
    "诸葛1",
]
SURNAMES: tuple[str, ...] = tuple(s.rstrip("0123456789") for s in _SURNAMES)
_SURNAME_CUM = list(accumulate(int(s[len(n) :]) for s, n in zip(_SURNAMES, SURNAMES, strict=True)))

# Given names by birth decade and gender: whole names seen often in that cohort, and
# characters to compose the rest (first and second position).
_GIVEN = {
    ("1", 1960): "建国 建华 建军 国强 国庆 卫东 卫国 志强 志刚 永红 红军 振华 德胜 保国 "
    "文革 爱国 援朝 国栋 立新 向东 跃进 春生 胜利 海军 长青",
    ("2", 1960): "秀英 桂英 秀兰 玉兰 桂兰 凤英 淑珍 秀珍 玉珍 丽华 红梅 红霞 淑兰 "
    "凤兰 素芬 桂芳 秀云 爱华 建英 玉梅 春兰 淑华 红英 卫红 美华",
    ("1", 1970): "建军 建平 志勇 海涛 卫东 国华 志明 晓东 永刚 建新 文军 立军 海滨 "
    "俊杰 伟 军 勇 强 斌 涛 刚 明 辉 峰 杰",
    ("2", 1970): "丽 艳 红 燕 玲 静 敏 丽娟 海燕 晓燕 丽萍 秀梅 春燕 雪梅 红艳 "
    "晓红 艳玲 小红 丽丽 桂香 春梅 爱玲 彩霞 晓玲 玉霞",
    ("1", 1980): "磊 鹏 超 浩 亮 鑫 宁 伟 涛 杰 俊 海波 振宇 志伟 晓峰 鹏飞 建伟 "
    "立伟 亚军 晓明 云龙 海峰 振华 文博 宏伟",
    ("2", 1980): "婷 静 丹 娜 倩 洁 慧 琳 婷婷 晓丽 丽娜 艳霞 雪 媛媛 晓静 丹丹 "
    "莉莉 晶晶 佳 瑶 欢 颖 蕾 园园 亚楠",
    ("1", 1990): "浩然 宇航 子豪 俊杰 博文 天宇 宇轩 明轩 梓豪 浩宇 一鸣 嘉豪 "
    "皓 轩 宇 晨 阳 昊 帅 旭 凯 鹏程 晨阳 思远 子健",
    ("2", 1990): "子涵 欣怡 梓涵 雨涵 思雨 佳怡 雨欣 欣然 诗涵 梦瑶 一诺 可欣 "
    "晨曦 雨桐 思佳 佳琪 悦 萌 璐 蕊 晴 雪婷 梦琪 雅琪 心怡",
}
_FIRST = {
    "1": "建 国 志 振 海 文 德 永 立 晓 明 俊 宏 伟 家 云 天 福 春 金 玉 长 学 新 保 东 世",
    "2": "秀 丽 玉 春 晓 雪 美 海 淑 桂 红 艳 金 慧 静 雅 佳 思 梦 小 文 月 爱 凤 琳 欣 彩",
}
_SECOND = {
    "1": "军 华 强 明 平 伟 刚 勇 林 峰 杰 辉 涛 斌 波 成 忠 龙 生 飞 良 超 鹏 宇 亮 磊 东",
    "2": "英 华 兰 芳 梅 霞 玲 燕 红 娟 萍 丽 琴 敏 静 婷 艳 洁 菊 莲 珍 云 凤 雪 慧 琳 颖",
}


def _decade(year: int) -> int:
    return min(max(year // 10 * 10, 1960), 1990)


def surname(rng: random.Random) -> str:
    return SURNAMES[bisect(_SURNAME_CUM, rng.random() * _SURNAME_CUM[-1])]


def given_name(rng: random.Random, gender: str, birth_year: int) -> str:
    """A given name typical of the cohort: two thirds a common whole name, the rest composed."""
    if rng.random() < 0.66:
        return rng.choice(_GIVEN[(gender, _decade(birth_year))].split())
    first = rng.choice(_FIRST[gender].split())
    # One-character given names were commoner among those born in the 1970s and 1980s.
    single = 0.3 if 1970 <= birth_year < 1990 else 0.12
    if rng.random() < single:
        return first
    return first + rng.choice(_SECOND[gender].split())


def person_name(
    rng: random.Random, gender: str, birth_year: int, family_name: str | None = None
) -> str:
    return (family_name or surname(rng)) + given_name(rng, gender, birth_year)

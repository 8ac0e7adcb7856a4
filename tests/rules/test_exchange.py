from datetime import date

import pytest

from cadre.rules.exchange import (
    kinship_avoidance,
    kinship_class,
    regional_avoidance,
    tenure_checks,
)
from cadre.rules.params import Params


@pytest.mark.parametrize(
    ("relation", "cls"),
    [
        *[(r, "夫妻") for r in ["丈夫", "妻子", "配偶"]],
        *[
            (r, "直系血亲")
            for r in ["儿子", "女儿", "长子", "次子", "长女", "父亲", "母亲", "祖父", "祖母",
                      "外祖父", "外祖母", "孙子", "孙女", "外孙子", "外孙女", "养子", "继女"]
        ],
        *[
            (r, "三代以内旁系血亲")
            for r in ["哥哥", "姐姐", "弟弟", "妹妹", "伯父", "叔父", "舅父", "姑母", "姨母",
                      "堂兄", "表姐", "侄子", "侄女", "外甥", "外甥女"]
        ],
        *[
            (r, "近姻亲")
            for r in ["岳父", "岳母", "公公", "婆婆", "儿媳", "女婿", "亲家", "嫂子", "弟媳",
                      "姐夫", "妹夫", "大伯子", "小叔子", "大姑子", "小姑子", "内兄", "内弟",
                      "大姨子", "小姨子", "连襟", "伯母", "舅母", "姑父", "姨父"]
        ],
        ("同学", None),
        ("朋友", None),
        ("", None),
        (" 妻子 ", "夫妻"),
    ],
)  # fmt: skip
def test_kinship_class(relation: str, cls: str | None) -> None:
    assert kinship_class(relation) == cls


def test_kinship_avoidance() -> None:
    fs = kinship_avoidance("妻子", direct_superior_subordinate=True, same_leader=True)
    assert [f.code for f in fs] == ["kinship_superior", "kinship_same_leader"]
    assert "夫妻" in fs[0].message
    [f] = kinship_avoidance("表姐", sensitive_department_under_relative=True)
    assert f.code == "kinship_sensitive"
    assert kinship_avoidance("同学", direct_superior_subordinate=True) == []
    assert kinship_avoidance("妻子") == []


def test_regional_avoidance() -> None:
    [f] = regional_avoidance(
        post_county="甲县", post_organ="甲县公安局", principal=True, grew_up_county="甲县"
    )
    assert f.code == "regional_avoidance" and "公安" in f.message
    for organ in ["中共甲县委员会", "甲县人民政府", "甲县纪委监委", "甲县委组织部", "甲县人民法院",
                  "甲县人民检察院"]:  # fmt: skip
        assert regional_avoidance(
            post_county="甲县", post_organ=organ, principal=True, grew_up_county="甲县"
        ), organ
    assert not regional_avoidance(
        post_county="甲县", post_organ="甲县公安局", principal=False, grew_up_county="甲县"
    )
    assert not regional_avoidance(
        post_county="甲县", post_organ="甲县公安局", principal=True, grew_up_county="乙县"
    )
    assert not regional_avoidance(
        post_county="甲县", post_organ="甲县文化馆", principal=True, grew_up_county="甲县"
    )


def test_tenure_limits() -> None:
    as_of = date(2024, 6, 1)
    codes = [f.code for f in tenure_checks(as_of=as_of, same_post_since=date(2014, 6, 1))]
    assert codes == ["same_post_10y", "two_terms"]
    codes = [f.code for f in tenure_checks(as_of=as_of, same_post_since=date(2014, 6, 2))]
    assert codes == []  # 9 years, one complete term
    assert [f.code for f in tenure_checks(as_of=as_of, same_post_terms=2)] == ["two_terms"]
    assert tenure_checks(as_of=as_of, same_post_terms=1) == []
    [f] = tenure_checks(as_of=as_of, same_level_area_since=date(2014, 1, 1))
    assert f.code == "same_area_10y" and f.severity == "warning"
    [f] = tenure_checks(as_of=as_of, same_level_total_months=180)
    assert f.code == "same_level_15y"
    assert tenure_checks(as_of=as_of, same_level_total_months=179) == []
    [f] = tenure_checks(as_of=as_of, key_post_since=date(2019, 6, 1))
    assert f.code == "key_post_rotation" and "可配置口径" in f.message
    assert tenure_checks(as_of=as_of, key_post_since=date(2019, 6, 2)) == []
    p = Params({"exchange.key_post.rotation_years": 3})
    assert tenure_checks(as_of=as_of, key_post_since=date(2021, 6, 1), params=p)
    codes = [
        f.code
        for f in tenure_checks(
            as_of=as_of, same_post_since=date(2010, 1, 1), local_leadership_member=False
        )
    ]
    assert codes == ["two_terms"]

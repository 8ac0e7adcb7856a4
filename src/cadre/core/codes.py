"""Code tables (代码表): the standard, the codes and the names users see.

Values are stored as codes and shown as names. Where a code number could not be confirmed
from the public standard the table is marked `local` (本地代码): the names are the reference.
Loaded into the database by migration (core.0002) and read through `cadre.core.codebook`.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CodeTableSpec:
    key: str
    name: str
    standard: str
    items: list[tuple[str, str]]
    local: bool = False
    # Optional per-code attributes, e.g. education level order for "本科以上" queries.
    attrs: dict[str, dict[str, object]] = field(default_factory=dict)


GENDER = CodeTableSpec("gender", "性别", "GB/T 2261.1-2003", [("1", "男"), ("2", "女")])

ETHNICITY = CodeTableSpec(
    "ethnicity",
    "民族",
    "GB 3304-1991",
    [
        (f"{i:02d}", n)
        for i, n in enumerate(
            [
                "汉族",
                "蒙古族",
                "回族",
                "藏族",
                "维吾尔族",
                "苗族",
                "彝族",
                "壮族",
                "布依族",
                "朝鲜族",
                "满族",
                "侗族",
                "瑶族",
                "白族",
                "土家族",
                "哈尼族",
                "哈萨克族",
                "傣族",
                "黎族",
                "傈僳族",
                "佤族",
                "畲族",
                "高山族",
                "拉祜族",
                "水族",
                "东乡族",
                "纳西族",
                "景颇族",
                "柯尔克孜族",
                "土族",
                "达斡尔族",
                "仫佬族",
                "羌族",
                "布朗族",
                "撒拉族",
                "毛南族",
                "仡佬族",
                "锡伯族",
                "阿昌族",
                "普米族",
                "塔吉克族",
                "怒族",
                "乌孜别克族",
                "俄罗斯族",
                "鄂温克族",
                "德昂族",
                "保安族",
                "裕固族",
                "京族",
                "塔塔尔族",
                "独龙族",
                "鄂伦春族",
                "赫哲族",
                "门巴族",
                "珞巴族",
                "基诺族",
            ],
            start=1,
        )
    ]
    + [("97", "其他"), ("98", "外国血统中国籍人士")],
)

POLITICAL_STATUS = CodeTableSpec(
    "political_status",
    "政治面貌",
    "GB/T 4762-1984",
    [
        ("01", "中共党员"),
        ("02", "中共预备党员"),
        ("03", "共青团员"),
        ("04", "民革党员"),
        ("05", "民盟盟员"),
        ("06", "民建会员"),
        ("07", "民进会员"),
        ("08", "农工党党员"),
        ("09", "致公党党员"),
        ("10", "九三学社社员"),
        ("11", "台盟盟员"),
        ("12", "无党派人士"),
        ("13", "群众"),
    ],
    attrs={
        "01": {"cpc": True, "short": "中共"},
        "02": {"cpc": True, "short": "中共"},
        "04": {"short": "民革"},
        "05": {"short": "民盟"},
        "06": {"short": "民建"},
        "07": {"short": "民进"},
        "08": {"short": "农工党"},
        "09": {"short": "致公党"},
        "10": {"short": "九三学社"},
        "11": {"short": "台盟"},
    },
)

# level: 1 研究生, 2 大学本科, 3 大学专科, 4 中专及高中, 5 初中及以下 (smaller is higher).
EDUCATION = CodeTableSpec(
    "education",
    "学历",
    "中组部 ZB64（党校学历为本地代码）",
    [
        ("11", "博士研究生"),
        ("14", "硕士研究生"),
        ("1A", "中央党校研究生"),
        ("1B", "省委党校研究生"),
        ("21", "大学本科"),
        ("2A", "中央党校大学"),
        ("2B", "省委党校大学"),
        ("31", "大学专科"),
        ("3A", "党校大专"),
        ("41", "中专"),
        ("47", "中技"),
        ("61", "高中"),
        ("71", "初中"),
        ("81", "小学"),
    ],
    attrs={
        "11": {"level": 1, "adform": "研究生"},
        "14": {"level": 1, "adform": "研究生"},
        "1A": {"level": 1, "adform": "中央党校研究生", "party_school": True},
        "1B": {"level": 1, "adform": "省委党校研究生", "party_school": True},
        "21": {"level": 2, "adform": "大学"},
        "2A": {"level": 2, "adform": "中央党校大学", "party_school": True},
        "2B": {"level": 2, "adform": "省委党校大学", "party_school": True},
        "31": {"level": 3, "adform": "大专"},
        "3A": {"level": 3, "adform": "党校大专", "party_school": True},
        "41": {"level": 4, "adform": "中专"},
        "47": {"level": 4, "adform": "中技"},
        "61": {"level": 4, "adform": "高中"},
        "71": {"level": 5, "adform": "初中"},
        "81": {"level": 5, "adform": "小学"},
    },
)

EDUCATION_LEVEL_NAMES = {
    1: "研究生",
    2: "大学本科",
    3: "大学专科",
    4: "中专及高中",
    5: "初中及以下",
}

DEGREE = CodeTableSpec(
    "degree",
    "学位",
    "GB/T 6864-2003",
    [("2", "博士"), ("3", "硕士"), ("4", "学士")],
)

POSITION_LEVEL = CodeTableSpec(
    "position_level",
    "职务层次",
    "中组部 ZB09",
    [
        ("01", "国家级正职"),
        ("02", "国家级副职"),
        ("11", "省部级正职"),
        ("12", "省部级副职"),
        ("21", "厅局级正职"),
        ("22", "厅局级副职"),
        ("31", "县处级正职"),
        ("32", "县处级副职"),
        ("41", "乡科级正职"),
        ("42", "乡科级副职"),
        ("50", "科员级"),
        ("60", "办事员级"),
    ],
)

RANK = CodeTableSpec(
    "rank",
    "职级",
    "公务员职务与职级并行规定（2019）第八条",
    [
        ("01", "一级巡视员"),
        ("02", "二级巡视员"),
        ("03", "一级调研员"),
        ("04", "二级调研员"),
        ("05", "三级调研员"),
        ("06", "四级调研员"),
        ("07", "一级主任科员"),
        ("08", "二级主任科员"),
        ("09", "三级主任科员"),
        ("10", "四级主任科员"),
        ("11", "一级科员"),
        ("12", "二级科员"),
    ],
    local=True,
)

STAFF_CATEGORY = CodeTableSpec(
    "staff_category",
    "人员类别",
    "中组部 ZB125",
    [
        ("11", "综合管理类公务员"),
        ("12", "专业技术类公务员"),
        ("13", "行政执法类公务员"),
        ("20", "参照公务员法管理"),
        ("30", "事业管理"),
        ("31", "事业专技"),
        ("40", "工勤"),
    ],
    local=True,
)

STATUS = CodeTableSpec(
    "status",
    "管理状态",
    "中组部 ZB126",
    [("1", "现职"), ("2", "离退"), ("3", "调出"), ("4", "已去世")],
    local=True,
)

ASSESSMENT_GRADE = CodeTableSpec(
    "assessment_grade",
    "年度考核结果",
    "中组部 ZB18",
    [
        ("1", "优秀"),
        ("2", "称职"),
        ("3", "基本称职"),
        ("4", "不称职"),
        ("5", "不定等次"),
        ("6", "不参加考核"),
    ],
    local=True,
)

REWARD = CodeTableSpec(
    "reward",
    "奖励",
    "公务员奖励规定",
    [
        ("01", "嘉奖"),
        ("02", "记三等功"),
        ("03", "记二等功"),
        ("04", "记一等功"),
        ("05", "荣誉称号"),
        ("09", "其他奖励"),
    ],
    local=True,
)

SANCTION_KIND = CodeTableSpec(
    "sanction_kind",
    "处分类别",
    "公职人员政务处分法；中国共产党纪律处分条例",
    [("1", "政务"), ("2", "党纪"), ("3", "诫勉"), ("4", "组织处理")],
    local=True,
)

SANCTION_MEASURE = CodeTableSpec(
    "sanction_measure",
    "处分种类",
    "公职人员政务处分法 第七条；中国共产党纪律处分条例（2023）第八条",
    [
        ("101", "警告"),
        ("102", "记过"),
        ("103", "记大过"),
        ("104", "降级"),
        ("105", "撤职"),
        ("106", "开除"),
        ("201", "警告"),
        ("202", "严重警告"),
        ("203", "撤销党内职务"),
        ("204", "留党察看"),
        ("205", "开除党籍"),
        ("301", "诫勉"),
        ("401", "调整职务"),
        ("402", "责令辞职"),
        ("403", "免职"),
        ("404", "降职"),
    ],
    local=True,
    attrs={
        **{c: {"kind": "1"} for c in ("101", "102", "103", "104", "105", "106")},
        **{c: {"kind": "2"} for c in ("201", "202", "203", "204", "205")},
        "301": {"kind": "3"},
        **{c: {"kind": "4"} for c in ("401", "402", "403", "404")},
    },
)

FAMILY_RELATION = CodeTableSpec(
    "family_relation",
    "家庭关系",
    "GB/T 4761-2008",
    [
        ("11", "丈夫"),
        ("12", "妻子"),
        ("20", "儿子"),
        ("22", "长子"),
        ("23", "次子"),
        ("27", "养子"),
        ("28", "女婿"),
        ("30", "女儿"),
        ("32", "长女"),
        ("33", "次女"),
        ("37", "养女"),
        ("38", "儿媳"),
        ("41", "孙子"),
        ("42", "孙女"),
        ("43", "外孙子"),
        ("44", "外孙女"),
        ("51", "父亲"),
        ("52", "母亲"),
        ("53", "公公"),
        ("54", "婆婆"),
        ("55", "岳父"),
        ("56", "岳母"),
        ("57", "继父"),
        ("58", "继母"),
        ("61", "祖父"),
        ("62", "祖母"),
        ("63", "外祖父"),
        ("64", "外祖母"),
        ("71", "哥哥"),
        ("72", "嫂子"),
        ("73", "弟弟"),
        ("74", "弟媳"),
        ("75", "姐姐"),
        ("76", "姐夫"),
        ("77", "妹妹"),
        ("78", "妹夫"),
        ("81", "伯父"),
        ("82", "伯母"),
        ("83", "叔父"),
        ("84", "婶母"),
        ("85", "舅父"),
        ("86", "舅母"),
        ("87", "姨父"),
        ("88", "姨母"),
        ("89", "姑父"),
        ("90", "姑母"),
        ("91", "堂兄弟姐妹"),
        ("92", "表兄弟姐妹"),
        ("93", "侄子"),
        ("94", "侄女"),
        ("95", "外甥"),
        ("96", "外甥女"),
        ("97", "其他亲属"),
        ("99", "非亲属"),
    ],
)

HEALTH = CodeTableSpec(
    "health", "健康状况", "GB/T 2261.3-2003", [("1", "健康"), ("2", "一般"), ("3", "较差")]
)

UNIT_KIND = CodeTableSpec(
    "unit_kind",
    "单位类别",
    "本地代码",
    [
        ("01", "党委"),
        ("02", "政府部门"),
        ("03", "人大"),
        ("04", "政协"),
        ("05", "法院"),
        ("06", "检察院"),
        ("07", "群团"),
        ("08", "乡镇"),
        ("09", "街道"),
        ("10", "事业单位"),
        ("11", "国有企业"),
        ("12", "内设机构"),
    ],
    local=True,
)

UNIT_LEVEL = CodeTableSpec(
    "unit_level",
    "机构规格",
    "本地代码",
    [
        ("2", "正厅级"),
        ("3", "副厅级"),
        ("4", "正县级"),
        ("5", "副县级"),
        ("6", "正科级"),
        ("7", "副科级"),
        ("8", "股级"),
        ("9", "未定级"),
    ],
    local=True,
)

ESTABLISHMENT_KIND = CodeTableSpec(
    "establishment_kind",
    "编制类型",
    "本地代码",
    [
        ("1", "行政编制"),
        ("2", "政法专项编制"),
        ("3", "参公事业编制"),
        ("4", "事业编制"),
        ("5", "工勤编制"),
    ],
    local=True,
)

APPOINTMENT_WAY = CodeTableSpec(
    "appointment_way",
    "任职方式",
    "公务员法 第四十条",
    [("1", "选任"), ("2", "委任"), ("3", "聘任"), ("4", "考任"), ("5", "调任")],
    local=True,
)

ALL_TABLES: list[CodeTableSpec] = [
    GENDER,
    ETHNICITY,
    POLITICAL_STATUS,
    EDUCATION,
    DEGREE,
    POSITION_LEVEL,
    RANK,
    STAFF_CATEGORY,
    STATUS,
    ASSESSMENT_GRADE,
    REWARD,
    SANCTION_KIND,
    SANCTION_MEASURE,
    FAMILY_RELATION,
    HEALTH,
    UNIT_KIND,
    UNIT_LEVEL,
    ESTABLISHMENT_KIND,
    APPOINTMENT_WAY,
]
TABLES: dict[str, CodeTableSpec] = {t.key: t for t in ALL_TABLES}

"""The unit tree of the demo county (about 160 units) and of a province made of such counties.

Each unit carries what the cadre generator needs besides the model fields: the titles of its
principal and deputy posts and their 职务层次, the title of its other staff, the staff
category (人员类别) and a nominal headcount used to spread cadres over units.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cadre.people.naming import pinyin_initials

# A fictional county 安澜 in a fictional city 云州 (code 1399: no real prefecture uses 99).
PROVINCE = "河北省"
PROVINCE_CODE = "130000"
NATIVE_PROVINCE = "河北"
DEMO_COUNTY = "安澜"
DEMO_REGION = "139921"


@dataclass
class UnitSpec:
    name: str
    short_name: str
    kind: str  # unit_kind
    level: str  # unit_level
    headcount: int = 0
    quota_principal: int = 0
    quota_deputy: int = 0
    principal_titles: tuple[str, ...] = ()
    principal_level: str = ""
    deputy_titles: tuple[str, ...] = ()
    deputy_level: str = ""
    staff_title: str = ""
    staff_level: str = ""  # "50" 科员级 for civil servants; "" for institution staff
    staff_category: str = "11"
    establishments: dict[str, int] = field(default_factory=dict)
    rural: bool = False  # a township or one of its divisions and stations
    children: list[UnitSpec] = field(default_factory=list)
    # Filled when the tree is laid out.
    code: str = ""
    region: str = ""
    region_code: str = ""
    county: str = ""  # the county's bare name, e.g. 安澜
    pk: int = 0
    path: str = ""
    depth: int = 0
    sort: int = 0

    @property
    def name_initials(self) -> str:
        return pinyin_initials(self.short_name or self.name)[:60]

    def walk(self) -> list[UnitSpec]:
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


# (short name, post word principal, post word deputy, headcount, quota principal, quota deputy)
_PARTY = [
    ("县委办公室", "主任", "副主任", 30, 1, 4),
    ("县委组织部", "部长", "副部长", 25, 1, 3),
    ("县委宣传部", "部长", "副部长", 20, 1, 3),
    ("县委统战部", "部长", "副部长", 15, 1, 2),
    ("县委政法委员会", "书记", "副书记", 15, 1, 2),
    ("县纪委监委", "书记、主任", "副书记、副主任", 45, 1, 4),
    ("县委机构编制委员会办公室", "主任", "副主任", 8, 1, 1),
    ("县委巡察工作领导小组办公室", "主任", "副主任", 10, 1, 2),
    ("县直机关工作委员会", "书记", "副书记", 8, 1, 2),
]
_GOV = [
    ("县人民政府办公室", "主任", "副主任", 30, 1, 4, "11"),
    ("县发展和改革局", "局长", "副局长", 25, 1, 3, "11"),
    ("县教育和体育局", "局长", "副局长", 40, 1, 4, "11"),
    ("县工业和信息化局", "局长", "副局长", 18, 1, 3, "11"),
    ("县公安局", "局长", "副局长", 160, 1, 5, "13"),
    ("县民政局", "局长", "副局长", 20, 1, 3, "11"),
    ("县司法局", "局长", "副局长", 25, 1, 3, "11"),
    ("县财政局", "局长", "副局长", 40, 1, 4, "11"),
    ("县人力资源和社会保障局", "局长", "副局长", 30, 1, 3, "11"),
    ("县自然资源和规划局", "局长", "副局长", 35, 1, 4, "11"),
    ("县住房和城乡建设局", "局长", "副局长", 30, 1, 3, "11"),
    ("县交通运输局", "局长", "副局长", 25, 1, 3, "11"),
    ("县水利局", "局长", "副局长", 22, 1, 3, "11"),
    ("县农业农村局", "局长", "副局长", 40, 1, 4, "11"),
    ("县商务局", "局长", "副局长", 15, 1, 2, "11"),
    ("县文化广电和旅游局", "局长", "副局长", 20, 1, 3, "11"),
    ("县卫生健康委员会", "主任", "副主任", 30, 1, 4, "11"),
    ("县退役军人事务局", "局长", "副局长", 12, 1, 2, "11"),
    ("县应急管理局", "局长", "副局长", 18, 1, 3, "11"),
    ("县审计局", "局长", "副局长", 18, 1, 3, "12"),
    ("县市场监督管理局", "局长", "副局长", 70, 1, 4, "13"),
    ("县统计局", "局长", "副局长", 12, 1, 2, "12"),
    ("县医疗保障局", "局长", "副局长", 12, 1, 2, "11"),
    ("县林业局", "局长", "副局长", 15, 1, 2, "11"),
    ("县信访局", "局长", "副局长", 10, 1, 2, "11"),
    ("县行政审批局", "局长", "副局长", 20, 1, 3, "11"),
    ("县城市管理综合执法局", "局长", "副局长", 50, 1, 3, "13"),
]
_MASS = [
    ("县总工会", "主席", "副主席", 10, 1, 2),
    ("共青团县委", "书记", "副书记", 6, 1, 1),
    ("县妇女联合会", "主席", "副主席", 6, 1, 1),
    ("县科学技术协会", "主席", "副主席", 5, 1, 1),
    ("县残疾人联合会", "理事长", "副理事长", 8, 1, 1),
]
_INSTITUTIONS = [
    ("县委党校", "校长", "副校长", 25, 1, 2),
    ("县融媒体中心", "主任", "副主任", 45, 1, 3),
    ("县档案馆", "馆长", "副馆长", 12, 1, 1),
    ("县机关事务服务中心", "主任", "副主任", 20, 1, 2),
    ("县政务服务中心", "主任", "副主任", 25, 1, 2),
    ("县疾病预防控制中心", "主任", "副主任", 50, 1, 2),
    ("县社会保险事业服务中心", "主任", "副主任", 30, 1, 2),
    ("县农业技术推广中心", "主任", "副主任", 30, 1, 2),
    ("县第一中学", "校长", "副校长", 30, 1, 3),
]
TOWNSHIP_NAMES = [
    "城关镇",
    "青山镇",
    "石桥镇",
    "柳林镇",
    "河口镇",
    "东岗乡",
    "西坪乡",
    "南湖镇",
    "北塘镇",
    "白沙乡",
    "龙泉镇",
    "桃园乡",
    "新庄镇",
    "马集乡",
    "大营镇",
    "杏花乡",
    "红旗镇",
    "双河镇",
    "黄土乡",
    "清水镇",
    "高庙乡",
    "三合镇",
    "李家庄乡",
    "王村镇",
]
_DIVISIONS = [
    ("党政综合办公室", 12),
    ("党建工作办公室", 8),
    ("经济发展办公室", 10),
    ("社会事务办公室", 10),
]
_STATIONS = [("农业综合服务中心", 18), ("社会事务综合服务中心", 15)]

COUNTY_FIRST = "安宁永新平长清兴丰广临阳延定庆昌嘉泰福云"
COUNTY_SECOND = "澜河川山城江原丘和远"


def _display(c: str, short: str) -> str:
    """县委组织部 → 安澜县委组织部: the county's name before the word 县."""
    return f"共青团{c}县委" if short == "共青团县委" else f"{c}{short}"


def county_tree(county: str, region_code: str, townships: int = 15) -> UnitSpec:
    """One county: leaders at the root, its organs, mass organisations, institutions and
    townships (each with four divisions and two service stations)."""
    c = county
    root = UnitSpec(
        name=f"{c}县",
        short_name=f"{c}县",
        kind="01",
        level="4",
        headcount=15,
        quota_principal=2,
        quota_deputy=13,
        principal_titles=(f"中共{c}县委书记", f"{c}县人民政府县长"),
        principal_level="31",
        deputy_titles=(
            f"中共{c}县委副书记",
            f"中共{c}县委常委",
            f"{c}县人民政府副县长",
            f"中共{c}县委常委",
            f"{c}县人民政府副县长",
            f"中共{c}县委常委",
            f"{c}县人民政府副县长",
        ),
        deputy_level="32",
        staff_title=f"{c}县人民政府办公室科员",
        staff_level="50",
        establishments={"1": 15},
    )

    def organ(
        short: str,
        p: str,
        d: str,
        hc: int,
        qp: int,
        qd: int,
        *,
        kind: str,
        category: str,
        est: str,
        leaders: tuple[str, str] = ("41", "42"),
    ) -> UnitSpec:
        display = _display(c, short)
        full = f"中共{display}" if kind == "01" and display.startswith(f"{c}县委") else display
        staff_word = "工作人员" if category.startswith("3") else "科员"
        return UnitSpec(
            name=full,
            short_name=short,
            kind=kind,
            level="6",
            headcount=hc,
            quota_principal=qp,
            quota_deputy=qd,
            principal_titles=tuple(f"{display}{w}" for w in p.split("|")),
            principal_level=leaders[0],
            deputy_titles=tuple(f"{display}{w}" for w in d.split("|")),
            deputy_level=leaders[1],
            staff_title=f"{display}{staff_word}",
            staff_level="" if category.startswith("3") else "50",
            staff_category=category,
            establishments={est: max(hc - 2, 3)} if est != "4" else {"4": hc + 3},
        )

    for short, p, d, hc, qp, qd in _PARTY:
        root.children.append(organ(short, p, d, hc, qp, qd, kind="01", category="11", est="1"))
    root.children.append(
        organ(
            "县人大常委会",
            "主任",
            "副主任",
            20,
            1,
            4,
            kind="03",
            category="11",
            est="1",
            leaders=("31", "32"),
        )
    )
    root.children.append(
        organ(
            "县政协",
            "主席",
            "副主席",
            18,
            1,
            4,
            kind="04",
            category="11",
            est="1",
            leaders=("31", "32"),
        )
    )
    root.children.append(
        organ("县人民法院", "院长", "副院长", 70, 1, 4, kind="05", category="11", est="2")
    )
    root.children.append(
        organ("县人民检察院", "检察长", "副检察长", 45, 1, 3, kind="06", category="11", est="2")
    )
    for short, p, d, hc, qp, qd, cat in _GOV:
        est = "2" if short in {"县公安局", "县司法局"} else "1"
        root.children.append(organ(short, p, d, hc, qp, qd, kind="02", category=cat, est=est))
    for short, p, d, hc, qp, qd in _MASS:
        root.children.append(organ(short, p, d, hc, qp, qd, kind="07", category="20", est="3"))
    for short, p, d, hc, qp, qd in _INSTITUTIONS:
        unit = organ(short, p, d, hc, qp, qd, kind="10", category="31", est="4")
        root.children.append(unit)

    for i in range(townships):
        root.children.append(_township(c, TOWNSHIP_NAMES[i % len(TOWNSHIP_NAMES)], i))
    return root


def _township(c: str, town: str, i: int) -> UnitSpec:
    head = "乡长" if town.endswith("乡") else "镇长"
    deputy_head = "副乡长" if town.endswith("乡") else "副镇长"
    unit = UnitSpec(
        name=f"{c}县{town}",
        short_name=town,
        kind="08",
        level="6",
        headcount=55,
        quota_principal=2,
        quota_deputy=8 if i % 3 else 7,
        principal_titles=(f"{town}党委书记", f"{town}{head}"),
        principal_level="41",
        deputy_titles=(
            f"{town}党委副书记",
            f"{town}{deputy_head}",
            f"{town}党委委员、纪委书记",
            f"{town}{deputy_head}",
            f"{town}党委委员、组织委员",
            f"{town}党委委员、宣传委员",
            f"{town}党委委员、武装部部长",
            f"{town}{deputy_head}",
        ),
        deputy_level="42",
        staff_title=f"{town}科员",
        staff_level="50",
        staff_category="11",
        establishments={"1": 48, "5": 2},
        rural=True,
    )
    for name, hc in _DIVISIONS:
        unit.children.append(
            UnitSpec(
                name=f"{c}县{town}{name}",
                short_name=f"{town}{name}",
                kind="12",
                level="8",
                headcount=hc,
                staff_title=f"{town}{name}科员",
                staff_level="50",
                staff_category="11",
                rural=True,
            )
        )
    for name, hc in _STATIONS:
        unit.children.append(
            UnitSpec(
                name=f"{c}县{town}{name}",
                short_name=f"{town}{name}",
                kind="10",
                level="7",
                headcount=hc,
                quota_principal=1,
                quota_deputy=1,
                principal_titles=(f"{town}{name}主任",),
                principal_level="42",
                deputy_titles=(f"{town}{name}副主任",),
                deputy_level="",
                staff_title=f"{town}{name}工作人员",
                staff_level="",
                staff_category="31",
                establishments={"4": hc + 2},
                rural=True,
            )
        )
    return unit


def county_names(n: int) -> list[str]:
    """n distinct two-character county names (安澜 first)."""
    names = [DEMO_COUNTY]
    for second in COUNTY_SECOND:
        for first in COUNTY_FIRST:
            name = first + second
            if name not in names:
                names.append(name)
    if n > len(names):
        names += [f"{names[i % len(names)]}{i // len(names) + 1}" for i in range(len(names), n)]
    return names[:n]


def county_region(i: int) -> str:
    """Region code of the i-th county: the demo county first, then cities 01.. of 15 each."""
    if i == 0:
        return DEMO_REGION
    city, n = divmod(i - 1, 15)
    return f"13{city + 1:02d}{n + 21:02d}"


def layout(root: UnitSpec, code: str, region_code: str, county: str) -> None:
    """Give every unit of a county its code, region and county name, depth first."""
    for counter, unit in enumerate(root.walk()):
        unit.code = code if unit is root else f"{code}{counter:03d}"
        unit.region = f"{NATIVE_PROVINCE}{county}"
        unit.region_code = region_code
        unit.county = county


def demo_tree(counties: int) -> UnitSpec:
    """The unit forest root: the demo county alone, or a province of ``counties`` counties."""
    if counties <= 1:
        root = county_tree(DEMO_COUNTY, DEMO_REGION)
        layout(root, f"{DEMO_REGION}000", DEMO_REGION, DEMO_COUNTY)
        return root
    province = UnitSpec(
        name=PROVINCE,
        short_name=PROVINCE,
        kind="01",
        level="2",
        region=PROVINCE,
        region_code=PROVINCE_CODE,
        code=f"{PROVINCE_CODE}000",
    )
    for i, name in enumerate(county_names(counties)):
        region = county_region(i)
        county = county_tree(name, region)
        layout(county, f"{region}000", region, name)
        province.children.append(county)
    return province

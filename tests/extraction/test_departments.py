"""Department extraction: doc 6's parentheticals, the in-sentence actors of docs 1–5, other
layouts (任务分工表 labels, county documents, other provinces), splitting and canonicalising.

Texts are copied verbatim from the seed (page breaks and ``**`` included); a test checks
that they still occur in it.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykb.extraction.departments import (
    canonicalize,
    departments_from_roles,
    extract_departments,
    looks_like_body,
    parse_responsibility_parenthetical,
    split_names,
)
from policykb.models import Departments
from policykb.registry import Registry, load_registry

ZW = "中卫市"
NX = "宁夏回族自治区"
NATIONAL = "全国"
COUNTIES = "各县（区）"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def z(*names: str) -> list[str]:
    """中卫市 + name, for the city's departments."""
    return [f"{ZW}{name}" for name in names]


def depts(
    responsible: list[str] | None = None,
    lead: list[str] | None = None,
    cooperate: list[str] | None = None,
) -> Departments:
    return Departments(responsible=responsible or [], lead=lead or [], cooperate=cooperate or [])


# --------------------------------------------------------------------------- doc 6


DOC6: list[tuple[str, str, Departments]] = [
    (
        "二/（一）/1",
        "实施“互联网+”农产品出村进城工程，引导电子商务主体到移民村布局，农产品网络零售额占农业总产值的比例达到5%以上，确保移民群众产业收入占可支配收入的40%以上。（责任单位：各县〈区〉；牵头部门：市农业农村局；配合部门：市科技局、财政局、商务局、乡村振兴局、金融工作局、人行中卫市中心支行、中卫银保监分局）",
        depts(
            [COUNTIES],
            z("农业农村局"),
            [
                *z("科技局", "财政局", "商务局", "乡村振兴局", "金融工作局"),
                "人行中卫市中心支行",
                "中卫银保监分局",
            ],
        ),
    ),
    (
        "二/（一）/2",
        "实施绿色食品企业评星定级和加工装备改造升级项目，认定三星级企业 5 家、二星级企业 10 家，建设农产品加工园区 3 个，入驻园区绿色食品加工企业累计达到 200 家以上，农产品加工转化率达到 75% 以上。（责任单位：各县〈区〉；牵头部门：市农业农村局；配合部门：市科技局、工业和信息化局、商务局、乡村振兴局）",
        depts([COUNTIES], z("农业农村局"), z("科技局", "工业和信息化局", "商务局", "乡村振兴局")),
    ),
    (
        "二/（一）/3",
        "激活农村村集体资金资产增值潜力，实施发展壮大村集体经济项目 88 个，力争 56 个重点移民村集体收入全部达到 5 万元以上，10 万元以上的达到 65% 以上。（责任单位：各县〈区〉；牵头部门：市农业农村局；配合部门：市科技局、工业和信息化局、商务局、乡村振兴局）",
        depts([COUNTIES], z("农业农村局"), z("科技局", "工业和信息化局", "商务局", "乡村振兴局")),
    ),
    (
        "二/（一）/4",
        "推行村集体经济合作社带动一批，龙头企业带动一批，农民合作社（社会化服务组织）带动一批，家庭农场带动一批的联农带农模式，将群众嵌入产业链，共享产业发展红利。（责任单位：各县〈区〉；牵头部门：市农业农村局；配合部门：市乡村振兴局）",
        depts([COUNTIES], z("农业农村局"), z("乡村振兴局")),
    ),
    (
        "二/（二）/1",
        "安排生态护林员、护路员、护水员、保洁员、疫情防控以及村级光伏电站等各类乡村公益性岗位500人以上，对确实难以就业的移民群众，符合条\n\n件的优先安置。（责任单位：各县〈区〉；牵头部门：市人力资源社会保障局；配合部门：市乡村振兴局）",
        depts([COUNTIES], z("人力资源社会保障局"), z("乡村振兴局")),
    ),
    (
        "二/（二）/2",
        "大力培育人力资源服务中介机构和劳务经纪人，实现每一个移民村至少有1个中介机构和1名劳务经纪人。（责任单位：各县〈区〉；牵头部门：市人力资源社会保障局；配合部门：市乡村振兴局）",
        depts([COUNTIES], z("人力资源社会保障局"), z("乡村振兴局")),
    ),
    (
        "二/（二）/3",  # the label 配合部门 is split by a page break
        "对纳入防止返贫监测预警和动态帮扶范围的自主迁徙居民，因户因人施策，加大就业精准帮扶力度。（责任单位：各县〈区〉；牵头部门：市人力资源社会保障局；配合部\n\n门：市乡村振兴局）",
        depts([COUNTIES], z("人力资源社会保障局"), z("乡村振兴局")),
    ),
    (
        "二/（三）/1",  # 牵头单位 / 配合单位
        "实施康湾新村加压泵站，徐套乡撒不拉滩及太阳梁南塘等村抗旱减灾调蓄工程，提升水资源支撑保障能力。（责任单位：各县〈区〉；牵头单位：市农业农村局；配合单位：市水务局、乡村振兴局）",
        depts([COUNTIES], z("农业农村局"), z("水务局", "乡村振兴局")),
    ),
    (
        "二/（三）/2",  # page break after 配合部门： and a half-width closing bracket
        "加快乡村物流配送站点、综合超市、便利菜店、电商网店、综合运输服务站建设，打造“一刻钟便民生活服务圈”，确保2022年底完成基础设施建设总任务量的70%，移民群众生产生活基础设施条件接近所在地居民水平。（责任单位：各县〈区〉；牵头部门：市住房城乡建设局；配合部门：\n\n市工业和信息化局、交通运输局、水务局、商务局、旅游和文体广电局、云计算与大数据发展局、口岸和投资促进办公室、国网中卫供电公司、邮政管理局)",
        depts(
            [COUNTIES],
            z("住房城乡建设局"),
            [
                *z(
                    "工业和信息化局",
                    "交通运输局",
                    "水务局",
                    "商务局",
                    "旅游和文体广电局",
                    "云计算与大数据发展局",
                    "口岸和投资促进办公室",
                ),
                "国网中卫供电公司",
                f"{ZW}邮政管理局",
            ],
        ),
    ),
    (
        "二/（四）/1",  # half-width brackets, colons and semicolons, with spaces
        "实施教师结对帮扶留守儿童制度，建立教师关爱留守儿童成长日记，培养 40 名“代理家长”。(责任单位:各县〈区〉; 牵头单位:市教育局; 配合单位:市乡村振兴局)",
        depts([COUNTIES], z("教育局"), z("乡村振兴局")),
    ),
    (
        "二/（四）/2",
        "选派百名乡镇卫生院医务人员、移民村村医到县级医疗机构进行跟班培训，选派百名县级医院骨干医生到乡镇、移民村“坐诊”，解决移民群众看病难\n\n的问题，力争移民村患者县域就诊率达到 90%。（责任单位：各县〈区〉；牵头单位：市卫生健康委；配合单位：市乡村振兴局）",
        depts([COUNTIES], z("卫生健康委"), z("乡村振兴局")),
    ),
    (
        "二/（四）/3",
        "持续巩固基本医保、大病保险、补充保险等“一站式”结算成果，减少群众跑腿、垫资负担。（责任单位：各县〈区〉；牵头单位：市医疗保障局；配合单位：市乡村振兴局）",
        depts([COUNTIES], z("医疗保障局"), z("乡村振兴局")),
    ),
    (
        "二/（四）/4",
        "加强老年人养老保障，持续推动农村互助养老院、老饭桌、日间照料中心等养老服务设施的\n\n建设及作用发挥。（责任单位：各县〈区〉；牵头单位：市民政局；配合单位：市乡村振兴局）",
        depts([COUNTIES], z("民政局"), z("乡村振兴局")),
    ),
    (
        "二/（四）/5",
        "推动出台机关、事业单位、国有企业带头安排残疾人就业具体措施，推进盲人按摩机构规范化建设。（责任单位：各县〈区〉；牵头单位：市残联；配合单位：市乡村振兴局）",
        depts([COUNTIES], z("残联"), z("乡村振兴局")),
    ),
    (
        "二/（五）",
        "严格落实门前“三包”责任制，引导移民群众养成良好卫生习惯。（责任单位：各县〈区〉；牵头部门：市农业农村局；配合部门：市生态环境局、住房城乡建设局、乡村振兴局、\n\n妇联)",
        depts([COUNTIES], z("农业农村局"), z("生态环境局", "住房城乡建设局", "乡村振兴局", "妇联")),
    ),
    (
        "二/（六）/1",
        "派强用好驻村第一书记和工作队员，加强移民村驻村工作队日常管理、培训教育和监督考核，压实驻村工作队职能职责，确保驻村干部在村在岗有效发挥作用。（责任单位：各县〈区〉；牵头单位：市委组织部；配合单位：市乡村振兴局）",
        depts([COUNTIES], z("委组织部"), z("乡村振兴局")),
    ),
    (
        "二/（六）/2",  # a comma inside the lead role; the parenthetical on its own line
        "深化“听党话、感党恩、跟党走”等主题宣讲活动，激发群众内生动力。\n\n（责任单位：各县〈区〉；牵头单位：市委宣传部，市民政局、司法局；配合单位：市乡村振兴局）",
        depts([COUNTIES], z("委宣传部", "民政局", "司法局"), z("乡村振兴局")),
    ),
    (
        "二/（七）",  # bold markers around the parenthetical, a page break inside it
        "组织开展“文化大篷车”基层文艺演出 150 场次、“送戏下乡”惠民文艺演出 90 场次，广泛开展丰富多彩文体活动，实施好文化惠民工程，丰富移民群众精神文化生活。**（责任单位：各县〈区〉；牵头单位：市委宣传部；配合单位：市旅游和文体广电局、乡村振兴局、妇联、**\n\n新闻传媒集团)",
        depts(
            [COUNTIES],
            z("委宣传部"),
            z("旅游和文体广电局", "乡村振兴局", "妇联", "新闻传媒集团"),
        ),
    ),
    (
        "二/（八）/1",  # half-width opening bracket
        "对符合条件住房困难家庭，实施农村危房改造或抗震宜居农房改造，或通过公租房予以保障，促进自主迁徙居民聚居区基础设施和公共服务有明显改善。(责任单位：各县〈区〉；牵头部门：市乡村振兴局；配合部门：市教育局、民政局、财政局、住房城乡建设局、交通运输局、水务局、卫生健康委)",
        depts(
            [COUNTIES],
            z("乡村振兴局"),
            z("教育局", "民政局", "财政局", "住房城乡建设局", "交通运输局", "水务局", "卫生健康委"),
        ),
    ),
    (
        "二/（八）/2",  # mixed brackets, a page break after the prefix 市, two lists in a role
        "紧盯用水保障，重点研究解决农田水利设施建设标准低、老化破损严重，提升骨干水利工程供水能力，推进“互联网+城乡供水”建设等问题。(责任单位：各县〈区〉；牵头部门：市\n\n公安局、人力资源社会保障局、住房城乡建设局、水务局、农业农村局；配合部门：市委农办，市财政局、乡村振兴局）",
        depts(
            [COUNTIES],
            z("公安局", "人力资源社会保障局", "住房城乡建设局", "水务局", "农业农村局"),
            z("委农办", "财政局", "乡村振兴局"),
        ),
    ),
    (
        "二/（九）",  # 医保局 is an alias
        "常态化推进“四查四补”工作，紧盯医疗保障、饮水安全、稳定增收“三个风险点”，持续巩固“两不愁三保障”成果。（责任单位：各县〈区〉；牵头单位：市乡村振兴局；配合单位：市教育局、公安局、民政局、人力资源社会保障局、住房城乡建设局、水务局、农业农村局、卫生健康委、应急管理局、医保局）",
        depts(
            [COUNTIES],
            z("乡村振兴局"),
            z(
                "教育局",
                "公安局",
                "民政局",
                "人力资源社会保障局",
                "住房城乡建设局",
                "水务局",
                "农业农村局",
                "卫生健康委",
                "应急管理局",
                "医疗保障局",
            ),
        ),
    ),
    (
        "二/（十）",  # 市发改委 is an alias
        "精准\n\n编制县、乡、村 2022 年移民致富提升行动重点任务工作清单和项目实施分布图、进度图，实行挂图作战、台账化管理。（责任单位：各县〈区〉；牵头单位：市乡村振兴局；配合单位：市发改委、教育局、财政局、自然资源局、住房城乡建设局、交通运输局、水务局、农业农村局、商务局、旅游和文体广电局）",
        depts(
            [COUNTIES],
            z("乡村振兴局"),
            z(
                "发展改革委",
                "教育局",
                "财政局",
                "自然资源局",
                "住房城乡建设局",
                "交通运输局",
                "水务局",
                "农业农村局",
                "商务局",
                "旅游和文体广电局",
            ),
        ),
    ),
    (
        "二/（十一）",  # a group
        "统筹推进移民村与本地村、脱贫村与富裕村、千人以上与千人以下移民村致富提升行动。\n\n（责任单位：各县〈区〉；牵头单位：市乡村振兴局；配合单位：市直各包抓责任单位）",
        depts([COUNTIES], z("乡村振兴局"), z("直各包抓责任单位")),
    ),
]


@pytest.mark.parametrize(("path", "text", "expected"), DOC6, ids=[c[0] for c in DOC6])
def test_doc6_parentheticals(
    registry: Registry, path: str, text: str, expected: Departments
) -> None:
    assert extract_departments(text, ZW, registry) == expected


def test_doc6_cases_are_verbatim_and_complete(seed_text: str) -> None:
    for _path, text, _expected in DOC6:
        assert text in seed_text, text[:30]
    assert len(re.findall(r"[（(]责任单位", seed_text)) == len(DOC6)


def test_parenthetical_raw_names_and_span(registry: Registry) -> None:
    text = DOC6[17][1]  # （七）
    found = parse_responsibility_parenthetical(text, registry)
    assert found is not None
    roles, (start, end) = found
    assert roles == {
        "responsible": ["各县〈区〉"],
        "lead": ["市委宣传部"],
        "cooperate": ["市旅游和文体广电局", "乡村振兴局", "妇联", "新闻传媒集团"],
    }
    assert text[:start].endswith("精神文化生活。")
    assert text[start:].startswith("**（责任单位")
    assert end == len(text)


def test_parenthetical_lead_list_with_comma(registry: Registry) -> None:
    found = parse_responsibility_parenthetical(DOC6[16][1], registry)
    assert found is not None
    assert found[0]["lead"] == ["市委宣传部", "市民政局", "司法局"]


def test_parenthetical_split_by_page_breaks(registry: Registry) -> None:
    found = parse_responsibility_parenthetical(DOC6[19][1], registry)
    assert found is not None
    roles, (start, end) = found
    assert roles["lead"] == [
        "市公安局",
        "人力资源社会保障局",
        "住房城乡建设局",
        "水务局",
        "农业农村局",
    ]
    assert roles["cooperate"] == ["市委农办", "市财政局", "乡村振兴局"]
    assert DOC6[19][1][start] == "(" and DOC6[19][1][end - 1] == "）"


def test_no_parenthetical(registry: Registry) -> None:
    assert (
        parse_responsibility_parenthetical("新时代文明实践中心（所、站）建设。", registry) is None
    )
    assert parse_responsibility_parenthetical("", registry) is None
    # an unclosed parenthetical runs to the end of the text
    found = parse_responsibility_parenthetical("任务。（牵头单位：市水务局", registry)
    assert found is not None and found[0]["lead"] == ["市水务局"]


# --------------------------------------------------------------------------- docs 1–5


SENTENCES: list[tuple[str, str, Departments]] = [
    # doc 1 (national)
    (
        NATIONAL,
        "（一）**强化组织领导。**国家乡村振兴局、民政部加强组织推动和统筹协调，推荐各自领域有一定实力和能力的社会组织，与国家乡村振兴重点帮扶县进行结对帮扶，并组织开展打造乡村振兴公益品牌和社会组织乡村行活动。",
        depts(["国家乡村振兴局", "民政部"]),
    ),
    (
        NATIONAL,
        "国家乡村振兴局社会帮扶司和民政部社会组织管理局作为联络单位，具体负责沟通协调、跟踪调度、典型宣传等工作。",
        depts(["国家乡村振兴局社会帮扶司", "民政部社会组织管理局"]),
    ),
    (
        NATIONAL,
        "各省级乡村振兴部门、民政部门协调好本省（区、市）社会组织助力乡村振兴工作，可按照本方案，制定本省（区、市）社会组织助力乡村振兴行动方案，每年底向国家乡村振兴局、民政部报送本地区社会组织参与乡村振兴工作情况。",
        depts(["各省级乡村振兴部门", "各省级民政部门"]),  # recipients are not actors
    ),
    (
        NATIONAL,
        "县级乡村振兴部门会同民政部门协调做好社会组织与国家乡村振兴重点帮扶县结对工作，提出工作需求，加强工作对接，衔接做好社会组织助力乡村振兴相关工作。",
        depts(lead=["县级乡村振兴部门"], cooperate=["民政部门"]),
    ),
    (
        NATIONAL,
        "各地民政和乡村振兴部门要加大对社会组织的政策引导和能力培训，推动社会组织有效参与乡村振兴。",
        depts(["各地民政部门", "各地乡村振兴部门"]),
    ),
    (
        NATIONAL,
        "国家乡村振兴局会同民政部搭建社会组织参与乡村振兴专项行动统计平台，建立反映社会组织参与乡村振兴专项行动的评估评价体系。",
        depts(lead=["国家乡村振兴局"], cooperate=["民政部"]),
    ),
    # doc 2 (national)
    (
        NATIONAL,
        "在中央设立的5年过渡期内，民政部门要从工作机制、发展规划、政策举措、服务对",
        depts(["民政部门"]),
    ),
    (
        NATIONAL,
        "地方各级乡村振兴部门要会同同级民政部门，围绕产业发展、人才培育、特殊群体关爱、乡村治理等领域重点任务落实，深入开展国家乡村振兴重点帮扶县结对帮扶行动、",
        depts(lead=["地方各级乡村振兴部门"], cooperate=["地方各级民政部门"]),
    ),
    (
        NATIONAL,
        "省级民政部门要会同同级乡村振兴部门利用政务服务网，建设集中统一、开放共享的社会组织参与乡村振兴互联网服务平台。",
        depts(lead=["省级民政部门"], cooperate=["省级乡村振兴部门"]),
    ),
    (
        NATIONAL,
        "乡村振兴部门一方面，要坚持有序调整、平稳过渡原则，将社会组织参与帮扶纳入乡村振兴工作统筹谋划、一体部署；",
        depts(["乡村振兴部门"]),
    ),
    (
        NATIONAL,
        "民政部门支持以服务乡村振兴为宗旨的社会组织依法登记，发挥社会组织在产业振兴、科技助农、文化体育、环保生态、卫生健康、社会治理、民生保障方面的积极作用。",
        depts(["民政部门"]),
    ),
    (
        NATIONAL,
        "各级民政部门 and 乡村振兴部门要按照本通知要求，将社会组织参与乡村振兴纳入重要议事日程。",
        depts(["各级民政部门", "各级乡村振兴部门"]),  # the PDF's "and" for 和
    ),
    (
        NATIONAL,
        "省级民政部门、乡村振兴部门要定期向民政部、国家乡村振兴局报告工作进展情况、遇到的困难问题和好的经验做法。",
        depts(["省级民政部门", "省级乡村振兴部门"]),
    ),
    # doc 3 (region)
    (
        NX,
        "此项工作由自治区工商联、乡村振兴局负责。",
        depts(["宁夏回族自治区工商联", "宁夏回族自治区乡村振兴局"]),
    ),
    (
        NX,
        "此项工作由重点帮扶县（区）商福建省结对县（区）统筹负责。",
        depts(lead=["重点帮扶县"], cooperate=["福建省结对县（区）"]),
    ),
    (
        NX,
        "（一）加强组织领导。重点帮扶县把专项工作纳入“万企兴万村”行动统一领导，制定专项年度工作计划，召开相关会议研究部署工作，确定专人负责，举办对接活动，统筹推进各项工作。",
        depts(["重点帮扶县"]),
    ),
    (
        NX,
        "加强统计监测和工作调度，及时掌握工作进展情况，解决存在的困难问题，各县（区）乡村振兴部门和工商联每季度末向自治区乡村\n\n振兴局、工商联报告工作进展情况。",
        depts(["各县（区）乡村振兴部门", "各县（区）工商联"]),
    ),
    (
        NX,
        "要强化服务意识，重点帮扶县乡村振兴部门和工商联共同审核把关，将参与“万企兴万村”行动民营企业帮扶项目纳入县级巩固拓展脱贫攻坚成果和乡村振兴项目库，",
        depts(["重点帮扶县乡村振兴部门", "重点帮扶县工商联"]),
    ),
    # doc 4 (region)
    (
        NX,
        "各市、县（区）要按照“政府引导、市场运作、突出重点、保费补贴、全面推厂、严格监管”的原则，加强组织领导，细化工作方案，",
        depts(["各市", COUNTIES]),
    ),
    (
        NX,
        "（一）各县（区）乡村振兴局要与银保监分局、保险机构主动联系、密切配合，制定印发本县（区）工作实施方案，签订保险服务协议，明确责任和权益，做到公开、公正、公平。",
        depts(["各县（区）乡村振兴局"], cooperate=["宁夏银保监局各分局", "保险机构"]),
    ),
    (
        NX,
        "（三）优化工作流程，保险机构要切实应用“一站式”结算系统，实现与医疗保障政策的无缝衔接；",
        depts(["保险机构"]),
    ),
    (
        NX,
        "（四）强化督导检查，各县（区）乡村振兴局和银保监分局，每季度对工作落实情况进行督导，加强对参保和理赔情况的数据统计分析，确保政策落实。",
        depts(
            ["各县（区）乡村振兴局", "宁夏银保监局各分局"]
        ),  # no 各县（区） carried onto 银保监分局
    ),
    (
        NX,
        "承保的保险机构要建立统计报告制度，每月10日前将上月承保赔付情况统计报送自治区乡村振兴局和宁夏银保监局。",
        depts(["保险机构"]),
    ),
    # doc 5 (city)
    (
        ZW,
        "从2022年起，由市发展改革委、乡村振兴局牵头，市直各行业主管部门配合，统筹编制与中央、自治区衔接资金相配套的年度项目投资实施计划。",
        depts(lead=z("发展改革委", "乡村振兴局"), cooperate=z("直各行业主管部门")),
    ),
    (
        ZW,
        "对“四大提升行动”实行挂牌督战，由市委、市政府督查室牵头，各专项领导小组办公室配合，每季度对“四大提升行动”推进情况进行一次全面督查，",
        depts(lead=z("委督查室", "政府督查室"), cooperate=["各专项领导小组办公室"]),
    ),
    (
        ZW,
        "市、县（区）有关部门（单位）进一步强化资金使用事中事后服务监督职责，及时发现和纠正问题，确保资金使用安全高效。",
        depts([f"{ZW}有关部门（单位）", "各县（区）有关部门（单位）"]),
    ),
    (
        ZW,
        "对工作任务较重、发展基\n\n础薄弱地方，由自然资源部门按照“一事一议”原则，争取专项建设用地计划指标，专项指标不占用本地区已有指标。",
        depts(["自然资源部门"]),
    ),
    (
        ZW,
        "各金融机构重点支持农村基础设施建设、产业发展的中长期信贷，加大对支农支小的支持，开发各类金融产品，满足信贷需求。",
        depts(["金融机构"]),
    ),
    (
        ZW,
        "市乡村振兴战略领导小组办公室负责“四大提升行动”日常协调联系工作。",
        depts(z("乡村振兴战略领导小组办公室")),
    ),
    (
        ZW,
        "市直部门（单位）要强化协调调度和事中事后监管，确保工程项目建设质量达标。",
        depts(z("直各部门（单位）")),
    ),
    # doc 6 (city), outside the parentheticals
    (
        ZW,
        "市委农办、市乡村振兴局和市委督查室、市政府督查室要定期围绕组织领导、安排部署、政策衔接、包抓责任、机制保障等内容，对各县（区）开展督导检查，督查情况及时报告市委和市政府。",
        depts(z("委农办", "乡村振兴局", "委督查室", "政府督查室")),
    ),
    (
        ZW,
        "市乡村振兴局牵头制定各县（区）、市直相关部门（单位）2022年效能目标考核细则，各县（区）、市直各部门（单位）要围绕工作分工和任务，于每月25日前报送《2022年中卫市百万移民致富提升行动重点任务清单》，",
        depts([COUNTIES, f"{ZW}直各部门（单位）"], z("乡村振兴局")),
    ),
    (
        ZW,
        "市直各部门（单位）主要负责同志要把百万移民致富提升行动工作摆上重要议事日程，认真组织、精心安排，成立工作专班，全力解决存在的困难和问题。",
        depts(z("直各部门（单位）")),
    ),
]


@pytest.mark.parametrize(
    ("region", "text", "expected"), SENTENCES, ids=[t[:16] for _r, t, _e in SENTENCES]
)
def test_sentence_actors(registry: Registry, region: str, text: str, expected: Departments) -> None:
    assert extract_departments(text, region, registry) == expected


def test_sentences_are_verbatim(seed_text: str) -> None:
    for _region, text, _expected in SENTENCES:
        assert text in seed_text, text[:30]


NO_ACTORS = [
    (
        NATIONAL,
        "鼓励通过政府购买服务推动社会\n\n组织参与乡村振兴，鼓励各地民政、乡村振兴部门出台配套扶持政策，为社会组织开展活动提供政策支持。",
    ),
    (NATIONAL, "每年底向国家乡村振兴局、民政部报送本地区社会组织参与乡村振兴工作情况。"),
    (NATIONAL, "推动有关部门和地区将政策、资金、人才等各项资源更多用于农村社会组织发展。"),
    (
        NATIONAL,
        "动员引导行业协会商会等社会组织聚焦产业、就业和消费帮扶，打造社会组织参与乡村发展品牌。",
    ),
    (
        NATIONAL,
        "参与专项行动的社会组织要立足国家乡村振兴重点帮扶县实际，有针对性地开展产业、就业、教育、健康、养老、消费帮扶或多样化帮扶。",
    ),
    (
        NX,
        "以“万企兴万村”行动为抓手，采取政府引导与市场运作相结合、政策支持与民营企业参与相结合等方式。",
    ),
    (
        NX,
        "根据中共中央办公厅、国务院办公厅《关于确定国家乡村振兴重点帮扶县的意见》和全国工商联、农业农村部、国家乡村振兴局《关于开展“万企兴万村”行动的实施意见》，国家乡村振兴局、全国工商联《联合开展“万企兴万村”行动倾斜支持国家乡村振兴重点帮扶县专项工作方案》要求，制定本方案。",
    ),
    (
        ZW,
        "支持科研机构和企业，实施一批重点科技项目，着力突破精准栽培、高效养殖、高质化加工等关键技术，",
    ),
    (
        ZW,
        "同时支持各县（区）将小板块产业纳入保险范围，推进增品扩面提标，鼓励县（区）开展玉米、小杂粮、特色经果林完全成本、价格、收入、指数等多种形式农业保险试点，",
    ),
    (
        NATIONAL,
        "各省、自治区、直辖市民政厅（局）、乡村振兴局，各计划单列市民政局、乡村振兴局，新疆生产建设兵团民政局、乡村振兴局：\n\n实施乡村振兴战略是以习近平总书记为核心的党中央作出的重大决策部署，",
    ),  # addressees
    (ZW, "各包抓领导要既挂帅又出征，摸清包抓村存在的问题和症结，"),
    (ZW, "各级领导干部要把实施百万移民致富提升行动摆在突出位置、当作头等大事，"),
    (ZW, "启动残疾人托养机构规范化建设试点，为智力、精神和重度肢体残疾人提供托养服务。"),
    (ZW, "实施项目确定后，报市“四大提升行动”领导小组备案，并在行业部门间实现信息共享，"),
    (ZW, "发挥乡村干部、驻村工作队、帮扶责任人作用，"),
    (ZW, ""),
]


@pytest.mark.parametrize(("region", "text"), NO_ACTORS, ids=[t[:12] for _r, t in NO_ACTORS])
def test_not_actors(registry: Registry, region: str, text: str) -> None:
    """Recipients (向X报送), objects of 鼓励/支持/推动, social organisations: no body."""
    assert extract_departments(text, region, registry).is_empty()


# --------------------------------------------------------------------------- other layouts


OTHER_LAYOUTS: list[tuple[str, str, Departments]] = [
    (  # 任务分工表 row: labels before the task
        ZW,
        "牵头单位：市民政局；责任单位：各县（区）\n完善社会救助制度，落实低保标准动态调整机制。",
        depts([COUNTIES], z("民政局")),
    ),
    (  # labels with a deadline label after them
        ZW,
        "任务：建成劳务工作站。牵头单位：市人社局，配合单位：市财政局、乡村振兴局，完成时限：2022年6月底",
        depts(lead=z("人力资源社会保障局"), cooperate=z("财政局", "乡村振兴局")),
    ),
    (  # a county document: the registry does not know county bodies
        "中宁县",
        "由县人社局牵头，县财政局、县乡村振兴局配合，开展移民技能培训3000人次以上。",
        depts(lead=["中宁县人社局"], cooperate=["中宁县财政局", "中宁县乡村振兴局"]),
    ),
    (  # a county plan citing the city and the county
        "中宁县",
        "（责任单位：各乡镇；牵头单位：县农业农村局；配合单位：市乡村振兴局、县财政局）",
        depts(["各乡镇"], ["中宁县农业农村局"], [f"{ZW}乡村振兴局", "中宁县财政局"]),
    ),
    (  # another city: 市 is that city, and a bare alias does not leak to 中卫市
        "银川市",
        "（责任单位：各县（市、区）；牵头单位：市民政局；配合单位：市财政局、人力资源和社会保障局）",
        depts(["各县（市、区）"], ["银川市民政局"], ["银川市财政局", "银川市人力资源和社会保障局"]),
    ),
    (  # another province, with 会同
        "浙江省",
        "省发展改革委会同省财政厅、省农业农村厅制定实施细则。",
        depts(lead=["浙江省发展改革委"], cooperate=["浙江省财政厅", "浙江省农业农村厅"]),
    ),
    (  # the short parenthetical form
        ZW,
        "建立健全项目库。（市发展改革委牵头，市财政局、审计局配合）",
        depts(lead=z("发展改革委"), cooperate=z("财政局", "审计局")),
    ),
    (  # 主责单位 / 协办单位, a district document
        "沙坡头区",
        "（主责单位：区民政局；协办单位：区财政局、区卫健委）",
        depts(lead=["沙坡头区民政局"], cooperate=["沙坡头区财政局", "沙坡头区卫健委"]),
    ),
    (  # mixed brackets, an inner half-width 各县(区)
        ZW,
        "完成改厕任务。（责任单位：各县(区)；牵头部门：市农业农村局、卫生健康委)",
        depts([COUNTIES], z("农业农村局", "卫生健康委")),
    ),
    (  # members separated by commas; 等 dropped
        "海原县",
        "（责任单位：县教育局，县财政局等部门）",
        depts(["海原县教育局", "海原县财政局"]),
    ),
    (  # X要与Y…配合: the partners cooperate
        ZW,
        "市农业农村局要与市水务局、市自然资源局密切配合，统筹推进高标准农田建设。",
        depts(z("农业农村局"), cooperate=z("水务局", "自然资源局")),
    ),
    (  # every locality, acting
        NATIONAL,
        "各地要加强组织领导，明确责任分工。",
        depts(["各地"]),
    ),
    (  # a bare local designation in a county document is the county's own body
        "中宁县",
        "乡村振兴局要加强统筹，各乡镇具体落实。",
        depts(["中宁县乡村振兴局", "各乡镇"]),
    ),
    (  # another province: 省 is that province
        "浙江省",
        "省民政厅、省财政厅按职责分工负责，各设区市要建立工作机制。",
        depts(["浙江省民政厅", "浙江省财政厅", "各设区市"]),
    ),
    (  # a list prefix carried across 和
        ZW,
        "各县（区）党委和政府要切实履行主体责任。",
        depts(["各县（区）党委", "各县（区）政府"]),
    ),
    (  # a subject after a time phrase, and an unknown body kept with its prefix
        ZW,
        "2022年底前，市档案局负责整理移民村档案，市乡村振兴局牵头组织验收。",
        depts(z("档案局"), z("乡村振兴局")),
    ),
]


@pytest.mark.parametrize(
    ("region", "text", "expected"), OTHER_LAYOUTS, ids=[t[:14] for _r, t, _e in OTHER_LAYOUTS]
)
def test_other_layouts(registry: Registry, region: str, text: str, expected: Departments) -> None:
    assert extract_departments(text, region, registry) == expected


def test_table_columns(registry: Registry) -> None:
    roles = {
        "lead": ["市人社局"],
        "responsible": ["各县〈区〉"],
        "cooperate": ["市财政局", "人社局"],
    }
    assert departments_from_roles(roles, ZW, registry) == depts(
        [COUNTIES], z("人力资源社会保障局"), z("财政局")
    )


# --------------------------------------------------------------------------- split_names


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        ("市教育局、民政局、财政局", ["市教育局", "民政局", "财政局"]),
        ("市工业和信息化局、交通运输局、水务局", ["市工业和信息化局", "交通运输局", "水务局"]),
        ("人力资源和社会保障局", ["人力资源和社会保障局"]),
        (
            "云计算与大数据发展局、口岸和投资促进办公室",
            ["云计算与大数据发展局", "口岸和投资促进办公室"],
        ),
        ("旅游和文体广电局", ["旅游和文体广电局"]),
        ("住房和城乡建设部门", ["住房和城乡建设部门"]),
        ("文化和旅游局", ["文化和旅游局"]),  # unknown, but 文化 is no body by itself
        ("各县（区）乡村振兴部门和工商联", ["各县（区）乡村振兴部门", "工商联"]),
        ("各县（区）乡村振兴局及银保监分局", ["各县（区）乡村振兴局", "银保监分局"]),
        ("民政和乡村振兴部门", ["民政", "乡村振兴部门"]),
        ("市委宣传部，市民政局、司法局", ["市委宣传部", "市民政局", "司法局"]),
        ("市委农办,市财政局;乡村振兴局", ["市委农办", "市财政局", "乡村振兴局"]),
        ("市财政局、审计局等部门", ["市财政局", "审计局"]),
        ("各省、自治区、直辖市民政厅（局）", ["各省、自治区、直辖市民政厅（局）"]),
        ("各县〈区〉、市直各部门（单位）", ["各县〈区〉", "市直各部门（单位）"]),
        ("由市 发展改革委 、乡村振兴局", ["市发展改革委", "乡村振兴局"]),
        ("", []),
    ],
)
def test_split_names(registry: Registry, raw: str, names: list[str]) -> None:
    assert split_names(raw, registry) == names


# --------------------------------------------------------------------------- canonicalize


@pytest.mark.parametrize(
    ("names", "region", "canonical"),
    [
        (
            ["市工业和信息化局", "交通运输局", "水务局"],
            ZW,
            z("工业和信息化局", "交通运输局", "水务局"),
        ),
        (["市委农办", "市财政局", "乡村振兴局"], ZW, z("委农办", "财政局", "乡村振兴局")),
        (["市委", "市政府督查室"], ZW, z("委督查室", "政府督查室")),
        (["市委", "市政府"], ZW, z("委", "政府")),
        (["各县〈区〉"], ZW, [COUNTIES]),
        (["各县(区)"], NX, [COUNTIES]),
        (["自治区工商联", "乡村振兴局"], ZW, ["宁夏回族自治区工商联", "宁夏回族自治区乡村振兴局"]),
        (["乡村振兴局"], NX, ["宁夏回族自治区乡村振兴局"]),
        (["乡村振兴局"], ZW, z("乡村振兴局")),
        (["民政部", "国家乡村振兴局"], NATIONAL, ["民政部", "国家乡村振兴局"]),
        (["国家乡村振兴局", "民政部"], ZW, ["国家乡村振兴局", "民政部"]),
        (["各省级乡村振兴部门", "民政部门"], NATIONAL, ["各省级乡村振兴部门", "各省级民政部门"]),
        (
            ["市乡村振兴局", "人行中卫市中心支行", "邮政管理局"],
            ZW,
            [*z("乡村振兴局"), "人行中卫市中心支行", f"{ZW}邮政管理局"],
        ),
        (["市档案馆"], ZW, [f"{ZW}档案馆"]),  # unknown: kept, prefix written out
        (["县人社局", "财政局"], "中宁县", ["中宁县人社局", "中宁县财政局"]),
        (["市人社局", "人社局", "中卫市人力资源社会保障局"], ZW, z("人力资源社会保障局")),
        (["市发改委"], "中宁县", z("发展改革委")),
        (["各地民政", "乡村振兴部门"], NATIONAL, ["各地民政部门", "各地乡村振兴部门"]),
        (["各市", "县（区）"], NX, ["各市", COUNTIES]),
    ],
)
def test_canonicalize(
    registry: Registry, names: list[str], region: str, canonical: list[str]
) -> None:
    assert canonicalize(names, region, registry) == canonical


def test_looks_like_body(registry: Registry) -> None:
    for name in (
        "市档案馆局",
        "县人社局",
        "某某县委办公室",
        "各有关单位",
        "保险机构",
        "社会帮扶司",
    ):
        assert looks_like_body(name), name
    for name in ("干部", "新发展格局", "部署", "社会组织", "举办", "协会", "", "and部门"):
        assert not looks_like_body(name), name
    assert looks_like_body("人社局", registry)


# --------------------------------------------------------------------------- robustness

_FRAGMENTS = st.sampled_from(
    [
        "市",
        "县",
        "自治区",
        "各县〈区〉",
        "各县(区)",
        "（",
        "）",
        "(",
        ")",
        "〈",
        "〉",
        "、",
        "，",
        "；",
        "：",
        "。",
        "和",
        "与",
        "及",
        "and",
        "**",
        "\n\n",
        " ",
        "由",
        "牵头",
        "配合",
        "负责",
        "会同",
        "同级",
        "要",
        "责任单位：",
        "牵头单位:",
        "配合部门：",
        "等",
        "乡村振兴局",
        "民政部门",
        "人社局",
        "国家乡村振兴局",
        "工业和信息化局",
        "市委",
        "政府督查室",
        "各级",
        "省级",
        "银保监分局",
        "加强",
        "向",
        "报送",
        "鼓励",
        "格局",
        "部",
        "局",
        "委",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_FRAGMENTS, max_size=30).map("".join),
    st.sampled_from([ZW, NX, NATIONAL, "中宁县", "杭州市", ""]),
)
def test_extract_never_raises_on_fragments(text: str, region: str) -> None:
    registry = load_registry()
    result = extract_departments(text, region, registry)
    assert isinstance(result, Departments)
    assert all(name for name in result.all())


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_extract_never_raises_on_any_text(text: str) -> None:
    registry = load_registry()
    extract_departments(text, ZW, registry)
    split_names(text, registry)
    canonicalize([text], ZW, registry)
    parse_responsibility_parenthetical(text, registry)


# --------------------------------------------------------------------------- other places


@pytest.mark.parametrize(
    ("region", "text", "expected"),
    [
        # 会同 a bare designation: the partner of the subject's own jurisdiction
        (
            "四川省",
            "各市（州）民政局要会同乡村振兴局，于4月30日前完成集中摸排。",
            depts(lead=["各市（州）民政局"], cooperate=["各市（州）乡村振兴局"]),
        ),
        (
            ZW,
            "市乡村振兴局会同市民政局建立工作台账。",
            depts(lead=z("乡村振兴局"), cooperate=z("民政局")),
        ),
        # a prefix shared by a list, from a collective of places with a bracket
        (
            "四川省",
            "各市（州）民政局、乡村振兴局每季度末报送工作进展。",
            depts(["各市（州）民政局", "各市（州）乡村振兴局"]),
        ),
        (
            "甘肃省",
            "各市（州）、县（市、区）可结合实际提高补助标准。",
            depts(["各市（州）", "各县（市、区）"]),
        ),
        ("鄂尔多斯市", "各旗区要在15日内制定实施方案。", depts(["各旗区"])),
        # 供销社 is a body
        (
            "甘肃省",
            "省商务厅牵头，省工业和信息化厅、省供销社配合，引导加工企业发放订单。",
            depts(lead=["甘肃省商务厅"], cooperate=["甘肃省工业和信息化厅", "甘肃省供销社"]),
        ),
        # inline parentheticals: 按职责分工负责, 负责落实, a bracket inside a name
        (
            "云南省",
            "创建美丽村庄500个。（省林草局、省农业农村厅按职责分工负责）",
            depts(["云南省林草局", "云南省农业农村厅"]),
        ),
        (
            "云南省",
            "上半年完成春季战役。（省农业农村厅牵头，各州（市）人民政府负责落实）",
            depts(["各州（市）人民政府"], lead=["云南省农业农村厅"]),
        ),
        # 接到 starts a predicate
        (
            "四川省",
            "各地民政部门接到预警信息后，要在15日内完成核实反馈。",
            depts(["各地民政部门"]),
        ),
    ],
)
def test_other_places(registry: Registry, region: str, text: str, expected: Departments) -> None:
    assert extract_departments(text, region, registry) == expected


# --------------------------------------------------------------------------- batch 4 causes


def test_a_role_written_after_names_in_a_label_value(registry: Registry) -> None:
    text = "责任单位：县林业局（牵头），县财政局、县水利局（配合）"
    assert extract_departments(text, "宁化县", registry) == depts(
        lead=["宁化县林业局"], cooperate=["宁化县财政局", "宁化县水利局"]
    )
    # a marker holds for its ，-group only: the first body keeps the label's role
    text = "（责任单位：县林业局，县财政局、县水利局（配合））"
    assert extract_departments(text, "宁化县", registry) == depts(
        ["宁化县林业局"], cooperate=["宁化县财政局", "宁化县水利局"]
    )


def test_an_empty_cell_is_no_body(registry: Registry) -> None:
    assert split_names("—", registry) == []
    assert split_names("／", registry) == []
    assert extract_departments("牵头单位：各乡镇；配合单位：无", "宁化县", registry) == depts(
        lead=["各乡镇"]
    )


@pytest.mark.parametrize(
    ("region", "text", "expected"),
    [
        # the place is inside the name: no prefix is carried onto it
        (
            "安康市",
            "配合单位：市财政局、人民银行安康市分行",
            ["安康市财政局", "人民银行安康市分行"],
        ),
        (
            "宁化县",
            "责任单位：县水利局，国网宁化县供电公司",
            ["宁化县水利局", "国网宁化县供电公司"],
        ),
        # a county named with its own place in a city document keeps its name
        ("安康市", "配合单位：市水利局，汉滨区人民政府", ["安康市水利局", "汉滨区人民政府"]),
        # …and its place is carried onto the bare names after it
        ("安康市", "配合单位：汉滨区人民政府、农业农村局", ["汉滨区人民政府", "汉滨区农业农村局"]),
        # words that end like a place are no place: the list's prefix still applies
        ("安康市", "配合单位：市科技局、高新区管委会", ["安康市科技局", "安康市高新区管委会"]),
    ],
)
def test_a_name_with_its_own_place_gets_no_second_prefix(
    registry: Registry, region: str, text: str, expected: list[str]
) -> None:
    found = extract_departments(text, region, registry)
    assert found.cooperate + found.responsible == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a body, then its verb and object: not one long name
        ("县民政局规范养老机构管理。", depts(["海原县民政局"])),
        ("规范盲人按摩机构建设，推进残疾人职业教育。", depts([])),
        ("县委、县政府扛起主体责任，统筹推进各项工作。", depts(["海原县委", "海原县政府"])),
    ],
)
def test_subject_then_predicate_in_a_county_document(text: str, expected: Departments) -> None:
    assert extract_departments(text, "海原县", load_registry()) == expected

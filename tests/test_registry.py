"""The department registry: loading, validation, alias forms, regions, groups, suggestions."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykb.errors import AnnotationError, NotFoundError
from policykb.paths import bundled_path
from policykb.registry import Registry, load_registry, normalize_name

ZW = "中卫市"
NX = "宁夏回族自治区"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


# --------------------------------------------------------------------------- loading


def test_bundled_file_loads_and_is_cached(registry: Registry) -> None:
    assert bundled_path("annotations/departments.yaml").is_file()
    assert load_registry() is load_registry()
    assert len(registry) == len(registry.all()) > 150
    names = [d.name for d in registry.all()]
    assert len(names) == len(set(names))


def test_explicit_path_is_not_cached(tmp_path: Path) -> None:
    path = tmp_path / "departments.yaml"
    path.write_text(
        "version: 1\njurisdictions:\n  - {name: 全国, level: national}\n"
        "departments:\n  - {name: 民政部, level: national, jurisdiction: 全国}\n",
        encoding="utf-8",
    )
    small = load_registry(path)
    assert small is not load_registry()
    assert [d.name for d in small.all()] == ["民政部"]


def test_every_alias_resolves_back_in_its_own_jurisdiction(registry: Registry) -> None:
    for dept in registry.all():
        region = dept.jurisdiction if dept.level not in ("national", "generic") else None
        assert registry.resolve(dept.name) == dept
        for alias in dept.aliases:
            found = registry.resolve(alias, region)
            assert found is not None and found.name == dept.name, (alias, region, found)


def test_canonical_names_carry_the_jurisdiction(registry: Registry) -> None:
    city = [d for d in registry.all() if d.jurisdiction == ZW and d.level == "city"]
    # written out, except bodies whose own name carries the place
    as_written = {"人行中卫市中心支行", "中卫银保监分局", "国网中卫供电公司"}
    assert all(d.name.startswith(ZW) or d.name in as_written or d.group for d in city)
    region = [d for d in registry.all() if d.jurisdiction == NX and not d.group]
    assert all(d.name.startswith(NX) or d.name == "宁夏银保监局" for d in region)


# --------------------------------------------------------------------------- alias forms


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [
        ("人社局", "中卫市人力资源社会保障局"),
        ("市人社局", "中卫市人力资源社会保障局"),
        ("人力资源和社会保障局", "中卫市人力资源社会保障局"),
        ("人力资源社会保障局", "中卫市人力资源社会保障局"),
        ("市人力资源社会保障局", "中卫市人力资源社会保障局"),
        ("中卫市人社局", "中卫市人力资源社会保障局"),
        ("中卫市人力资源社会保障局", "中卫市人力资源社会保障局"),
        ("市发改委", "中卫市发展改革委"),
        ("市发展改革委", "中卫市发展改革委"),
        ("发改委", "中卫市发展改革委"),
        ("卫健委", "中卫市卫生健康委"),
        ("市卫健委", "中卫市卫生健康委"),
        ("市卫生健康委", "中卫市卫生健康委"),
        ("医保局", "中卫市医疗保障局"),
        ("市医疗保障局", "中卫市医疗保障局"),
        ("住建局", "中卫市住房城乡建设局"),
        ("住房和城乡建设局", "中卫市住房城乡建设局"),
        ("市委组织部", "中卫市委组织部"),
        ("市委农办", "中卫市委农办"),
        ("市政府督查室", "中卫市政府督查室"),
        ("市直各部门（单位）", "中卫市直各部门（单位）"),
        ("市直部门（单位）", "中卫市直各部门（单位）"),
        ("市直各包抓责任单位", "中卫市直各包抓责任单位"),
        ("人民银行中卫市中心支行", "人行中卫市中心支行"),
        ("中卫银保监分局", "中卫银保监分局"),
        ("国网中卫供电公司", "国网中卫供电公司"),
        ("各县〈区〉", "各县（区）"),
        ("各县(区)", "各县（区）"),
        ("各县（区）", "各县（区）"),
        ("  各县 〈区〉 ", "各县（区）"),
        ("自治区乡村振兴局", "宁夏回族自治区乡村振兴局"),
        ("自治区工商联", "宁夏回族自治区工商联"),
        ("自治区政府办公厅", "宁夏回族自治区人民政府办公厅"),
        ("民政部", "民政部"),
        ("国家乡村振兴局", "国家乡村振兴局"),
        ("党中央", "中共中央"),
        ("民政部门", "民政部门"),
        ("各省、自治区、直辖市民政厅（局）", "省级民政部门"),
        ("各金融机构", "金融机构"),
    ],
)
def test_lookup_by_alias_without_region(registry: Registry, alias: str, canonical: str) -> None:
    assert registry.lookup(alias).name == canonical


def test_he_and_yu_are_not_folded(registry: Registry) -> None:
    assert registry.resolve("云计算与大数据发展局", ZW) is not None
    assert registry.resolve("云计算和大数据发展局", ZW) is None
    assert normalize_name("市（区） 〈县〉(乡)**") == "市（区）（县）（乡）"


def test_department_record(registry: Registry) -> None:
    dept = registry.lookup("人社局")
    assert dept.level == "city"
    assert dept.jurisdiction == ZW
    for form in ("人社局", "市人社局", "人力资源和社会保障局", "市人力资源社会保障局"):
        assert form in dept.aliases
    assert registry.aliases_of("市人社局") == dept.aliases
    county = registry.lookup("中宁县")
    assert (county.level, county.jurisdiction) == ("county", ZW)
    generic = registry.lookup("县级乡村振兴部门")
    assert (generic.level, generic.jurisdiction) == ("generic", None)


# --------------------------------------------------------------------------- regions


@pytest.mark.parametrize(
    ("name", "region", "canonical"),
    [
        ("乡村振兴局", ZW, "中卫市乡村振兴局"),
        ("乡村振兴局", NX, "宁夏回族自治区乡村振兴局"),
        ("乡村振兴局", None, "中卫市乡村振兴局"),  # default_region breaks the tie
        ("工商联", NX, "宁夏回族自治区工商联"),
        ("工商联", ZW, "中卫市工商联"),
        ("卫健委", NX, "宁夏回族自治区卫生健康委"),
        ("组织部", NX, "宁夏回族自治区党委组织部"),
        ("自治区乡村振兴局", ZW, "宁夏回族自治区乡村振兴局"),
        ("市乡村振兴局", "中宁县", "中卫市乡村振兴局"),  # 市 in a county document
        ("自治区乡村振兴局", "中宁县", "宁夏回族自治区乡村振兴局"),
        ("民政部", "中宁县", "民政部"),
        ("各县〈区〉", NX, "各县（区）"),
        ("中卫", None, None),
    ],
)
def test_resolution_depends_on_the_region(
    registry: Registry, name: str, region: str | None, canonical: str | None
) -> None:
    found = registry.resolve(name, region)
    assert (found.name if found else None) == canonical


def test_bare_alias_does_not_leak_into_another_jurisdiction(registry: Registry) -> None:
    # a 中宁县 document's 乡村振兴局 is the county's own, which the registry does not know
    assert registry.resolve("乡村振兴局", "中宁县") is None
    assert registry.resolve("人社局", "银川市") is None
    # 市人社局 in a 银川市 document is not 中卫市's
    assert registry.resolve("市人社局", "银川市") is None
    # a relative prefix a national document cannot explain stays unresolved
    assert registry.resolve("市人社局", "全国") is None


def test_expand_prefix(registry: Registry) -> None:
    assert registry.expand_prefix("市人社局", ZW) == "中卫市人社局"
    assert registry.expand_prefix("县人社局", "中宁县") == "中宁县人社局"
    assert registry.expand_prefix("市人社局", "中宁县") == "中卫市人社局"
    assert registry.expand_prefix("区民政局", "沙坡头区") == "沙坡头区民政局"
    assert registry.expand_prefix("自治区民政厅", "海原县") == "宁夏回族自治区民政厅"
    assert registry.expand_prefix("省民政厅", "浙江省") == "浙江省民政厅"  # unknown region
    assert registry.expand_prefix("市场监管局", ZW) == "市场监管局"  # 市场 is not 市 + 场
    assert registry.expand_prefix("市民政局", ZW) == "中卫市民政局"
    assert registry.expand_prefix("县人社局", ZW) == "县人社局"
    assert registry.region_chain("中宁县") == ["中宁县", ZW, NX, "全国"]
    assert registry.region_chain("杭州市") == ["杭州市"]


# --------------------------------------------------------------------------- groups


def test_expand_group(registry: Registry) -> None:
    assert registry.expand_group("各县〈区〉") == ["沙坡头区", "中宁县", "海原县"]
    assert registry.expand_group("各市")[-1] == ZW
    assert registry.expand_group("市农业农村局", ZW) == ["中卫市农业农村局"]
    assert registry.lookup("市直各包抓责任单位").group
    assert registry.expand_group("各专项领导小组办公室") == []  # members not listed


# --------------------------------------------------------------------------- errors


def test_unknown_name_suggests_close_names(registry: Registry) -> None:
    with pytest.raises(NotFoundError) as caught:
        registry.lookup("人设局")
    error = caught.value
    assert "人社局" in error.suggestions
    assert 0 < len(error.suggestions) <= 5
    assert "未找到部门" in str(error) and "人社局" in str(error)


def test_unknown_name_without_anything_close(registry: Registry) -> None:
    with pytest.raises(NotFoundError) as caught:
        registry.lookup("量子计算研究院")
    assert caught.value.suggestions == [] or len(caught.value.suggestions) <= 5


AMBIGUOUS = """\
version: 1
jurisdictions:
  - {name: 全国, level: national}
  - {name: 宁夏回族自治区, level: region, parent: 全国}
  - {name: 中卫市, level: city, parent: 宁夏回族自治区}
departments:
  - {name: 宁夏回族自治区乡村振兴局, level: region, jurisdiction: 宁夏回族自治区, aliases: [乡村振兴局]}
  - {name: 中卫市乡村振兴局, level: city, jurisdiction: 中卫市, aliases: [乡村振兴局]}
"""


def test_ambiguous_alias_without_region_or_default() -> None:
    registry = Registry.from_text(AMBIGUOUS)
    assert registry.resolve("乡村振兴局") is None
    assert registry.resolve("乡村振兴局", "中卫市").name == "中卫市乡村振兴局"  # type: ignore[union-attr]
    with pytest.raises(NotFoundError) as caught:
        registry.lookup("乡村振兴局")
    assert set(caught.value.suggestions) == {"宁夏回族自治区乡村振兴局", "中卫市乡村振兴局"}
    assert {d.name for d in registry.candidates("乡村振兴局")} == set(caught.value.suggestions)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "departments.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _error_for(tmp_path: Path, text: str) -> str:
    path = _write(tmp_path, text)
    with pytest.raises(AnnotationError) as caught:
        load_registry(path)
    message = str(caught.value)
    assert str(path) in message
    return message


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    text = AMBIGUOUS + "  - {name: 坏条目, level: city\n  - {name: x}\n"
    message = _error_for(tmp_path, text)
    assert ":10:" in message or ":11:" in message
    assert "YAML" in message


def test_schema_error_names_the_line_of_the_field(tmp_path: Path) -> None:
    text = AMBIGUOUS + "  - name: 坏条目\n    level: ministry\n    jurisdiction: 中卫市\n"
    message = _error_for(tmp_path, text)
    assert ":10:" in message  # the line of `level: ministry`
    assert "level" in message


def test_unknown_field_is_rejected(tmp_path: Path) -> None:
    text = (
        AMBIGUOUS + "  - {name: 中卫市财政局, level: city, jurisdiction: 中卫市, alias: [财政局]}\n"
    )
    message = _error_for(tmp_path, text)
    assert ":9:" in message and "alias" in message


def test_conflicting_alias_in_one_jurisdiction(tmp_path: Path) -> None:
    text = (
        AMBIGUOUS
        + "  - {name: 中卫市农业农村局, level: city, jurisdiction: 中卫市, aliases: [乡村振兴局]}\n"
    )
    message = _error_for(tmp_path, text)
    assert ":9:" in message and "乡村振兴局" in message


@pytest.mark.parametrize(
    "entry",
    [
        "  - {name: 中卫市乡村振兴局, level: city, jurisdiction: 中卫市}",  # duplicate
        "  - {name: 银川市财政局, level: city, jurisdiction: 银川市}",  # unknown place
        "  - {name: 财政部门, level: generic, jurisdiction: 中卫市}",  # generic with a place
        "  - {name: 中卫市财政局, level: city}",  # no jurisdiction
        "  - {name: 中卫市财政局, level: city, jurisdiction: 中卫市, members: [甲]}",  # not a group
    ],
)
def test_semantic_errors_name_the_entry_line(tmp_path: Path, entry: str) -> None:
    message = _error_for(tmp_path, AMBIGUOUS + entry + "\n")
    assert ":9:" in message


def test_not_a_mapping(tmp_path: Path) -> None:
    assert ":1:" in _error_for(tmp_path, "- just\n- a list\n")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(AnnotationError):
        load_registry(tmp_path / "absent.yaml")


# --------------------------------------------------------------------------- dictionary


def test_names_for_dictionary(registry: Registry) -> None:
    words = registry.names_for_dictionary()
    assert words == sorted(set(words))
    for word in (
        "中卫市人力资源社会保障局",
        "人社局",
        "市人社局",
        "各县〈区〉",
        "各县（区）",
        "民政部门",
    ):
        assert word in words
    assert all(word and " " not in word for word in words)

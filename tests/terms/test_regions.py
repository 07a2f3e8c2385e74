"""Where a party is: addresses, landline area codes and credit-code registration areas, in every province."""

import pytest

from contracts.terms.regions import (
    AREA_CODES,
    CITIES,
    MUNICIPALITIES,
    PROVINCES,
    Region,
    address_region,
    area_code_regions,
    landline_area_code,
    uscc_region,
)


def test_every_province_and_city_is_covered():
    assert len(PROVINCES) == 31  # the mainland's provinces, autonomous regions and municipalities
    assert {code[:2] for code in CITIES} == set(PROVINCES)
    assert all(city.area_codes for city in CITIES.values())  # every city has a landline area code
    for area, cities in AREA_CODES.items():
        assert area.startswith("0") and len(area) in (3, 4) and cities


@pytest.mark.parametrize(
    "address, name",
    [
        ("上海市浦东新区张杨路500号10楼", "上海市"),
        ("浙江省杭州市西湖区文三路90号", "浙江省杭州市"),
        ("杭州市西湖区文三路90号", "浙江省杭州市"),
        ("浙江杭州西湖区文三路90号", "浙江省杭州市"),
        ("中国广东省深圳市南山区科技园", "广东省深圳市"),
        ("广州市越秀区北京路1号", "广东省广州市"),  # the street named after Beijing is not the place
        ("上海市黄浦区南京东路100号", "上海市"),
        ("吉林省吉林市船营区", "吉林省吉林市"),
        ("安徽省马鞍山市雨山区", "安徽省马鞍山市"),  # not 鞍山 in Liaoning
        ("广西南宁市青秀区", "广西壮族自治区南宁市"),
        ("新疆维吾尔自治区乌鲁木齐市天山区", "新疆维吾尔自治区乌鲁木齐市"),
        ("延边朝鲜族自治州延吉市", "吉林省延边朝鲜族自治州"),
        ("内蒙古自治区阿拉善盟", "内蒙古自治区阿拉善盟"),
        ("江苏省昆山市", "江苏省"),  # a county-level city: the province only
        ("中国（上海）自由贸易试验区张江路88号", "上海市"),
    ],
)
def test_address_place(address, name):
    assert address_region(address).name == name


@pytest.mark.parametrize("address", ["", None, "No. 1 Century Avenue, Shanghai", "12 Main Street, Munich", "科技园1号"])
def test_an_address_that_names_no_place(address):
    assert address_region(address) is None


@pytest.mark.parametrize(
    "phone, area",
    [
        ("021-5888 0000", "021"),
        ("(010) 6512 3456", "010"),
        ("+86 571 8800 0000", "0571"),
        ("0086-755-2600 0000", "0755"),
        ("0898-6612 3456", "0898"),
        ("0991-1234567", "0991"),
        ("021-5888 0000 转 8001", "021"),
        ("0755-2600 0000 ext. 12", "0755"),
        ("010-6512 3456 / 138 1234 5678", "010"),
        ("13812345678", None),
        ("400-820-8820", None),
        ("5888 0000", None),
        ("+1 415 555 0100", None),
    ],
)
def test_landline_area_code(phone, area):
    assert landline_area_code(phone) == area


def test_area_codes_serve_the_cities_that_use_them():
    names = lambda area: {r.name for r in area_code_regions(area)}  # noqa: E731
    assert names("0731") == {"湖南省长沙市", "湖南省株洲市", "湖南省湘潭市"}  # merged in 2015
    assert "河南省开封市" in names("0371")
    assert names("021") == {"上海市"}
    assert "海南省儋州市" in names("0898")


@pytest.mark.parametrize(
    "code, region",
    [
        ("91310115MA1K4L8X24", Region("31")),  # Pudong: a municipality is compared as a whole
        ("91330106MA2H3K9P1R", Region("33", "3301")),
        ("91440300MA5F000007", Region("44", "4403")),
        ("91330000MA00000000", Region("33")),  # registered by the province
        ("91371200MA00000000", Region("37")),  # 莱芜, merged into Jinan in 2019: the province only
        ("91100000MA00000000", None),  # registered nationally
        ("91810000MA00000000", None),
        ("short", None),
    ],
)
def test_uscc_registration_area(code, region):
    assert uscc_region(code) == region


def test_a_province_holds_its_cities():
    assert Region("33").contains(Region("33", "3301")) and Region("33", "3301").contains(Region("33"))
    assert not Region("33", "3302").contains(Region("33", "3301"))
    assert not Region("31").contains(Region("33"))
    assert MUNICIPALITIES <= set(PROVINCES)

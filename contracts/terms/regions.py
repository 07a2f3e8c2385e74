"""Where a Chinese party is: provinces and prefecture-level cities with their administrative division codes
(GB/T 2260, the codes in digits 3–8 of a unified social credit code) and landline area codes.

The division codes follow the Ministry of Civil Affairs' list of current divisions; the area codes were
taken from the geocoding data of Google's libphonenumber, with the merged codes (长株潭 0731, 开封 0371 …)
and the prefectures it lacks filled in. A city may have several area codes and an area code several
cities. "-" marks the counties a province administers directly (省直辖县级行政区划): they have a code
but no city name an address would carry.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

PROVINCES: Mapping[str, str] = MappingProxyType(
    {
        "11": "北京市",
        "12": "天津市",
        "13": "河北省",
        "14": "山西省",
        "15": "内蒙古自治区",
        "21": "辽宁省",
        "22": "吉林省",
        "23": "黑龙江省",
        "31": "上海市",
        "32": "江苏省",
        "33": "浙江省",
        "34": "安徽省",
        "35": "福建省",
        "36": "江西省",
        "37": "山东省",
        "41": "河南省",
        "42": "湖北省",
        "43": "湖南省",
        "44": "广东省",
        "45": "广西壮族自治区",
        "46": "海南省",
        "50": "重庆市",
        "51": "四川省",
        "52": "贵州省",
        "53": "云南省",
        "54": "西藏自治区",
        "61": "陕西省",
        "62": "甘肃省",
        "63": "青海省",
        "64": "宁夏回族自治区",
        "65": "新疆维吾尔自治区",
    }
)
MUNICIPALITIES = frozenset({"11", "12", "31", "50"})  # a city and a province at once

# city code, name as an address writes it, area codes
_CITY_TABLE = """
1101 北京市 010
1201 天津市 022
1301 石家庄市 0311
1302 唐山市 0315
1303 秦皇岛市 0335
1304 邯郸市 0310
1305 邢台市 0319
1306 保定市 0312
1307 张家口市 0313
1308 承德市 0314
1309 沧州市 0317
1310 廊坊市 0316
1311 衡水市 0318
1401 太原市 0351
1402 大同市 0352
1403 阳泉市 0353
1404 长治市 0355
1405 晋城市 0356
1406 朔州市 0349
1407 晋中市 0354 0358
1408 运城市 0359
1409 忻州市 0350
1410 临汾市 0357
1411 吕梁市 0354 0358
1501 呼和浩特市 0471
1502 包头市 0472
1503 乌海市 0473
1504 赤峰市 0476
1505 通辽市 0475
1506 鄂尔多斯市 0477
1507 呼伦贝尔市 0470
1508 巴彦淖尔市 0478
1509 乌兰察布市 0474
1522 兴安盟 0482
1525 锡林郭勒盟 0479
1529 阿拉善盟 0483
2101 沈阳市 024
2102 大连市 0411
2103 鞍山市 0412
2104 抚顺市 024
2105 本溪市 024
2106 丹东市 0415
2107 锦州市 0416
2108 营口市 0417
2109 阜新市 0418
2110 辽阳市 0419
2111 盘锦市 0427
2112 铁岭市 024
2113 朝阳市 0421
2114 葫芦岛市 0429
2201 长春市 0431
2202 吉林市 0432
2203 四平市 0434
2204 辽源市 0437
2205 通化市 0435
2206 白山市 0439
2207 松原市 0438
2208 白城市 0436
2224 延边朝鲜族自治州 0433
2301 哈尔滨市 0451
2302 齐齐哈尔市 0452
2303 鸡西市 0467
2304 鹤岗市 0468
2305 双鸭山市 0469
2306 大庆市 0459
2307 伊春市 0458
2308 佳木斯市 0454
2309 七台河市 0464
2310 牡丹江市 0453
2311 黑河市 0456
2312 绥化市 0455
2327 大兴安岭地区 0457
3101 上海市 021
3201 南京市 025
3202 无锡市 0510
3203 徐州市 0516
3204 常州市 0519
3205 苏州市 0512
3206 南通市 0513
3207 连云港市 0518
3208 淮安市 0517
3209 盐城市 0515
3210 扬州市 0514
3211 镇江市 0511
3212 泰州市 0523
3213 宿迁市 0527
3301 杭州市 0571
3302 宁波市 0574
3303 温州市 0577
3304 嘉兴市 0573
3305 湖州市 0572
3306 绍兴市 0575
3307 金华市 0579
3308 衢州市 0570
3309 舟山市 0580
3310 台州市 0576
3311 丽水市 0578
3401 合肥市 0551
3402 芜湖市 0553
3403 蚌埠市 0552
3404 淮南市 0554
3405 马鞍山市 0555
3406 淮北市 0561
3407 铜陵市 0562
3408 安庆市 0556
3410 黄山市 0559
3411 滁州市 0550
3412 阜阳市 0558
3413 宿州市 0557
3415 六安市 0564
3416 亳州市 0558
3417 池州市 0566
3418 宣城市 0563
3501 福州市 0591
3502 厦门市 0592
3503 莆田市 0594
3504 三明市 0598
3505 泉州市 0595
3506 漳州市 0596
3507 南平市 0599
3508 龙岩市 0597
3509 宁德市 0593
3601 南昌市 0791
3602 景德镇市 0798
3603 萍乡市 0799
3604 九江市 0792
3605 新余市 0790
3606 鹰潭市 0701
3607 赣州市 0797
3608 吉安市 0796
3609 宜春市 0795
3610 抚州市 0794
3611 上饶市 0793
3701 济南市 0531
3702 青岛市 0532
3703 淄博市 0533
3704 枣庄市 0632
3705 东营市 0546
3706 烟台市 0535
3707 潍坊市 0536
3708 济宁市 0537
3709 泰安市 0538
3710 威海市 0631
3711 日照市 0633
3713 临沂市 0539
3714 德州市 0534
3715 聊城市 0635
3716 滨州市 0543
3717 菏泽市 0530
4101 郑州市 0371
4102 开封市 0371
4103 洛阳市 0379
4104 平顶山市 0375
4105 安阳市 0372
4106 鹤壁市 0392
4107 新乡市 0373
4108 焦作市 0391
4109 濮阳市 0393
4110 许昌市 0374
4111 漯河市 0395
4112 三门峡市 0398
4113 南阳市 0377
4114 商丘市 0370
4115 信阳市 0376
4116 周口市 0394
4117 驻马店市 0396
4190 - 0391
4201 武汉市 027
4202 黄石市 0714
4203 十堰市 0719
4205 宜昌市 0717
4206 襄阳市 0710
4207 鄂州市 0711
4208 荆门市 0724
4209 孝感市 0712
4210 荆州市 0716
4211 黄冈市 0713
4212 咸宁市 0715
4213 随州市 0722
4228 恩施土家族苗族自治州 0718
4290 - 0719 0728
4301 长沙市 0731
4302 株洲市 0731
4303 湘潭市 0731
4304 衡阳市 0734
4305 邵阳市 0739
4306 岳阳市 0730
4307 常德市 0736
4308 张家界市 0744
4309 益阳市 0737
4310 郴州市 0735
4311 永州市 0746
4312 怀化市 0745
4313 娄底市 0738
4331 湘西土家族苗族自治州 0743
4401 广州市 020
4402 韶关市 0751
4403 深圳市 0755
4404 珠海市 0756
4405 汕头市 0754
4406 佛山市 0757
4407 江门市 0750
4408 湛江市 0759
4409 茂名市 0668
4412 肇庆市 0758
4413 惠州市 0752
4414 梅州市 0753
4415 汕尾市 0660
4416 河源市 0762
4417 阳江市 0662
4418 清远市 0763
4419 东莞市 0769
4420 中山市 0760
4451 潮州市 0768
4452 揭阳市 0663
4453 云浮市 0766
4501 南宁市 0771
4502 柳州市 0772
4503 桂林市 0773
4504 梧州市 0774
4505 北海市 0779
4506 防城港市 0770
4507 钦州市 0777
4508 贵港市 0775
4509 玉林市 0775
4510 百色市 0776
4511 贺州市 0774
4512 河池市 0778
4513 来宾市 0772
4514 崇左市 0771
4601 海口市 0898
4602 三亚市 0898
4603 三沙市 0898
4604 儋州市 0898
4690 - 0898
5001 重庆市 023
5101 成都市 028
5103 自贡市 0813
5104 攀枝花市 0812
5105 泸州市 0830
5106 德阳市 0838
5107 绵阳市 0816
5108 广元市 0839
5109 遂宁市 0825
5110 内江市 0832
5111 乐山市 0833
5113 南充市 0817
5114 眉山市 028
5115 宜宾市 0831
5116 广安市 0826
5117 达州市 0818
5118 雅安市 0835
5119 巴中市 0827
5120 资阳市 028
5132 阿坝藏族羌族自治州 0837
5133 甘孜藏族自治州 0836
5134 凉山彝族自治州 0834
5201 贵阳市 0851
5202 六盘水市 0858
5203 遵义市 0851
5204 安顺市 0851
5205 毕节市 0857
5206 铜仁市 0856
5223 黔西南布依族苗族自治州 0859
5226 黔东南苗族侗族自治州 0855
5227 黔南布依族苗族自治州 0854
5301 昆明市 0871
5303 曲靖市 0874
5304 玉溪市 0877
5305 保山市 0875
5306 昭通市 0870
5307 丽江市 0888
5308 普洱市 0879
5309 临沧市 0883
5323 楚雄彝族自治州 0878
5325 红河哈尼族彝族自治州 0873
5326 文山壮族苗族自治州 0876
5328 西双版纳傣族自治州 0691
5329 大理白族自治州 0872
5331 德宏傣族景颇族自治州 0692
5333 怒江傈僳族自治州 0886
5334 迪庆藏族自治州 0887
5401 拉萨市 0891
5402 日喀则市 0892
5403 昌都市 0895
5404 林芝市 0894
5405 山南市 0893
5406 那曲市 0896
5425 阿里地区 0897
6101 西安市 029
6102 铜川市 0919
6103 宝鸡市 0917
6104 咸阳市 029
6105 渭南市 0913
6106 延安市 0911
6107 汉中市 0916
6108 榆林市 0912
6109 安康市 0915
6110 商洛市 0914
6201 兰州市 0931
6202 嘉峪关市 0937
6203 金昌市 0935
6204 白银市 0943
6205 天水市 0938
6206 武威市 0935
6207 张掖市 0936
6208 平凉市 0933
6209 酒泉市 0937
6210 庆阳市 0934
6211 定西市 0932
6212 陇南市 0939
6229 临夏回族自治州 0930
6230 甘南藏族自治州 0941
6301 西宁市 0971
6302 海东市 0972
6322 海北藏族自治州 0970
6323 黄南藏族自治州 0973
6325 海南藏族自治州 0974
6326 果洛藏族自治州 0975
6327 玉树藏族自治州 0976
6328 海西蒙古族藏族自治州 0977 0979
6401 银川市 0951
6402 石嘴山市 0952
6403 吴忠市 0953
6404 固原市 0954
6405 中卫市 0955
6501 乌鲁木齐市 0991
6502 克拉玛依市 0990
6504 吐鲁番市 0995
6505 哈密市 0902
6523 昌吉回族自治州 0994
6527 博尔塔拉蒙古自治州 0909
6528 巴音郭楞蒙古自治州 0996
6529 阿克苏地区 0997
6530 克孜勒苏柯尔克孜自治州 0908
6531 喀什地区 0998
6532 和田地区 0903
6540 伊犁哈萨克自治州 0992 0999
6542 塔城地区 0901
6543 阿勒泰地区 0906
6590 - 0903 0906 0909 0992 0993 0994 0996 0997 0998 0999
"""


@dataclass(frozen=True)
class City:
    code: str  # four digits: province and city
    name: str  # "杭州市"; "" for the counties a province administers directly
    area_codes: frozenset[str]


CITIES: Mapping[str, City] = MappingProxyType(
    {
        code: City(code, "" if name == "-" else name, frozenset(codes))
        for code, name, *codes in (line.split() for line in _CITY_TABLE.strip().splitlines())
    }
)
AREA_CODES: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        area: frozenset(city.code for city in CITIES.values() if area in city.area_codes)
        for area in sorted({a for city in CITIES.values() for a in city.area_codes})
    }
)


@dataclass(frozen=True)
class Region:
    """A place at the precision known: a province, and its city when known (never for a municipality)."""

    province: str  # two digits
    city: str | None = None  # four digits

    @property
    def name(self) -> str:
        if self.city and CITIES[self.city].name:
            city = CITIES[self.city].name
            return city if self.province in MUNICIPALITIES else PROVINCES[self.province] + city
        return PROVINCES[self.province]

    def contains(self, other: Region) -> bool:
        """Whether `other` can lie within this place (a province holds its cities)."""
        if self.province != other.province:
            return False
        return self.city is None or other.city is None or self.city == other.city


def _short(province_name: str) -> str:
    return re.sub(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)$", "", province_name)


def _stem(city_name: str) -> str:
    return re.sub(r"(市|地区|盟)$", "", city_name) if len(city_name) > 2 else city_name


_PROVINCE_NAMES = sorted(
    ((name, code) for code, full in PROVINCES.items() for name in {full, _short(full) + "省", _short(full)}),
    key=lambda pair: -len(pair[0]),
)
_CITY_NAMES = sorted(((c.name, c.code) for c in CITIES.values() if c.name), key=lambda pair: -len(pair[0]))
_CITY_STEMS = [(_stem(name), code) for name, code in _CITY_NAMES]
_COUNTRY = re.compile(r"^(中华人民共和国|中国)")
_BRACKETS = re.compile(r"[()（）]")


@lru_cache(maxsize=512)  # the risk review reads both parties' addresses on every wizard page
def address_region(address: str | None) -> Region | None:
    """The province and city of a Chinese address, or None when it names neither.

    A full name counts wherever it stands ("杭州市", "浙江省", "延边朝鲜族自治州"); a bare name ("浙江",
    "杭州") only where an address starts, or for a city right after its province — so that the streets
    named after cities (广州的北京路, 上海的南京西路) are not taken for the place."""
    text = _COUNTRY.sub("", _BRACKETS.sub("", "".join((address or "").split())))  # 中国（上海）自由贸易试验区
    if not text:
        return None
    province, after_province = _province_at_start(text)
    city = _city(text, after_province)
    if city is not None and (province is None or city[:2] == province):
        return Region(city[:2], None if city[:2] in MUNICIPALITIES else city)
    if province is None:
        province = next((code for name, code in _PROVINCE_NAMES if name != _short(name) and name in text), None)
    return Region(province) if province else None


def _province_at_start(text: str) -> tuple[str | None, int]:
    for name, code in _PROVINCE_NAMES:
        if text.startswith(name):
            return code, len(name)
    return None, 0


def _city(text: str, after_province: int) -> str | None:
    found = [(text.find(name), code) for name, code in _CITY_NAMES if name in text]
    for stem, code in _CITY_STEMS:  # a bare name right where the address (or its province) ends
        if text.startswith(stem, after_province):
            found.append((after_province, code))
    return min(found)[1] if found else None


def uscc_region(code: str | None) -> Region | None:
    """The registration authority's place from digits 3–8 of a unified social credit code.

    None for a national registration (100000) or a code of no current province; the city only when the
    code names a current city (a code issued before a city was renumbered gives the province alone)."""
    if not code or len(code) != 18:
        return None
    division = code[2:8]
    province = division[:2]
    if province not in PROVINCES or not division.isdigit():
        return None
    city = division[:4]
    if province in MUNICIPALITIES or city.endswith("00") or city not in CITIES:
        return Region(province)
    return Region(province, city)


_SEPARATORS = re.compile(r"[\s\-–—()（）.·]")
_EXTENSION = re.compile(r"转|分机|ext\.?|[xX#,，;；/、]")


def landline_area_code(phone: str | None) -> str | None:
    """The area code of a mainland landline number ("021-5888 0000", "+86 571 8800 0000"), else None
    (a mobile, a 400 number, a number without its area code, or one abroad)."""
    first = _EXTENSION.split(phone or "")[0]  # "021-5888 0000 转 8001", or the first of two numbers
    text = _SEPARATORS.sub("", first)
    for prefix in ("+86", "0086"):
        if text.startswith(prefix):
            text = text[len(prefix) :]
            text = text if text.startswith("0") else "0" + text
            break
    digits = re.match(r"\d*", text).group()
    if len(digits) < 10 or not digits.startswith("0") or len(digits) > 12:  # area code and 7 or 8 digits
        return None
    area = digits[:3] if digits[1] in "12" else digits[:4]
    return area if area in AREA_CODES else None


def area_code_regions(area_code: str) -> tuple[Region, ...]:
    """The places an area code serves."""
    return tuple(
        Region(code[:2], None if code[:2] in MUNICIPALITIES else code) for code in sorted(AREA_CODES[area_code])
    )

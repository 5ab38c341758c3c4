"""A reader's first question pays for no one-off work: the ingest embeds the focus vote's question bank."""
from __future__ import annotations

from search.embed import FakeEmbedder
from test_reliability_fixtures import DOC_A, make_ws, write_docs  # noqa: F401


class SemanticFake(FakeEmbedder):
    """The fake embedder, claiming sense (so that the focus vote asks it), counting the texts it embeds."""

    semantic = True

    def __init__(self, name: str):
        super().__init__()
        self.name = name
        self.embedded = 0

    def embed_queries(self, texts):
        self.embedded += len(texts)
        return super().embed_queries(texts)


def test_the_ingest_embeds_the_question_bank_so_readers_do_not(tmp_path, make_ws):
    from search.focus import default_model
    from ui.workspace import Workspace

    settings = make_ws()
    writer = Workspace(settings)
    writer.embedder = SemanticFake("semantic-fake")
    writer.ingest([write_docs(tmp_path / "corpus", {"a.txt": DOC_A})], progress=False)
    assert writer.embedder.embedded >= len(default_model().bank)
    assert list((settings.workspace / "cache").glob("focus-bank-*.npy"))

    default_model().embedded.clear()   # a fresh process: nothing in memory, only what the ingest kept on disk
    reader = Workspace(settings, read_only=True)
    reader.embedder = SemanticFake("semantic-fake")
    reader.embed_focus_bank()
    assert reader.embedder.embedded == 0

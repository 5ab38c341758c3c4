"""Sentences laid end to end as one document's text, for the question-answering unit tests (no ingest)."""
from __future__ import annotations

from search.sentences import Sentence


def laid_out(texts: list[str], doc_id: str = "d1", source: str = "a.txt", title: str = "某文件",
             path: tuple[str, ...] = (), gap: int = 1) -> list[Sentence]:
    """One Sentence per text, each starting `gap` characters after the one before ends."""
    sentences, pos = [], 0
    for text in texts:
        sentences.append(Sentence(doc_id, source, title, path, pos, pos + len(text), text))
        pos += len(text) + gap
    return sentences

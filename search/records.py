"""Typed records returned by retrieval and question answering."""
from __future__ import annotations

from dataclasses import dataclass

from graph.records import Evidence, Item


@dataclass(frozen=True)
class Hit:
    """One retrieved chunk with its fused score and per-retriever ranks (None = not retrieved)."""

    chunk_id: str
    score: float
    dense_rank: int | None = None
    bm25_rank: int | None = None


@dataclass(frozen=True)
class Answer:
    """The output contract of `policykg ask --json`, used by the UI and external scorers."""

    question: str
    intent: str
    found: bool
    answer: str
    items: tuple[Item, ...] = ()
    citations: tuple[Evidence, ...] = ()

    def to_json(self) -> dict:
        return {"question": self.question, "intent": self.intent, "found": self.found,
                "answer": self.answer, "items": [i.to_json() for i in self.items],
                "citations": [c.citation() for c in self.citations]}

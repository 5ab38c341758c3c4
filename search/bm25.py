"""BM25 (bm25s) over the chunks' own jieba tokens; queries go through the same segmenter."""
from __future__ import annotations

import json
import logging
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np

from graph.numerals import simplified
from ingest.atomic import replace_dir_atomic, write_text_atomic
from ingest.errors import WorkspaceError

IDS_FILE = "ids.json"
_WORD_CHAR = re.compile(r"[^\W_]")  # a letter, digit or CJK character
Tokenize = Callable[[str], list[str]]


def terms(tokens: Iterable[str]) -> list[str]:
    """Index terms: tokens holding a letter, digit or CJK character, Latin lower-cased, in simplified
    characters (a report printed in traditional ones, 蘇聯協助, is found by a question asking 苏联协助).

    Punctuation and whitespace tokens would otherwise match every chunk and dilute the scores.
    """
    kept = [t.strip().lower() for t in tokens if _WORD_CHAR.search(t)]
    folded = simplified("\n".join(kept)).split("\n")
    return folded if len(folded) == len(kept) else kept


def _quiet_bm25s() -> None:
    # bm25s sets its own logger to DEBUG, and its records reach the CLI's root handler whatever the
    # root level is, so its chatter would be printed by every command that builds or loads an index.
    logging.getLogger("bm25s").setLevel(logging.WARNING)


@dataclass
class BM25Index:
    """A bm25s retriever whose document i is chunk `ids[i]`."""

    retriever: object | None  # bm25s.BM25, None when there are no chunks
    ids: list[str]

    @classmethod
    def build(cls, ids: Sequence[str], token_lists: Sequence[Sequence[str]]) -> "BM25Index":
        import bm25s

        if len(ids) != len(token_lists):
            raise ValueError(f"{len(ids)} ids for {len(token_lists)} token lists")
        if not ids:
            return cls(None, [])
        _quiet_bm25s()
        retriever = bm25s.BM25()
        # Token lists, not strings: bm25s's own tokenizer splits on whitespace, useless for Chinese.
        retriever.index([terms(tokens) for tokens in token_lists], show_progress=False)
        return cls(retriever, list(ids))

    def search(self, query_tokens: Sequence[str], k: int) -> list[tuple[str, float]]:
        """Up to `k` chunks sharing a term with the query, best first, as (chunk_id, bm25 score)."""
        if self.retriever is None or k <= 0:
            return []
        known = self.retriever.get_tokens_ids(terms(query_tokens))
        if not known:
            return []
        scores = self.retriever.get_scores_from_ids(known)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        ranked = sorted(((-float(scores[i]), self.ids[i]) for i in top if scores[i] > 0))
        return [(chunk_id, -neg) for neg, chunk_id in ranked]

    def search_text(self, query: str, tokenize: Tokenize, k: int) -> list[tuple[str, float]]:
        return self.search(tokenize(query), k)

    def save(self, directory: Path) -> None:
        """Written into a sibling directory, then swapped in whole."""
        directory = Path(directory)
        directory.parent.mkdir(parents=True, exist_ok=True)
        build = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=directory.parent))
        if self.retriever is not None:
            self.retriever.save(str(build), show_progress=False)
        write_text_atomic(build / IDS_FILE, json.dumps(self.ids, ensure_ascii=False))
        replace_dir_atomic(build, directory)

    @classmethod
    def load(cls, directory: Path) -> "BM25Index":
        import bm25s

        directory = Path(directory)
        try:
            ids = json.loads((directory / IDS_FILE).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise WorkspaceError(f"{directory / IDS_FILE}: BM25 index file missing") from None
        if not ids:
            return cls(None, [])
        _quiet_bm25s()
        retriever = bm25s.BM25.load(str(directory), show_progress=False)
        return cls(retriever, ids)

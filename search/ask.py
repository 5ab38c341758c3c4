"""Natural-language questions → cited answers: link entities, recognise the intent, answer from graph or text."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Callable

from search import graph_answers as G
from search import intents as I
from search import text_answers as T
from search.knowledge import Knowledge
from search.question import Question, link
from search.records import Answer

if TYPE_CHECKING:
    from ui.workspace import Workspace

log = logging.getLogger(__name__)


def answer(question: str, ws: "Workspace") -> Answer:
    question = question.strip()
    if not question:
        return Answer(question, I.SEMANTIC, False, "请输入问题。")
    k = ws.knowledge
    q = link(question, ws, k)
    intent = I.classify(question, q.linked())
    if intent == I.SEMANTIC and (q.places or q.regions or q.projects):
        intent = _nearest_intent(question, ws, k) or intent
    log.info("intent=%s places=%s regions=%s projects=%s subject=%s terms=%s", intent, q.places,
             [r.label for r in q.regions], [p.label for p in q.projects], q.subject, q.terms)
    if q.absent_places and not (q.places or q.regions or q.projects):
        names = "、".join(dict.fromkeys(q.absent_places))
        return Answer(question, intent, False, f"语料中没有关于{names}的内容(not found in the corpus)。")
    handler: Callable[[Question, "Workspace", Knowledge], Answer] = HANDLERS.get(intent, T.semantic)
    result = handler(q, ws, k)
    if not result.found and intent != I.SEMANTIC and handler is not T.semantic and q.terms:
        fallback = T.semantic(q, ws, k)
        if fallback.found:
            # Still not found: the passages are context for the reader, not an answer.
            return Answer(question, intent, False, result.answer + " 以下原文段落可能相关:", fallback.items,
                          fallback.citations)
    return result


def _nearest_intent(question: str, ws: "Workspace", k: Knowledge) -> str | None:
    """No cue word matched, but an entity is linked: ask which exemplar question this one is closest to."""
    if k.exemplar_vectors is None:
        k.exemplar_vectors = ws.embedder.embed_queries([text for _, text in I.EXEMPLARS])
    vector = ws.embedder.embed_queries([question])[0]
    return I.nearest_exemplar(vector, k.exemplar_vectors)


HANDLERS: dict[str, Callable[[Question, "Workspace", Knowledge], Answer]] = {
    I.PROJECTS_BY_PLACE: G.projects_by_place,
    I.GOALS_BY_PLACE: G.goals_by_place,
    I.TARGET_VALUE: G.target_value,
    I.PARENT_GOAL: G.parent_goal,
    I.REGION_MEMBERSHIP: G.region_membership,
    I.DOCUMENT_METADATA: G.document_metadata,
    I.SECTION_LOOKUP: T.section_lookup,
    I.COUNT: T.count,
    I.COMPARE: T.compare,
    I.CROSS_DOCUMENT: T.cross_document,
    I.SEMANTIC: T.semantic,
}

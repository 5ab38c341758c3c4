"""The answer's wording in the question's language: English questions get English framing; item labels and
citations stay in the source language."""
from __future__ import annotations

import re
from dataclasses import replace

from search import focus as F
from search.records import Answer

EN_FOUND = {
    F.PROJECTS: "{n} project(s) found",
    F.GOALS: "{n} goal(s) and target(s) found",
    F.TARGET_VALUE: "Target value(s)",
    F.PARENT_GOAL: "Where the project stands and the goal(s) it serves",
    F.SECTION: "Relevant section(s)",
    F.MEMBERSHIP: "Region membership",
    F.METADATA: "Document metadata",
    F.COMPARE: "Comparison",
    F.COUNT: "Count",
    F.CROSS_DOCUMENT: "Mentions across documents",
    F.TIMELINE: "Across the years",
    F.STATEMENTS: "{n} statement(s) found",
    F.SEMANTIC: "{n} most relevant passage(s)",
}


def is_english(question: str) -> bool:
    """Mostly Latin script once quoted names are set aside."""
    bare = re.sub(r"[“《\"「][^”》\"」]*[”》\"」]", "", question)
    latin = len(re.findall(r"[A-Za-z]", bare))
    return latin > 2 * len(re.findall(r"[\u4e00-\u9fff]", bare))


def frame(question: str, answer: Answer) -> Answer:
    if not is_english(question):
        return answer
    if not answer.found:
        text = "Not found in the corpus"
        if answer.items:
            text += "; the passages below may be related"
        return replace(answer, answer=f"{text}. (原文说明: {answer.answer})")
    head = EN_FOUND.get(answer.intent, "Answer").format(n=len(answer.items))
    if answer.answer.startswith("是。"):
        head = "Yes"
    elif answer.answer.startswith("不属于"):
        head = "No"
    return replace(answer, answer=f"{head}: {answer.answer} (quoted from the source in Chinese)")

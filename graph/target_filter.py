"""The learnt second opinion on a quantity: a goal for the future, or a fact (baseline, achievement)?"""
from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib.resources import files

from graph import logistic

# Trained by benchmarks/train_target_filter.py on tests/data/extraction_gold/dev/ (the file says how). No weights
# ship today: on leave-one-document-out the filter never beat the rules (a veto changed nothing up to 0.2 and
# cost a target at 0.3; every rescue added non-targets), so without the file the rules decide alone.
WEIGHTS_FILE = "target_filter.json"
_NEAR = 4   # characters read either side of the value for its character pairs


@functools.lru_cache(maxsize=1)
def _markers() -> tuple[str, ...]:
    text = (files("graph") / "data" / "target_filter_markers.txt").read_text(encoding="utf-8")
    return tuple(dict.fromkeys(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")))


def _present(prefix: str, text: str) -> list[str]:
    return [prefix + w for w in _markers() if w in text] if text else []


def _pairs(prefix: str, text: str) -> list[str]:
    return [prefix + text[i:i + 2] for i in range(len(text) - 1)]


def _unit_kind(unit: str | None) -> str:
    if not unit:
        return "none"
    if unit in ("%", "个百分点", "个千分点", "倍"):
        return "rate"
    if unit in ("元", "美元"):
        return "money"
    return "count"


def features(sentence: str, cstart: int, cend: int, vstart: int, vend: int, *, verb: str | None,
             unit: str | None, comparator: str | None, year: int | None, deadline: bool, doc_year: int | None,
             section_path: tuple[str, ...], review: bool, goal_section: bool, mixed: bool, past_context: bool,
             intro: bool, paragraph_year: int | None) -> tuple[str, ...]:
    """The binary features of a value at sentence[vstart:vend] in the clause sentence[cstart:cend]: the
    markers before and after it in its clause and before it in the sentence, the characters next to it,
    the headings' markers, its year against the document's, its comparator, verb and unit, and what the
    section says of itself (review, goals, both)."""
    out = [*_present("cb:", sentence[cstart:vstart]), *_present("ca:", sentence[vend:cend]),
           *_present("s:", sentence[:cstart]), *_present("h:", "|".join(section_path[-2:])),
           *_pairs("b:", sentence[max(cstart, vstart - _NEAR):vstart]), *_pairs("a:", sentence[vend:min(cend, vend + _NEAR - 1)])]
    if year is None or doc_year is None:
        out.append("y:none")
    else:
        out.append("y:past" if year < doc_year else "y:same" if year == doc_year else
                   "y:next" if year == doc_year + 1 else "y:later")
    out += ["deadline"] * deadline + ["review"] * review + ["goal_section"] * goal_section + ["mixed"] * mixed
    out += ["past_context"] * past_context + ["intro"] * intro + ["paragraph_year"] * (paragraph_year is not None)
    out += [f"cmp:{comparator}", f"verb:{verb}", f"unit:{_unit_kind(unit)}",
            "clause:first" if cstart == 0 else "clause:later"]
    return tuple(dict.fromkeys(out))


@dataclass(frozen=True)
class TargetFilter:
    """P(quantity is a target) = sigmoid(bias + Σ weights[feature]). A target the rules propose is made a
    fact below `veto`; a fact the rules propose is made a target at or above `rescue` (1.0: never)."""
    weights: Mapping[str, float] = field(default_factory=dict)
    bias: float = 0.0
    veto: float = 0.0
    rescue: float = 1.0

    def probability(self, feats: Iterable[str]) -> float:
        return logistic.probability(self.weights, self.bias, feats)

    def is_fact(self, feats: Iterable[str], rule_fact: bool) -> bool:
        """The rules' decision, overturned where the model is confident enough."""
        if not rule_fact and self.veto > 0.0:
            return self.probability(feats) < self.veto
        if rule_fact and self.rescue < 1.0:
            return self.probability(feats) < self.rescue
        return rule_fact

    def to_json(self, about: str) -> str:
        weights = logistic.rounded(self.weights)
        return json.dumps({"about": about, "bias": round(self.bias, 4), "veto": round(self.veto, 4),
                           "rescue": round(self.rescue, 4), "weights": weights}, ensure_ascii=False, indent=0) + "\n"

    @classmethod
    def from_json(cls, text: str) -> "TargetFilter":
        data = json.loads(text)
        return cls(data["weights"], float(data["bias"]), float(data.get("veto", 0.0)), float(data.get("rescue", 1.0)))


@functools.lru_cache(maxsize=1)
def default_filter() -> TargetFilter | None:
    """The shipped filter (graph/data/target_filter.json), None when the file is absent (rules only)."""
    path = files("graph") / "data" / WEIGHTS_FILE
    if not path.is_file():
        return None
    return TargetFilter.from_json(path.read_text(encoding="utf-8"))

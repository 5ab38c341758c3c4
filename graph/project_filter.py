"""The learnt filter over candidate project names: a logistic model on binary features, shipped as JSON."""
from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib.resources import files

from graph import logistic
from graph.project_candidates import Candidate

# Trained by benchmarks/train_project_filter.py on tests/data/extraction_gold/dev/ (the file says how).
WEIGHTS_FILE = "project_filter.json"


@dataclass(frozen=True)
class ProjectFilter:
    """P(candidate is a named project) = sigmoid(bias + Σ weights[feature]); a new candidate is accepted at
    `threshold`, a name the rules accepted is dropped below `veto`."""
    weights: Mapping[str, float] = field(default_factory=dict)
    bias: float = 0.0
    threshold: float = 0.5
    veto: float = 0.0

    def probability(self, candidate: Candidate) -> float:
        return logistic.probability(self.weights, self.bias, candidate.features)

    def may_accept(self, features: Iterable[str], unknown: tuple[str, ...]) -> bool:
        """Whether a new candidate with `features` could reach the threshold whatever its features of the
        families `unknown` (prefixes such as "t0=") turn out to be: each family adds at most its best weight."""
        best = self._best.get(unknown)
        if best is None:
            best = self._best[unknown] = sum(max([0.0] + [w for f, w in self.weights.items() if f.startswith(family)])
                                             for family in unknown)
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features) + best
        return z >= self._threshold_logit - 1e-9   # (a rounding margin: never turn down what accepts() takes)

    @functools.cached_property
    def _best(self) -> dict[tuple[str, ...], float]:
        return {}   # (families → the most their features can add; an unseen value weighs nothing)

    @functools.cached_property
    def _threshold_logit(self) -> float:
        t = min(max(self.threshold, 1e-12), 1 - 1e-12)
        return math.log(t / (1 - t))

    def accepts(self, candidate: Candidate) -> bool:
        """Whether to keep the candidate: a rule's name unless vetoed, any other above the threshold."""
        if "src=rule" in candidate.features:
            return not self.veto or self.probability(candidate) >= self.veto
        return self.probability(candidate) >= self.threshold

    def to_json(self, about: str) -> str:
        weights = logistic.rounded(self.weights)
        return json.dumps({"about": about, "bias": round(self.bias, 4), "threshold": round(self.threshold, 4),
                           "veto": round(self.veto, 4), "weights": weights}, ensure_ascii=False, indent=0) + "\n"

    @classmethod
    def from_json(cls, text: str) -> "ProjectFilter":
        data = json.loads(text)
        return cls(data["weights"], float(data["bias"]), float(data["threshold"]), float(data.get("veto", 0.0)))


@functools.lru_cache(maxsize=1)
def default_filter() -> ProjectFilter | None:
    """The shipped filter (graph/data/project_filter.json), None when the file is absent (rules only)."""
    path = files("graph") / "data" / WEIGHTS_FILE
    if not path.is_file():
        return None
    return ProjectFilter.from_json(path.read_text(encoding="utf-8"))

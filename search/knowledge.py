"""What question answering needs to know about the corpus, read once from the graph and the document store."""
from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from graph.numerals import parse_int, simplified
from graph.records import Item
from search.sentences import Sentence, split_sentences

if TYPE_CHECKING:
    from search.corpus import Corpus


# A congress session, as a report's opening ("向第五届全国人民代表大会第一次会议作…", "我们第一届全国人民代表大会
# 第一次会议…") or a resolution's title ("第十三届全国人民代表大会第二次会议关于政府工作报告的决议") names it.
_N = r"[一二三四五六七八九十0-9０-９]+"
SESSION_NAME = re.compile(rf"第({_N})届[\u4e00-\u9fff]{{2,20}}?代表大会(?:常务委员会)?第({_N})次会[议議]")
OPENING_SESSION = re.compile(rf"(?:(\d{{4}}年\d{{1,2}}月\d{{1,2}}日)\s*)?(?:向|在|我们)\s*({SESSION_NAME.pattern})")


def session_of(opening: str) -> str | None:
    """The session a document was delivered to or adopted at, from its title and opening lines."""
    title = SESSION_NAME.match(opening.lstrip())
    if title and "决议" in opening[:80]:
        return session_key(title.group(0))
    m = OPENING_SESSION.search(opening[:600])
    return session_key(m.group(2)) if m else None


def session_key(name: str) -> str | None:
    """第五届…第一次会议 → "5-1" (congress and session numbers), so that every way of writing it compares."""
    m = SESSION_NAME.search(name)
    if not m:
        return None
    numbers = [parse_int(g.translate(str.maketrans("０１２３４５６７８９", "0123456789"))) for g in m.groups()]
    return "-".join(map(str, numbers)) if all(numbers) else None


@dataclass
class Knowledge:
    """Labels for entity linking plus every sentence of the corpus; built once per process."""

    place_keys: dict[str, Item]                 # graph place key (e.g. adcode:530600) → entity
    regions: list[Item]                         # named regions the documents define
    projects: list[Item]
    documents: list[Item]                       # one per document, attrs from document_metadata
    sentences: list[Sentence]
    home: str | None                            # the jurisdiction every issuer shares, if they all share one
    goals: list[Item] = field(default_factory=list)   # every goal/target with its attrs (metric, value, year)
    romanised: dict[str, str] = field(default_factory=dict)   # "kunming" → graph key, for English questions
    headings: list = field(default_factory=list)               # (doc_id, source, Heading) of every document
    place_names: list[tuple[str, str]] = field(default_factory=list)   # (name, key), see corpus_place_names
    region_sizes: dict[str, int] = field(default_factory=dict)   # region label → number of member places
    exemplar_vectors: object = None                            # intent exemplars, embedded on first need
    title_vectors: object = None                               # document titles, embedded on first need
    by_doc: dict[str, list[Sentence]] = field(default_factory=dict)
    doc_years: dict[str, int] = field(default_factory=dict)     # doc_id → the year the document is of
    series: dict[str, set[int]] = field(default_factory=dict)   # "政府工作报告" → years of that yearly series
    series_docs: dict[str, set[str]] = field(default_factory=dict)   # series name → its doc_ids
    doc_names: dict[str, str] = field(default_factory=dict)     # doc_id → title, title hint and opening lines
    doc_sessions: dict[str, str] = field(default_factory=dict)  # doc_id → the congress session it was delivered to
    _index: "Postings | None" = field(default=None, repr=False, compare=False)
    _goal_index: "Postings | None" = field(default=None, repr=False, compare=False)
    _project_grams: tuple | None = field(default=None, repr=False, compare=False)   # see project_candidates
    _outline: tuple | None = field(default=None, repr=False, compare=False)         # see headings_of
    _found: dict = field(default_factory=dict, repr=False, compare=False)   # terms → sentence ids, see containing
    _documents: dict = field(default_factory=dict, repr=False, compare=False)   # term → doc_ids using it
    _starts: dict = field(default_factory=dict, repr=False, compare=False)   # doc_id → its sentences' offsets

    @classmethod
    def build(cls, ws: "Corpus") -> "Knowledge":
        from graph import queries

        store = ws.graph
        places = {str(i.attrs.get("id")): i for i in queries.entities(store, "place") if i.attrs.get("id")}
        regions = [i for i in queries.entities(store, "region")]
        projects = queries.entities(store, "project")
        documents = queries.document_metadata(store)
        sentences: list[Sentence] = []
        headings: list[tuple[str, str, object]] = []
        names: dict[str, str] = {}
        for doc in ws.documents.all():
            sentences.extend(split_sentences(doc))
            # A question names a document by its title; a title recovered badly still stands in the opening lines.
            names[doc.document.doc_id] = simplified(" ".join(filter(None, (
                doc.metadata.title, doc.document.title_hint, doc.document.text[:300]))))
            headings.extend((doc.document.doc_id, doc.document.source, h) for h in doc.headings)
        homes = set()
        for d in documents:
            for issuer in d.attrs.get("issuers", []):
                homes.add(ws.gazetteer.jurisdiction(issuer))
        home = homes.pop() if len(homes) == 1 else None
        k = cls(places, regions, projects, documents, sentences, home, queries.all_goals(store),
                romanise_places(places, ws.gazetteer), headings, corpus_place_names(places, ws.gazetteer),
                {r.label: len(queries.region_members(store, r.uri)) for r in regions})
        for s in sentences:
            k.by_doc.setdefault(s.doc_id, []).append(s)
        k.doc_years, k.series, k.series_docs = yearly_series(documents)
        k.doc_names = names
        k.doc_sessions = {d: s for d, s in ((d, session_of(t)) for d, t in names.items()) if s}
        infer_years(k.doc_years, documents, names)
        k._postings()   # built here, with the rest of what a question needs, not by the first question
        k.project_candidates("")
        return k

    def title(self, doc_id: str) -> str:
        return next((d.label for d in self.documents if d.attrs.get("doc_id") == doc_id), doc_id)

    def sentence_index(self, doc_id: str, offset: int) -> int | None:
        """The position in by_doc[doc_id] of the sentence holding character `offset`, None if none does."""
        starts = self._starts.get(doc_id)
        if starts is None:
            starts = self._starts[doc_id] = [s.char_start for s in self.by_doc.get(doc_id, [])]
        i = bisect.bisect_right(starts, offset) - 1
        sentences = self.by_doc.get(doc_id, [])
        return i if 0 <= i < len(sentences) and sentences[i].char_start <= offset < sentences[i].char_end else None

    def passage_up_to(self, doc_id: str, offset: int, before: int) -> list[Sentence]:
        """The sentence holding `offset` and up to `before` sentences before it in the same section, in order
        (a plan named in one sentence sets the targets of the next: "“七五”计划草案规定…。…一九九○年…达到…")."""
        i = self.sentence_index(doc_id, offset)
        if i is None:
            return []
        sentences = self.by_doc[doc_id]
        out = [sentences[i]]
        for j in range(i - 1, max(-1, i - 1 - before), -1):
            if sentences[j].section_path != sentences[i].section_path:
                break
            out.insert(0, sentences[j])
        return out

    def containing(self, *terms: str, doc_id: str | None = None) -> list[Sentence]:
        """Sentences containing every term, in corpus order."""
        if doc_id or not terms or not all(terms) or any(_SEPARATOR in t for t in terms):
            pool = self.by_doc.get(doc_id, []) if doc_id else self.sentences
            return [s for s in pool if all(t in s.text for t in terms)]
        # The sentences sharing every character pair of every term (postings built once), then checked: a
        # scan of the whole corpus per term took tens of milliseconds on the 72 reports, many times per question.
        sentences = self.sentences
        return [sentences[i] for i in self.sentence_ids(*terms)]

    def sentence_ids(self, *terms: str) -> tuple[int, ...]:
        """Positions in `sentences` of the sentences containing every term (none of them empty), in order."""
        postings = self._postings()
        hit = self._found.get(terms)
        if hit is None:
            sentences = self.sentences
            hit = tuple(i for i in postings.candidates(terms) if all(t in sentences[i].text for t in terms))
            if len(self._found) >= _FOUND_CACHE:
                self._found.clear()
            self._found[terms] = hit
        return hit

    def documents_with(self, term: str) -> frozenset[str]:
        """The doc_ids of the documents with a sentence containing `term`."""
        if not term or _SEPARATOR in term:
            return frozenset(s.doc_id for s in self.containing(term))
        hit = self._documents.get(term)
        if hit is None:
            hit = frozenset(self.sentences[i].doc_id for i in self.sentence_ids(term))
            if len(self._documents) >= _FOUND_CACHE:
                self._documents.clear()
            self._documents[term] = hit
        return hit

    def goals_with_any(self, words: list[str]) -> list[int]:
        """Positions in `goals` of the goals whose metric or label contains one of the (non-empty) words, in order."""
        if self._goal_index is None or self._goal_index.size != len(self.goals):
            self._goal_index = Postings([(g.attrs.get("metric") or "") + g.label for g in self.goals])
        texts = self._goal_index.texts
        if any(not w or _SEPARATOR in w for w in words):
            return [i for i, text in enumerate(texts) if any(w in text for w in words)]
        found: set[int] = set()
        for w in dict.fromkeys(words):
            found.update(i for i in self._goal_index.candidates((w,)) if w in texts[i])
        return sorted(found)

    def headings_of(self, doc_id: str) -> list:
        """The outline (ingest Headings, in order) of one document, from the knowledge, not read from disk."""
        if self._outline is None or self._outline[0] != len(self.headings):
            outline: dict[str, list] = {}
            for d, _, h in self.headings:
                outline.setdefault(d, []).append(h)
            self._outline = (len(self.headings), outline)
        return list(self._outline[1].get(doc_id, ()))

    def project_candidates(self, text: str) -> list[int]:
        """Positions in `projects` of those a question (normalised) may name: labels sharing a four-character
        stretch with it, and the few whose normalised label is shorter; the rest cannot be contained in it or
        match it closely. In order, from a table built once instead of normalising every label per question."""
        if self._project_grams is None or self._project_grams[0] != len(self.projects):
            grams: dict[str, list[int]] = {}
            short = []
            for i, p in enumerate(self.projects):
                label = normalise(p.label)
                if len(label) < 4:
                    short.append(i)
                for g in {label[j:j + 4] for j in range(len(label) - 3)}:
                    grams.setdefault(g, []).append(i)
            self._project_grams = (len(self.projects), grams, short)
        _, grams, short = self._project_grams
        found = set(short)
        for g in {text[j:j + 4] for j in range(len(text) - 3)}:
            found.update(grams.get(g, ()))
        return sorted(found)

    def _postings(self) -> "Postings":
        if self._index is None or self._index.size != len(self.sentences):
            self._index = Postings([s.text for s in self.sentences])
            self._found.clear()
            self._documents.clear()
        return self._index


class Postings:
    """For every character and every pair of adjacent characters, the sorted ids of the texts holding it."""

    def __init__(self, texts: list[str]) -> None:
        import numpy as np

        self.size = len(texts)
        self.texts = texts
        joined = _SEPARATOR.join(texts)
        codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
        owner = np.repeat(np.arange(len(texts), dtype=np.uint64), lengths)[:len(codes)]
        self._bits = max(1, int(len(texts)).bit_length())
        if 2 * 21 + self._bits > 64:
            raise ValueError("too many sentences for the postings table")
        keep = codes != 0
        self._chars = _distinct((codes[keep] << np.uint64(self._bits)) | owner[keep])
        pair = keep[:-1] & keep[1:]
        pairs = (((codes[:-1] << np.uint64(21)) | codes[1:]) << np.uint64(self._bits)) | owner[:-1]
        self._pairs = _distinct(pairs[pair])
        self._char_keys = self._chars >> np.uint64(self._bits)
        self._pair_keys = self._pairs >> np.uint64(self._bits)
        self._mask = np.uint64((1 << self._bits) - 1)

    def _ids(self, keys, table, key: int):
        import numpy as np

        lo, hi = np.searchsorted(keys, np.array([key, key + 1], dtype=np.uint64))
        return table[lo:hi] & self._mask

    def candidates(self, terms: tuple[str, ...]) -> list[int]:
        """Ids of the texts holding every character pair (or, for one-character terms, the character) of
        every term: a superset of the texts containing every term."""
        import numpy as np

        lists = []
        for term in dict.fromkeys(terms):
            if len(term) == 1:
                lists.append(self._ids(self._char_keys, self._chars, ord(term)))
                continue
            for a, b in dict.fromkeys(zip(term, term[1:])):
                lists.append(self._ids(self._pair_keys, self._pairs, (ord(a) << 21) | ord(b)))
        lists.sort(key=len)
        ids = lists[0]
        for other in lists[1:]:
            if not len(ids):
                break
            ids = np.intersect1d(ids, other, assume_unique=True)
        return ids.tolist()


def _distinct(values):
    """Sorted distinct values (a sort and a comparison: numpy's hash-based unique is many times slower here)."""
    import numpy as np

    values = np.sort(values)
    if len(values):
        values = values[np.concatenate(([True], values[1:] != values[:-1]))]
    return values


_FOUND_CACHE = 4096   # distinct term tuples remembered before the cache starts afresh


_SEPARATOR = "\x00"


SESSION = re.compile(r"第([一二三四五六七八九十]+)届.{0,12}?第([一二三四五六七八九十]+)次会议")


def infer_years(years: dict[str, int], documents: list[Item], heads: dict[str, str]) -> None:
    """Years of documents that state none in title or date: a full date or a year in their opening lines
    ("同意报告提出的2017年工作…"), else the session they name (第十二届…第一次会议) counted from a document of the
    same congress whose year is known (one session a year)."""
    import cn2an

    for d in documents:
        doc_id = d.attrs.get("doc_id")
        head = heads.get(doc_id, "")
        if doc_id in years:
            continue
        m = OPENING_DATE.search(head)
        named = [int(y) for y in re.findall(r"((?:19|20)\d\d)年", head[len(d.label):][:300])]
        if m:
            years[doc_id] = int(m.group(1))
        elif named:
            years[doc_id] = max(named)
    sessions: dict[str, tuple[int, int]] = {}
    for d in documents:
        m = SESSION.search(d.label)
        if m:
            sessions[d.attrs.get("doc_id")] = (int(cn2an.cn2an(m.group(1), "smart")), int(cn2an.cn2an(m.group(2), "smart")))
    known = {(term, n): years[doc_id] for doc_id, (term, n) in sessions.items() if doc_id in years}
    for doc_id, (term, n) in sessions.items():
        if doc_id in years:
            continue
        peers = [(m, y) for (t, m), y in known.items() if t == term]
        if peers:
            m, y = peers[0]
            years[doc_id] = y + (n - m)


OPENING_DATE = re.compile(r"((?:19|20)\d\d)年\d{1,2}月\d{1,2}日")
TITLE_YEAR = re.compile(r"^((?:19|20)\d\d)年(.+?)(?:[（(](?:摘要|草案)[）)])?$")
MIN_SERIES = 3   # documents sharing a title after their year make a yearly series (annual reports)


def yearly_series(documents: list[Item]) -> tuple[dict[str, int], dict[str, set[int]], dict[str, set[str]]]:
    """The year each document is of (from its title, else its date) and the yearly series the titles form."""
    years: dict[str, int] = {}
    groups: dict[str, dict[str, int]] = {}
    for d in documents:
        doc_id = d.attrs.get("doc_id")
        m = TITLE_YEAR.match(d.label.strip())
        if m:
            years[doc_id] = int(m.group(1))
            groups.setdefault(m.group(2), {})[doc_id] = int(m.group(1))
        elif d.attrs.get("dates"):
            years[doc_id] = int(str(d.attrs["dates"][0])[:4])
    series = {name: set(g.values()) for name, g in groups.items() if len(g) >= MIN_SERIES}
    members = {name: set(groups[name]) for name in series}
    return years, series, members


def corpus_place_names(places: dict[str, Item], gazetteer) -> list[tuple[str, str]]:
    """(name, graph key) for the corpus's places: full and short names of ≥ 2 characters that name one
    place only, longest first."""
    owners: dict[str, set[str]] = {}
    for key in places:
        if key not in gazetteer:
            continue
        place = gazetteer.get(key)
        for name in {place.name, *place.short_names}:
            if len(name) >= 2:
                owners.setdefault(name, set()).add(key)
    return sorted(((n, next(iter(keys))) for n, keys in owners.items() if len(keys) == 1),
                  key=lambda t: (-len(t[0]), t[0]))


def romanise_places(places: dict[str, Item], gazetteer) -> dict[str, str]:
    """Pinyin of every corpus place's names (昆明 → kunming), so English questions can name them."""
    from pypinyin import lazy_pinyin

    table: dict[str, set[str]] = {}
    for key in places:
        try:
            place = gazetteer.get(key)
        except KeyError:
            continue
        if place is None or place.kind == "country":
            continue
        for name in {*(place.short_names or ()), place.name}:
            table.setdefault("".join(lazy_pinyin(name)).lower(), set()).add(key)
    # A romanisation shared by two places names neither.
    return {roman: next(iter(keys)) for roman, keys in table.items() if len(keys) == 1}


@lru_cache(maxsize=1)
def topics() -> dict[str, tuple[str, ...]]:
    data = json.loads((Path(__file__).parent / "data" / "topics.json").read_text(encoding="utf-8"))
    return {k: tuple(v) for k, v in data.items() if not k.startswith("_")}


def topic_words(terms: list[str]) -> list[str]:
    """Expand topic terms (交通 → 铁路, 机场, 枢纽 …) with the domain topic list."""
    words: list[str] = []
    table = topics()
    for term in terms:
        words.extend(table.get(term, table.get(term.lower(), ())) or (term,))
    return list(dict.fromkeys(words))


DASHES = re.compile(r"[—–―‐‑−-]")


QUOTES = re.compile(r"[“”\"‘’'「」『』]")


@lru_cache(maxsize=65536)   # called on every project label for every question
def normalise(text: str) -> str:
    """For matching names: no spaces or quote marks, one kind of dash and of bracket."""
    text = QUOTES.sub("", re.sub(r"\s+", "", text))
    return DASHES.sub("-", text).replace("（", "(").replace("）", ")")


def normalised_positions(text: str) -> list[int]:
    """For each character of normalise(text), its position in text (only spaces and quotes are dropped;
    dashes and brackets are replaced one for one), so a match in the normalised form maps back."""
    return [i for i, ch in enumerate(text) if not (ch.isspace() or QUOTES.match(ch))]


"""Candidate project names the rules alone do not accept, each with the features the learnt filter reads."""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from typing import TYPE_CHECKING

from graph import projects as rules

if TYPE_CHECKING:
    from graph.project_filter import ProjectFilter

# Heads that end candidate names besides the rules' own (graph/data/project_candidate_heads.txt).
CANDIDATE_HEAD_KINDS = {row[0]: row[1] for row in rules._data_lines("project_candidate_heads.txt")}
# Heads of what a text works through or carries out, named even as a verb's setting (依托X平台, 纳入X行动):
# programmes, policies and the heads flagged `instrument`; places, zones and routes so set are no projects.
_INSTRUMENT_HEADS = frozenset(rules._with("instrument") + rules.PROGRAMME_HEADS + rules.GOVERNED_HEADS
                              + tuple(row[0] for row in rules._data_lines("project_candidate_heads.txt")
                                      if len(row) > 2 and "instrument" in row[2].split(",")))
# Heads so abstract that a two-character modifier leaves a kind of facility (开发平台, 智能系统).
_ABSTRACT_HEADS = rules._ABSTRACT_HEADS | frozenset(row[0] for row in rules._data_lines("project_candidate_heads.txt")
                                                    if len(row) > 2 and "abstract" in row[2].split(","))
_ALL_HEADS = tuple(sorted(set(rules.HEADS) | set(CANDIDATE_HEAD_KINDS), key=lambda h: (-len(h), h)))   # (ties in a fixed order: runs agree)
_EXTRA_HEADS = tuple(sorted(set(CANDIDATE_HEAD_KINDS) - set(rules.HEADS), key=len, reverse=True))
_EXTRA_HEAD_RE = re.compile("(?=(" + "|".join(map(re.escape, _EXTRA_HEADS)) + "))")
# After a candidate head these characters continue a longer word (系统性, 网络化, 建设者, 法人).
_CONTINUES_EXTRA = set("性化者人律规治院官员长点")
_QUOTE = re.compile(r"“([^“”]{2,20})”")
_QUOTED_TAIL = re.compile(r"[\u4e00-\u9fff]{0,8}")
_CITED = re.compile(r"《([^《》]{2,60})》")
_CLAUSE = re.compile(r"[^,，;；:：。!！?？]+")
# Verbs whose object may be a policy or programme named without a head (graph/data/project_object_verbs.txt).
OBJECT_VERBS = tuple(sorted((row[0] for row in rules._data_lines("project_object_verbs.txt")), key=len, reverse=True))
_OBJECT_VERB_RE = re.compile("|".join(map(re.escape, OBJECT_VERBS)))
_OBJECT_END = re.compile(r"[,，;；:：。!！?？、()（）“《]|等|$")
_OBJECT_JOIN = re.compile(r"[和及与]")
_MAX_OBJECT = 14
_OBJECT_MEASURED = re.compile(r"[0-9０-９%％]")   # (劳动改造的占42.3%: a share, not a name)
# Words that open no name (这个组织法, 正象任何人民运动): graph/data/project_bad_openers.txt.
_BAD_INNER_RE = re.compile("|".join(map(re.escape, (row[0] for row in rules._data_lines("project_bad_inner.txt")))))
_REPROACH_RE = re.compile("|".join(map(re.escape, (row[0] for row in rules._data_lines("project_reproach_words.txt")))))
_REPROACHED_HEADS = ("活动", "路线", "制度", "政策", "运动")
_ENUMERATOR = re.compile(r"[一二三四五六七八九十]+[是要则]")
_STANDING_HEADS = frozenset({"目的地", "中心", "城市", "中心城市", "城市群"})
_STANDING_VERBS = frozenset({"打造", "建成", "建设成", "争创", "创建"})
# A quoted standing aimed at (“三七之都”, “开放高地”): graph/data/project_standing_words.txt.
_STANDING_QUOTE = re.compile("(?:之[\u4e00-\u9fff]|" + "|".join(
    map(re.escape, (row[0] for row in rules._data_lines("project_standing_words.txt")))) + ")”$")
_PROPER_SIGN = re.compile(r"[()（）A-Za-z0-9０-９—–－-]")   # (a bracket, a code or a dash chain: a proper name)
_PAIRS = (("“", "”"), ("「", "」"), ("(", ")"), ("（", "）"), ("《", "》"))
_DASH_START = set("—–－‐─―-")
_DIGITS_THEN_WORD = re.compile(r"[0-9０-９]{1,3}[\u4e00-\u9fff]")
_POSTPOSITIONS = set("上中下内外里的和与及等、")
_BAD_OPENERS = tuple(sorted((row[0] for row in rules._data_lines("project_bad_openers.txt")), key=len, reverse=True))
_ITEM_SPLIT = re.compile(r"、")
# A count and the shared head that close a list (…和C三大生产基地).
_COUNTED_HEAD = re.compile(r"([两三四五六七八九十])[大个类项]([\u4e00-\u9fff]{2,8})")
_COUNT_VALUE = {c: i + 2 for i, c in enumerate("两三四五六七八九十")}
_LAST_JOIN = re.compile(r"[和及与]")
_MAX_ITEM = 24
# Words that end the title of a list document (graph/data/project_list_words.txt).
_LIST_WORDS = tuple(row[0] for row in rules._data_lines("project_list_words.txt"))
_SPACES = re.compile(r"\s+")
ITEM_LIST = "doc-items=other"   # (the document lists items of another kind than projects)


@dataclass(frozen=True)
class Candidate:
    """A possible project name at text[start:end] (`name` may add a list's shared head), with features."""
    start: int
    end: int
    name: str
    features: tuple[str, ...]


@functools.lru_cache(maxsize=64)
def document_context(title: str | None) -> tuple[str, ...]:
    """What kind of text a document's sentences sit in, for the project finder: ITEM_LIST when its title says
    it lists items of another kind than projects (…审批事项清单; …重大项目清单 lists projects)."""
    if not title:
        return ()
    title = _SPACES.sub("", rules.simplified(title)).removesuffix("的通知").rstrip("》")
    listed = next((title[: -len(w)] for w in _LIST_WORDS if title.endswith(w)), None)
    return ((ITEM_LIST,) if listed is not None and head_of(listed) is None else ()) + document_features(title)


def document_features(title: str) -> tuple[str, ...]:
    """Features every candidate of a document shares, from its (simplified) title: the kind of text its last
    word names (doc=规划, doc=办法, doc=报告: a plan names more programmes than a 办法 or a 方案 does). (An era
    feature from the title's year was tried and dropped: leave-one-document-out, with one or two reports per era,
    it lowered both recall and precision.)"""
    kind = re.sub(r"[^\u4e00-\u9fff]", "", title)[-2:]
    return ("doc=" + (kind or "-"),)


def candidates(text: str, places: Sequence[tuple[int, int]] | None, accepted: dict[tuple[int, int], str],
               rejected: Iterable[rules.RuleCandidate], with_accepted: bool = False,
               model: "ProjectFilter | None" = None, document: str = "",
               context: Sequence[str] = ()) -> list[Candidate]:
    """Every candidate of the simplified sentence `text` that the rules did not accept (`accepted`); with
    `with_accepted`, the accepted names too (feature src=rule), for the filter to veto. With `model`, the
    candidates it would turn down whatever their words are left out before their words are read (jieba is
    the costliest part of a candidate's features). `document` (the whole simplified text) tells how often
    each candidate's words recur in it (rep=); `context` (`document_context`) adds the document's features."""
    raw: dict[tuple[int, int, str], set[str]] = {}

    def add(start: int, end: int, name: str, *tags: str) -> None:
        if (start, end) in accepted or not 3 <= len(name.strip("“”")) <= rules.MAX_NAME:
            return
        raw.setdefault((start, end, name), set()).update(tags)

    if with_accepted:
        for (a, b), name in accepted.items():
            raw.setdefault((a, b, name), set()).add("src=rule")

    for c in rejected:
        add(c.start, c.end, c.name, "src=" + c.source, *(("listed",) if c.listed else ()))
        if not c.listed:
            _add_wide(text, c.start, c.end, add)
    for m in _EXTRA_HEAD_RE.finditer(text):
        hs, he = m.start(), m.start() + len(m.group(1))
        if he < len(text) and (text[he] in rules._CONTINUES or text[he] in _CONTINUES_EXTRA
                               or rules.continues_word(text, hs, he)):
            continue
        for a, b, name, listed in rules._names_for_head(text, hs, he, places or ()):
            add(a, b, name, "src=xhead", *(("listed",) if listed else ()))
            if not listed:
                _add_wide(text, a, b, add)
    for m in _QUOTE.finditer(text):
        if not rules._name_like(m.group(1)):
            continue
        if not _PERIOD_LABEL.fullmatch(m.group(1)):   # (“十二五”: a period; “十二五”规划 is a plan)
            add(m.start(), m.end(), m.group(0), "src=quote")
        tail = _QUOTED_TAIL.match(text, m.end()).group(0)
        for h in _ALL_HEADS:
            at = tail.find(h)
            if at >= 0:
                end = m.end() + at + len(h)
                add(m.start(), end, text[m.start():end], "src=quote+head")
                break
    for m in _CITED.finditer(text):
        add(m.start(1), m.end(1), m.group(1), "src=cited")
    for a, b, name, tags in _list_items(text):
        add(a, b, name, "src=item", *tags)
    for a, b, tags in _objects(text):
        add(a, b, text[a:b], "src=object", *tags)
    accepted_spans = list(accepted)
    accepted_starts = {x for x, _ in accepted_spans}
    spans = [(a, b) for a, b, _ in raw]
    place_spans = list(places or ())
    sentence_tags = set(sentence_features(text)) | {t for t in context if t.startswith("doc=")}
    out = []
    for (a, b, name), tags in sorted(raw.items()):
        if "src=rule" not in tags and a in accepted_starts:
            continue   # (where a rule's name starts, the rule's reading stands)
        role = rules.sentence_role(text, a, b)
        if "src=rule" not in tags and not _admissible(text, a, b, name, tags, places, role):
            continue
        found = tags | sentence_tags | set(features(text, a, b, name, place_spans, accepted_spans, spans, role,
                                                    with_words=False))
        if document:
            found.add(recurrence(document, name))
        if model is not None and "src=rule" not in found and not model.may_accept(found, WORD_FEATURES):
            continue
        out.append(Candidate(a, b, name, tuple(sorted(found | set(word_features(name))))))
    return out


_PERIOD_LABEL = re.compile(r"十?[一二三四五六七八九]?五")
# A period's whole plan: 第一个五年计划, “八五”计划, “十一五”规划, 国民经济和社会发展第十个五年计划纲要.
_WHOLE_PLAN = re.compile(r"(?:[\u4e00-\u9fff]{0,12}第)?(?:“?(?:十|第)?[一二三四五六七八九十]{1,2}个?五(?:年)?”?)(?:计划|规划)(?:纲要)?")
_CATEGORY_BEFORE = re.compile(rules._CATEGORY_START.pattern.lstrip("^") + "$")
_COUNTED = re.compile(r"[0-9０-９]+[个座条家项所处批]|[零一二三四五六七八九十百千万两]{2,}[个项座条所]"
                      r"|(?<=[\u4e00-\u9fff])[两三四五六七八九十][大类][\u4e00-\u9fff]{1,5}$")   # (…和C三大基地: a count)


def _admissible(text: str, a: int, b: int, name: str, tags: set[str],
                places: Sequence[tuple[int, int]] | None, role: str) -> bool:
    """The rules' hard limits, which no learnt weight overrides: a name set as the context, aim or restriction
    of its clause, a period's plan (“九五”计划), a counted or measured kind (五千亩种子基地), a bare head."""
    if "src=cited" in tags:
        return True
    if rules._BOX_LABEL.match(name):
        return False   # 专栏14网络…: a box's label run into its first words
    if _DIGITS_THEN_WORD.match(name):
        return False   # 13建筑施工项目: a numbered row or item run into its words
    if never_a_name(name):
        return False
    if name[0] in _DASH_START:
        return False   # ——产业数字化转型迈上新台阶: a dash that opens a target line, not a name
    if text[b:b + 1] == "\n" and "\u4e00" <= text[b + 1:b + 2] <= "\u9fff" \
            and rules.lexicon().get(text[b - 1] + text[b + 1], (0,))[0] > 0:
        return False   # 完善国家智能制|造标准体系: a word a hard-wrapped line breaks
    if b < len(text) and text[b] not in _POSTPOSITIONS and rules.lexicon().get(text[b - 1:b + 1], (0,))[0] > 0 \
            and rules.lexicon().get(text[a:b + 1], (0,))[0] == 0 and text[b - 1:b + 1] not in rules._HEAD_SET:
        return False   # 收入标准实行动|态: the head's last character begins the next word
    if role in (rules.AIM, rules.RESTRICT) or (role == rules.CONTEXT and (
            rules.set_phrase(text, a, b) or head_of(name.strip("“”")) not in _INSTRUMENT_HEADS)):
        return False   # (a platform or programme a verb sets as the context, 依托X平台, is named: the filter judges)
    bare = name.strip("“”")
    if _WHOLE_PLAN.fullmatch(bare):
        return True   # 第一个五年计划, “八五”计划: a period's plan, which the filter judges (feature five-year-plan)
    if rules._FIVE_YEAR_PLAN.search(name) or rules._QUANTITY.search(re.sub(r"“[^”]*”", "", name)) \
            or _COUNTED.search(re.sub(r"“[^”]*”", "", name)):
        return False
    if ("“" not in name and len(rules._strip_generic(bare)) < 2) or len(rules._strip_generic(rules._PERIOD.sub("", name))) < 2:
        return False   # (“十四五”重大工程: the period's projects, none named)
    head = head_of(bare)
    if head and "“" not in name and "src=item" not in tags and bare.endswith(head):
        modifier = rules._strip_generic(bare[: -len(head)])
        if len(modifier) < 2 or (rules.listed_generic(modifier) and head not in rules.GOVERNED_HEADS):
            return False   # 项目库, 对外开放平台: a head with nothing that names it (现代企业制度: the filter judges)
        if head in _ABSTRACT_HEADS and len(bare) - len(head) <= 2 and not _PROPER_SIGN.search(name) \
                and not any(a <= p < b for p, _ in places or ()):
            return False   # 开发平台, 智能系统: a kind of facility named by two characters
    if rules.works_kind(name) and not any(a <= p < b for p, _ in places or ()):
        return False   # 超限高层建筑工程: a kind of construction works
    if rules._CATEGORY_START.match(bare) or _CATEGORY_BEFORE.search(text, max(0, a - 4), a):
        return False   # 存量“两高”项目: a kind of project
    if head in rules.PROGRAMME_HEADS and bare.endswith(head) and rules._NOT_PROGRAMMES.search(bare[: -len(head)]) \
            and len(rules._strip_generic(bare[: -len(head)])) <= 4:
        return False   # 土木建筑工程, 年度计划: a kind of work or plan
    if (head in _STANDING_HEADS and rules._STATUS.match(rules._strip_generic(bare))) or rules._STATUS_CENTRE.search(bare):
        return False   # 世界级旅游目的地, 国际金融中心: a standing aimed at, not a facility built
    if head in rules._INFRASTRUCTURE and not re.search(r"[“()（）—–－-]", name) \
            and not any(a <= p < b for p, _ in places or ()) and len(rules._strip_generic(bare)) <= 2:
        return False   # 干线铁路: a kind of infrastructure unless a place or a proper name qualifies it
    if not head and _STANDING_QUOTE.search(name) and rules._governing_verb(text, a) in _STANDING_VERBS:
        return False   # 打造“三七之都”: a standing aimed at, not a measure
    if rules._JOINED_NAME.search(name):
        return False   # 干线铁路和支线机场: two kinds joined, not one name
    if rules._QUANTITY.search(text[max(0, a - 12):a]) and rules._QUANTITY.search(text[max(0, a - 12):a]).end() == min(a, 12):
        return False   # 五千四百多万亩种子基地: a measured kind
    return True


@functools.lru_cache(maxsize=65536)
def never_a_name(name: str) -> bool:
    """Whether words in `name` show it is no name, whoever proposed it: a pointer or enumerator opening it
    (这个组织法, 三是理顺…), a modal verb or cross-reference inside (保障对象应当配合住房, 产生这种活动), what the
    text fights (卖淫嫖娼犯罪活动, 修正主义路线), a bracket or quote left open."""
    if name.lstrip("“").startswith(_BAD_OPENERS) or _ENUMERATOR.match(name):
        return True
    if any(name.count(o) != name.count(c) for o, c in _PAIRS):
        return True   # 对付所谓「颠覆活动, 跨部门“一号申请: a bracket or quote the name opens and never closes
    if _BAD_INNER_RE.search(re.sub(r"“[^”]*”", "", name)):
        return True
    return name.endswith(_REPROACHED_HEADS) and bool(_REPROACH_RE.search(name))


@functools.lru_cache(maxsize=4)
def simplified_document(text: str) -> str:
    """A document's whole text in simplified characters, read once per document (for `recurrence`)."""
    return rules.simplified(text)


def recurrence(document: str, name: str) -> str:
    """How often the name's words occur in the whole document (rep=1, rep=2, rep=3-5, rep=6+; rep=0 for a name
    the text never spells out, an item given a list's shared head): a programme a text names is named again."""
    n = document.count(name.strip("“”《》"))
    return "rep=" + ("0" if n == 0 else "1" if n == 1 else "2" if n == 2 else "3-5" if n <= 5 else "6+")


def sentence_features(text: str) -> list[str]:
    """What kind of sentence the candidate sits in: prose, a table row run together, a heading."""
    punct = len(re.findall(r"[，,。；;：:、]", text))
    out = ["slen=" + _bucket(len(text) // 5)]
    if punct == 0:
        out.append("s-nopunct")
    elif len(text) / punct > 40:
        out.append("s-sparse-punct")
    if len(re.findall(r"[0-9]", text)) > len(text) / 10:
        out.append("s-digits")
    return out


def _add_wide(text: str, start: int, end: int, add) -> None:
    """The same head's chunk reaching further left: cut only at the verbs that open the segment
    (统筹协调机制 where the rules cut at 统筹)."""
    left = rules._extend_left(text, start)
    if left >= start:
        return
    toks = _tokens(text[left:start])
    pos, i = left, 0
    while i < len(toks) and (toks[i] in rules._LEADERS or toks[i] in rules._INITIAL):
        pos += len(toks[i])
        i += 1
    if pos < start and not rules._VERB_RE.search(text, pos, start):   # (主动融入X: the verb governs, not names)
        add(pos, end, text[pos:end], "src=wide")


def _list_items(text: str) -> list[tuple[int, int, str, tuple[str, ...]]]:
    """Items of the 、-lists of each clause (退耕还林、退牧还草和生态移民), with a shared head given to items that
    lack it (A、B和C三大基地 → A基地)."""
    out = []
    for clause in _CLAUSE.finditer(text):
        body = clause.group(0)
        if "、" not in body:
            continue
        base = clause.start()
        parts, pos = [], 0
        for piece in _ITEM_SPLIT.split(body):
            parts.append((base + pos, base + pos + len(piece)))
            pos += len(piece) + 1
        first_a, first_b = parts[0]
        first_a += rules._cut_leaders(text[first_a:first_b])
        parts[0] = (first_a, first_b)
        last_a, last_b = parts[-1]
        tail = ""
        deng = text.find("等", last_a, last_b)
        if deng >= 0:
            tail = text[deng + 1:last_b]
            parts[-1] = (last_a, deng)
        else:
            join = [m for m in _LAST_JOIN.finditer(text, last_a, last_b)]
            if join and join[-1].start() - last_a >= 2 and last_b - join[-1].end() >= 2:
                parts[-1:] = [(last_a, join[-1].start()), (join[-1].end(), last_b)]
        parts = [(a, b) for a, b in parts if 2 <= b - a <= _MAX_ITEM]
        if len(parts) < 2:
            continue
        shared = rules._longest_suffix(text[parts[-1][0]:parts[-1][1]], _HEAD_SET, _HEAD_LENGTHS) if not tail else None
        counted = _COUNTED_HEAD.search(text, parts[-1][0] + 2, parts[-1][1]) if not tail else None
        closed = bool(counted) and counted.end() == parts[-1][1] and counted.group(2).endswith(_ALL_HEADS) \
            and len(parts) + 1 >= _COUNT_VALUE.get(counted.group(1), 0) >= 2
        if closed:
            shared = counted.group(2)   # A、B和C三大生产基地: each item is a 生产基地 (the count closes the list)
            parts[-1] = (parts[-1][0], counted.start())
        n = len(parts)
        for i, (a, b) in enumerate(parts):
            item = text[a:b]
            position = "item=first" if i == 0 else "item=last" if i == n - 1 else "item=mid"
            tags = (position, "items=" + ("2" if n == 2 else "3-4" if n <= 4 else "5+"))
            out.append((a, b, item, tags))
            if shared and not item.endswith(_ALL_HEADS) and (i < n - 1 or closed):
                out.append((a, b, item + shared, tags + ("shared-head",) + (("counted-head",) if closed else ())))
            named_tail = tail.lstrip("0123456789一二三四五六七八九十两个项大类")
            if tail and re.fullmatch(r"[\u4e00-\u9fff“”]{2,8}", tail) and tail.endswith(_ALL_HEADS) \
                    and not tail.endswith(("建设", "改造")) and not item.endswith(_ALL_HEADS) \
                    and (named_tail in _HEAD_SET or rules._strip_generic(named_tail)) \
                    and item[-1:] != named_tail[:1]:   # (等民生工程: generic; 排水、蓄水等水工程: 排水水工程 no name)
                out.append((a, b, item + named_tail, tags + ("deng-head",)))
    return out


def _objects(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """The object of a verb of carrying out, to the end of its clause or list item (推进西部大开发,
    推进家电下乡和汽车下乡 → 家电下乡和汽车下乡, 家电下乡, 汽车下乡): names stated without a head noun."""
    out, seen = [], set()
    for m in _OBJECT_VERB_RE.finditer(text):
        start = m.end()
        end = _OBJECT_END.search(text, start).start()
        if text[end:end + 1] in ("“", "《", "(", "（") or end - start < 3 or end in seen \
                or _OBJECT_MEASURED.search(text, start, end):
            continue   # (a quote or a bracket: the quoted-name and citation candidates read it)
        if rules._ANY_LEADER.match(text, start) or _OBJECT_VERB_RE.match(text, start):
            for tok in _tokens(text[start:end]):   # (the verbs and adverbs that open the object: 推进|实施|X)
                if tok not in rules._LEADERS and tok not in rules._INITIAL and not _OBJECT_VERB_RE.fullmatch(tok):
                    break
                start += len(tok)
        if not 3 <= end - start <= _MAX_OBJECT or _OBJECT_VERB_RE.match(text, start):
            continue
        seen.add(end)   # (继续推进X: one object, read once)
        out.append((start, end, ("obj-verb=" + m.group(0),)))
        joins = [j for j in _OBJECT_JOIN.finditer(text, start, end) if j.start() - start >= 2 and end - j.end() >= 2]
        if len(joins) == 1:
            j = joins[0]
            out.append((start, j.start(), ("obj-verb=" + m.group(0), "obj-part")))
            out.append((j.end(), end, ("obj-verb=" + m.group(0), "obj-part")))
    return out


def _bucket(n: int) -> str:
    return "1-3" if n <= 3 else "4-5" if n <= 5 else "6-8" if n <= 8 else "9-12" if n <= 12 else "13-20" if n <= 20 else "21+"


@functools.lru_cache(maxsize=65536)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(rules.word_tokenizer().cut(text, HMM=False))


_HEAD_SET = frozenset(_ALL_HEADS)
_HEAD_LENGTHS = tuple(sorted({len(h) for h in _ALL_HEADS}, reverse=True))


@functools.lru_cache(maxsize=65536)
def head_of(name: str) -> str | None:
    """The longest project head (rules' or candidates') the name ends with, brackets and quotes aside."""
    bare = re.sub(r"[(（][^()（）]{1,12}[)）]$", "", name).rstrip("”\"")
    return next((bare[-k:] for k in _HEAD_LENGTHS if bare[-k:] in _HEAD_SET), None)


_SHAPES = tuple((flag, frozenset(chars)) for flag, chars in (
    ("quote", "“”\""), ("bracket", "()（）"), ("dash", "—–－‐─―-"), ("digit", "0123456789"),
    ("latin", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"), ("de", "的"), ("plus", "+＋"),
    ("and", "和与及"), ("dun", "、")))   # (flags by the characters a name holds)
_NUMBERED = re.compile(r"[0-9０-９一二三四五六七八九十]+[.．、)）]|[(（][0-9一二三四五六七八九十]+[)）]")
_DIGIT_START = re.compile(r"[0-9０-９]")


# The features read from jieba's words of the name (word_features): their families' prefixes.
WORD_FEATURES = ("ntok=", "t0=", "tN=", "p0=", "pN=", "pM=", "mtok=", "mfreq=", "whole=")


def word_features(name: str) -> list[str]:
    """How many words the name has, its first and last word (jieba, dictionary only), and what kinds of words
    they are, which carry to words the training never saw: the part of speech of its first and last word (p0=v:
    申请公共租赁住房 opens with a verb), of the modifier's last word before the head (pM=) and how many words the
    modifier has (mtok=), how common the modifier is when it is one dictionary word (mfreq=hi: 管理制度,
    社会主义制度 are kinds, not names) and the part of speech of a name that is itself one word (whole=l: 退耕还林)."""
    bare = name.strip("“”《》")
    toks = _tokens(bare)
    out = ["ntok=" + _bucket(len(toks)), "t0=" + toks[0], "tN=" + toks[-1], "p0=" + _pos(toks[0]), "pN=" + _pos(toks[-1])]
    lex = rules.lexicon()
    if bare in lex:
        out.append("whole=" + _pos(bare))
    head = head_of(bare)
    modifier = rules._strip_generic(bare[: -len(head)]) if head and bare.endswith(head) else ""
    if modifier:
        mt = _tokens(modifier)
        out += ["pM=" + _pos(mt[-1]), "mtok=" + ("1" if len(mt) == 1 else "2" if len(mt) == 2 else "3+")]
        freq = lex.get(modifier, (None,))[0]
        out.append("mfreq=" + ("multi" if freq is None else "hi" if freq >= 1000 else "mid" if freq >= 50 else "lo"))
    return out


def _pos(word: str) -> str:
    """A word's part of speech in jieba's dictionary (person names as one class; ? when not a word there)."""
    tag = rules.lexicon().get(word, (0, "?"))[1] or "-"
    return "nr" if tag.startswith("nr") else tag


def features(text: str, a: int, b: int, name: str, places: Sequence[tuple[int, int]],
             accepted: Sequence[tuple[int, int]], spans: Sequence[tuple[int, int]], role: str,
             with_words: bool = True) -> list[str]:
    """Binary features of the candidate `name` at text[a:b]: head, length, context words, shape, overlaps
    (and its words, `word_features`, unless not `with_words`)."""
    f = []
    head = head_of(name)
    if head:
        kind = rules.HEAD_KINDS.get(head) or CANDIDATE_HEAD_KINDS.get(head, "其他")
        f += ["head=" + head, "kind=" + kind, "rulehead" if head in rules.HEADS else "xheadonly"]
        modifier = name[: len(name) - len(head)] if name.endswith(head) else name
    else:
        f.append("nohead")
        modifier = name
    bare = name.strip("“”《》")
    f += ["len=" + _bucket(len(bare)), "core=" + _bucket(len(rules._strip_generic(bare)))]
    f += ["f1=" + bare[:1], "f2=" + bare[:2], "e1=" + bare[-1:], "e2=" + bare[-2:]]
    if modifier:
        f.append("m1=" + modifier.rstrip("”\"")[-1:])
    verb = rules._governing_verb(text, a)
    f += ["role=" + role, "verb=" + (verb or "-")]
    left = text[max(0, a - 2):a]
    f += ["L1=" + (left[-1:] or "^"), "L2=" + (left or "^"), "R1=" + (text[b:b + 1] or "$"), "R2=" + (text[b:b + 2] or "$")]
    if with_words:
        f += word_features(name)
    clause_start = max([0] + [m.end() for m in rules._CLAUSE_BREAK.finditer(text, 0, a)])
    if clause_start == a or text[clause_start:a].strip() == "":
        f.append("clause-initial")
    nxt = rules._CLAUSE_BREAK.search(text, b)
    if (nxt.start() if nxt else len(text)) == b:
        f.append("clause-final")
    held = set(name)
    for flag, chars in _SHAPES:
        if not held.isdisjoint(chars):
            f.append(flag)
    if any(a <= p < b for p, _ in places):
        f.append("place")
    if rules._CATEGORY_START.match(bare):
        f.append("category-start")
    if any(bare[:k] in rules.GENERIC_MODIFIERS for k in rules._GENERIC_LENGTHS if len(bare) >= k):
        f.append("generic-start")
    if rules.listed_generic(rules._strip_generic(bare)):
        f.append("vague")
    if rules._PEJORATIVE.search(name):
        f.append("pejorative")
    if _NUMBERED.match(name):
        f.append("numbered")
    if _WHOLE_PLAN.fullmatch(bare):
        f.append("five-year-plan")
    inner = rules._VERB_RE.search(bare, 1)
    if inner and inner.end() < len(bare) - 1:
        f.append("inner-verb")   # (超额完成国家的计划: a verb inside, a clause more than a name)
    if _DIGIT_START.match(name):
        f.append("digit-start")
    if a > 0 and "0" <= text[a - 1] <= "9":
        f.append("after-digit")
    if any(x <= a and b <= y and (x, y) != (a, b) for x, y in accepted):
        f.append("inside-accepted")
    elif any(a <= x and y <= b and (x, y) != (a, b) for x, y in accepted):
        f.append("holds-accepted")
    elif any(x < b and a < y for x, y in accepted):
        f.append("overlaps-accepted")
    if any(x <= a and b <= y and (x, y) != (a, b) for x, y in spans):
        f.append("inside-candidate")
    if any(a <= x and y <= b and (x, y) != (a, b) for x, y in spans):
        f.append("holds-candidate")
    if head in rules._INFRASTRUCTURE and "place" not in f and not re.search(r"[“()（）—–－-]", name):
        f.append("infra-bare")   # 干线铁路: a kind of infrastructure unless a place or a proper name qualifies it
    if not head and name.startswith("“") and verb in _STANDING_VERBS:
        f.append("quote-aimed")   # 打造“X之都”: often a standing aimed at, not a measure
    if "《" in text[max(0, a - 1):a] and name.endswith(rules.POLICY_DOCUMENT_HEADS):
        f.append("cited-policy")
    if head and role != rules.NEUTRAL:
        f.append(f"role={role}&kind={f[1][5:]}")
    return f

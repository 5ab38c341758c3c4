"""Per-document extraction: places, regions, projects, goals, facts and agencies with their relations."""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from graph.agencies import agency_id, find_agencies
from graph.gazetteer import Gazetteer
from graph.goals import (Context, Quantity, find_goals, find_quantities, part_heading, plan_period_end,
                         section_context, sentence_subject, sentence_tense, sentence_year, year_spans)
from graph.lineage import GoalSite, ProjectMention, key_terms, lineage
from graph.normalise import View, is_wrap, view, wrap_width
from graph.places import find_named_places, find_places
from graph.project_candidates import document_context, simplified_document
from graph.projects import POLICY_DOCUMENT_HEADS, find_alias, find_projects, merge_projects, normalise_name
from graph.records import (EXPLICIT, METADATA, SECTION_SCOPE, Agency, Evidence, Extraction, Fact, Goal, Place,
                           PlaceMention, Relation)
from graph.regions import find_regions, section_scopes
from graph.tables import find_table_targets
from ingest.markers import marker
from ingest.records import IngestedDocument, Section

# Sentence ends; a clause inside a sentence ends at a comma or semicolon too.
_SENTENCE_END = re.compile(r"[。！？!?；;]+|\n+")
_CLAUSE_END = re.compile(r"[,，;；:：]")
_DEADLINE = re.compile(r"(?:到|至)([0-9]{4})年")
_WHOLE_JURISDICTION = re.compile(r"全省|全市|全州|全县|全区|全国|我省|我市|我州|我县|我区|我国")

# Confidence of project → place links by where the place is named.
IN_NAME, IN_CLAUSE, IN_SENTENCE, IN_SCOPE = 1.0, 0.9, 0.6, 0.6
MAX_STATEMENT = 60


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    text: str                  # the normalised view the rules read (wraps joined, digits half-width)
    section: Section
    paragraph: tuple[int, int]
    raw: str = ""              # the source text[start:end] evidence cites
    view: View | None = None

    def source_span(self, a: int, b: int) -> tuple[int, int]:
        """Document offsets of the view's a:b."""
        return self.view.source_span(a, b) if self.view else (self.start + a, self.start + b)


def extract(doc: IngestedDocument, gazetteer: Gazetteer) -> Extraction:
    """Everything rule-based extraction finds in one ingested document, with evidence for each item."""
    return _Extractor(doc, gazetteer).run()


def _short_hash(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:12]


def document_years(doc: IngestedDocument) -> tuple[int | None, int | None]:
    """(year the document was issued, year for targets that state none)."""
    meta = doc.metadata
    issued = None
    if meta.dates:
        issued = int(meta.dates[0][:4])
    else:
        title = meta.title or doc.document.title_hint or ""
        m = re.search(r"(19|20)[0-9]{2}(?=年)", title)
        issued = int(m.group(0)) if m else None
    if meta.planning_period:
        default = meta.planning_period.end
    elif re.search(r"政府工作报告|工作要点|年度计划", (meta.title or doc.document.title_hint or "")):
        default = issued                 # a yearly report plans its own year (今年)
    elif meta.target_years:
        default = max(meta.target_years)
    else:
        default = issued
    return issued, default


class _Extractor:
    def __init__(self, doc: IngestedDocument, gazetteer: Gazetteer):
        self.doc = doc
        self.text = doc.document.text
        self.gaz = gazetteer
        meta = doc.metadata
        self.home = gazetteer.jurisdiction(meta.issuers[0]) if meta.issuers else None
        self.issued, self.default_year = document_years(doc)
        self.wrap = wrap_width(self.text)
        self.sections = {s.section_id: s for s in doc.sections}
        self.ancestors = {s.section_id: self._ancestors(s) for s in doc.sections}
        self.section_years = {s.section_id: self._own_deadline(s) for s in doc.sections}
        self.regions = find_regions(doc, gazetteer)
        self.scopes = section_scopes(doc, gazetteer, self.regions)
        self.region_members = {r.place.place_id: {pid for pid, _ in r.members} for r in self.regions}
        self.region_surfaces = sorted(
            ((name, r.place.place_id) for r in self.regions for name in {r.place.name, *r.place.short_names}
             if len(name) >= 2), key=lambda x: -len(x[0]))
        self.relations: list[Relation] = []
        self.place_mentions: dict[tuple[str, int], Evidence] = {}
        self.place_ids: set[str] = set()
        self.named_places: dict[str, Place] = {}      # towns, ports and new areas the text names
        self.place_spans: list[tuple[str, int, int]] = []

    # -- helpers --------------------------------------------------------------------------------
    def _ancestors(self, s: Section) -> tuple[str, ...]:
        out = []
        parent = s.parent_id
        while parent is not None and parent in {x.section_id for x in self.doc.sections}:
            out.append(parent)
            parent = next(x.parent_id for x in self.doc.sections if x.section_id == parent)
        return tuple(out)

    def _own_deadline(self, s: Section) -> int | None:
        """The first 到YYYY年 in a section's own text (before its first subsection)."""
        children = [x.char_start for x in self.doc.sections if x.parent_id == s.section_id]
        end = min(children) if children else s.char_end
        m = _DEADLINE.search(self.text, s.char_start, end)
        return int(m.group(1)) if m else None

    def _section_year(self, section_id: str) -> int | None:
        """The year a section plans for: 到YYYY年 in its own text, else a year in a heading that does
        not review (二、1981年国民经济计划的任务), nearest first."""
        for sid in (section_id, *self.ancestors.get(section_id, ())):
            if self.section_years.get(sid):
                return self.section_years[sid]
        section = self.sections.get(section_id)
        for heading in reversed(section.path if section else ()):
            review, _, _ = section_context((heading,))
            year = sentence_year(heading)[0] or plan_period_end(heading)
            if year and not review and not re.search(r"[0-9]{4}\s*[—\-－~～至到]", heading):
                return year
        return None

    def evidence(self, s: _Sentence, basis: str = EXPLICIT) -> Evidence:
        return Evidence(self.doc.document.source, self.doc.document.doc_id, s.section.path, s.start, s.end,
                        s.raw or s.text, basis)

    def sentences(self) -> Iterator[_Sentence]:
        """Sentences of every chunk; in a hard-wrapped text a line break inside a paragraph is no end."""
        seen: set[int] = set()
        for chunk in self.doc.chunks:
            section = self.sections.get(chunk.section_id)
            if section is None:
                continue
            pos = chunk.char_start
            for m in _SENTENCE_END.finditer(self.text, chunk.char_start, chunk.char_end):
                if m.group(0)[0] == "\n":
                    if m.end() - m.start() == 1 and is_wrap(self.text, m.start(), self.wrap):
                        continue
                    yield from self._sentence(pos, m.start(), section, seen)
                else:
                    yield from self._sentence(pos, m.end(), section, seen)
                pos = m.end()
            yield from self._sentence(pos, chunk.char_end, section, seen)

    def _sentence(self, start: int, end: int, section: Section, seen: set[int]) -> Iterator[_Sentence]:
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        if end - start < 2 or start in seen:
            return
        seen.add(start)
        para_start = self.text.rfind("\n", 0, start) + 1
        while para_start > 0 and is_wrap(self.text, para_start - 1, self.wrap):
            para_start = self.text.rfind("\n", 0, para_start - 1) + 1
        para_end = self.text.find("\n", end)
        while para_end >= 0 and is_wrap(self.text, para_end, self.wrap):
            para_end = self.text.find("\n", para_end + 1)
        raw = self.text[start:end]
        v = view(raw, start)
        yield _Sentence(start, end, v.text, section, (para_start, para_end if para_end >= 0 else len(self.text)),
                        raw, v if v.offsets is not None else None)

    def heading_sentences(self) -> Iterator[_Sentence]:
        """The words of each heading that no chunk carries (the marker left out): （三）实施X行动 → 实施X行动."""
        chunked = [(c.char_start, c.char_end) for c in self.doc.chunks]
        seen: set[int] = set()
        for section in self.doc.sections:
            h = section.heading
            if h is None or h.kind in ("part", "preface", "lead") or any(a <= h.char_start < b for a, b in chunked):
                continue
            m = marker(h.text)
            start = h.char_start + (m[1] if m else 0)
            for piece in _SENTENCE_END.finditer(self.text, start, h.char_end):
                yield from self._sentence(start, piece.start(), section, seen)
                start = piece.end()
            yield from self._sentence(start, h.char_end, section, seen)

    def _projects_in(self, s: _Sentence, ev: Evidence, mentions: list[PlaceMention], scope,
                     project_mentions: list, mention_sites: list) -> set[str]:
        """Adds the sentence's projects, each with the places it involves; returns those places."""
        linked: set[str] = set()
        context = document_context(self.doc.metadata.title or self.doc.document.title_hint)
        found = [f for f in find_projects(s.text, [(m.start, m.end) for m in mentions], context=context,
                                          document=simplified_document(self.text)) if not self._own_title(f[2])]
        for start, end, name in found:
            alias = find_alias(s.text, end)
            project_mentions.append((name, ev, [alias] if alias else []))
            # A place inside another project's name is that project's (德宏(瑞丽)…枢纽 in a sentence
            # that also names 大理国家物流枢纽), not this one's.
            own = [m for m in mentions if (start <= m.start and m.end <= end) or not any(
                a <= m.start and m.end <= b for a, b, _ in found if (a, b) != (start, end))]
            links = self._project_places(s, start, end, own, scope, ev, name, [(a, b) for a, b, _ in found])
            mention_sites.append((name, s, [alias] if alias else [], links))
            linked.update(link[0] for link in links)
        return linked

    def places_in(self, s: _Sentence) -> list[PlaceMention]:
        scope = [pid for pid, _ in self.scopes.get(s.section.section_id, ())]
        found = find_places(s.text, self.gaz, home=self.home, context=scope)
        taken = [(m.start, m.end) for m in found]
        for name, rid in self.region_surfaces:
            for m in re.finditer(re.escape(name), s.text):
                if not any(a < m.end() and m.start() < b for a, b in taken):
                    found.append(PlaceMention(rid, name, m.start(), m.end()))
                    taken.append((m.start(), m.end()))
        for mention, place in find_named_places(s.text, self.gaz, found):
            self.named_places.setdefault(place.place_id, place)
            found.append(mention)
        return sorted(found, key=lambda m: m.start)

    # -- the run --------------------------------------------------------------------------------
    def run(self) -> Extraction:
        doc_id = self.doc.document.doc_id
        project_mentions: list[tuple[str, Evidence, list[str]]] = []
        mention_sites: list[tuple[str, _Sentence, list[str], list[tuple[str, float, tuple[Evidence, ...], str]]]] = []
        goals: dict[str, Goal] = {}
        goal_sites: list[GoalSite] = []
        facts: dict[str, Fact] = {}
        agency_mentions: dict[str, list[Evidence]] = {}
        para_year: tuple[tuple[int, int], int | None] = ((-1, -1), None)
        para_past = False
        periods: tuple[tuple[int, int], ...] = ()   # periods the text has set (从1956年开始，在十二年内)
        part: tuple[str, bool] | None = None   # (section, reviews) after a heading line the outline missed
        para_subject: str | None = None        # the measure the paragraph's last sentences named (…的比重；…)
        for s in self.sentences():
            ev = self.evidence(s)
            mentions = self.places_in(s)
            for m in mentions:
                self.place_ids.add(m.place_id)
                self.place_mentions.setdefault((m.place_id, s.start), ev)
                self.place_spans.append((m.place_id, *s.source_span(m.start, m.end)))
            spans = [(m.start, m.end) for m in mentions]
            scope = self.scopes.get(s.section.section_id, ())
            self._projects_in(s, ev, mentions, scope, project_mentions, mention_sites)
            # Agencies named in the text.
            for _, _, name in find_agencies(s.text):
                agency_mentions.setdefault(name, []).append(ev)
            # Targets, facts and qualitative goals.
            review, goal_section, mixed = section_context(s.section.path)
            line = self.text[s.paragraph[0]:s.paragraph[1]].strip() == (s.raw or s.text).strip()
            opened = part_heading(s.text, self.issued) if line else None
            if opened is not None or (part and part[0] != s.section.section_id):
                part = (s.section.section_id, opened) if opened is not None else None
            review = review or bool(part and part[1])   # after 首先报告2001年的工作 on a line of its own
            if para_year[0] != s.paragraph:
                para_year = (s.paragraph, None)
                para_past = False
                para_subject = None
            ctx = Context(self.issued, self._section_year(s.section.section_id) or self.default_year,
                          para_year[1], s.section.path, review, goal_section, mixed, para_past,
                          self._in_chapter_intro(s), periods, para_subject)
            periods = year_spans(s.text, periods)
            is_heading = s.section.heading is not None and s.start == s.section.heading.char_start
            for q in find_quantities(s.text, ctx, spans):
                places = self._statement_places(s, q.start, q.end, mentions, scope)
                self._add_quantity(q, s, ev, places, goals, facts, goal_sites, goal_section)
            if not is_heading:
                for g in find_goals(s.text, ctx):
                    places = self._statement_places(s, g.start, g.end, mentions, scope)
                    statement = g.statement
                    gid = "goal:" + _short_hash(doc_id, statement)
                    if gid not in goals:
                        goals[gid] = Goal(gid, statement, g.year, None, tuple(p for p, _ in places), ev)
                        goal_sites.append(GoalSite(goals[gid], s.paragraph, s.section.section_id, goal_section))
                        self._concerns(gid, places, ev)
            year, deadline = sentence_year(s.text)
            if year and (deadline or (self.issued and year > self.issued)):
                para_year = (s.paragraph, year)
            tense = sentence_tense(s.text, self.issued)
            if tense:
                para_past = tense == "past"
            para_subject = sentence_subject(s.text) or para_subject

        for s in self.heading_sentences():   # (headings are no chunk text, but often a project's name)
            mentions = self.places_in(s)
            self.place_ids |= self._projects_in(s, self.evidence(s), mentions, self.scopes.get(s.section.section_id, ()),
                                                project_mentions, mention_sites)
        self._table_targets(goals, goal_sites)
        projects = merge_projects(project_mentions)
        by_name = {}
        for p in projects:
            for n in (p.name, *p.aliases):
                by_name[n] = p.project_id
        lineage_mentions = []
        for name, s, _aliases, links in mention_sites:
            pid = by_name.get(name) or next(p.project_id for p in projects if name in (p.name, *p.aliases))
            for place_id, confidence, evidence, basis in links:
                self.relations.append(Relation(pid, "involvesPlace", place_id, evidence, basis, confidence))
            # For linking to goals, only places that belong to the project: named with it, in its clause
            # or given by its section; never the whole jurisdiction (全省 concerns everything).
            places = {pl for pl, conf, _, basis in links if conf >= IN_CLAUSE or basis == SECTION_SCOPE}
            places |= {rid for rid, members in self.region_members.items() if places & members}
            places.discard(self.home)
            # The name's words and those of its own heading and the one above it (below the chapter, whose
            # words are too broad): 补齐交通基础设施短板 < 提升基础设施通达水平 → 基础设施, 通达.
            path = s.section.path
            own_terms = key_terms(name).union(*(key_terms(h) for h in (path[-2:] if len(path) >= 3 else path[-1:])))
            lineage_mentions.append(ProjectMention(pid, name, self.evidence(s), s.paragraph, s.section.section_id,
                                                   tuple(sorted(places)), self._heading_terms(s.section), own_terms))
        goal_sites_expanded = [GoalSite(self._goal_with_members(site.goal), site.paragraph, site.section_id,
                                        site.goal_section, key_terms(site.goal.statement) - self._place_words(site.goal),
                                        len(site.goal.place_ids))
                               for site in goal_sites]
        links = lineage(lineage_mentions, goal_sites_expanded, self.ancestors)
        self.relations.extend(links.relations)
        goals.update((aim.goal_id, aim) for aim in links.aims)   # a project's purpose, stated in its sentence
        for p in projects:
            self.relations.append(Relation(p.project_id, "mentionedIn", doc_id, p.mentions[:1]))
        for r in self.regions:
            self.place_ids.add(r.place.place_id)
            for member, mev in r.members:
                self.place_ids.add(member)
                self.relations.append(Relation(member, "memberOf", r.place.place_id, (mev,)))
        agencies = self._agencies(agency_mentions)
        return Extraction(
            doc_id=doc_id,
            places=self._places(),
            place_mentions=tuple((pid, ev) for (pid, _), ev in self.place_mentions.items()),
            projects=tuple(projects),
            goals=tuple(goals.values()),
            facts=tuple(facts.values()),
            agencies=agencies,
            relations=tuple(_dedupe(self.relations)),
            place_spans=tuple(self.place_spans),
        )

    def _table_targets(self, goals: dict[str, Goal], goal_sites: list[GoalSite]) -> None:
        """Targets from indicator tables (指标 | 2015年 | 2020年), one per row, cited by the row."""
        doc = self.doc.document
        for row in find_table_targets(self.text, self.issued):
            section = self._section_at(row.start)
            if section is None:
                continue
            ev = Evidence(doc.source, doc.doc_id, section.path, row.start, row.end, self.text[row.start:row.end])
            gid = "goal:" + _short_hash(doc.doc_id, row.start, row.metric)
            if gid in goals:
                continue
            places = [(self.home, EXPLICIT)] if self.home else []
            goals[gid] = Goal(gid, row.metric + row.target.value_text, row.year, row.target,
                              tuple(p for p, _ in places), ev)
            goal_sites.append(GoalSite(goals[gid], (row.start, row.end), section.section_id, True))
            self._concerns(gid, places, ev)

    def _section_at(self, pos: int) -> Section | None:
        """The deepest section whose text holds `pos`."""
        best = None
        for section in self.doc.sections:
            if section.char_start <= pos < section.char_end and (best is None or section.level > best.level):
                best = section
        return best

    def _own_title(self, name: str) -> bool:
        """A 《plan》 the document itself is or issues (关于印发《X规划》的通知): no project of its own text."""
        title = self.doc.metadata.title or self.doc.document.title_hint or ""
        core = normalise_name(name)
        return len(core) >= 6 and core.endswith(POLICY_DOCUMENT_HEADS) and core in normalise_name(title)

    def _in_chapter_intro(self, s: _Sentence) -> bool:
        """Whether a sentence is in the introduction of a top-level section (before its subsections)."""
        section = s.section
        if section.level != 1 or (section.heading and s.start < section.heading.char_end):
            return False
        children = [x.char_start for x in self.doc.sections if x.parent_id == section.section_id]
        return not children or s.start < min(children)

    @staticmethod
    def _heading_terms(section: Section) -> frozenset[str]:
        return frozenset().union(*(key_terms(heading) for heading in section.path))

    def _place_words(self, goal: Goal) -> frozenset[str]:
        """Names of the places a goal is about: shared places are matched as places, not as words."""
        regions = {r.place.place_id: r.place for r in self.regions}
        words: set[str] = set()
        for pid in goal.place_ids:
            place = regions.get(pid) or (self.gaz.get(pid) if pid in self.gaz else None)
            if place is not None:
                words.update((place.name, *place.short_names))
        return frozenset(words)

    def _goal_with_members(self, goal: Goal) -> Goal:
        """A goal about a region also concerns the region's members, for matching projects by place."""
        extra = [m for pid in goal.place_ids for m in sorted(self.region_members.get(pid, ()))]
        if not extra:
            return goal
        return Goal(goal.goal_id, goal.statement, goal.year, goal.target, tuple(dict.fromkeys(goal.place_ids + tuple(extra))),
                    goal.evidence)

    def _belongs_elsewhere(self, s: _Sentence, m: PlaceMention, start: int, end: int,
                           others: list[tuple[int, int]], mentions: list[PlaceMention]) -> bool:
        """Whether a place in another clause of the sentence is not this project's: its clause names a project
        of its own, or it is one of a list of three or more places (the places a sentence lists for tourism
        are not where its airport is built)."""
        breaks = [0] + [x.end() for x in _CLAUSE_END.finditer(s.text)] + [len(s.text) + 1]
        lo = max(b for b in breaks if b <= m.start)
        hi = min(b for b in breaks if b > m.start)
        if any(lo <= a and b <= hi for a, b in others if (a, b) != (start, end)):
            return True
        return _in_long_list(s.text, m, mentions)

    def _project_places(self, s: _Sentence, start: int, end: int, mentions: list[PlaceMention], scope,
                        ev: Evidence, name: str | None = None,
                        others: list[tuple[int, int]] = ()) -> list[tuple[str, float, tuple[Evidence, ...], str]]:
        clause_start = max([0] + [m.end() for m in _CLAUSE_END.finditer(s.text, 0, start)])
        next_end = _CLAUSE_END.search(s.text, end)
        clause_end = next_end.start() if next_end else len(s.text)
        links: dict[str, tuple[str, float, tuple[Evidence, ...], str]] = {}
        name = s.text[start:end] if name is None else name
        span = s.text[start:end]
        prefix = len(_common_prefix(name, span))
        suffix = len(_common_prefix(name[::-1], span[::-1]))
        for m in mentions:
            if (start <= m.start and m.end <= start + prefix) or (end - suffix <= m.start and m.end <= end):
                conf = IN_NAME
            elif start <= m.start and m.end <= end:
                continue   # a sibling item of a shared-head list (昆明、大理等国家物流枢纽)
            elif clause_start <= m.start and m.end <= clause_end and name == span:
                conf = IN_CLAUSE   # (for a list item, the clause is the list: its places are siblings')
            elif self._belongs_elsewhere(s, m, start, end, others, mentions):
                continue   # the place is where another project of the sentence is built, or one of a list
            else:
                conf = IN_SENTENCE
            if m.place_id not in links or links[m.place_id][1] < conf:
                links[m.place_id] = (m.place_id, conf, (ev,), EXPLICIT)
        if any(link[1] >= IN_CLAUSE for link in links.values()):   # (建设大理机场，推进丽江旅游: not in 丽江)
            links = {k: link for k, link in links.items() if link[1] >= IN_CLAUSE}
        for place_id, scope_ev in scope:
            if place_id not in links:
                links[place_id] = (place_id, IN_SCOPE, (ev, scope_ev), SECTION_SCOPE)
        return list(links.values())

    def _statement_places(self, s: _Sentence, start: int, end: int, mentions: list[PlaceMention],
                          scope) -> list[tuple[str, str]]:
        """(place_id, basis) a goal or fact is about: named in it, else the sentence's subject before it,
        else the section's scope, else the issuer's jurisdiction when the text says 全省/我省."""
        inside = [m.place_id for m in mentions if start <= m.start and m.end <= end]
        if inside:
            return [(p, EXPLICIT) for p in dict.fromkeys(inside)]
        before = [m for m in mentions if m.end <= start]
        if before:
            # The subject may be a list (东部、中部、西部三大板块): take all of it.
            chosen = [before[-1]]
            for m in reversed(before[:-1]):
                gap = s.text[m.end:chosen[0].start]
                if not re.fullmatch(r"(?:[(（][^()（）]{1,8}[)）])?[、和及与]", gap):
                    break
                chosen.insert(0, m)
            return [(m.place_id, EXPLICIT) for m in chosen]
        if scope:
            return [(pid, SECTION_SCOPE) for pid, _ in scope]
        if self.home and _WHOLE_JURISDICTION.search(s.text[:end]):
            return [(self.home, EXPLICIT)]
        return []

    def _concerns(self, subject: str, places: list[tuple[str, str]], ev: Evidence) -> None:
        for place_id, basis in places:
            self.place_ids.add(place_id)
            self.relations.append(Relation(subject, "concernsPlace", place_id, (ev,), basis,
                                           1.0 if basis == EXPLICIT else IN_SCOPE))

    def _add_quantity(self, q: Quantity, s: _Sentence, ev: Evidence, places, goals, facts, goal_sites,
                      goal_section: bool) -> None:
        doc_id = self.doc.document.doc_id
        start = max(q.start, q.end - MAX_STATEMENT)
        statement = s.text[start:q.end]
        place_ids = tuple(p for p, _ in places)
        if q.is_fact:
            fid = "fact:" + _short_hash(doc_id, s.start + q.start, statement, q.target.metric)
            facts.setdefault(fid, Fact(fid, statement, q.year, q.target, place_ids, ev))
            self._concerns(fid, places, ev)
            return
        # One statement may carry several targets (A、B分别高于12%、18%): the metric tells them apart.
        gid = "goal:" + _short_hash(doc_id, s.start + q.start, statement, q.target.metric)
        if gid in goals:
            return
        goals[gid] = Goal(gid, statement, q.year, q.target, place_ids, ev)
        goal_sites.append(GoalSite(goals[gid], s.paragraph, s.section.section_id, goal_section))
        self._concerns(gid, places, ev)

    def _agencies(self, found: dict[str, list[Evidence]]) -> tuple[Agency, ...]:
        meta = self.doc.metadata
        doc = self.doc.document
        agencies: dict[str, Agency] = {}
        body = self.doc.cleaned.body
        for predicate, names in (("issuedBy", meta.issuers), ("addressedTo", meta.addressees)):
            for name in names:
                ev = self._header_evidence(name, predicate, body)
                aid = agency_id(name)
                old = agencies.get(aid)
                mentions = (old.mentions if old else ()) + ((ev,) if ev else ())
                agencies[aid] = Agency(aid, name, tuple(dict.fromkeys(mentions)))
                self.relations.append(Relation(doc.doc_id, predicate, aid, (ev,) if ev else (), METADATA))
        for name, evs in found.items():
            aid = agency_id(name)
            old = agencies.get(aid)
            agencies[aid] = Agency(aid, name, tuple(dict.fromkeys((old.mentions if old else ()) + tuple(evs))))
        return tuple(agencies.values())

    def _header_evidence(self, name: str, predicate: str, body) -> Evidence | None:
        """The first body line holding the name: the header line the metadata was read from."""
        doc = self.doc.document
        key = "issuers" if predicate == "issuedBy" else "addressees"
        span = self.doc.metadata.spans.get(key)
        candidates = [(span.char_start, span.char_end)] if span else []
        candidates += [(b.char_start, b.char_end) for b in body]
        for a, b in candidates:
            at = self.text.find(name, a, b)
            if at >= 0:
                return Evidence(doc.source, doc.doc_id, (), a, b, self.text[a:b], METADATA)
        return None

    def _places(self) -> tuple[Place, ...]:
        out: dict[str, Place] = {}
        regions = {r.place.place_id: r.place for r in self.regions}
        for pid in sorted(self.place_ids):
            if pid in regions:
                out[pid] = regions[pid]
                continue
            if pid in self.named_places:
                place = self.named_places[pid]
                out[pid] = place
                if place.parent_id and place.parent_id in self.gaz:
                    for anc in (self.gaz.get(place.parent_id), *self.gaz.ancestors(place.parent_id)):
                        out.setdefault(anc.place_id, anc)
                continue
            if pid not in self.gaz:
                continue
            out[pid] = self.gaz.get(pid)
            for anc in self.gaz.ancestors(pid):
                out.setdefault(anc.place_id, anc)
        return tuple(sorted(out.values(), key=lambda p: p.place_id))


def _in_long_list(text: str, m: PlaceMention, mentions: list[PlaceMention]) -> bool:
    """Whether a mention is one of three or more places listed together (保山、大理、德宏)."""
    chain = [x for x in sorted(mentions, key=lambda x: x.start)]
    i = next((k for k, x in enumerate(chain) if x is m), None)
    if i is None:
        return False
    lo = hi = i
    while lo > 0 and re.fullmatch(r"(?:[市州县区]|[(（][^()（）]{1,8}[)）])?[、和及与]", text[chain[lo - 1].end:chain[lo].start]):
        lo -= 1
    while hi + 1 < len(chain) and re.fullmatch(r"(?:[市州县区]|[(（][^()（）]{1,8}[)）])?[、和及与]", text[chain[hi].end:chain[hi + 1].start]):
        hi += 1
    return hi - lo + 1 >= 3


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _dedupe(relations: list[Relation]) -> list[Relation]:
    """One relation per (subject, predicate, object, basis), keeping the most confident."""
    best: dict[tuple[str, str, str, str], Relation] = {}
    for r in relations:
        key = (r.subject, r.predicate, r.object, r.basis)
        if key not in best or r.confidence > best[key].confidence:
            best[key] = r
    return sorted(best.values(), key=lambda r: (r.predicate, r.subject, r.object, r.basis))

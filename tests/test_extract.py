"""extract() on the bundled seed documents and on a few government work reports."""
from __future__ import annotations

from pathlib import Path

import pytest

from graph.extract import extract
from graph.gazetteer import load_gazetteer
from graph.records import EXPLICIT, METADATA, OUTLINE, SECTION_SCOPE
from ingest.pipeline import ingest_document
from ingest.read import read_documents
from ingest.segment import make_segmenter

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PLAN = ROOT / "corpus" / "000_cb38b16a95140957.txt"
OPINION = ROOT / "corpus" / "004_fe6cee68d844d2e2.txt"
REPORTS = SHARED / "corpus-extra" / "government_work_reports.jsonl"


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


@pytest.fixture(scope="module")
def segmenter(tmp_path_factory):
    return make_segmenter(cache_dir=tmp_path_factory.mktemp("segmenter"))


def _run(path: Path, segmenter, gazetteer, index: int = 0):
    doc = read_documents(path)[index]
    ingested = ingest_document(doc, segmenter)
    return doc, ingested, extract(ingested, gazetteer)


@pytest.fixture(scope="module")
def plan(segmenter, gazetteer):
    if not PLAN.exists():
        pytest.skip("seed corpus absent")
    return _run(PLAN, segmenter, gazetteer)


@pytest.fixture(scope="module")
def opinion(segmenter, gazetteer):
    if not OPINION.exists():
        pytest.skip("seed corpus absent")
    return _run(OPINION, segmenter, gazetteer)


def _all_evidence(x):
    yield from (e for p in x.projects for e in p.mentions)
    yield from (g.evidence for g in x.goals)
    yield from (f.evidence for f in x.facts)
    yield from (e for a in x.agencies for e in a.mentions)
    yield from (e for _, e in x.place_mentions)
    yield from (e for r in x.relations for e in r.evidence)


def test_evidence_is_an_exact_slice_of_the_source(plan, opinion):
    for doc, _, x in (plan, opinion):
        for ev in _all_evidence(x):
            assert doc.text[ev.char_start:ev.char_end] == ev.text
            assert ev.source == doc.source and ev.doc_id == doc.doc_id


def test_core_projects_of_the_plan(plan):
    _, _, x = plan
    names = {p.name for p in x.projects}
    for expected in ("大理—瑞丽铁路", "磨憨国际邮件互换局", "勐腊(磨憨)国家重点开发开放试验区",
                     "中国老挝磨憨—磨丁经济合作区浙商产业园", "西双版纳(磨憨)国家物流枢纽", "大理国家物流枢纽",
                     "大滇西旅游环线", "多式联运示范工程", "“兴水润滇”工程", "滇中引水工程", "畅通工程", "亮化工程"):
        assert expected in names, expected
    for generic in ("工程", "项目", "重大项目", "重点工程", "在建项目"):
        assert generic not in names


def test_project_ids_are_content_derived(plan, segmenter, gazetteer):
    _, _, again = _run(PLAN, segmenter, gazetteer)
    assert [p.project_id for p in plan[2].projects] == [p.project_id for p in again.projects]


def test_targets_of_the_plan(plan):
    _, _, x = plan
    targets = {(g.target.metric, g.target.value, g.year) for g in x.goals if g.target}
    assert ("经济总量", 1e12, 2025) in targets
    assert ("常住人口", 1e7, 2025) in targets
    assert ("公共充电桩", 4e4, 2025) in targets
    assert ("城乡居民收入比值", 2.7, 2025) in targets
    kunming = next(g for g in x.goals if g.target and g.target.metric == "经济总量")
    assert "adcode:530100" in kunming.place_ids


def test_baseline_facts_are_not_targets(plan):
    _, _, x = plan
    assert not any(g.target and g.target.value == 2.45e12 for g in x.goals)
    fact = next(f for f in x.facts if f.target and f.target.value == 2.45e12)
    assert fact.year == 2020
    assert all(g.year is None or g.year >= 2021 for g in x.goals)


def test_qualitative_goals_for_a_region(plan):
    _, _, x = plan
    goals = {g.statement: g for g in x.goals if g.target is None}
    assert "大滇西旅游环线基本建成" in goals and goals["大滇西旅游环线基本建成"].year == 2025
    assert "滇西一体化发展进程加快" in goals
    assert any(pid.startswith("region:") for pid in goals["滇西一体化发展进程加快"].place_ids)


def test_section_scope_gives_projects_places_of_their_chapter(plan):
    _, _, x = plan
    zhaotong = "adcode:530600"
    scoped = {r.subject for r in x.relations
              if r.predicate == "involvesPlace" and r.object == zhaotong and r.basis == SECTION_SCOPE}
    assert scoped, "no project inherits 昭通 from the 滇东北 chapter"
    names = {p.project_id: p.name for p in x.projects}
    for subject in scoped:
        project = next(p for p in x.projects if p.project_id == subject)
        assert any("滇东北" in "".join(e.section_path) for e in project.mentions), names[subject]


def test_explicit_place_of_a_project(plan):
    _, _, x = plan
    pid = next(p.project_id for p in x.projects if p.name == "大理国家物流枢纽")
    links = [r for r in x.relations if r.subject == pid and r.predicate == "involvesPlace"]
    assert any(r.object == "adcode:532900" and r.basis == EXPLICIT and r.confidence == 1.0 for r in links)


def test_project_serves_the_goal_that_names_it(plan):
    _, _, x = plan
    pid = next(p.project_id for p in x.projects if p.name == "大滇西旅游环线")
    goal = next(g for g in x.goals if g.statement == "大滇西旅游环线基本建成")
    assert any(r.subject == pid and r.predicate == "servesGoal" and r.object == goal.goal_id for r in x.relations)
    served = [r for r in x.relations if r.predicate == "servesGoal"]
    from graph.vocab import LINEAGE_BASES
    assert {r.basis for r in served} <= set(LINEAGE_BASES)   # every lineage link says how it was found


def test_regions_and_membership(plan):
    _, _, x = plan
    region_ids = {p.place_id for p in x.places if p.kind == "region"}
    assert region_ids
    members = {(r.subject, r.object) for r in x.relations if r.predicate == "memberOf"}
    assert {o for _, o in members} <= region_ids
    # Every mentioned division comes with its ancestors.
    ids = {p.place_id for p in x.places}
    assert "adcode:530000" in ids


def test_agencies_from_metadata_and_never_from_chrome(opinion):
    doc, ingested, x = opinion
    names = {a.name for a in x.agencies}
    assert {"中共云南省委", "云南省人民政府"} <= names
    issued = [r for r in x.relations if r.predicate == "issuedBy"]
    assert issued and all(r.basis == METADATA and r.subject == doc.doc_id for r in issued)
    chrome = "\n".join(doc.text[s.char_start:s.char_end] for s in ingested.cleaned.boilerplate)
    for a in x.agencies:
        for ev in a.mentions:
            assert ev.basis == METADATA or ev.text not in chrome or ev.text in "".join(
                doc.text[b.char_start:b.char_end] for b in ingested.cleaned.body)
    assert "政协云南省委员会" not in names and "刘雄斌" not in names


def test_opinion_targets_2030(opinion):
    _, _, x = opinion
    targets = {(g.target.value, g.target.unit, g.year) for g in x.goals if g.target}
    assert (15.0, "个", 2030) in targets and (40.0, "个", 2030) in targets
    assert not any(g.target and g.target.value == 5e10 for g in x.goals)   # 500亿元 qualifies the counties


@pytest.mark.corpus
def test_government_reports(segmenter, gazetteer):
    if not REPORTS.exists():
        pytest.skip("../shared/corpus-extra absent")
    docs = read_documents(REPORTS)
    by_title = {d.title_hint: i for i, d in enumerate(docs)}
    index = by_title["2025年中华人民共和国国务院政府工作报告"]
    doc, _, x = _run(REPORTS, segmenter, gazetteer, index)
    targets = {(g.target.metric, g.target.value, g.year) for g in x.goals if g.target}
    assert ("国内生产总值增长", 5.0, 2025) in targets
    assert ("城镇调查失业率", 5.5, 2025) in targets
    # The review of 2024 gives facts, never targets.
    assert any(f.year == 2024 and f.target and f.target.value == 134.9e12 for f in x.facts)
    assert not any(g.target and g.target.value == 134.9e12 for g in x.goals)
    for ev in _all_evidence(x):
        assert doc.text[ev.char_start:ev.char_end] == ev.text


def _lineage_fixture():
    from graph.lineage import GoalSite, ProjectMention, key_terms
    from graph.records import Evidence, Goal, Target

    def ev(a):
        return Evidence("p.txt", "d", (), a, a + 10, "x" * 10)

    def goal(gid, statement, places=(), target=None, at=500):
        return Goal(gid, statement, 2025, target, places, ev(at))

    region = "region:d:黔东南"
    goals = [
        GoalSite(goal("g1", "黔东南开发实现新突破", (region, "adcode:1")), (400, 600), "goals", True,
                 key_terms("黔东南开发实现新突破") - {"黔东南"}, 1),
        GoalSite(goal("g2", "旅游业全面转型升级", (region, "adcode:1")), (400, 600), "goals", True,
                 key_terms("旅游业全面转型升级"), 1),
        GoalSite(goal("g3", "黔东南、乙西、丙南、丁北协调发展格局基本形成", ("r1", "r2", "r3", "r4")), (400, 600), "goals",
                 True, key_terms("协调发展格局基本形成"), 4),
        GoalSite(goal("g4", "常住人口达到100万", (), Target("常住人口", 1e6, "人", "≥", "100万"), at=900),
                 (900, 960), "s5", False, key_terms("常住人口达到100万"), 0),
        GoalSite(goal("g5", "城市品质明显提升", (), at=920), (900, 960), "s5", False, key_terms("城市品质明显提升"), 0),
    ]
    project = ProjectMention("p1", "苹果小镇", ev(930), (900, 960), "s5", ("adcode:1",),
                             key_terms("推动黔东南开发") | key_terms("打造省际中心城市"), key_terms("苹果小镇"))
    return project, goals


def test_lineage_keeps_the_links_a_reader_draws():
    from graph.lineage import link_projects_to_goals
    project, goals = _lineage_fixture()
    links = {r.object: r for r in link_projects_to_goals([project], goals, {"s5": ("ch5",)})}
    shown = {gid for gid, r in links.items() if r.confidence >= 0.5}
    # The goal for the project's chapter region and the qualitative goal of its paragraph are shown.
    assert shown == {"g1", "g5"}
    # A goal for every region, or a theme the project does not share, is no link; an unrelated figure in the
    # same paragraph is kept below what answers show.
    assert "g2" not in links and "g3" not in links
    assert links["g4"].confidence < 0.5


def test_seed_plan_lineage_is_selective(plan):
    _, _, x = plan
    served = [r for r in x.relations if r.predicate == "servesGoal"]
    shown = [r for r in served if r.confidence >= 0.5]
    # Per project (named policies made the list longer): fewer than two shown links and three in all.
    assert len(shown) < 2 * len(x.projects) and len(served) < 3 * len(x.projects)
    by_id = {p.project_id: p.name for p in x.projects}
    goals = {g.goal_id: g.statement for g in x.goals}
    pairs = {(by_id[r.subject], goals[r.object]) for r in shown}
    assert ("苹果小镇", "滇东北开发实现新突破") in pairs
    assert not any(goal.startswith("“滇中崛起、沿边开放") for _, goal in pairs)


def test_plan_projects_by_role(plan):
    _, _, x = plan
    names = {p.name for p in x.projects}
    for expected in ("绿色有机农业基地", "苹果小镇", "苹果产业示范园", "昭鲁中心城市", "区域医疗中心", "区域教育中心",
                     "劳务输出基地", "创业孵化基地", "小微企业双创基地", "返乡入乡创业产业园", "技能人才基地",
                     "流域生态廊道", "产业转移承接基地", "水富港对外开放口岸", "水富经济技术开发区",
                     "滇川黔渝区域特色文化旅游目的地", "昆明都市圈"):
        assert expected in names, expected
    for context in ("上海航运中心", "重庆航运中心", "中国(上海)自由贸易试验区", "长江经济带", "成渝地区双城经济圈",
                    "北部湾经济圈", "存量“两高”项目", "开发开放先行区"):
        assert context not in names, context


def test_plan_goal_labels(plan):
    _, _, x = plan
    assert all(len(g.statement) <= 60 for g in x.goals)
    assert not any(g.statement.startswith(("人口、", "人口和")) for g in x.goals)
    growth = {(g.target.metric, g.target.value) for g in x.goals if g.target and "增加值" in g.target.metric}
    assert growth == {("工业增加值年均增速", 12.0), ("高新技术产业增加值年均增速", 18.0)}
    # 滇中新区 is the target's place (a new area the text names), not a part of its metric.
    industry = next(g for g in x.goals if g.target and g.target.metric == "工业增加值年均增速")
    assert "new_area::滇中新区" in industry.place_ids


def test_a_place_qualifying_another_project_is_not_shared(plan):
    _, _, x = plan
    pid = next(p.project_id for p in x.projects if p.name == "大理国家物流枢纽")
    # 昭通(水富)省级重点物流枢纽 is named in the same sentence: 昭通 is its place, not 大理's hub's.
    assert not any(r.subject == pid and r.predicate == "involvesPlace" and r.object == "adcode:530600"
                   for r in x.relations)


def test_a_wrapped_text_layer_is_read_across_its_line_breaks(tmp_path, segmenter, gazetteer):
    """A PDF's lines wrap mid-word: the project and the target on two lines are found, cited by exact offsets."""
    line = "各地要结合实际加快推进相关工作并认真做好组织保障和督促检查"   # 29 characters: the wrap width
    body = "\n".join([line] * 6 + ["各地要结合实际情况认真做好组织保障加快推进中小城市基础网络完善", "工程，全年新增5G基站1 0 0 0座，确保按期完成各项任务", line])
    path = tmp_path / "wrapped.txt"
    path.write_text("关于推进网络建设的通知\n" + body + "\n", encoding="utf-8")
    doc, ingested, x = _run(path, segmenter, gazetteer)
    names = {p.name for p in x.projects}
    assert "中小城市基础网络完善工程" in names
    goal = next(g for g in x.goals if g.target and g.target.metric == "5G基站")
    assert goal.target.value == 1000
    ev = goal.evidence
    assert doc.text[ev.char_start:ev.char_end] == ev.text and "\n" in ev.text

"""Project → place links follow the sentence: the place a project is built in, not every place beside it."""
from __future__ import annotations

import pytest

from graph.extract import extract
from graph.gazetteer import load_gazetteer
from graph.records import SECTION_SCOPE
from ingest.pipeline import ingest_document
from ingest.read import read_documents


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def _links(tmp_path, segmenter, gazetteer, body: str) -> dict[str, set[str]]:
    path = tmp_path / "plan.txt"
    path.write_text("关于加快交通建设的通知\n" + body + "\n", encoding="utf-8")
    x = extract(ingest_document(read_documents(path)[0], segmenter), gazetteer)
    names = {p.project_id: p.name for p in x.projects}
    out: dict[str, set[str]] = {name: set() for name in names.values()}
    places = {p.place_id: p.name for p in x.places}
    for r in x.relations:
        if r.predicate == "involvesPlace" and r.subject in names and r.basis != SECTION_SCOPE:
            out[names[r.subject]].add(places.get(r.object, r.object))
    return out


def test_an_airport_is_not_in_every_prefecture_a_sentence_lists_for_tourism(tmp_path, segmenter, gazetteer):
    links = _links(tmp_path, segmenter, gazetteer,
                   "各地要推动昆明、大理、丽江、西双版纳等地旅游发展，加快建设昭通机场改扩建工程。")
    airport = next(n for n in links if "机场" in n)
    assert any("昭通" in p for p in links[airport])
    assert not any(city in p for p in links[airport] for city in ("大理", "丽江", "西双版纳"))


def test_a_place_inside_the_name_is_the_projects_place(tmp_path, segmenter, gazetteer):
    links = _links(tmp_path, segmenter, gazetteer, "各地要加快建设大理机场改扩建工程，推进丽江旅游发展。")
    airport = next(n for n in links if "机场" in n)
    assert any("大理" in p for p in links[airport]) and not any("丽江" in p for p in links[airport])

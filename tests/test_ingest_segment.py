"""The project's own jieba tokenizer: gazetteer + policy terms + words harvested from documents."""
from __future__ import annotations

import jieba

from ingest.segment import make_segmenter


def test_tokenizer_is_owned_not_global(segmenter):
    assert segmenter.tokenizer is not jieba.dt


def test_punctuation_and_whitespace_are_dropped(segmenter):
    tokens = segmenter.tokenize("推进县域经济，  促进高质量发展！\n“十四五”时期。")
    assert "，" not in tokens and "！" not in tokens and "“" not in tokens
    assert all(t.strip() for t in tokens)
    assert "县域经济" in tokens and "高质量发展" in tokens and "十四五" in tokens


def test_division_short_forms_are_single_tokens(segmenter):
    # 迪庆州 is not in jieba's dictionary: it comes from the administrative-division data.
    assert "迪庆州" in segmenter.tokenize("支持迪庆州发展特色产业")


def test_harvested_names_become_single_tokens(corpus_dir, segmenter):
    text = (corpus_dir / "000_cb38b16a95140957.txt").read_text(encoding="utf-8")
    words = segmenter.harvest(text)
    assert {"滇中城市群", "靖安新区", "滇中引水工程", "兴水润滇"} <= set(words)
    segmenter.learn(words)
    assert "滇中城市群" in segmenter.tokenize("推动滇中城市群发展")
    assert "滇中引水工程" in segmenter.tokenize("加快滇中引水工程建设")
    assert "靖安新区" in segmenter.tokenize("建设靖安新区")
    assert segmenter.harvested >= {"滇中城市群", "靖安新区"}


def test_harvest_ignores_clauses_without_a_place(segmenter):
    words = segmenter.harvest("实施重点工程和民生工程，推进示范区建设。")
    assert "重点工程" not in words and "民生工程" not in words


def test_extra_words_and_cache_reuse(segmenter, segmenter_cache):
    # The session fixture built the dictionary into `segmenter_cache`; these load it from there.
    assert list(segmenter_cache.glob("segmenter.*.cache"))
    first = make_segmenter(extra_words=["甲乙丙丁工程"], cache_dir=segmenter_cache)
    assert "甲乙丙丁工程" in first.tokenize("推进甲乙丙丁工程")
    second = make_segmenter(cache_dir=segmenter_cache)      # loaded from the cache, without the extra word
    assert "甲乙丙丁工程" not in second.tokenize("推进甲乙丙丁工程")
    assert second.tokenize("支持迪庆州发展") == first.tokenize("支持迪庆州发展")

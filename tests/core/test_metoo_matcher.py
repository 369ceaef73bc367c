"""The "me too" matcher (issue 17): Devanagari, Hinglish and English versions of one problem meet.

Figures on the labelled pairs of tests/data (written by hand for this issue; see their README):
metoo_pairs.jsonl (222 pairs, the threshold and concept words were chosen on it) gives precision
0.983 and recall 0.983 at THRESHOLD 0.45; metoo_pairs_holdout.jsonl (67 pairs, written after the
tuning and never tuned on) gives precision 0.971 and recall 0.733: English against Hindi fails
where a word is missing from the concept table, Devanagari against Hinglish rarely does.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpline.tickets import matcher

DATA = Path(__file__).resolve().parents[1] / "data"


def _measure(name: str, threshold: float = matcher.THRESHOLD) -> tuple[float, float]:
    rows = [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    predicted = [(matcher.similarity(r["a"], r["b"]) >= threshold, r["same"]) for r in rows]
    tp = sum(p and y for p, y in predicted)
    fp = sum(p and not y for p, y in predicted)
    fn = sum(y and not p for p, y in predicted)
    return tp / (tp + fp), tp / (tp + fn)


def test_labelled_pairs_precision_and_recall():
    precision, recall = _measure("metoo_pairs.jsonl")
    assert precision >= 0.97 and recall >= 0.97, (precision, recall)


def test_holdout_pairs_precision_and_recall():
    precision, recall = _measure("metoo_pairs_holdout.jsonl")
    assert precision >= 0.95 and recall >= 0.7, (precision, recall)


def test_labelled_sets_are_big_enough_and_balanced():
    rows = [json.loads(line) for line in (DATA / "metoo_pairs.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 150 and 0.3 < sum(r["same"] for r in rows) / len(rows) < 0.7


def test_devanagari_and_hinglish_versions_of_the_ukhimath_outage_meet():
    hindi = "उखीमठ में ट्रांसफार्मर जल गया, बिजली नही है"
    assert matcher.similarity(hindi, "ukhimath mein transformer jal gaya light nahi") >= 0.9
    assert matcher.similarity(hindi, "Transformer burnt in Ukhimath, no power since morning") >= matcher.THRESHOLD
    assert matcher.similarity(hindi, "बिजली का बिल बहुत ज्यादा आया है") < matcher.THRESHOLD


@pytest.mark.parametrize("word, key", [("बिजली", "bjl"), ("bijlee", "bjl"), ("bijali", "bjl"),
                                       ("उखीमठ", "ukmt"), ("ukhimath", "ukmt"), ("नहीं", "nh")])
def test_skeleton_folds_scripts_and_spellings(word, key):
    assert matcher.skeleton(word) == key


def test_signature_is_short_sorted_and_script_free():
    sig = matcher.signature("बिजली नहीं है!! Light NAHI hai")
    assert sig == " ".join(sorted(set(sig.split()))) and all(c.isascii() for c in sig)
    assert matcher.signature("") == "" and matcher.score("", sig) == 0.0

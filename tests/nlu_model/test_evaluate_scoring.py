"""How nlu.evaluate scores a set: department hits, top-3, and intents (a plain complaint label included)."""
from __future__ import annotations

from nlu.evaluate import intent_matches, score


def _result(intent: str, *departments: str) -> dict:
    return {"intent": intent, "department": departments[0] if departments else None,
            "departments": [{"department": d} for d in departments]}


def test_a_complaint_label_matches_what_the_dialogue_takes_as_a_complaint_and_nothing_else() -> None:
    assert intent_matches("file_complaint", _result("complaint_energy", "energy"))
    assert intent_matches("file_complaint", _result("file_complaint"))
    assert intent_matches("file_complaint", _result("nlu_fallback", "energy", "health"))   # routed as unsure
    assert not intent_matches("file_complaint", _result("nlu_fallback"))
    assert not intent_matches("file_complaint", _result("greet"))
    assert intent_matches("complaint_energy", _result("complaint_energy", "energy"))
    assert not intent_matches("complaint_energy", _result("complaint_health", "health"))


def test_score_counts_departments_top3_forms_and_confusions() -> None:
    rows = [{"intent": "file_complaint", "department": "energy", "lang": "en"},
            {"intent": "file_complaint", "department": "health", "lang": "en"},
            {"intent": "greet"}]
    results = [_result("complaint_energy", "energy", "health"),
               _result("complaint_revenue", "revenue", "public_works", "health"),
               _result("out_of_scope")]
    figures = score(rows, results)
    assert figures["n"] == 2
    assert figures["department_accuracy"] == 0.5
    assert figures["top3_accuracy"] == 1.0
    assert figures["intent_accuracy"] == round(2 / 3, 4)
    assert figures["department_accuracy_by_form"] == {"en": 0.5}
    assert figures["confusions"] == [{"expected": "health", "predicted": "revenue", "count": 1}]

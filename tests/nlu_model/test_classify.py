"""The `nlu.classify` contract: one JSON line per text, departments, and entities the dialogue uses."""

from __future__ import annotations

import pytest

from tests.nlu_model.conftest import TEXTS

pytestmark = pytest.mark.rasa

DEPARTMENTS = {
    "energy", "drinking_water", "public_works", "urban_development", "home_police", "health",
    "school_education", "revenue", "food_supply", "social_welfare", "rural_development",
    "panchayati_raj", "forest", "agriculture", "transport", "irrigation", "women_child", "other",
}


def entities(result: dict, kind: str) -> list[str]:
    return [e["value"] for e in result["entities"] if e["entity"] == kind]


@pytest.mark.parametrize("name", list(TEXTS))
def test_every_text_gets_a_contract_line(classified, name):
    result = classified[name]
    assert result["text"] == TEXTS[name]
    assert isinstance(result["intent"], str) and result["intent"]
    assert 0.0 <= result["confidence"] <= 1.0
    assert len(result["departments"]) == 3
    assert {d["department"] for d in result["departments"]} <= DEPARTMENTS
    expected = result["intent"][len("complaint_"):] if result["intent"].startswith("complaint_") else None
    if result["intent"] == "nlu_fallback" and result["department"] is not None:
        # An unsure complaint is routed to the first department offered (nlu/routing.py); the
        # share rule itself is tested in tests/actions/test_fallback_complaint.py.
        expected = result["departments"][0]["department"]
        assert len(result["text"].split()) >= 4
    assert result["department"] == expected
    for entity in result["entities"]:
        assert set(entity) == {"entity", "value", "start", "end"}


@pytest.mark.parametrize("name", ["empty", "blanks"])
def test_nothing_said_is_never_filed_as_a_complaint(classified, name):
    assert classified[name]["department"] is None


@pytest.mark.parametrize(
    ("name", "department"),
    [("energy_hi", "energy"), ("energy_hinglish", "energy"), ("energy_en", "energy"),
     ("water_hinglish", "drinking_water"), ("police_en", "home_police")],
)
def test_plain_complaints_reach_their_department(classified, name, department):
    assert classified[name]["department"] == department


def test_greeting_is_not_a_complaint(classified):
    assert classified["greet"]["intent"] == "greet"
    assert classified["greet"]["department"] is None


@pytest.mark.parametrize("name", ["ticket", "ticket_lower"])
def test_ticket_numbers_come_out_in_the_printed_form(classified, name):
    assert entities(classified[name], "ticket_number") in (["CMH-2026-000123"], ["CMH-2025-004567"])


@pytest.mark.parametrize("name", ["phone", "phone_zero"])
def test_mobile_numbers_come_out_as_ten_digits(classified, name):
    assert entities(classified[name], "phone") == ["9876543210"]


@pytest.mark.parametrize(("name", "rating"), [("rating_digit", "4"), ("rating_stars", "3"), ("rating_words", "5")])
def test_a_rating_message_gives_the_rating(classified, name, rating):
    assert entities(classified[name], "rating") == [rating]


def test_a_number_inside_a_complaint_is_no_rating(classified):
    assert entities(classified["not_rating"], "rating") == []


def test_places_map_to_reference_codes(classified):
    assert entities(classified["district_hi"], "district") == ["tehri_garhwal"]
    assert entities(classified["block_en"], "block") == ["ukhimath"]
    block = next(e for e in classified["block_en"]["entities"] if e["entity"] == "block")
    assert TEXTS["block_en"][block["start"]:block["end"]].lower().startswith("ukhimath")

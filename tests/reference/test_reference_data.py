"""The helpline's reference data: departments, districts and blocks, the demo roster, and the
NLU place lookups generated from them (helpline/reference/*.yaml, data/nlu/places.yml)."""
from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "helpline" / "reference"

BRIEF_DEPARTMENTS = [
    "energy", "drinking_water", "public_works", "urban_development", "home_police", "health",
    "school_education", "revenue", "food_supply", "social_welfare", "rural_development",
    "panchayati_raj", "forest", "agriculture", "transport", "irrigation", "women_child",
]
DISTRICTS = {
    "almora", "bageshwar", "chamoli", "champawat", "dehradun", "haridwar", "nainital",
    "pauri_garhwal", "pithoragarh", "rudraprayag", "tehri_garhwal", "udham_singh_nagar",
    "uttarkashi",
}
SLUG = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
DEVANAGARI = re.compile(r"[\u0900-\u097F]")
LATIN_NAME = re.compile(r"^[A-Z][A-Za-z .()/-]*$")
INDIAN_MOBILE = re.compile(r"^\+91[6-9]\d{9}$")


def _load(name: str) -> dict:
    return yaml.safe_load((REFERENCE / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def departments() -> list[dict]:
    return _load("departments.yaml")["departments"]


@pytest.fixture(scope="module")
def districts() -> list[dict]:
    return _load("districts.yaml")["districts"]


@pytest.fixture(scope="module")
def roster() -> dict:
    return _load("roster_demo.yaml")


@pytest.fixture(scope="module")
def places_module():
    spec = importlib.util.spec_from_file_location("places", ROOT / "nlu" / "places.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _all_blocks(districts):
    return [(d["code"], b) for d in districts for b in d["blocks"]]


def _assert_names(place: dict) -> None:
    assert LATIN_NAME.match(place["name_en"]), place
    assert DEVANAGARI.search(place["name_hi"]) and not re.search(r"[A-Za-z]", place["name_hi"]), place


# --- departments ---------------------------------------------------------------------------

def test_departments_are_the_brief_seventeen_plus_the_routing_desk(departments):
    assert [d["code"] for d in departments] == BRIEF_DEPARTMENTS + ["other"]


def test_every_department_has_english_and_hindi_names(departments):
    for department in departments:
        _assert_names(department)
    energy = next(d for d in departments if d["code"] == "energy")
    assert (energy["name_en"], energy["name_hi"]) == ("Energy (UPCL)", "ऊर्जा (यूपीसीएल)")


def test_level_days_when_given_are_four_sane_limits(departments):
    for department in departments:
        days = department.get("level_days")
        if days is not None:
            assert len(days) == 4 and all(isinstance(n, int) and 1 <= n <= 30 for n in days), department


# --- districts and blocks ------------------------------------------------------------------

def test_all_thirteen_districts_with_their_95_blocks(districts):
    assert {d["code"] for d in districts} == DISTRICTS and len(districts) == 13
    assert all(d["blocks"] for d in districts)
    assert len(_all_blocks(districts)) == 95
    by_code = {d["code"]: {b["code"] for b in d["blocks"]} for d in districts}
    assert by_code["rudraprayag"] == {"augustmuni", "jakholi", "ukhimath"}
    assert by_code["uttarkashi"] == {"bhatwari", "dunda", "chinyalisaur", "naugaon", "purola", "mori"}
    assert len(by_code["pauri_garhwal"]) == 15 and len(by_code["almora"]) == 11


def test_codes_are_slugs_and_unique_state_wide(districts):
    district_codes = [d["code"] for d in districts]
    block_codes = [b["code"] for _, b in _all_blocks(districts)]
    assert len(set(district_codes)) == len(district_codes)
    assert len(set(block_codes)) == len(block_codes), "a block code is used twice"
    assert all(SLUG.match(code) for code in district_codes + block_codes)


def test_every_place_has_hindi_and_english_names_and_alias_list(districts):
    for district in districts:
        _assert_names(district)
        assert isinstance(district.get("aliases", []), list)
        for block in district["blocks"]:
            _assert_names(block)
            assert isinstance(block.get("aliases", []), list)


# --- demo roster ---------------------------------------------------------------------------

def _expected_posts(departments, districts) -> set[str]:
    blocks = next(d["blocks"] for d in districts if d["code"] == "rudraprayag")
    posts = set()
    for code in BRIEF_DEPARTMENTS:
        posts |= {f"{code}.L1.rudraprayag.{b['code']}" for b in blocks}
        posts |= {f"{code}.L2.rudraprayag", f"{code}.L3.state", f"{code}.L4.state"}
    return posts | {"other.L1.rudraprayag", "other.L2.rudraprayag"}


def test_demo_roster_fills_every_post_of_rudraprayag(roster, departments, districts):
    codes = [p["code"] for p in roster["posts"]]
    assert len(codes) == len(set(codes)), "a post is listed twice"
    assert set(codes) == _expected_posts(departments, districts)
    assert [a["post"] for a in roster["district_administrators"]] == ["dm.rudraprayag"]


def test_post_codes_follow_the_contract(roster, departments, districts):
    department_codes = {d["code"] for d in departments}
    blocks = {(d, b["code"]) for d, b in _all_blocks(districts)}
    for post in roster["posts"]:
        assert post["department"] in department_codes
        assert post["level"] in (1, 2, 3, 4)
        if post["district"] is None:
            assert post["level"] >= 3 and post["block"] is None
            expected = f"{post['department']}.L{post['level']}.state"
        else:
            expected = f"{post['department']}.L{post['level']}.{post['district']}"
            if post["block"] is not None:
                assert (post["district"], post["block"]) in blocks
                expected += f".{post['block']}"
        assert post["code"] == expected


def test_officers_have_titles_names_and_distinct_valid_mobiles(roster):
    entries = roster["posts"] + roster["district_administrators"]
    phones = [e["officer"]["phone"] for e in entries]
    names = [e["officer"]["name"] for e in entries]
    assert all(isinstance(p, str) and INDIAN_MOBILE.match(p) for p in phones), phones
    assert len(set(phones)) == len(phones) and len(set(names)) == len(names)
    for entry in entries:
        assert entry["title_en"].strip() and DEVANAGARI.search(entry["title_hi"]), entry


# --- NLU place lookups (data/nlu/places.yml) -----------------------------------------------

def _places_yml() -> tuple[dict[str, list[str]], dict[str, str]]:
    """(lookup name -> entries, lower-cased spelling -> code) as Rasa would read them."""
    data = yaml.safe_load((ROOT / "data" / "nlu" / "places.yml").read_text(encoding="utf-8"))
    assert data["version"] == "3.1"
    lookups, synonyms = {}, {}
    for item in data["nlu"]:
        entries = [line[2:] for line in item["examples"].splitlines() if line.startswith("- ")]
        if "lookup" in item:
            lookups[item["lookup"]] = entries
        else:
            for text in entries:
                previous = synonyms.setdefault(text.lower(), item["synonym"])
                assert previous == item["synonym"], f"{text!r} maps to {previous} and {item['synonym']}"
    return lookups, synonyms


def test_places_yml_is_generated_from_the_current_districts(places_module):
    assert places_module.main(["--check"]) == 0, "run: .venv/bin/python nlu/places.py"


def test_every_spelling_of_a_district_maps_to_its_code(districts, places_module):
    lookups, synonyms = _places_yml()
    for district in districts:
        for text in [district["name_en"], district["name_hi"], *district["aliases"]]:
            assert synonyms.get(text.lower(), text) == district["code"], text
            if text.lower() not in places_module.COMMON_WORDS:
                assert text in lookups["district"] or text.lower() in lookups["district"], text
    # "us nagar palika" is Hinglish for "that town's council", not Udham Singh Nagar.
    assert "us nagar" not in lookups["district"] and "usnagar" in lookups["district"]


def test_every_block_is_reachable_and_shared_names_go_to_the_district(districts):
    lookups, synonyms = _places_yml()
    for text, code in [("Okhimath", "ukhimath"), ("अगस्त्यमुनि", "augustmuni"), ("Jyotirmath", "joshimath"),
                       ("Pauri", "pauri_garhwal"), ("Pauri block", "pauri"), ("पौड़ी ब्लॉक", "pauri"),
                       ("doon", "dehradun"), ("US Nagar", "udham_singh_nagar")]:
        assert synonyms[text.lower()] == code, text
    block_lookup = set(lookups["block"])
    for _, block in _all_blocks(districts):
        assert any(synonyms.get(e.lower()) == block["code"] for e in block_lookup), block["code"]
    # Everyday words must not be tagged as a place in unrelated sentences.
    assert not {"pati", "Pati", "salt", "bin", "घाट"} & block_lookup
    assert "Pauri" not in block_lookup


def test_a_spelling_claimed_by_two_blocks_is_refused(places_module):
    twin = [{"code": "x", "name_en": "X", "name_hi": "क", "aliases": [], "blocks": [
        {"code": "ramgarh", "name_en": "Ramgarh", "name_hi": "रामगढ़", "aliases": []},
        {"code": "ramgadh", "name_en": "Ramgadh", "name_hi": "रामगढ", "aliases": ["ramgarh"]},
    ]}]
    with pytest.raises(places_module.PlaceConflict):
        places_module.build(twin)


def test_nlu_training_examples_name_only_known_places(districts):
    codes = {"district": {d["code"] for d in districts},
             "block": {b["code"] for _, b in _all_blocks(districts)}}
    annotation = re.compile(r"\]\((district|block):([^)]+)\)|\](\{[^}]*\})")
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for match in annotation.finditer(path.read_text(encoding="utf-8")):
            if match.group(1):
                entity, value = match.group(1), match.group(2)
            else:
                spec = json.loads(match.group(3))
                entity, value = spec.get("entity"), spec.get("value")
            if entity in codes and value is not None:
                assert value in codes[entity], f"{path.name}: unknown {entity} {value!r}"

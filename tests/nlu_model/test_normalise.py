"""The normaliser makes Devanagari and Latin spellings of one word meet (run in the Rasa runtime)."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.nlu_model.conftest import RASA_PY, ROOT

SPELLINGS = [
    ["बिजली", "bijli", "bijlee", "bijali", "BIJLIII"],
    ["पानी", "pani", "paani"],
    ["नहीं", "nahi", "nahin", "nahee"],
    ["शिकायत", "shikayat", "shikayaat"],
    ["देहरादून", "dehradun", "Dehradoon"],
]


@pytest.fixture(scope="module")
def keys() -> dict[str, str]:
    if not RASA_PY.exists():
        pytest.skip("the Rasa runtime .venv-rasa is missing: run `make venvs`")
    words = [w for group in SPELLINGS for w in group] + ["१२३", "ticket"]
    code = ("import json,sys; from nlu.normalise import phonetic_key, normalise_word;"
            "w=json.load(sys.stdin); print(json.dumps({x: [phonetic_key(x), normalise_word(x)] for x in w}))")
    run = subprocess.run([str(RASA_PY), "-c", code], input=json.dumps(words), capture_output=True,
                         text=True, cwd=ROOT, timeout=60, check=True)
    return json.loads(run.stdout)


@pytest.mark.parametrize("group", SPELLINGS, ids=lambda g: g[1])
def test_spellings_of_one_word_share_a_phonetic_key(keys, group):
    assert len({keys[w][0] for w in group}) == 1, {w: keys[w][0] for w in group}


def test_different_words_keep_different_keys(keys):
    assert len({keys[g[0]][0] for g in SPELLINGS}) == len(SPELLINGS)


def test_devanagari_digits_become_ascii(keys):
    assert keys["१२३"][1] == "123"

"""Runs `nlu.classify` of the Rasa runtime once per session over every text the tests ask about."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RASA_PY = ROOT / ".venv-rasa" / "bin" / "python"
MODELS = ROOT / "models"

# Written for these tests, never used in training or in the held-out set.
TEXTS = {
    "empty": "",
    "blanks": "    ",
    "no_letters": "!!! ??? 123 ...",
    "emoji": "😡😡😡🙏",
    "long": "हमारे गाँव में बिजली नहीं है और ट्रांसफार्मर खराब है। " * 80,
    "mixed": "bijli नहीं है since 3 days 电 كهرباء",
    "slash": "/greet",
    "energy_hi": "तीन दिन से पूरे मोहल्ले की बिजली गुल है, लाइनमैन फोन नहीं उठाता",
    "energy_hinglish": "bijlee nahin aa rahi teen din se transformer jal gaya",
    "energy_en": "There has been no electricity in our village for three days, the transformer is burnt",
    "water_hinglish": "hamare mohalle mein paani ki supply 5 din se band hai, handpump bhi kharab",
    "police_en": "Someone stole my motorcycle and the police station is refusing to register an FIR",
    "ticket": "mere ticket CMH-2026-000123 ka kya hua",
    "ticket_lower": "status of cmh-2025-004567 please",
    "phone": "my mobile number is +91 98765-43210",
    "phone_zero": "मेरा नंबर 09876543210 है",
    "rating_digit": "4",
    "rating_stars": "⭐⭐⭐",
    "rating_words": "rating 5",
    "not_rating": "3 din se pani nahi aaya",
    "district_hi": "टिहरी जिले के गाँव में सड़क टूट गई है",
    "block_en": "The road to our village in Ukhimath block is blocked by landslide debris",
    "greet": "namaste",
}


@pytest.fixture(scope="session")
def classified() -> dict[str, dict]:
    """name -> the JSON object `nlu.classify` printed for that text."""
    if not RASA_PY.exists():
        pytest.skip("the Rasa runtime .venv-rasa is missing: run `make venvs`")
    if not list(MODELS.glob("*.tar.gz")):
        pytest.skip("no trained Rasa model in models/: run `make train`")
    names = list(TEXTS)
    run = subprocess.run(
        [str(RASA_PY), "-m", "nlu.classify"],
        input="\n".join(TEXTS[n] for n in names) + "\n",
        capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    lines = run.stdout.splitlines()
    assert len(lines) == len(names), f"{len(names)} texts gave {len(lines)} lines:\n{run.stdout[-2000:]}"
    return {name: json.loads(line) for name, line in zip(names, lines)}

"""Phrase banks for nlu/datagen.py, read from nlu/banks/*.txt: what citizens say, in three forms.

Written by hand for this project from the department table of BRIEF.md; never from any evaluation
file. A bank file holds `[section]` headers and one phrase per line (`{p}` a place, `{n}` a number);
`[energy.hi]` is CORES["energy"]["hi"], `[hi]` is OPEN["hi"], `[all]` a plain list.
"""
from __future__ import annotations

from pathlib import Path

BANKS = Path(__file__).with_name("banks")


def _sections(name: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in (BANKS / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("# "):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif current is not None:
            current.append(line)
    return sections


def _nested(name: str) -> dict[str, dict[str, list[str]]]:
    nested: dict[str, dict[str, list[str]]] = {}
    for key, lines in _sections(name).items():
        outer, _, inner = key.partition(".")
        nested.setdefault(outer, {})[inner] = lines
    return nested


def _plain(name: str) -> list[str]:
    return _sections(name)["all"]


CORES = _nested("cores")
OPEN = _sections("open")
CLOSE = _sections("close")
FILLER = _sections("filler")
DURATION = _sections("duration")
HANDLES = _plain("handles")
HASHTAGS = _plain("hashtags")
PLACES = _sections("places")
CITY_EN = _sections("city_en")
VILLAGE_HI = _sections("village_hi")

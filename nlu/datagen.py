"""Generates training examples in the styles citizens really write: `python -m nlu.datagen`.

Writes data/nlu/generated_complaints.yml and data/nlu/generated_conversation.yml from the
hand-written phrase banks of nlu/datagen_banks.py: long messages (greeting first, several
sentences, a misleading aside about another department), speech-like run-ons with fillers and
no punctuation, tweets with @handles and #hashtags, mixed script, and typos; the same for
greetings, thanks, status questions (with and without ticket numbers), questions about the
helpline, abuse and spam. Seeded: the same banks give the same files.
"""

from __future__ import annotations

import pathlib
import random
import re

from nlu.datagen_banks import (CITY_EN, CLOSE, CORES, DURATION, FILLER, HANDLES, HASHTAGS, OPEN, PLACES,
                               VILLAGE_HI)
from nlu.datagen_conversation import conversation_examples

ROOT = pathlib.Path(__file__).resolve().parent.parent
FORMS = ("hi", "en", "hinglish")
PER_FORM = 48   # examples per department and form

# Short names of departments for misleading asides ("the power issue was fixed, now ...").
ASIDE_TOPIC = dict(
    hi={"energy": "बिजली", "drinking_water": "पानी", "public_works": "सड़क", "health": "अस्पताल",
        "school_education": "स्कूल", "revenue": "जमीन", "food_supply": "राशन", "social_welfare": "पेंशन",
        "home_police": "पुलिस", "urban_development": "कूड़े", "forest": "बंदरों"},
    en={"energy": "power", "drinking_water": "water", "public_works": "road", "health": "hospital",
        "school_education": "school", "revenue": "land", "food_supply": "ration", "social_welfare": "pension",
        "home_police": "police", "urban_development": "garbage", "forest": "monkey"},
    hinglish={"energy": "bijli", "drinking_water": "paani", "public_works": "sadak", "health": "hospital",
              "school_education": "school", "revenue": "zameen", "food_supply": "ration", "social_welfare": "pension",
              "home_police": "police", "urban_development": "kooda", "forest": "bandar"},
)
ASIDE = dict(
    hi=["{t} वाली शिकायत तो पिछली बार हल हो गई थी, अब नई परेशानी है", "{t} की कोई दिक्कत नहीं है, असली समस्या ये है कि",
        "{t} वाले भी ऐसे ही हैं पर अभी बात दूसरी है"],
    en=["the {t} issue was sorted last time, this is a new problem", "no issue with {t} here, the real problem is that",
        "not about {t} this time"],
    hinglish=["{t} wali complaint to pichli baar solve ho gayi thi ab nayi problem hai", "{t} ki koi dikkat nahi hai asli problem ye hai ki",
              "{t} ka issue nahi hai is baar"],
)


def _fill(text: str, rng: random.Random, form: str) -> str:
    text = text.replace("{n}", str(rng.choice([2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20])))
    return text.replace("{p}", rng.choice(PLACES[form]))


def _typos(text: str, rng: random.Random, rate: float = 0.04) -> str:
    """Drops, doubles or swaps a few Latin letters, as thumbs do."""
    out = []
    chars = list(text)
    i = 0
    while i < len(chars):
        c = chars[i]
        r = rng.random()
        if c.isascii() and c.isalpha() and r < rate:
            kind = rng.choice(("drop", "double", "swap"))
            if kind == "double":
                out += [c, c]
            elif kind == "swap" and i + 1 < len(chars) and chars[i + 1].isalpha():
                out += [chars[i + 1], c]
                i += 1
            i += 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _join(parts: list[str], form: str, rng: random.Random, punctuate: bool = True) -> str:
    parts = [p for p in parts if p]
    if not punctuate:
        return " ".join(parts)
    sep = rng.choice(["। ", ", ", " "] if form == "hi" else [". ", ", ", " ... ", " "])
    return sep.join(parts)


def complaint(department: str, form: str, style: str, rng: random.Random) -> str:
    """One complaint of the department in the given form and style."""
    cores = CORES[department][form] + (CITY_EN.get(department, []) if form == "en" else []) + \
        (VILLAGE_HI.get(department, []) if form == "hi" else [])
    core = _fill(rng.choice(cores), rng, form)
    second = _fill(rng.choice(cores), rng, form)
    if style == "short":
        text = core if rng.random() < 0.6 else _join([core, _fill(rng.choice(DURATION[form]), rng, form)], form, rng, False)
    elif style == "long":
        parts = [_fill(rng.choice(OPEN[form]), rng, form)]
        if rng.random() < 0.35:
            others = [d for d in ASIDE_TOPIC[form] if d != department]
            parts.append(rng.choice(ASIDE[form]).replace("{t}", ASIDE_TOPIC[form][rng.choice(others)]))
        parts += [core, _fill(rng.choice(DURATION[form]), rng, form)]
        if second != core and rng.random() < 0.6:
            parts.append(second)
        parts.append(rng.choice(CLOSE[form]))
        text = _join(parts, form, rng)
    elif style == "voice":   # speech-like: fillers, repetition, no punctuation
        filler = FILLER[form]
        parts = [rng.choice(filler), _fill(rng.choice(OPEN[form]), rng, form), rng.choice(filler), core,
                 rng.choice(filler), _fill(rng.choice(DURATION[form]), rng, form)]
        if rng.random() < 0.5:
            parts += [rng.choice(filler), second]
        parts.append(rng.choice(CLOSE[form]))
        text = re.sub(r"[,.।!?]", "", _join(parts, form, rng, punctuate=False))
    elif style == "tweet":
        tags = rng.sample(HANDLES, rng.choice([1, 2, 3]))
        hashtags = rng.sample(HASHTAGS, rng.choice([0, 1, 2]))
        body = core[0].upper() + core[1:] if form == "en" else core
        extra = rng.choice(["", "", " Pls look into it.", " Shame!", " Any action?", " @ 3rd complaint.",
                            " Still waiting.", " Kab tak?", " Sleeping administration."])
        order = rng.random()
        text = (" ".join(tags) + " " + body + "." + extra + " " + " ".join(hashtags)) if order < 0.6 else \
               (body + extra + " " + " ".join(tags + hashtags))
    else:   # mixed script: Devanagari opening or closing around a Latin core, or the other way round
        other = "hinglish" if form == "hi" else "hi"
        parts = [_fill(rng.choice(OPEN[other]), rng, other), core, rng.choice(CLOSE[other])]
        text = _join(parts, form, rng)
    if form != "hi" and rng.random() < 0.3:
        text = _typos(text, rng)
    if form == "hinglish" and rng.random() < 0.5:
        text = text.lower()
    return re.sub(r"\s+", " ", text).strip()


STYLES = {"hi": ["short", "short", "long", "long", "voice", "voice", "mixed"],
          "en": ["short", "short", "long", "long", "tweet", "tweet", "voice"],
          "hinglish": ["short", "long", "long", "voice", "voice", "tweet", "mixed"]}


def complaint_examples(seed: int = 1905) -> dict[str, list[str]]:
    """intent -> generated complaint texts (unique)."""
    rng = random.Random(seed)
    out: dict[str, list[str]] = {}
    for department in CORES:
        seen: list[str] = []
        for form in FORMS:
            made = 0
            extra = len(CITY_EN.get(department, [])) if form == "en" else \
                len(VILLAGE_HI.get(department, [])) if form == "hi" else 0
            for _ in range((PER_FORM + 2 * extra) * 5):
                text = complaint(department, form, rng.choice(STYLES[form]), rng)
                if text not in seen:
                    seen.append(text)
                    made += 1
                if made >= PER_FORM + 2 * extra:
                    break
        out[f"complaint_{department}"] = seen
    return out


def write_yaml(path: pathlib.Path, examples: dict[str, list[str]], comment: str) -> None:
    """Rasa 3.1 NLU YAML, one block per intent."""
    lines = ['version: "3.1"', "", *("# " + c for c in comment.splitlines()), "nlu:"]
    for intent, texts in examples.items():
        lines += [f"- intent: {intent}", "  examples: |"]
        lines += [f"    - {t.replace('[', '(').replace(']', ')')}" for t in texts]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    """Writes both generated files."""
    note = "Generated by `python -m nlu.datagen` from nlu/datagen_banks.py; edit the banks, not this file."
    write_yaml(ROOT / "data/nlu/generated_complaints.yml", complaint_examples(), note)
    write_yaml(ROOT / "data/nlu/generated_conversation.yml", conversation_examples(), note)


if __name__ == "__main__":
    main()

"""Leak check: no evaluation text, and no near-copy of one, in the Rasa training data (data/).

Evaluation texts: the shared real sets (/work/shared/eval/*.jsonl, when present) and our own
held-out sets (tests/data/*.jsonl). A near-copy is a training text whose normalised char 5-grams
overlap an evaluation text's with Jaccard >= 0.5, or whose difflib ratio is >= 0.85. Texts under
25 normalised characters ("thank you", "namaste ji") are formulaic and not checked. Pure Python:
runs without the Rasa runtime or a model.
"""
from __future__ import annotations

import collections
import difflib
import json
import os
import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED_EVAL = Path(os.environ.get("HELPLINE_SHARED_EVAL", "/work/shared/eval"))
MIN_CHARS = 25
JACCARD = 0.5
RATIO = 0.85


def normalised(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[^\w\u0900-\u097F\u0A00-\u0A7F]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def grams(text: str, n: int = 5) -> set[str]:
    return {text[i:i + n] for i in range(max(1, len(text) - n + 1))}


def training_texts() -> list[tuple[str, str]]:
    """(file, text) of every example line under data/, entity annotations removed."""
    out = []
    for path in sorted((ROOT / "data").rglob("*")):
        if path.suffix not in (".yml", ".yaml", ".jsonl", ".json", ".md", ".txt") or not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if path.suffix == ".jsonl" and line.startswith("{"):
                line = str(json.loads(line).get("text") or "")
            elif line.startswith("- "):
                line = line[2:]
            line = re.sub(r"\[([^\]]+)\]\{[^}]*\}", r"\1", line)
            if len(normalised(line)) >= MIN_CHARS:
                out.append((str(path.relative_to(ROOT)), line))
    return out


def evaluation_texts() -> list[tuple[str, str]]:
    files = sorted((ROOT / "tests" / "data").glob("*.jsonl"))
    files += sorted(SHARED_EVAL.glob("*.jsonl")) if SHARED_EVAL.is_dir() else []
    out = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                text = str(json.loads(line).get("text") or "")
                if len(normalised(text)) >= MIN_CHARS:
                    out.append((path.name, text))
    return out


def near_copies(evaluation: list[tuple[str, str]], training: list[tuple[str, str]]) -> list[str]:
    """Descriptions of every (evaluation, training) pair that is a copy or near-copy."""
    index: dict[str, list[int]] = collections.defaultdict(list)
    train_grams = []
    for i, (_, text) in enumerate(training):
        g = grams(normalised(text))
        train_grams.append(g)
        for gram in g:
            index[gram].append(i)
    found = []
    for source, text in evaluation:
        norm = normalised(text)
        g = grams(norm)
        shared = collections.Counter(i for gram in g for i in index.get(gram, ()))
        for i, common in shared.most_common(20):
            jaccard = common / len(g | train_grams[i])
            ratio = difflib.SequenceMatcher(None, norm, normalised(training[i][1])).ratio() if jaccard > 0.3 else 0
            if jaccard >= JACCARD or ratio >= RATIO:
                found.append(f"{source}: {text[:60]!r} ~ {training[i][0]}: {training[i][1][:60]!r} "
                             f"(jaccard {jaccard:.2f}, ratio {ratio:.2f})")
    return found


def test_the_check_finds_a_copy_and_a_near_copy() -> None:
    evaluation = [("eval", "the transformer of our village burnt out ten days ago, nobody came")]
    training = [("data/a.yml", "The transformer of our village burnt out 10 days ago, nobody came!"),
                ("data/b.yml", "a leopard took our goat from the courtyard last night")]
    hits = near_copies(evaluation, training)
    assert len(hits) == 1 and "data/a.yml" in hits[0]


def test_no_evaluation_text_or_near_copy_in_training_data() -> None:
    evaluation = evaluation_texts()
    if not evaluation:
        pytest.skip("no evaluation sets found")
    hits = near_copies(evaluation, training_texts())
    assert not hits, f"{len(hits)} evaluation texts leaked into data/:\n" + "\n".join(hits[:30])

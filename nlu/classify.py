"""Classify complaints from the command line: one text per stdin line, one JSON object per line.

Run in the Rasa runtime: `.venv-rasa/bin/python -m nlu.classify [--model PATH] < texts.txt`.
Output: {"text", "intent", "department", "confidence", "departments", "entities"}; see
docs/contracts.md. `departments` holds the three best complaint intents with their raw
(not renormalised) confidences from the model's full intent ranking.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import pathlib
import sys
import warnings
from typing import Any

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from nlu.routing import COMPLAINT_PREFIX, reads_as_complaint

FALLBACK_INTENT = "nlu_fallback"
MODELS_DIR = pathlib.Path(__file__).resolve().parent.parent / "models"


def newest_model(path: str | os.PathLike | None = None) -> pathlib.Path:
    """The given model file, or the newest *.tar.gz in the given folder (default models/)."""
    where = pathlib.Path(path) if path else MODELS_DIR
    if where.is_file():
        return where
    models = sorted(where.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        raise FileNotFoundError(f"no trained model (*.tar.gz) in {where}; run `make train`")
    return models[-1]


def department_of(intent: str | None) -> str | None:
    """`complaint_energy` -> `energy`; None for every other intent."""
    if intent and intent.startswith(COMPLAINT_PREFIX):
        return intent[len(COMPLAINT_PREFIX):]
    return None


def to_result(text: str, parse: dict[str, Any]) -> dict[str, Any]:
    """Shapes Rasa's parse data into the contract's JSON object."""
    intent = (parse.get("intent") or {}).get("name") or FALLBACK_INTENT
    if not text.strip():
        intent = FALLBACK_INTENT  # nothing was said: ask again rather than guess a department
    confidence = float((parse.get("intent") or {}).get("confidence") or 0.0)
    ranking = parse.get("intent_ranking") or []
    departments = [
        {"department": department_of(r["name"]), "confidence": round(float(r["confidence"]), 4)}
        for r in ranking
        if department_of(r.get("name"))
    ][:3]
    entities = [
        {"entity": e["entity"], "value": e["value"], "start": e["start"], "end": e["end"]}
        for e in parse.get("entities") or []
    ]
    department = department_of(intent)
    if intent == FALLBACK_INTENT and departments and reads_as_complaint(text, ranking):
        department = departments[0]["department"]   # what the dialogue offers first (nlu/routing.py)
    return {
        "text": text,
        "intent": intent,
        "department": department,
        "confidence": round(confidence, 4),
        "departments": departments,
        "entities": entities,
    }


class Classifier:
    """A loaded Rasa model that parses texts one at a time."""

    def __init__(self, model: str | os.PathLike | None = None) -> None:
        self.model_path = newest_model(model)
        _quiet_rasa()
        from rasa.core.agent import Agent

        self._loop = asyncio.new_event_loop()
        with contextlib.redirect_stdout(sys.stderr):
            self._agent = Agent.load(str(self.model_path))

    def parse_data(self, text: str) -> dict[str, Any]:
        """Rasa's own parse data for one text ({} if Rasa failed on it)."""
        # A leading "/" would make Rasa read the text as an intent name, not as words.
        safe = text.lstrip("/") if text.startswith("/") else text
        try:
            with contextlib.redirect_stdout(sys.stderr):
                return self._loop.run_until_complete(self._agent.parse_message(safe))
        except Exception:  # noqa: BLE001 - one bad line must not stop a whole batch
            logging.getLogger(__name__).exception("could not parse %r", text[:80])
            return {}

    def parse(self, text: str) -> dict[str, Any]:
        """The contract's JSON object for one text; never raises for any input text."""
        return to_result(text, self.parse_data(text))


def _quiet_rasa() -> None:
    """Keeps stdout for JSON only: Rasa, TensorFlow and structlog talk to stderr or not at all."""
    warnings.filterwarnings("ignore")
    logging.basicConfig(level=logging.ERROR, stream=sys.stderr)
    for name in ("rasa", "tensorflow", "absl", "matplotlib"):
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        import structlog

        structlog.configure(
            wrapper_class=structlog.make_filtering_bound_logger(logging.ERROR),
            logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        )
    except ImportError:
        pass


def main(argv: list[str] | None = None) -> int:
    """Reads stdin line by line and answers each line at once (usable through a pipe)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="model .tar.gz or folder (default: newest in models/)")
    args = parser.parse_args(argv)
    try:
        classifier = Classifier(args.model)
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return 2
    stdin = open(sys.stdin.fileno(), encoding="utf-8", errors="replace", newline="\n", closefd=False)
    for line in stdin:
        text = line.rstrip("\r\n")
        print(json.dumps(classifier.parse(text), ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

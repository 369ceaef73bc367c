"""How fast the NLU model parses one message: median and 95th percentile, parses per second.

Run in the Rasa runtime, pinned to one core:
    taskset -c 0 .venv-rasa/bin/python -m bench.nlu_speed [--model PATH] [--runs 300]
Prints figures; never asserts a time. Texts: the complaints of tests/data/nlu_heldout.jsonl.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import statistics
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "tests" / "data" / "nlu_heldout.jsonl"


def texts() -> list[str]:
    """Held-out complaints (real-looking lengths and scripts), or a few fixed lines."""
    if HELDOUT.exists():
        with open(HELDOUT, encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
        return [r["text"] for r in rows if r.get("department")]
    return ["bijli nahi aa rahi teen din se", "सड़क पर गड्ढे हैं", "no water supply since Monday"]


def main(argv: list[str] | None = None) -> int:
    """Loads the model once, warms up, then times single parses."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="model .tar.gz or folder (default: newest in models/)")
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from nlu.classify import Classifier

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    started = time.perf_counter()
    classifier = Classifier(args.model)
    load_s = time.perf_counter() - started
    sample = texts()
    for text in sample[:20]:
        classifier.parse(text)
    times = []
    for i in range(args.runs):
        text = sample[i % len(sample)]
        start = time.perf_counter()
        classifier.parse(text)
        times.append(time.perf_counter() - start)
    times.sort()
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    print(f"model: {classifier.model_path.name} (loaded in {load_s:.1f} s)")
    print(f"cores available to this process: {cores}"
          + ("" if cores == 1 else " (pin with `taskset -c 0` for a one-core figure)"))
    print(f"parses: {len(times)}; median {statistics.median(times) * 1000:.1f} ms; "
          f"p95 {p95 * 1000:.1f} ms; {len(times) / sum(times):.0f} parses/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

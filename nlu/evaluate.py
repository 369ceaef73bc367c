"""NLU evaluation, run by `make eval-nlu` in the Rasa runtime: cross-validation and held-out sets.

1. `rasa test nlu --cross-validation` on data/nlu: per-intent precision/recall/F1 and the
   confusion matrix picture under reports/nlu/cv/ (summary in reports/nlu/intent_report.md).
2. Department accuracy (overall, per form hi/en/hinglish) and top-3 accuracy on
   tests/data/nlu_heldout.jsonl for the newest model in models/ and the TF-IDF baseline.
3. The same on the real English tweets of /work/shared/eval (evaluation only).
Writes reports/nlu/heldout.json. `--ablation` also trains with/without the normaliser.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time
from typing import Any, Callable, Iterable

ROOT = pathlib.Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "tests" / "data" / "nlu_heldout.jsonl"
REAL_TWEETS = pathlib.Path(os.environ.get("HELPLINE_REAL_TWEETS", "/work/shared/eval/real_tweets_en.jsonl"))
REPORTS = ROOT / "reports" / "nlu"
RASA = pathlib.Path(sys.executable).parent / "rasa"
FORMS = ("hi", "en", "hinglish")
TARGETS = {"accuracy": 0.92, "per_form": 0.88, "top3": 0.98}


def read_jsonl(path: pathlib.Path) -> list[dict[str, Any]]:
    """Rows of a JSON-lines file."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def intent_matches(expected: str, result: dict[str, Any]) -> bool:
    """Same intent; a row labelled only as a complaint (file_complaint, as the real tweets are)
    matches whatever the dialogue takes as a complaint: a complaint intent (ours name the
    department) or an unsure parse routed as one (nlu/routing.py, a department offered)."""
    predicted = result.get("intent")
    if expected == "file_complaint":   # `department` is set for exactly those (nlu.classify.to_result)
        return predicted == "file_complaint" or bool(result.get("department"))
    return predicted == expected


def score(rows: list[dict[str, Any]], results: list[dict[str, Any]]) -> dict[str, Any]:
    """Department accuracy (the model's intent), routing top-1/top-3, intent accuracy, by form."""
    def rate(pairs: list[bool]) -> float | None:
        return round(sum(pairs) / len(pairs), 4) if pairs else None

    by_form: dict[str, list[bool]] = collections.defaultdict(list)
    dept, top1, top3, intent_ok, confusions = [], [], [], [], collections.Counter()
    for row, result in zip(rows, results):
        if row.get("intent"):
            intent_ok.append(intent_matches(row["intent"], result))
        expected = row.get("department")
        if not expected:
            continue
        offered = [d["department"] for d in result["departments"]]
        hit = result["department"] == expected
        dept.append(hit)
        top1.append(offered[:1] == [expected])
        top3.append(expected in offered[:3])
        by_form[row.get("form") or row.get("lang") or "?"].append(hit)
        if not hit:
            confusions[(expected, result["department"] or result["intent"])] += 1
    return {
        "n": len(dept),
        "department_accuracy": rate(dept),
        "department_accuracy_by_form": {f: rate(v) for f, v in sorted(by_form.items())},
        "routing_top1": rate(top1),
        "top3_accuracy": rate(top3),
        "intent_accuracy": rate(intent_ok),
        "intent_n": len(intent_ok),
        "confusions": [
            {"expected": e, "predicted": p, "count": n} for (e, p), n in confusions.most_common()
        ],
    }


def classify_all(parse: Callable[[str], dict], texts: Iterable[str]) -> tuple[list[dict], float]:
    """Contract-shaped results for the texts and the median seconds per parse."""
    from nlu.classify import to_result

    results, times = [], []
    for text in texts:
        start = time.perf_counter()
        results.append(to_result(text, parse(text)))
        times.append(time.perf_counter() - start)
    times.sort()
    return results, times[len(times) // 2] if times else 0.0


def evaluate_sets(model_path: str | None, nlu_path: str) -> dict[str, Any]:
    """Rasa model vs baseline on the held-out set and the real tweets."""
    from nlu.baseline import Baseline, training_examples
    from nlu.classify import Classifier

    rasa_model = Classifier(model_path)
    baseline = Baseline().fit(training_examples(nlu_path))
    report: dict[str, Any] = {"model": str(rasa_model.model_path), "sets": {}}
    sets = {"heldout": HELDOUT}
    if REAL_TWEETS.exists():
        sets["real_tweets_en"] = REAL_TWEETS
    for name, path in sets.items():
        rows = read_jsonl(path)
        texts = [r["text"] for r in rows]
        rasa_results, rasa_median = classify_all(rasa_model.parse_data, texts)
        base_results, _ = classify_all(baseline.parse, texts)
        report["sets"][name] = {
            "file": str(path),
            "rasa": score(rows, rasa_results),
            "baseline": score(rows, base_results),
            "rasa_median_parse_ms": round(rasa_median * 1000, 2),
        }
        if name == "heldout":
            report["robustness_lines_ok"] = all(
                isinstance(r["intent"], str) and len(r["departments"]) == 3 for r in rasa_results
            )
    return report


def print_side_by_side(report: dict[str, Any]) -> None:
    """The held-out figures of Rasa and the baseline in two columns."""
    for name, result in report["sets"].items():
        rasa, base = result["rasa"], result["baseline"]
        print(f"\n== {name} ({rasa['n']} complaints; model {pathlib.Path(report['model']).name})")
        print(f"{'':34}{'rasa':>10}{'baseline':>10}")
        lines = [("department accuracy", "department_accuracy"),
                 ("routing top-1 (departments[0])", "routing_top1"),
                 ("top-3 accuracy", "top3_accuracy"),
                 (f"intent accuracy ({rasa['intent_n']} lines)", "intent_accuracy")]
        for label, key in lines:
            print(f"{label:34}{_fmt(rasa[key]):>10}{_fmt(base[key]):>10}")
        for form in sorted(set(rasa["department_accuracy_by_form"]) | set(base["department_accuracy_by_form"])):
            print(f"{'department accuracy, ' + form:34}"
                  f"{_fmt(rasa['department_accuracy_by_form'].get(form)):>10}"
                  f"{_fmt(base['department_accuracy_by_form'].get(form)):>10}")
        worst = ", ".join(f"{c['expected']}->{c['predicted']} x{c['count']}" for c in rasa["confusions"][:8])
        print(f"rasa confusions (expected->predicted): {worst or 'none'}")
    held = report["sets"]["heldout"]["rasa"]
    checks = {
        "accuracy >= 0.92": (held["department_accuracy"] or 0) >= TARGETS["accuracy"],
        "each form >= 0.88": all((held["department_accuracy_by_form"].get(f) or 0) >= TARGETS["per_form"] for f in FORMS),
        "top-3 >= 0.98": (held["top3_accuracy"] or 0) >= TARGETS["top3"],
        "beats baseline": (held["department_accuracy"] or 0) > (report["sets"]["heldout"]["baseline"]["department_accuracy"] or 0),
    }
    print("\nheld-out targets: " + "; ".join(f"{k}: {'yes' if v else 'NO'}" for k, v in checks.items()))


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def cross_validate(nlu_path: str, config: str, folds: int) -> None:
    """`rasa test nlu --cross-validation`; summarises per-intent P/R/F1 as Markdown."""
    out = REPORTS / "cv"
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [str(RASA), "test", "nlu", "--nlu", nlu_path, "--config", config, "--cross-validation",
         "--folds", str(folds), "--out", str(out), "--quiet"],
        check=True, cwd=ROOT, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"},
    )
    report = json.loads((out / "intent_report.json").read_text(encoding="utf-8"))
    lines = [f"# Intent cross-validation ({folds} folds, `rasa test nlu --cross-validation`)", "",
             "Confusion matrix: `cv/intent_confusion_matrix.png`.", "",
             "| intent | precision | recall | F1 | support |", "| --- | --- | --- | --- | --- |"]
    for intent, m in sorted(report.items()):
        if isinstance(m, dict) and "precision" in m:
            lines.append(f"| {intent} | {m['precision']:.3f} | {m['recall']:.3f} | "
                         f"{m['f1-score']:.3f} | {m['support']} |")
    (REPORTS / "intent_report.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


def ablation(nlu_path: str, config: str) -> dict[str, Any]:
    """Trains with and without the normaliser (same data, seeds) and scores both on the held-out set."""
    import yaml

    base = yaml.safe_load(pathlib.Path(config).read_text(encoding="utf-8"))
    variants = {
        "with normaliser (phonetic keys)": None,
        "normalisation, no phonetic keys": {"phonetic": False},
        "plain WhitespaceTokenizer": "WhitespaceTokenizer",
    }
    rows = read_jsonl(HELDOUT)
    out: dict[str, Any] = {}
    workdir = pathlib.Path(tempfile.mkdtemp(prefix="nlu-ablation-"))
    for label, change in variants.items():
        cfg = json.loads(json.dumps(base))
        cfg.pop("policies", None)
        tokenizer = cfg["pipeline"][0]
        if isinstance(change, dict):
            tokenizer.update(change)
        elif change:
            cfg["pipeline"][0] = {"name": change}
        name = "abl-" + str(len(out))
        cfg_path = workdir / f"{name}.yml"
        cfg_path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
        subprocess.run(
            [str(RASA), "train", "nlu", "--config", str(cfg_path), "--nlu", nlu_path,
             "--out", str(workdir), "--fixed-model-name", name, "--quiet"],
            check=True, cwd=ROOT, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"},
            stdout=subprocess.DEVNULL,
        )
        from nlu.classify import Classifier

        results, _ = classify_all(Classifier(workdir / f"{name}.tar.gz").parse_data, [r["text"] for r in rows])
        out[label] = score(rows, results)
        s = out[label]
        print(f"{label:36} dept {s['department_accuracy']:.3f}  "
              + "  ".join(f"{f} {s['department_accuracy_by_form'].get(f, 0):.3f}" for f in FORMS)
              + f"  top3 {s['top3_accuracy']:.3f}  intent {s['intent_accuracy']:.3f}", flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    """Runs the chosen parts and writes reports/nlu/heldout.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="model .tar.gz or folder (default: newest in models/)")
    parser.add_argument("--nlu", default="data/nlu")
    parser.add_argument("--config", default="config.yml")
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--skip-cv", action="store_true", help="skip the cross-validation")
    parser.add_argument("--ablation", action="store_true", help="also measure the normaliser (3 trainings)")
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    REPORTS.mkdir(parents=True, exist_ok=True)
    if not args.skip_cv:
        cross_validate(args.nlu, args.config, args.folds)
    report = evaluate_sets(args.model, args.nlu)
    print_side_by_side(report)
    if args.ablation:
        report["ablation"] = ablation(args.nlu, args.config)
    path = REPORTS / "heldout.json"
    if not args.ablation and path.exists():
        previous = json.loads(path.read_text(encoding="utf-8"))
        if "ablation" in previous:
            report["ablation"] = previous["ablation"]  # kept from the last --ablation run
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten: {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

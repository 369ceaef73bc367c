"""NLU evaluation (`make eval-nlu`, or `.venv-rasa/bin/python -m nlu.evaluate`): one table, model vs baseline.

Per evaluation set (own held-out sets per language form, the long/messy set, the non-complaint
sets, the real tweets and Hindi voice transcripts of /work/shared/eval, and the reviewed officer
corrections when that file exists): department accuracy, top-3, sure-and-wrong (a complaint
intent above the fallback threshold with the wrong department) and the non-complaint rate (no
department given), for the newest model in models/ and the TF-IDF baseline behind the same
FallbackClassifier thresholds. Then language identification precision/recall.
`--cv` adds Rasa's cross-validation; `--ablation` retrains the ensemble's variants (seconds each).
Writes reports/nlu/heldout.json.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import pathlib
import subprocess
import sys
import time
from typing import Any, Callable, Iterable

ROOT = pathlib.Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "tests" / "data" / "nlu_heldout.jsonl"
HELDOUT_LONG = ROOT / "tests" / "data" / "nlu_heldout_long.jsonl"
NONCOMPLAINT = ROOT / "tests" / "data" / "nlu_noncomplaint.jsonl"
LANGID = ROOT / "tests" / "data" / "langid_heldout.jsonl"
SHARED_EVAL = pathlib.Path(os.environ.get("HELPLINE_SHARED_EVAL", "/work/shared/eval"))
REAL_TWEETS = SHARED_EVAL / "real_tweets_en.jsonl"
REAL_VOICE = SHARED_EVAL / "real_hindi_voice.jsonl"
# Officer corrections reviewed by a person (see nlu/README.md); scored as a further held-out set.
CORRECTIONS = pathlib.Path(os.environ.get("HELPLINE_CORRECTIONS", ROOT / "data" / "corrections_reviewed.jsonl"))
REPORTS = ROOT / "reports" / "nlu"
RASA = pathlib.Path(sys.executable).parent / "rasa"
FORMS = ("hi", "en", "hinglish")


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


NON_COMPLAINT = ("greet", "goodbye", "affirm", "deny", "thank", "ask_help", "check_status", "my_complaints",
                 "feedback_satisfied", "feedback_unsatisfied", "change_language", "out_of_scope")


def evaluation_sets() -> list[tuple[str, pathlib.Path, Callable[[dict], bool]]]:
    """(row label, file, row filter) of every set the table shows; missing files are left out."""
    def form(f: str) -> Callable[[dict], bool]:
        return lambda r: bool(r.get("department")) and r.get("form") == f

    sets = [(f"own short, {f}", HELDOUT, form(f)) for f in FORMS]
    sets += [(f"own long/messy, {f}", HELDOUT_LONG, form(f)) for f in FORMS]
    sets += [("non-complaint, short (nlu_heldout)", HELDOUT, lambda r: r.get("intent") in NON_COMPLAINT),
             ("non-complaint, long+short", NONCOMPLAINT, lambda r: True),
             ("real tweets, en (shared/eval)", REAL_TWEETS, lambda r: bool(r.get("department"))),
             ("real Hindi voice (shared/eval)", REAL_VOICE, lambda r: bool(r.get("department"))),
             ("reviewed officer corrections", CORRECTIONS, lambda r: bool(r.get("department")))]
    return [s for s in sets if s[1].exists()]


def figures(rows: list[dict[str, Any]], results: list[dict[str, Any]]) -> dict[str, Any]:
    """Accuracy, top-3, sure-and-wrong and non-complaint rate of one set (None where it does not apply).

    Complaint rows: accuracy = the department field (what the dialogue routes to), top-3 = the right
    department among the three offered, sure-and-wrong = a complaint intent (no fallback, so no
    buttons) with the wrong department. Non-complaint rows: accuracy = the intent, non-complaint
    rate = no department given, sure-and-wrong = a complaint intent given."""
    def rate(flags: list[bool]) -> float | None:
        return round(sum(flags) / len(flags), 4) if flags else None

    complaint = [(r, x) for r, x in zip(rows, results) if r.get("department")]
    other = [(r, x) for r, x in zip(rows, results) if not r.get("department")]
    sure = lambda x: str(x["intent"]).startswith("complaint_")  # noqa: E731
    if complaint:
        return {"n": len(complaint),
                "accuracy": rate([x["department"] == r["department"] for r, x in complaint]),
                "top3": rate([r["department"] in [d["department"] for d in x["departments"][:3]] for r, x in complaint]),
                "sure_wrong": rate([sure(x) and x["department"] != r["department"] for r, x in complaint]),
                "noncomplaint": None}
    return {"n": len(other),
            "accuracy": rate([x["intent"] == r["intent"] for r, x in other]),
            "top3": None,
            "sure_wrong": rate([sure(x) for r, x in other]),
            "noncomplaint": rate([x["department"] is None for r, x in other])}


def fallback_thresholds(config: str = "config.yml") -> tuple[float, float]:
    """The FallbackClassifier's threshold and ambiguity threshold of the config."""
    import yaml

    pipeline = yaml.safe_load(pathlib.Path(config).read_text(encoding="utf-8"))["pipeline"]
    step = next(c for c in pipeline if c["name"] == "FallbackClassifier")
    return float(step.get("threshold", 0.3)), float(step.get("ambiguity_threshold", 0.1))


def with_fallback(parse: Callable[[str], dict], threshold: float, ambiguity: float) -> Callable[[str], dict]:
    """A parse function behind the same rule as Rasa's FallbackClassifier."""
    def wrapped(text: str) -> dict:
        data = parse(text)
        ranking = data.get("intent_ranking") or []
        if ranking and (ranking[0]["confidence"] < threshold or
                        (len(ranking) > 1 and ranking[0]["confidence"] - ranking[1]["confidence"] < ambiguity)):
            data = {**data, "intent": {"name": "nlu_fallback", "confidence": threshold}}
        return data
    return wrapped


def run_sets(parsers: dict[str, Callable[[str], dict]]) -> dict[str, Any]:
    """Figures of each parser on each set: {set label: {parser name: figures}}, plus raw parses."""
    cache: dict[tuple[str, pathlib.Path], list[dict]] = {}
    table: dict[str, Any] = {}
    for label, path, keep in evaluation_sets():
        rows = read_jsonl(path)
        for name, parse in parsers.items():
            if (name, path) not in cache:
                cache[(name, path)], _ = classify_all(parse, [r["text"] for r in rows])
            picked = [(r, x) for r, x in zip(rows, cache[(name, path)]) if keep(r)]
            table.setdefault(label, {"file": str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)})
            table[label][name] = figures([r for r, _ in picked], [x for _, x in picked])
    return table


def print_table(table: dict[str, Any], names: tuple[str, str] = ("model", "baseline")) -> None:
    """One table: each set with the model's figures next to the baseline's."""
    a, b = names
    head = (f"{'set':38}{'n':>5} | {'accuracy':>15} | {'top-3':>13} | {'sure&wrong':>13} | {'non-complaint':>13}")
    print(head)
    print(f"{'':38}{'':>5} | {a[:7]:>7} {b[:7]:>7} | {a[:6]:>6} {b[:6]:>6} | {a[:6]:>6} {b[:6]:>6} | {a[:6]:>6} {b[:6]:>6}")
    print("-" * len(head))
    for label, row in table.items():
        m, base = row[a], row[b]
        print(f"{label:38}{m['n']:>5} | {_fmt(m['accuracy']):>7} {_fmt(base['accuracy']):>7} | "
              f"{_fmt(m['top3']):>6} {_fmt(base['top3']):>6} | {_pct(m['sure_wrong']):>6} {_pct(base['sure_wrong']):>6} | "
              f"{_fmt(m['noncomplaint']):>6} {_fmt(base['noncomplaint']):>6}")


def language_id_figures(parse: Callable[[str], dict]) -> dict[str, Any]:
    """Precision and recall of foreign-language detection (the parse's `language` field).

    Positives: the foreign lines of tests/data/langid_heldout.jsonl. Negatives: its `read` lines
    plus every line of our own complaint held-out sets (a Hindi/English/Hinglish complaint called
    foreign loses its department)."""
    rows = read_jsonl(LANGID)
    rows += [{"text": r["text"], "language": "read"} for p in (HELDOUT, HELDOUT_LONG, NONCOMPLAINT)
             if p.exists() for r in read_jsonl(p)]
    predicted = [((parse(r["text"]).get("language") or {}).get("code") or "read") for r in rows]
    out: dict[str, Any] = {}
    for lang in ("garhwali", "kumaoni", "punjabi", "nepali", "any foreign"):
        def hit(x: str) -> bool:
            return x != "read" if lang == "any foreign" else x == lang
        tp = sum(1 for r, p in zip(rows, predicted) if hit(r["language"]) and hit(p) and (lang == "any foreign" or True))
        fp = sum(1 for r, p in zip(rows, predicted) if hit(p) and not hit(r["language"]))
        fn = sum(1 for r, p in zip(rows, predicted) if hit(r["language"]) and not hit(p))
        out[lang] = {"precision": round(tp / (tp + fp), 3) if tp + fp else None,
                     "recall": round(tp / (tp + fn), 3) if tp + fn else None, "n": tp + fn}
    out["negatives"] = sum(1 for r in rows if r["language"] == "read")
    return out


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


def ablation(nlu_path: str, threshold: float, ambiguity: float) -> dict[str, Any]:
    """The ensemble's parts, trained directly (no Rasa, seconds each), behind the same fallback."""
    from nlu.baseline import training_examples
    from nlu.intent_model import EnsembleModel

    examples = training_examples(nlu_path)
    hand_only = _hand_written_examples(nlu_path)
    variants = {
        "ensemble (final)": ({}, examples),
        "word LR only": ({"models": ("word",)}, examples),
        "char LR only": ({"models": ("char",)}, examples),
        "SVM only": ({"models": ("svm",)}, examples),
        "no phonetic keys": ({"phonetic": False}, examples),
        "no class weights": ({"class_weight": None}, examples),
        "without generated data": ({}, hand_only),
    }
    results: dict[str, Any] = {}
    for label, (options, data) in variants.items():
        start = time.perf_counter()
        model = EnsembleModel(**options).fit([t for t, _ in data], [i for _, i in data])
        seconds = time.perf_counter() - start

        def parse(text: str, model: Any = model) -> dict:
            ranking = [{"name": n, "confidence": p} for n, p in model.rank(text)]
            return {"text": text, "intent": ranking[0], "intent_ranking": ranking, "entities": []}

        table = run_sets({"v": with_fallback(parse, threshold, ambiguity)})
        results[label] = {"train_seconds": round(seconds, 1), "examples": len(data),
                          **{k: v["v"] for k, v in table.items()}}
        print(f"  {label:26} trained in {seconds:5.1f} s on {len(data)}: " + "; ".join(
            f"{k.split(' (')[0]} {_fmt(v['v']['accuracy'])}/{_pct(v['v']['sure_wrong'])}" for k, v in table.items()), flush=True)
    return results


def _hand_written_examples(nlu_path: str) -> list[tuple[str, str]]:
    """(text, intent) of the training files not written by nlu/datagen.py."""
    from rasa.shared.nlu.training_data.loading import load_data

    out: list[tuple[str, str]] = []
    for path in sorted(pathlib.Path(nlu_path).glob("*.yml")):
        if not path.name.startswith("generated_"):
            out += [(m.get("text"), m.get("intent")) for m in load_data(str(path)).intent_examples
                    if m.get("text") and m.get("intent")]
    return out


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def main(argv: list[str] | None = None) -> int:
    """Prints the table (and, when asked, cross-validation and ablations); writes reports/nlu/heldout.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="model .tar.gz or folder (default: newest in models/)")
    parser.add_argument("--nlu", default="data/nlu")
    parser.add_argument("--config", default="config.yml")
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--cv", action="store_true", help="also run Rasa's cross-validation")
    parser.add_argument("--skip-cv", action="store_true", help=argparse.SUPPRESS)  # the old default
    parser.add_argument("--ablation", action="store_true", help="also train the ensemble's variants")
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    REPORTS.mkdir(parents=True, exist_ok=True)
    if args.cv:
        cross_validate(args.nlu, args.config, args.folds)
    from nlu.baseline import Baseline, training_examples
    from nlu.classify import Classifier

    threshold, ambiguity = fallback_thresholds(args.config)
    model = Classifier(args.model)
    baseline = Baseline().fit(training_examples(args.nlu))
    table = run_sets({"model": model.parse_data, "baseline": with_fallback(baseline.parse, threshold, ambiguity)})
    print(f"model {model.model_path.name}; baseline = TF-IDF char 2-5 + logistic regression on the same "
          f"data/nlu, behind the same fallback ({threshold} / {ambiguity})\n")
    print_table(table)
    languages = language_id_figures(model.parse_data)
    print(f"\nlanguage identification (tests/data/langid_heldout.jsonl; {languages['negatives']} "
          "Hindi/English/Hinglish lines as negatives):")
    for lang in ("garhwali", "kumaoni", "punjabi", "nepali", "any foreign"):
        f = languages[lang]
        print(f"  {lang:12} n {f['n']:>3}  precision {_fmt(f['precision'])}  recall {_fmt(f['recall'])}")
    report = {"model": str(model.model_path), "fallback": [threshold, ambiguity], "sets": table,
              "language_id": languages}
    if args.ablation:
        print("\nablation (accuracy / sure-and-wrong per set):")
        report["ablation"] = ablation(args.nlu, threshold, ambiguity)
    path = REPORTS / "heldout.json"
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten: {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The intent classifier behind `nlu.components.EnsembleIntentClassifier`: plain scikit-learn.

Three linear models over the normalised text and its phonetic keys (nlu/normalise.py), their
probabilities averaged: logistic regression on word 1-2 grams, logistic regression on char_wb
2-5 grams, and a linear SVM on both, calibrated (sigmoid, 3 folds). Classes are weighted so
that the few-example intents count as much as the big ones. No Rasa import: `nlu.evaluate`
trains it directly for the ablations.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC

from nlu.normalise import WORD, normalise_text, phonetic_key

# Numbers and handles carry little meaning but many spellings: one placeholder each, so a
# ticket number reads as "a ticket number" whatever its digits.
_TICKET = re.compile(r"cmh[-\s/]?\d{4}[-\s/]?\d{6}", re.I)
_URL = re.compile(r"https?://\S+|www\.\S+", re.I)
_PHONE = re.compile(r"(?:\+91[\s-]?|\b0)?[6-9](?:[\s-]?\d){9}\b")
_DIGITS = re.compile(r"\d+")
# Social-media marks: "@UPCL_Dehradun #NoPower" reads as the words "upcl dehradun no power".
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")

DEFAULTS = {"C_word": 10.0, "C_char": 10.0, "C_svm": 0.5, "weights": (1.0, 1.0, 1.0),
            "class_weight": "balanced", "phonetic": True, "models": ("word", "char", "svm")}


def prepare(text: str, phonetic: bool = True) -> str:
    """Normalised words, placeholders for numbers, then the phonetic keys of the same words."""
    text = normalise_text(text or "")
    text = _TICKET.sub(" zticketz ", text)
    text = _URL.sub(" zurlz ", text)
    text = _PHONE.sub(" zphonez ", text)
    text = re.sub(r"[#@]\w+", lambda m: " " + _CAMEL.sub(" ", m.group(0)[1:]).replace("_", " ") + " ", text)
    text = _DIGITS.sub(lambda m: " znumz " if len(m.group(0)) > 2 else " zsmallnumz ", text)
    words = [w.lower() for w in WORD.findall(text)]
    if not phonetic:
        return " ".join(words)
    keys = [phonetic_key(w) for w in words if not w.startswith("z") or not w.endswith("z")]
    return " ".join(words) + " | " + " ".join(k for k in keys if k)


class EnsembleModel:
    """Word and char n-gram linear models, probabilities averaged."""

    def __init__(self, **options) -> None:
        self.options = {**DEFAULTS, **options}
        self.classes_: np.ndarray | None = None

    def _vectorizers(self) -> tuple[TfidfVectorizer, TfidfVectorizer]:
        word = TfidfVectorizer(analyzer="word", token_pattern=r"\S+", ngram_range=(1, 2),
                               sublinear_tf=True, min_df=1, dtype=np.float32)
        char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True,
                               min_df=2, dtype=np.float32, max_features=300_000)
        return word, char

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> "EnsembleModel":
        """Learns from raw texts and their intent labels."""
        o = self.options
        prepared = [prepare(t, o["phonetic"]) for t in texts]
        self.word, self.char = self._vectorizers()
        xw = self.word.fit_transform(prepared)
        xc = self.char.fit_transform(prepared)
        self.word.stop_words_ = self.char.stop_words_ = None   # pruned n-grams: megabytes, unused
        y = np.asarray(labels)
        self.classes_ = np.unique(y)
        self.models = {}
        if "word" in o["models"]:
            self.models["word"] = LogisticRegression(
                C=o["C_word"], solver="liblinear", class_weight=o["class_weight"]).fit(xw, y)
        if "char" in o["models"]:
            self.models["char"] = LogisticRegression(
                C=o["C_char"], solver="liblinear", class_weight=o["class_weight"]).fit(xc, y)
        if "svm" in o["models"]:
            svm = LinearSVC(C=o["C_svm"], class_weight=o["class_weight"])
            self.models["svm"] = CalibratedClassifierCV(svm, cv=3, method="sigmoid").fit(
                sp.hstack([xw, xc]).tocsr(), y)
        return self

    def predict_proba(self, texts: Iterable[str]) -> np.ndarray:
        """Rows of class probabilities (columns in `classes_` order)."""
        prepared = [prepare(t, self.options["phonetic"]) for t in texts]
        xw, xc = self.word.transform(prepared), self.char.transform(prepared)
        inputs = {"word": xw, "char": xc, "svm": None}
        weights = dict(zip(("word", "char", "svm"), self.options["weights"]))
        total, weight_sum = 0.0, 0.0
        for name, model in self.models.items():
            x = inputs[name] if name != "svm" else sp.hstack([xw, xc]).tocsr()
            total = total + weights[name] * model.predict_proba(x)
            weight_sum += weights[name]
        return total / weight_sum

    def rank(self, text: str) -> list[tuple[str, float]]:
        """(intent, probability) for every intent, best first."""
        p = self.predict_proba([text])[0]
        order = np.argsort(-p)
        return [(str(self.classes_[i]), float(p[i])) for i in order]

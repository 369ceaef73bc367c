"""Which language is this message in? Char n-gram identification of the ones the model does not read.

Labels: `read` (Hindi, English, Hinglish: what the intent model was trained on), `garhwali`,
`kumaoni`, `nepali` (Devanagari; Nepali also romanised) and `punjabi` (Gurmukhi and romanised).
Char 1-4 grams within words (plus whole words) and a class-weighted logistic regression. The
foreign sentences are our own composition (nlu/langid_sample.py, sources in nlu/README.md); the
`read` class is the project's own training data.
"""

from __future__ import annotations

import re
from typing import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from nlu.normalise import normalise_text

READ = "read"
_GURMUKHI = re.compile(r"[\u0A00-\u0A7F]")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


def _prepare(text: str) -> str:
    text = normalise_text(text or "").lower()
    text = re.sub(r"cmh[-\s/]?\d{4}[-\s/]?\d{6}|https?://\S+|[@#]\w+|\d+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


class LanguageIdentifier:
    """Char n-gram language identifier: `detect(text)` -> (label, probability)."""

    MIN_LETTERS = 12   # shorter texts ("ok", "namaste ji") are never called foreign

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> "LanguageIdentifier":
        """Learns from labelled texts."""
        prepared = [_prepare(t) for t in texts]
        self.char = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True,
                                    min_df=1, dtype=np.float32)
        self.word = TfidfVectorizer(analyzer="word", token_pattern=r"\S+", sublinear_tf=True,
                                    dtype=np.float32)
        x = sp.hstack([self.char.fit_transform(prepared), self.word.fit_transform(prepared)]).tocsr()
        self.model = LogisticRegression(C=20.0, solver="liblinear", class_weight="balanced").fit(x, labels)
        return self

    def fit_default(self, read_texts: Sequence[str] = ()) -> "LanguageIdentifier":
        """Our foreign-language sample against the texts the model reads (default: data/nlu)."""
        from nlu.langid_sample import foreign_sample, read_sample

        foreign = foreign_sample()
        read = list(read_texts) or read_sample()
        return self.fit([t for t, _ in foreign] + read, [lang for _, lang in foreign] + [READ] * len(read))

    def proba(self, text: str) -> dict[str, float]:
        """Probability of each label."""
        prepared = _prepare(text)
        x = sp.hstack([self.char.transform([prepared]), self.word.transform([prepared])]).tocsr()
        return dict(zip(self.model.classes_, map(float, self.model.predict_proba(x)[0])))

    def detect(self, text: str) -> tuple[str, float]:
        """The likeliest label and its probability; `read` for short or letterless texts."""
        if len(_LETTER.findall(text or "")) < self.MIN_LETTERS and not _GURMUKHI.search(text or ""):
            return READ, 1.0
        if _GURMUKHI.search(text):   # no other language of ours is written in Gurmukhi
            return "punjabi", 1.0
        p = self.proba(text)
        best = max(p, key=p.get)
        return best, p[best]

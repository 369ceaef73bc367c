"""The yardstick the Rasa pipeline must beat: TF-IDF char n-grams + logistic regression.

Trained on the same data/nlu examples as Rasa; settings fixed in advance, never tuned on
the held-out set. Gives Rasa-like parse data so `nlu.classify.to_result` shapes both alike.
"""

from __future__ import annotations

from typing import Any

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

from nlu.normalise import normalise_text


def training_examples(nlu_path: str = "data/nlu") -> list[tuple[str, str]]:
    """(text, intent) of every intent example in the Rasa NLU data, annotations removed."""
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(nlu_path)
    return [
        (m.get("text"), m.get("intent"))
        for m in data.intent_examples
        if m.get("text") and m.get("intent")
    ]


class Baseline:
    """Char n-gram TF-IDF (2-5, word-bounded) and a multinomial logistic regression."""

    def __init__(self) -> None:
        self.model = make_pipeline(
            TfidfVectorizer(
                analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True,
                lowercase=True, preprocessor=lambda t: normalise_text(t).lower(),
            ),
            LogisticRegression(C=10.0, max_iter=3000, random_state=1905),
        )

    def fit(self, examples: list[tuple[str, str]]) -> "Baseline":
        """Learns intents from (text, intent) pairs."""
        texts, intents = zip(*examples)
        self.model.fit(list(texts), list(intents))
        return self

    def parse(self, text: str) -> dict[str, Any]:
        """Rasa-shaped parse data: intent and the full ranking."""
        probabilities = self.model.predict_proba([text])[0]
        ranking = sorted(
            ({"name": name, "confidence": float(p)}
             for name, p in zip(self.model.classes_, probabilities)),
            key=lambda r: -r["confidence"],
        )
        return {"text": text, "intent": ranking[0], "intent_ranking": ranking, "entities": []}

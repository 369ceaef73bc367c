"""Custom Rasa 3.6 components: the Hindi/Hinglish-aware tokenizer and the place/number extractor.

`HelplineTokenizer` replaces the WhitespaceTokenizer: it is a tokenizer, so Rasa runs it in
training (`process_training_data`) and at inference (`process`) alike. The message text
itself is never changed (entities and the ticket text need the original), only the tokens.
"""

from __future__ import annotations

import hashlib
import pathlib
import pickle
import re
import unicodedata
from typing import Any, Dict, List, Text

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.featurizers.sparse_featurizer.sparse_featurizer import SparseFeaturizer
from rasa.engine.storage.resource import Resource
from rasa.nlu.extractors.regex_entity_extractor import RegexEntityExtractor
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
import rasa.nlu.utils.pattern_utils as pattern_utils
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu.normalise import normalise_word, phonetic_key

# Rasa caches component outputs by config; the source hash makes a changed normaliser retrain.
_NORMALISER_VERSION = hashlib.sha256(
    (pathlib.Path(__file__).parent / "normalise.py").read_bytes()
).hexdigest()[:12]

# A place name ends where neither a letter, digit nor Devanagari vowel sign follows: `\b`
# fails after a vowel sign (टिहरी, अल्मोड़ा), because Python's `re` does not count it as \w.
_NOT_WORD_BEFORE = r"(?<![\w\u0900-\u097F])"
_NOT_WORD_AFTER = r"(?![\w\u0900-\u097F])"


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False
)
class HelplineTokenizer(WhitespaceTokenizer):
    """Whitespace tokens, normalised, each followed by its shared phonetic key."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """Whitespace defaults plus the phonetic switch (off = normalisation only)."""
        return {
            **WhitespaceTokenizer.get_default_config(),
            "phonetic": True,
            "normalise": True,
            "normaliser_version": _NORMALISER_VERSION,
        }

    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        """Tokens keep the spans of the original words; phonetic keys share those spans."""
        tokens = super().tokenize(message, attribute)
        if not self._config.get("normalise", True):
            return tokens
        result: List[Token] = []
        for token in tokens:
            word = normalise_word(token.text) or token.text
            result.append(Token(word, token.start, token.end))
            if self._config.get("phonetic", True):
                key = phonetic_key(token.text)
                if key and key != word:
                    result.append(Token(key, token.start, token.end))
        return result


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True
)
class HelplineEntityExtractor(RegexEntityExtractor):
    """Regex and lookup entities with script-aware word edges; overlapping matches keep the longest."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """Same options as Rasa's RegexEntityExtractor."""
        return RegexEntityExtractor.get_default_config()

    def train(self, training_data: TrainingData) -> Resource:
        """Regexes as written; lookup tables with edges that also work for Hindi words."""
        patterns = []
        if self._config["use_regexes"]:
            patterns += pattern_utils.extract_patterns(
                training_data, use_lookup_tables=False, use_regexes=True,
                use_only_entities=True,
            )
        if self._config["use_lookup_tables"]:
            for pattern in pattern_utils.extract_patterns(
                training_data, use_lookup_tables=True, use_regexes=False,
                use_only_entities=True, use_word_boundaries=False,
            ):
                body = _longest_first(pattern["pattern"])
                patterns.append(
                    {**pattern, "pattern": _NOT_WORD_BEFORE + body + _NOT_WORD_AFTER}
                )
        self.patterns = patterns
        self.persist()
        return self._resource

    def _extract_entities(self, message: Message) -> List[Dict[Text, Any]]:
        """Matches of Rasa's extractor minus those inside a longer match of the same entity."""
        found = super()._extract_entities(message)
        kept = []
        for entity in found:
            inside_longer = any(
                other is not entity
                and other["entity"] == entity["entity"]
                and other["start"] <= entity["start"]
                and entity["end"] <= other["end"]
                and (other["end"] - other["start"]) > (entity["end"] - entity["start"])
                for other in found
            )
            duplicate = any(
                (k["entity"], k["start"], k["end"]) == (entity["entity"], entity["start"], entity["end"])
                for k in kept
            )
            if not inside_longer and not duplicate:
                kept.append({**entity, "value": canonical_value(entity["entity"], entity["value"])})
        return kept


def canonical_value(entity: str, value: str) -> str:
    """The form the core expects: CMH-2026-000123, ten ASCII phone digits, rating "1".."5"."""
    digits = "".join(str(unicodedata.digit(ch)) for ch in value if ch.isdigit())
    if entity == "ticket_number" and len(digits) == 10:
        return f"CMH-{digits[:4]}-{digits[4:]}"
    if entity == "phone" and len(digits) >= 10:
        return digits[-10:]
    if entity == "rating":
        return digits or str(sum(value.count(star) for star in "⭐★🌟"))
    return value


def _longest_first(alternation: str) -> str:
    """Reorders `(a|b|c)` so longer names win ("Pauri Garhwal" over "Pauri")."""
    inner = alternation[1:-1] if alternation.startswith("(") and alternation.endswith(")") else alternation
    parts = re.split(r"(?<!\\)\|", inner)
    return "(" + "|".join(sorted(parts, key=len, reverse=True)) + ")"


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True
)
class TfidfFeaturizer(SparseFeaturizer, GraphComponent):
    """TF-IDF (sublinear, l2-normalised) of the tokens: unlike raw counts, long and short
    complaints weigh alike. Word or char_wb n-grams over normalised and phonetic tokens."""

    FILE_NAME = "tfidf.pkl"

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """sklearn TfidfVectorizer settings."""
        return {
            **SparseFeaturizer.get_default_config(),
            "analyzer": "char_wb",
            "min_ngram": 2,
            "max_ngram": 5,
            "min_df": 1,
            "max_features": None,
        }

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        """Only the analyzers sklearn knows."""
        if config["analyzer"] not in ("word", "char", "char_wb"):
            raise ValueError(f"TfidfFeaturizer: unknown analyzer {config['analyzer']!r}")

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage,
                 resource: Resource, execution_context: ExecutionContext,
                 vectorizer: Any = None) -> None:
        super().__init__(execution_context.node_name, config)
        self._model_storage = model_storage
        self._resource = resource
        self.vectorizer = vectorizer

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext) -> "TfidfFeaturizer":
        """An untrained featurizer."""
        return cls(config, model_storage, resource, execution_context)

    def _new_vectorizer(self) -> Any:
        from sklearn.feature_extraction.text import TfidfVectorizer

        word = self._config["analyzer"] == "word"
        return TfidfVectorizer(
            analyzer=self._config["analyzer"],
            ngram_range=(self._config["min_ngram"], self._config["max_ngram"]),
            sublinear_tf=True, lowercase=True, min_df=self._config["min_df"],
            max_features=self._config["max_features"], dtype=np.float32,
            # Tokens are already words; \S+ keeps Hindi vowel signs inside them.
            token_pattern=r"\S+" if word else None,
        )

    def train(self, training_data: TrainingData) -> Resource:
        """Fits the vocabulary and IDF on the tokenised training texts."""
        texts = [" ".join(_token_texts(m)) for m in training_data.training_examples if m.get(TEXT)]
        self.vectorizer = self._new_vectorizer().fit(texts or ["-"])
        with self._model_storage.write_to(self._resource) as path:
            with open(path / self.FILE_NAME, "wb") as f:
                pickle.dump(self.vectorizer, f)
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "TfidfFeaturizer":
        """The fitted vectorizer from the model archive."""
        with model_storage.read_from(resource) as path:
            with open(path / cls.FILE_NAME, "rb") as f:
                vectorizer = pickle.load(f)  # noqa: S301 - our own model archive
        return cls(config, model_storage, resource, execution_context, vectorizer)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Features for every training text."""
        self.process(training_data.training_examples)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        """One row per token (sequence) and one for the whole text (sentence)."""
        if self.vectorizer is None:
            return messages
        for message in messages:
            tokens = _token_texts(message)
            if message.get(TEXT) is None or not tokens:
                continue
            sequence = self.vectorizer.transform(tokens).tocoo()
            sentence = self.vectorizer.transform([" ".join(tokens)]).tocoo()
            self.add_features_to_message(sequence, sentence, TEXT, message)
        return messages


def _token_texts(message: Message) -> List[str]:
    return [t.text for t in message.get(TOKENS_NAMES[TEXT]) or []]


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True
)
class EnsembleIntentClassifier(GraphComponent):
    """Intents from word + char n-gram linear models (nlu/intent_model.py); full ranking.

    Trains in seconds where DIET took minutes. A message in a language the model does not
    read (nlu/langid.py: Garhwali, Kumaoni, Punjabi, Nepali) gets `nlu_fallback` whatever
    the ranking says, plus a `language` output property and entity, so that the dialogue
    offers the department buttons and a person instead of a confident wrong guess.
    """

    FILE_NAME = "intent_ensemble.pkl"

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """Model options (nlu.intent_model.DEFAULTS) and the language-ID switch."""
        return {"C_word": 10.0, "C_char": 10.0, "C_svm": 0.5, "phonetic": True,
                "language_id": True, "language_threshold": 0.6,
                "normaliser_version": _NORMALISER_VERSION}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage,
                 resource: Resource, model: Any = None, language_model: Any = None) -> None:
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self.model = model
        self.language_model = language_model

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext) -> "EnsembleIntentClassifier":
        """An untrained classifier."""
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        """Fits the ensemble on every intent example and the language identifier on its sample."""
        from nlu.intent_model import EnsembleModel

        pairs = [(m.get(TEXT), m.get("intent")) for m in training_data.intent_examples
                 if m.get(TEXT) and m.get("intent")]
        texts, intents = zip(*pairs)
        options = {k: self._config[k] for k in ("C_word", "C_char", "C_svm", "phonetic")}
        self.model = EnsembleModel(**options).fit(list(texts), list(intents))
        if self._config["language_id"]:
            from nlu.langid import LanguageIdentifier

            self.language_model = LanguageIdentifier().fit_default(texts)
        with self._model_storage.write_to(self._resource) as path:
            with open(path / self.FILE_NAME, "wb") as f:
                pickle.dump((self.model, self.language_model), f)
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "EnsembleIntentClassifier":
        """The fitted models from the model archive."""
        try:
            with model_storage.read_from(resource) as path:
                with open(path / cls.FILE_NAME, "rb") as f:
                    model, language_model = pickle.load(f)  # noqa: S301 - our own archive
        except (ValueError, FileNotFoundError):
            model, language_model = None, None
        return cls(config, model_storage, resource, model, language_model)

    def process(self, messages: List[Message]) -> List[Message]:
        """Sets intent and the full intent_ranking; forces the fallback for a foreign language."""
        if self.model is None:
            return messages
        for message in messages:
            text = message.get(TEXT) or ""
            ranking = [{"name": n, "confidence": round(p, 6)} for n, p in self.model.rank(text)]
            message.set("intent", ranking[0], add_to_output=True)
            message.set("intent_ranking", ranking, add_to_output=True)
            if self.language_model is None or not text.strip():
                continue
            language, confidence = self.language_model.detect(text)
            if language in FOREIGN_LANGUAGES and confidence >= self._config["language_threshold"]:
                message.set("language", {"code": language, "confidence": round(confidence, 4)},
                            add_to_output=True)
                message.set("intent", {"name": "nlu_fallback", "confidence": 1.0}, add_to_output=True)
                message.set("intent_ranking", [{"name": "nlu_fallback", "confidence": 1.0}] + ranking,
                            add_to_output=True)
                message.set("entities", (message.get("entities") or []) + [{
                    "entity": "language", "value": language, "start": 0, "end": len(text),
                    "confidence": round(confidence, 4), "extractor": "EnsembleIntentClassifier"}],
                    add_to_output=True)
        return messages


# Languages the helpline's agents read but the model does not (nlu/langid.py).
FOREIGN_LANGUAGES = ("garhwali", "kumaoni", "punjabi", "nepali")

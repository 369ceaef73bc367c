"""Text normalisation for Hindi, English and Hinglish: plain functions used by the NLU tokenizer.

`normalise_word` cleans a token (Unicode, Devanagari digits, case, stretched letters);
`phonetic_key` maps a Devanagari or Latin word to one loose Latin key, so that
"बिजली", "bijli", "bijlee" and "bijali" all become "bjli".
"""

from __future__ import annotations

import re
import unicodedata

import regex
from functools import lru_cache

from indic_transliteration import sanscript

DEVANAGARI = re.compile(r"[\u0900-\u097F]")
WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")  # \w alone cuts Hindi words at their vowel signs
_DEVANAGARI_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")
# Zero-width joiners change nothing a reader sees but split otherwise equal words.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff"))
_STRETCHED = regex.compile(r"([\p{L}\p{M}])\1{2,}")
_NUKTA = "\u093c"
_NUKTA_KEPT = re.compile(r"(?<![डढ])" + _NUKTA)  # ड़/ढ़ are letters of their own

# ITRANS marks that do not carry a sound of their own in casual Latin spelling.
_ITRANS_CLEANUP = [
    ("RRi", "ri"), ("RRI", "ri"), ("LLi", "li"),
    (".D", "d"), (".N", "n"), ("~N", "n"), ("~n", "n"), (".n", "n"),
    ("M", "n"), (".h", ""), (".a", ""), ("H", "h"),
]
_LATIN_RULES = [
    (re.compile(r"ch+"), "\x01"),        # keep "ch" apart before c -> k
    (re.compile(r"c"), "k"),
    (re.compile("\x01"), "c"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"w"), "v"),
    (re.compile(r"z"), "j"),
    (re.compile(r"q"), "k"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"sh"), "s"),
    (re.compile(r"([kgcjtdpbr])h"), r"\1"),  # aspirates: dhoodh/dudh, bhi/bi
    (re.compile(r"ee|ii"), "i"),
    (re.compile(r"oo|uu"), "u"),
    (re.compile(r"ai|ei|ay"), "e"),
    (re.compile(r"au|ou|ow"), "o"),
    (re.compile(r"(.)\1+"), r"\1"),
]


def normalise_text(text: str) -> str:
    """NFKC, no invisible joiners, ASCII digits, one nukta rule; length may change."""
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    text = text.translate(_DEVANAGARI_DIGITS)
    text = _NUKTA_KEPT.sub("", text)
    return unicodedata.normalize("NFC", text.replace("\u0901", "\u0902"))  # चाँद = चांद


def normalise_word(word: str) -> str:
    """Normalised, lower-cased word with letters stretched 3+ times cut to two."""
    return _STRETCHED.sub(r"\1\1", normalise_text(word).lower())


@lru_cache(maxsize=50_000)
def phonetic_key(word: str) -> str:
    """Loose Latin key shared by both scripts; empty when the word has no letters."""
    word = normalise_word(word)
    if DEVANAGARI.search(word):
        word = sanscript.transliterate(word, sanscript.DEVANAGARI, sanscript.ITRANS)
        for old, new in _ITRANS_CLEANUP:
            word = word.replace(old, new)
    word = re.sub(r"[^a-z]", "", word.lower())
    if not word:
        return ""
    for pattern, replacement in _LATIN_RULES:
        word = pattern.sub(replacement, word)
    # Short/inherent "a" is written or dropped at will (bijali/bijli, kisaan/kisan).
    word = word[0] + word[1:].replace("a", "")
    # Nasal and breathy endings: nahin/nahi/नहीं, hain/hai, yah/ya.
    if len(word) <= 5:
        word = re.sub(r"(?<=[ieou])n$", "", word)
    if len(word) > 2:
        word = re.sub(r"(?<=[aeiou])h$", "", word)
    return word


def phonetic_form(text: str) -> str:
    """Phonetic keys of all words of a text, space-separated (for inspection and baselines)."""
    keys = (phonetic_key(w) for w in WORD.findall(normalise_text(text)))
    return " ".join(k for k in keys if k)

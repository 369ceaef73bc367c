"""Similarity of complaint texts across Devanagari, Hinglish and English ("me too", issue 17).

`signature(text)` folds a complaint to a short Latin key, stored on the ticket when it is filed:
Devanagari is transliterated letter by letter, every word is cut to its consonant skeleton (the
first letter, then consonants without aspiration: "bijli", "bijlee" and "बिजली" all give "bjl"),
filler words are dropped and the common complaint words of each department are folded to one
concept across scripts ("light", "power", "bijli", "बिजली" -> "#power"). `score(a, b)` compares two
signatures: 0.7 x the weighted Dice overlap of their word sets (a concept counts twice) plus
0.3 x the Jaccard overlap of their character trigrams, from 0 to 1.

How it is measured: tests/data/metoo_pairs.jsonl holds labelled pairs written for this purpose
(same problem / different problem, hi, en and Hinglish, mostly of the same department, since the
lookup compares only tickets of one department); a pair is predicted "same" when its score is at
least THRESHOLD. tests/core/test_metoo_matcher.py asserts the precision and recall measured there;
`bench/metoo_scale.py` prints them.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

THRESHOLD = 0.45   # chosen on tests/data/metoo_pairs.jsonl; checked on metoo_pairs_holdout.jsonl

# ---------------------------------------------------------------- Devanagari -> Latin

_CONSONANTS = {
    "क": "k", "ख": "kh", "ग": "g", "घ": "gh", "ङ": "n", "च": "ch", "छ": "chh", "ज": "j", "झ": "jh",
    "ञ": "n", "ट": "t", "ठ": "th", "ड": "d", "ढ": "dh", "ण": "n", "त": "t", "थ": "th", "द": "d",
    "ध": "dh", "न": "n", "प": "p", "फ": "ph", "ब": "b", "भ": "bh", "म": "m", "य": "y", "र": "r",
    "ल": "l", "व": "v", "श": "sh", "ष": "sh", "स": "s", "ह": "h", "ळ": "l",
    "क़": "k", "ख़": "kh", "ग़": "g", "ज़": "z", "ड़": "r", "ढ़": "rh", "फ़": "f", "य़": "y",
}
_VOWELS = {"अ": "a", "आ": "aa", "इ": "i", "ई": "ii", "उ": "u", "ऊ": "uu", "ऋ": "ri", "ए": "e",
           "ऐ": "ai", "ओ": "o", "औ": "au", "ऑ": "o", "ॲ": "e"}
_SIGNS = {"ा": "aa", "ि": "i", "ी": "ii", "ु": "u", "ू": "uu", "ृ": "ri", "े": "e", "ै": "ai",
          "ो": "o", "ौ": "au", "ॉ": "o", "ॅ": "e"}
_NASAL = {"ं": "n", "ँ": "n", "ः": "h"}
_VIRAMA, _NUKTA = "्", "़"
_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")


def devanagari_to_latin(word: str) -> str:
    """A plain Latin spelling of a Devanagari word (inherent "a" written, nukta letters folded)."""
    word = unicodedata.normalize("NFC", word)
    out: list[str] = []
    pending_a = False
    for ch in word:
        if ch == _NUKTA:
            continue
        if ch in _CONSONANTS:
            if pending_a:
                out.append("a")
            out.append(_CONSONANTS[ch])
            pending_a = True
        elif ch in _SIGNS:
            out.append(_SIGNS[ch])
            pending_a = False
        elif ch == _VIRAMA:
            pending_a = False
        elif ch in _NASAL:
            if pending_a:
                out.append("a")
            out.append(_NASAL[ch])
            pending_a = False
        elif ch in _VOWELS:
            if pending_a:
                out.append("a")
            out.append(_VOWELS[ch])
            pending_a = False
        else:
            if pending_a:
                out.append("a")
            out.append(ch)
            pending_a = False
    # A final inherent "a" is not spoken in Hindi (बिजल -> bijal, not bijala).
    return "".join(out)


# ---------------------------------------------------------------- one word -> its skeleton

_LATIN_RULES = [
    (re.compile(r"ch+"), "\x01"), (re.compile(r"ck"), "k"), (re.compile(r"c"), "k"),
    (re.compile("\x01"), "c"), (re.compile(r"ph"), "f"), (re.compile(r"sh"), "s"),
    (re.compile(r"w"), "v"), (re.compile(r"z"), "j"), (re.compile(r"q"), "k"), (re.compile(r"x"), "ks"),
    (re.compile(r"([kgcjtdpbr])h"), r"\1"),
]
_WORD = re.compile(r"[^\W_]+(?:[\u0900-\u0963\u0966-\u097f]+)*|[\u0900-\u0963\u0966-\u097f]+")
_DEVANAGARI = re.compile(r"[\u0900-\u097f]")


@lru_cache(maxsize=100_000)
def skeleton(word: str) -> str:
    """The word's loose Latin key: first letter, then its consonants (aspiration and doubling dropped)."""
    word = word.lower().translate(_DIGITS)
    if _DEVANAGARI.search(word):
        word = devanagari_to_latin(word)
    if word.isdigit():
        return word
    word = re.sub(r"[^a-z]", "", word)
    if not word:
        return ""
    if len(word) <= 6:   # nasal endings: nahin/nahi/नहीं (nahiin), mein/me
        word = re.sub(r"(?<=[ieou])n$", "", word)
    for pattern, replacement in _LATIN_RULES:
        word = pattern.sub(replacement, word)
    key = word[0] + re.sub(r"[aeiou]", "", word[1:])
    return re.sub(r"(.)\1+", r"\1", key)


# ---------------------------------------------------------------- concepts and filler words

# The words citizens use for the same thing, in any script; one concept each.
CONCEPTS: dict[str, str] = {
    "power": "bijli bijlee bijali light lite lights power electricity current supply vidyut बिजली बिजलि लाइट पावर करंट विद्युत सप्लाई आपूर्ति",
    "transformer": "transformer transformar trasformer tranformer ट्रांसफार्मर ट्रांसफॉर्मर ट्रांसफारमर",
    "burnt": "jal jala jali jale jalgaya burnt burned burn burning blast blasted fuse फुंक फुंका जल जला जली जले",
    "broken": "kharab kharaab kharap toot tuta tooti tuti toota tute broken damaged damage faulty defective खराब टूटा टूटी टूट टूटे",
    "absent_not": "nahi nahin nhi nai no not without bina नहीं नही नहि बिना",
    "water": "pani paani water peyjal पानी पेयजल",
    "pipe": "pipe pipeline paip पाइप पाइपलाइन",
    "leak": "leak leakage leaking rissav risav burst phati phat fati लीक रिसाव फटी फट",
    "dirty": "ganda gandi dirty muddy matmaila gandagi गंदा गन्दा गंदी मटमैला गंदगी",
    "pump": "handpump hand pump हैंडपंप हैंड पंप",
    "tap": "nal tap tonti नल टोंटी",
    "road": "sadak sarak road rasta raasta marg सड़क सडक रास्ता मार्ग",
    "pothole": "gaddha gadda gadde gaddhe gadhe pothole potholes गड्ढा गड्ढे गड्ढों गड्डे",
    "landslide": "landslide malba debris boulder boulders pathar patthar मलबा भूस्खलन पत्थर",
    "blocked": "band closed blocked block jam बंद अवरुद्ध",
    "garbage": "kooda kuda kachra kachara garbage waste trash कूड़ा कूडा कचरा",
    "drain": "nali naali drain drains nala naala sewer sewage नाली नाला सीवर",
    "teacher": "teacher teachers shikshak master masterji adhyapak शिक्षक अध्यापक टीचर मास्टर",
    "missing": "absent gayab anupasthit nahiaate गायब अनुपस्थित",
    "doctor": "doctor doctors daktar dr डॉक्टर डाक्टर चिकित्सक",
    "hospital": "hospital aspatal aspataal chc phc अस्पताल हॉस्पिटल",
    "ambulance": "ambulance 108 एम्बुलेंस एंबुलेंस",
    "medicine": "dawai dawa davai medicine medicines दवाई दवा दवाइयां",
    "ration": "ration rashan राशन",
    "card": "card kard कार्ड",
    "gas": "gas cylinder lpg सिलेंडर गैस",
    "pension": "pension पेंशन",
    "leopard": "guldar leopard tendua bagh tiger गुलदार तेंदुआ बाघ",
    "bear": "bhalu bear भालू",
    "monkey": "bandar monkey monkeys बंदर",
    "boar": "suar boar soor सुअर",
    "crop": "fasal crop crops kheti फसल खेती",
    "bus": "bus roadways रोडवेज बस",
    "meter": "meter मीटर",
    "bill": "bill बिल",
    "lineman": "lineman लाइनमैन",
    "wire": "taar tar wire wires cable तार",
    "pole": "khamba khambha pole खंभा खम्भा",
    "voltage": "voltage वोल्टेज",
    "meal": "khana bhojan meal mdm खाना भोजन",
    "school": "school vidyalaya skool स्कूल विद्यालय",
    "bridge": "pul bridge puliya culvert पुल पुलिया",
    "canal": "gool gul canal nahar गूल नहर",
    "police": "police thana पुलिस थाना",
    "theft": "chori theft stolen चोरी",
    "liquor": "sharab daru liquor शराब दारू",
    "noise": "shor noise dj loudspeaker शोर",
    "wages": "mazdoori majduri wages payment bhugtan मजदूरी भुगतान",
    "mgnrega": "mgnrega nrega manrega मनरेगा",
    "house": "awas aawas house makan आवास मकान",
    "land": "zameen jameen land bhoomi जमीन भूमि",
    "encroach": "kabza kabja encroachment atikraman अतिक्रमण कब्जा",
    "fire": "aag fire आग",
    "tree": "ped tree trees पेड़",
    "stray": "awara stray आवारा",
    "cattle": "gaay cow cows pashu cattle गाय पशु",
    "dog": "kutta kutte dog dogs कुत्ते कुत्ता",
    "seed": "beej seed seeds बीज",
    "fertilizer": "khad urea fertilizer खाद यूरिया",
    "certificate": "certificate praman प्रमाण",
    "licence": "licence license dl लाइसेंस",
    "anganwadi": "anganwadi आंगनवाड़ी आंगनबाड़ी",
    "village": "gaon gaanv village gram गांव गाँव ग्राम",
    "streetlight": "streetlight",
    "fallen": "gir gira giri gire fallen fell collapsed गिर गिरा गिरी गिरे",
    "dark": "andhera andhere dark darkness अंधेरा अँधेरा",
    "roof": "chhat chat roof छत",
    "drip": "tapak tapakta tapak dripping टपक टपकती",
    "building": "bhawan bhavan building इमारत भवन",
    "connection": "connection kanekshan कनेक्शन",
    "apply": "aavedan avedan apply applied application आवेदन",
    "month": "mahine mahina mahino month months महीने महीना महीनों",
    "received": "mila mili mile aayi aaya received receive got मिला मिली मिले आई आया",
    "old_age": "budhapa vriddha vridha vriddhavastha old age बुढ़ापा वृद्धावस्था वृद्ध",
    "forest": "jungle jangal forest van जंगल वन",
    "not_working": "working chal chalta chalti chalte काम चलता चलती",
}
# Concepts common to most complaints of a department: worth a plain word, not a concept.
PLAIN_CONCEPTS = frozenset({"absent_not", "village", "received", "month"})
# Words that carry no complaint (grammar, politeness, time of day).
FILLER = set("""
hai hain he h ka ki ke ko me mein main mai se par pe aur bhi to ho hua hui hue gaya gayi gai gaye
raha rahi rahe rha rhi kar kr kiya diya diye is are was were be been the a an of in on at and or for
our my we i us hamare hamara humare hamari mera meri hum ham has have had please kripya krupya sir
ji shriman yah ye yeh wo woh that this there it its since from din days day se kal aaj subah raat
sham yesterday today morning night evening ghante ghanton hours hour koi kuch sab bahut very all
poora pura whole entire sara saare ek one do two teen three char four paanch five chaar
aa aana aata aati rahaa going coming come came kab when koi any also still abhi tak till until
जा है हैं का की के को में मैं से पर पे और भी तो हो हुआ हुई हुए गया गई गए गयी रहा रही रहे कर किया
दिया हमारे हमारा हमारी मेरा मेरी हम कृपया श्रीमान जी यह ये वह वो दिन दिनों कल आज सुबह रात शाम
घंटे घंटों कोई कुछ सब बहुत पूरा पूरे सारा सारे एक दो तीन चार पांच आ आना आता आती अभी तक भी
""".split())
_CONCEPT_WEIGHT = 2.0


def _tables() -> tuple[dict[str, str], dict[str, str], set[str]]:
    surface: dict[str, str] = {}
    skel: dict[str, str] = {}
    for concept, words in CONCEPTS.items():
        for w in words.split():
            surface[unicodedata.normalize("NFC", w.lower())] = concept
            k = skeleton(w)
            if len(k) >= 2:
                skel.setdefault(k, concept)
    filler_skel = {skeleton(w) for w in FILLER} - set(skel)
    return surface, skel, filler_skel


_SURFACE, _SKELETON_CONCEPT, _FILLER_SKELETON = _tables()
_FILLER = {unicodedata.normalize("NFC", w) for w in FILLER}


def tokens(text: str) -> list[str]:
    """The text's words as concepts ("#power") or skeletons, filler dropped, in order."""
    text = unicodedata.normalize("NFC", str(text or "")).casefold().translate(_DIGITS)
    out: list[str] = []
    for word in _WORD.findall(text):
        if word in _FILLER:
            continue
        if word in _SURFACE:
            out.append("#" + _SURFACE[word])
            continue
        key = skeleton(word)
        if not key:
            continue
        if key in _SKELETON_CONCEPT:
            out.append("#" + _SKELETON_CONCEPT[key])
        elif key not in _FILLER_SKELETON and (len(key) >= 2 or key.isdigit()):
            out.append(key)
    return out


def signature(text: str, limit: int = 400) -> str:
    """The folded text stored on a ticket: its distinct tokens, sorted, space-separated."""
    return " ".join(sorted(set(tokens(text))))[:limit]


def _trigrams(words: set[str]) -> set[str]:
    grams: set[str] = set()
    for w in words:
        padded = f" {w} "
        grams.update(padded[i:i + 3] for i in range(len(padded) - 2))
    return grams


def _weight(token: str) -> float:
    return _CONCEPT_WEIGHT if token.startswith("#") and token[1:] not in PLAIN_CONCEPTS else 1.0


@lru_cache(maxsize=200_000)
def _parts(sig: str) -> tuple[frozenset[str], frozenset[str], float]:
    words = frozenset(sig.split())
    return words, frozenset(_trigrams(set(words))), sum(_weight(w) for w in words)


def score(sig_a: str, sig_b: str) -> float:
    """Similarity of two signatures, 0 (nothing shared) to 1 (the same words)."""
    words_a, grams_a, weight_a = _parts(sig_a)
    words_b, grams_b, weight_b = _parts(sig_b)
    if not words_a or not words_b:
        return 0.0
    shared = sum(_weight(w) for w in words_a & words_b)
    dice = 2 * shared / (weight_a + weight_b)
    jaccard = len(grams_a & grams_b) / len(grams_a | grams_b) if grams_a or grams_b else 0.0
    return round(0.7 * dice + 0.3 * jaccard, 4)


def similarity(text_a: str, text_b: str) -> float:
    """score() of two raw texts."""
    return score(signature(text_a), signature(text_b))

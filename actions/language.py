"""Which language to answer in: Hindi for Devanagari or Hinglish, English for English."""
from __future__ import annotations

import re

_DEVANAGARI = re.compile(r"[\u0900-\u097F]")
_LATIN_WORD = re.compile(r"[a-z]+")

# Words that only Hindi typed in Latin letters uses (ambiguous ones such as "me", "do",
# "main", "to" are left out on purpose: they are English words too).
HINGLISH = frozenset("""
hai hain he h nahi nahin nhi nai ni mera meri mere hamara hamari hamare humara humare
ka ki ke ko se mein par pe kya kyu kyon kyun bhi aur ho hoga raha rahi rahe gaya gayi gya
gyi din dino dinon kal aaj bahut bohot bahot bijli bijlee bijali pani paani sadak sadke
koi kuch kab kaise kaisa haan han ji bhai sahab theek thik karo kare karna kijiye kariye
dijiye chahiye wala wali wale abhi tak liye lekin shikayat shikayaat mujhe hum hume humein
aap aapka aapki apna apni gaon gav gaanv rehne batao bataiye bataye hua hui huyi mila mili
naam mobile wapas jaldi kripya krpya dhanyavad dhanyawad shukriya namaste namaskar accha
acha thi tha the nala naali kachra batti andhera khambha raashan ration pension doctor
""".split()) - {"mobile", "ration", "pension", "doctor"}

ENGLISH = frozenset("""
the is are was were not no in on at of for my our we i there since days day please water
electricity road power with have has been and from this it what status complaint yes want
help village hospital teacher school light lights broken since weeks week months month
problem issue nobody anyone any about would could should can will need thank thanks hello
hi hey name number phone change language english which when where who why how your you
""".split())


def detect_language(text: str | None) -> str | None:
    """'hi' or 'en' for the writing of `text`; None when it gives no clue (names, digits, payloads)."""
    text = (text or "").strip()
    if not text or text.startswith("/"):
        return None
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return None
    devanagari = sum(1 for ch in letters if _DEVANAGARI.match(ch))
    if devanagari * 10 >= len(letters) * 3:
        return "hi"
    words = _LATIN_WORD.findall(text.casefold())
    hinglish = sum(1 for w in words if w in HINGLISH)
    english = sum(1 for w in words if w in ENGLISH)
    if hinglish > english:
        return "hi"
    if english > hinglish:
        return "en"
    return None


def requested_language(text: str | None) -> str | None:
    """The language a citizen names when asking to switch ("in English", "हिंदी में"), else None."""
    folded = (text or "").casefold()
    if re.search(r"english|angrezi|angreji|अंग्रेज़ी|अंग्रेजी|इंग्लिश", folded):
        return "en"
    if re.search(r"hindi|हिंदी|हिन्दी", folded):
        return "hi"
    return None

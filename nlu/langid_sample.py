"""Our labelled sample for language identification: Garhwali, Kumaoni, Nepali and Punjabi.

Phrases composed for this project (not copied from any source), checked for the forms that set
each language apart from Hindi, against the grammars and dictionaries cited in nlu/README.md:
Garhwali `च/छ`, `नी`, `मा`, `बटि`, `ह्वे`, `ब्वे`, `भैजी`, `दौं`, infinitives in `-ण`; Kumaoni
`छ/छु`, `नि`, `न्हैं`, `हैगो`, `इजा`, `दाज्यू`, `भौत`, ergative `-ल/-लै`; Nepali `छैन`, `भएको`,
`-देखि`, `-लाई`, `गर्नुहोस्`, `हजुर`; Punjabi `ਵਿੱਚ/vich`, `ਤੋਂ/ton`, `ਸਾਡੇ/saade`, `ਨੂੰ/nu`.
Sentences are built from the phrase banks below, so the set has many combinations of few parts;
the held-out check (tests/data/langid_heldout.jsonl) was written separately, by hand.
"""

from __future__ import annotations

import pathlib
import random
import re

BANKS: dict[str, dict[str, list[str]]] = {
    "garhwali": {
        "open": ["सेवा लगाणु छौं साब", "भैजी सुणा दौं", "साब जी मेरि बात सुणा", "हे भगवान कख जौं",
                 "नमस्कार साब", "", "", "जी मि {place} बटि बोलणु छौं"],
        "problem": ["हमरा गौं मा {n} दिन बटि बिजली नी च", "धारा मा पाणि नी औणु च",
                    "गौं कु बाटु टुटीं च, गाड़ी नी जाणि सकदी", "मास्टर जी स्कूल मा नी औंदन",
                    "म्यारू राशन कार्ड अबि तक नी बणि", "मेरि ब्वे कि पेंशन छै मैना बटि नी मिलि",
                    "बाघन हमरि बाखरि मारि दे", "बांदरोंन सारि फसल खै दे, कुछ नी बचि",
                    "डाक्टर साब अस्पताल मा कबि नी रैंदन", "पटवारी जी जमीन कि नपत नी कनु छन",
                    "प्रधान जी न हमरु नौं काटि दे", "हैंडपंप खराब ह्वे ग्ये, पाणि कख बटि ल्याण",
                    "ट्रांसफार्मर फुकि ग्ये, सर्या गौं अंधेरा मा च", "ब्याळि रात चोर घौर मा घुसि गेन",
                    "गूल टुटीं च, पुंगड़ों मा पाणि नी पौंछणु", "बस वाळु जादा पैसा मांगणु च",
                    "आंगनबाड़ी मा नौन्याळों कु खाणु नी मिलणु", "मनरेगा कि मजूरी अबि तक नी ऐ",
                    "जंगळ मा आग लगीं च, क्वी बुझाण नी आई", "सड़क मा मलबा पड्यूं च, बाटु बंद ह्वे ग्ये"],
        "time": ["", "", "कत्गा दिन ह्वे ग्येन", "ब्याळि बटि", "{n} मैना ह्वे ग्येन", "अबि तक क्वी नी आई"],
        "close": ["", "जल्दी कुछ कैरा", "कैन नी सुणि", "हम भौत परेशान छवां", "मेरि मदद कैरा दौं",
                  "साब जी देखा दौं", "हमरि सुणवाई कैरा"],
    },
    "kumaoni": {
        "open": ["पैलाग सैप", "दाज्यू मेरि बात सुणौ", "साब जी नमस्कार", "", "", "मैं {place} बटी बुलाणयूं",
                 "हे इजा के करूं"],
        "problem": ["हमर गौं में {n} दिन बटी बिजुली न्हैं", "नौल में पाणि नि ऐ रौ",
                    "गौं क बाट टुटि रौ, गाड़ि नि जै सकनि", "मासाब इस्कूल नि ऊन",
                    "मेरि राशन कार्ड आजि तक नि बणि", "इजा कि पेंशन छै मैण बटी नि मिलि",
                    "बाघैल हमरि बाकरि मारि हालि", "बानरोंल सब फसल खै हालि, के नि बचि",
                    "डाक्टर सैप अस्पताल में कभै नि रौन", "पटवारी ज्यू जमीन कि नाप नि करन लाग रैयीं",
                    "परधान ज्यूल हमर नाम काटि दे", "हैंडपंप खराब हैगो, पाणि कां बटी ल्यूं",
                    "ट्रांसफार्मर फुकि गो, सारै गौं में अन्यार छ", "ब्याल रात चोर घर में घुसि गेयीं",
                    "गूल टुटि गे, खेतों में पाणि नि पुजन", "बस वाल ज्यादा पैंस मांगन लाग रौ",
                    "आंगनबाड़ी में नानतिनों कैं खाण नि मिलन", "मनरेगा कि मजूरी आजि तक नि ऐ",
                    "जंगव में आग लागि रै, क्वे बुझूण नि आय", "सड़क में मलब पड़ि रौ, बाट बंद हैगो"],
        "time": ["", "", "भौत दिन हैगीं", "ब्याल बटी", "{n} मैण हैगीं", "आजि तक क्वे नि आय"],
        "close": ["", "जल्दी के करौ", "कैलै नि सुणि", "हम भौत परेशान छूं", "मेरि मदद करौ दाज्यू",
                  "सैप देखि लियौ", "हमरि सुणाई करौ"],
    },
    "nepali": {
        "open": ["नमस्ते हजुर", "हजुर मेरो कुरा सुन्नुहोस्", "", "", "म {place} बाट बोल्दैछु", "दाइ, एउटा समस्या छ"],
        "problem": ["हाम्रो गाउँमा {n} दिनदेखि बिजुली छैन", "धारामा खानेपानी आएको छैन",
                    "गाउँको सडक भत्किएको छ, गाडी जान सक्दैन", "शिक्षक विद्यालय आउँदैनन्",
                    "मेरो राशन कार्ड अहिलेसम्म बनेको छैन", "आमाको भत्ता छ महिनादेखि पाएको छैन",
                    "चितुवाले हाम्रो बाख्रा मारिदियो", "बाँदरले सबै बाली खाइदियो, केही बाँकी छैन",
                    "डाक्टर अस्पतालमा कहिल्यै हुनुहुन्न", "नापी गर्न कर्मचारी आउनुभएन",
                    "वडा अध्यक्षले हाम्रो नाम काटिदिनुभयो", "धारा बिग्रिएको छ, पानी कहाँबाट ल्याउने",
                    "ट्रान्सफर्मर जलेको छ, पूरै गाउँ अँध्यारोमा छ", "हिजो राति चोर घरमा पसे",
                    "कुलो भत्किएको छ, खेतमा पानी पुग्दैन", "बसवालाले धेरै भाडा लिन्छ",
                    "आँगनबाडीमा बच्चाहरूलाई खाना दिइँदैन", "ज्याला अहिलेसम्म पाएको छैन",
                    "जंगलमा आगो लागेको छ, कोही निभाउन आएन", "सडकमा पहिरो खसेको छ, बाटो बन्द भयो"],
        "time": ["", "", "धेरै दिन भयो", "हिजोदेखि", "{n} महिना भयो", "अहिलेसम्म कोही आएन"],
        "close": ["", "छिटो केही गरिदिनुहोस्", "कसैले सुनेन", "हामी धेरै दुःखमा छौं",
                  "कृपया मद्दत गर्नुहोस्", "हजुर हेरिदिनुहोस्", "हाम्रो उजुरी सुनिदिनुहोस्"],
    },
    "nepali_roman": {
        "open": ["namaste hajur", "hajur mero kura sunnus", "", "", "ma {place} bata boldai chhu"],
        "problem": ["hamro gaun ma {n} din dekhi bijuli chaina", "dhara ma khane pani aayeko chaina",
                    "gaun ko sadak bhatkeko cha, gadi jana sakdaina", "sikshak bidyalaya aaudainan",
                    "mero ration card ahile samma baneko chaina", "aama ko bhatta 6 mahina dekhi payeko chaina",
                    "chituwa le hamro bakhra maridiyo", "bandar le sabai bali khaidiyo",
                    "doctor aspatal ma kahile pani hunuhunna", "hijo rati chor ghar ma pase",
                    "sadak ma pahiro khaseko cha, bato banda bhayo", "jyala ahile samma payeko chaina"],
        "time": ["", "dherai din bhayo", "hijo dekhi", "ahile samma kohi aayena"],
        "close": ["", "chito kehi garidinus", "kasai le sunena", "kripaya maddat garnus", "hajur herdinus"],
    },
    "punjabi_roman": {
        "open": ["sat sri akal ji", "ji meri gal suno", "", "", "main {place} ton bol reha haan", "veer ji"],
        "problem": ["saade pind vich {n} dinaan ton bijli nahi aayi", "tooti vich paani nai aa reha",
                    "pind di sadak tutti hoi aa, gaddi nahi lang sakdi", "master ji school nahi aunde",
                    "mera ration card hale tak nahi baneya", "bebe di pension chhe mahineyan ton nahi mili",
                    "tendue ne saadi bakri maar ditti", "baandaraan ne saari fasal kha layi",
                    "doctor saab hospital vich kade nahi milde", "patwari saadi zameen di minti nahi karda",
                    "sarpanch ne saada naam kat ditta", "nalka kharab ho gaya, paani kitthon liyaiye",
                    "transformer sad gaya, saara pind hanere vich aa", "kal raat chor ghar vich vad gaye",
                    "bus wala zyada kiraya lainda", "dihadi de paise hale tak nahi mile"],
        "time": ["", "bahut din ho gaye", "kal ton", "{n} mahine ho gaye", "hale tak koi nahi aaya"],
        "close": ["", "jaldi kuch karo ji", "koi nahi sunda", "asi bahut pareshan haan",
                  "kirpa karke madad karo", "saadi sunvai karo ji"],
    },
    "punjabi": {
        "open": ["ਸਤ ਸ੍ਰੀ ਅਕਾਲ ਜੀ", "ਜੀ ਮੇਰੀ ਗੱਲ ਸੁਣੋ", "", ""],
        "problem": ["ਸਾਡੇ ਪਿੰਡ ਵਿੱਚ {n} ਦਿਨਾਂ ਤੋਂ ਬਿਜਲੀ ਨਹੀਂ ਆਈ", "ਟੂਟੀ ਵਿੱਚ ਪਾਣੀ ਨਹੀਂ ਆ ਰਿਹਾ",
                    "ਪਿੰਡ ਦੀ ਸੜਕ ਟੁੱਟੀ ਹੋਈ ਹੈ", "ਮਾਸਟਰ ਜੀ ਸਕੂਲ ਨਹੀਂ ਆਉਂਦੇ", "ਮੇਰਾ ਰਾਸ਼ਨ ਕਾਰਡ ਨਹੀਂ ਬਣਿਆ",
                    "ਬੇਬੇ ਦੀ ਪੈਨਸ਼ਨ ਨਹੀਂ ਮਿਲੀ", "ਡਾਕਟਰ ਹਸਪਤਾਲ ਵਿੱਚ ਨਹੀਂ ਮਿਲਦੇ"],
        "time": ["", "ਬਹੁਤ ਦਿਨ ਹੋ ਗਏ", "ਹਾਲੇ ਤੱਕ ਕੋਈ ਨਹੀਂ ਆਇਆ"],
        "close": ["", "ਜਲਦੀ ਕੁਝ ਕਰੋ ਜੀ", "ਕਿਰਪਾ ਕਰਕੇ ਮਦਦ ਕਰੋ"],
    },
}
PLACES = ["टिहरी", "पौड़ी", "चमोली", "अल्मोड़ा", "बागेश्वर", "पिथौरागढ़", "धारचूला", "गैरसैंण",
          "tehri", "pauri", "almora", "chamoli"]


def foreign_sample(per_language: int = 160, seed: int = 1905) -> list[tuple[str, str]]:
    """(text, language) pairs: each language's banks combined, seeded, without duplicates."""
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    for bank_name, bank in BANKS.items():
        language = bank_name.split("_")[0]
        latin = bank_name.endswith("_roman")
        places = [p for p in PLACES if p.isascii() == latin]
        seen: set[str] = set()
        for _ in range(per_language * 4):
            problems = rng.sample(bank["problem"], rng.choice([1, 1, 2]))
            parts = [rng.choice(bank["open"])] + problems + [rng.choice(bank["time"]), rng.choice(bank["close"])]
            text = ", ".join(p for p in parts if p)
            text = text.replace("{n}", str(rng.choice([2, 3, 4, 5, 8, 10, 15]))).replace("{place}", rng.choice(places))
            if text not in seen:
                seen.add(text)
                out.append((text, language))
            if len(seen) >= per_language:
                break
        # Each problem alone too: short messages are the hardest to tell apart.
        out += [(p.replace("{n}", "3"), language) for p in bank["problem"]]
    return out


def read_sample(nlu_dir: str | pathlib.Path = "data/nlu") -> list[str]:
    """Example texts of the Rasa training data (annotations removed), without loading Rasa."""
    texts = []
    for path in sorted(pathlib.Path(nlu_dir).glob("*.yml")):
        if path.name in ("places.yml", "entities.yml"):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("    - "):
                texts.append(re.sub(r"\[([^\]]+)\]\{[^}]*\}", r"\1", line[6:]))
    return texts


"""Non-complaint examples for nlu/datagen.py: greetings, thanks, status, help, abuse and spam.

Hand-written phrase banks, combined with a seed. Status questions carry ticket numbers in the
ways people type them; some name a department ("my electricity complaint"), which must still
read as a status question, not as a new complaint.
"""

from __future__ import annotations

import random


def _l(block: str) -> list[str]:
    return [x.strip() for x in block.strip().splitlines() if x.strip()]


GREET = _l("""
namaste sir kaise hai aap
hello sir good morning, koi hai?
नमस्ते जी, क्या आप मेरी बात सुन रहे हैं
हेलो हेलो कोई है क्या
good evening team, hope you are well
hi there, is this the CM helpline?
राम राम भाई जी
pranam sir ji subah subah pareshan karne ke liye maaf karna
hii
helloooo
नमस्कार मुख्यमंत्री हेल्पलाइन
hello ji koi baat karega
jai hind sir
hey bot
good afternoon, anybody there?
सुप्रभात सर जी
namaskar ji kaise ho
hello is this 1905
हेलो सर प्रणाम
salaam sir
""")
THANK = _l("""
thank you so much sir, my problem got solved
bahut bahut dhanyawad aapka, bijli aa gayi
धन्यवाद साहब, आपकी वजह से हमारा काम हो गया
thanks a lot, the road repair has started
shukriya ji
thanks for the quick help 🙏
आपका बहुत आभार, पेंशन खाते में आ गई
thnx
thank u helpline team, great work
dhanyavad sir ji aapne sunwai ki
बहुत अच्छा काम किया आपने, धन्यवाद
thanks, the hand pump is working now
ok thanks
बहुत शुक्रिया
thank you CM sir, the water supply is back
shukriya bhai, kaam ho gaya
great service, thank you very much
aapka bahut bahut shukriya meri shikayat pe turant action hua
धन्यवाद जी, राशन मिल गया
thanks a ton, ambulance aa gayi thi time pe
sir aapne jo madad ki uske liye dil se dhanyavad, hamare gaon me ab transformer lag gaya hai
आप लोगों का बहुत बहुत धन्यवाद, सालों से टूटी सड़क आखिरकार बन गई, पूरे गाँव की तरफ से आभार
thank you for resolving my complaint so fast, the garbage was cleared the same day
shukriya aapka, ration dealer ne ab pura ration dena shuru kar diya
""")
STATUS = _l("""
mere ticket {t} ka kya hua
{t} - where has this reached
{t} status please
मेरी शिकायत {t} की क्या स्थिति है
complaint no {t} abhi tak solve kyu nahi hua
{t}
{t} kab tak hoga
sir {t} wali shikayat ka kuch hua ki nahi
any update on {t}?
शिकायत संख्या {t} पर क्या कार्रवाई हुई
my complaint {t} is still pending, what happened
{t} ka status batao
meri bijli wali complaint ka kya hua
what happened to my complaint about the water supply
मेरी सड़क वाली शिकायत का क्या हुआ
pichle hafte jo shikayat ki thi uska status kya hai
any news about my grievance
meri complaint ka status check karna hai
मेरी शिकायत कहाँ तक पहुंची
how long will it take to resolve my complaint
complaint kiye 10 din ho gaye kuch update?
pension wali shikayat ka kya hua sir
status of my ration card complaint please
मैंने कल शिकायत की थी, उसका क्या हुआ
ticket number {t} track karna hai
has any officer looked at my complaint {t} yet
{t} ke bare me jankari chahiye
क्या मेरी शिकायत {t} किसी अधिकारी को भेजी गई
i filed {t} last month, no response yet, what is the status
mera ticket {t} band kyu kar diya
sir maine 15 din pehle pani ki shikayat darj karayi thi, koi officer aaya hi nahi, uska status kya hai
मैंने पिछले हफ्ते बिजली के बिल की शिकायत दर्ज की थी, अभी तक कोई जवाब नहीं आया, बताइए क्या हुआ
I had complained about the broken road near my house last month, could you check what happened to it
meri complaint ka kuch pata chala kya, koi message nahi aaya
kal jo complaint ki thi wo kis officer ke paas gayi hai
आपने मेरी शिकायत बंद कर दी पर काम तो हुआ ही नहीं, उसका क्या हुआ
my ticket shows resolved but nothing was done, what is going on
complaint number mere paas nahi hai, mobile number se status bata do
मेरी शिकायत का नंबर भूल गया हूँ, स्थिति कैसे देखूं
how can I check the progress of the grievance I filed
""")
MY = _l("""
meri saari shikayatein dikhao
show all my complaints
मेरी सभी शिकायतें दिखाइए
list my tickets
mere kitne ticket khule hai
मेरी कितनी शिकायतें लंबित हैं
my complaints
meri complaints ki list
show my open tickets please
मेरे सारे टिकट
""")
HELP = _l("""
ye helpline kya karti hai
what can I complain about here
इस हेल्पलाइन पर कौन सी शिकायत कर सकते हैं
how do i file a complaint
shikayat kaise darj kare
1905 pe call kaise karte hai
is this service free
क्या यहाँ हिंदी में लिख सकते हैं
help
madad chahiye
मदद
what are the working hours of the helpline
can i complain on behalf of my father
kya mai photo bhej sakta hu
शिकायत करने के लिए क्या क्या चाहिए
how many days does it take to resolve a complaint
can I talk to a human officer
kisi insaan se baat karni hai
मुझे किसी अधिकारी से बात करनी है
how does this bot work
""")
OOS = _l("""
aaj mausam kaisa rahega
who will win the cricket match today
tum bekar ho bilkul
you are a useless bot
bakwas band karo
बकवास मत करो
chutiya bot
tell me a joke
how far is the moon from earth
earn 5000 daily from home click this link
congratulations you have won a lottery of 25 lakh, send your bank details
free recharge ke liye link pe click kare
i love you
kya tum insaan ho
मुझे शादी के लिए लड़की चाहिए
bitcoin invest karo double paisa
movie ticket book karo
pizza order karna hai
mera mobile recharge kar do
shut up
पागल हो क्या
asdfgh
ok
hmm
test
lol
???
🙏🙏
sab chor hai sarkar me
ye sarkar kisi kaam ki nahi hai, har baar chunav me vaade karte ho fir bhool jaate ho
आप लोग सिर्फ नाम के लिए हेल्पलाइन चलाते हो, किसी काम के नहीं हो
your helpline is a joke, nobody ever picks up and you just waste everyone's time
forward this message to 10 groups and get free 5GB data, offer valid today only
dear customer your electricity connection will be cut tonight, call this number to update KYC
हमारी कंपनी में घर बैठे पार्ट टाइम जॉब, रोज के 3000 कमाएं, अभी संपर्क करें
loan approved instantly without documents, click the link to claim
bhai koi achha sa gaana sunao, bore ho raha hu
मुझे बताओ अगले साल चुनाव कब होंगे
who is the chief minister of uttarakhand
what is your name, are you a robot or a real person
तुम्हें किसने बनाया
koi mujhe girlfriend dila do
I am bored, talk to me
ye sab natak band karo, kuch nahi hone wala
bakwas helpline hai tumhari, sharam karo
good night sweet dreams
jai shri ram
happy diwali to all the staff
kitne baje ho rahe hai abhi
mera ek sawaal hai, chai kaise banate hai
sarkar kuch nahi karti bas vote lene aate ho
kaun banega crorepati
""")
GOODBYE = _l("""
ok bye
chalo bye sir
अच्छा जी नमस्ते, चलता हूँ
bye, have a good day
acha ji ab rakhta hu
""")
TICKETS = ["CMH-2026-000123", "cmh-2026-004512", "CMH 2026 000871", "CMH2026001290", "cmh-2025-017733",
           "CMH-2026-100045", "cmh 2026 020202", "CMH-2025-000009"]
PREFIX = dict(greet=["", "", "sir ", "जी "], thank=["", "", "sir ", "ji "],
              check_status=["", "", "namaste sir ", "hello ", "नमस्ते जी ", "sir please ", "good morning, "],
              my_complaints=["", "", "hello ", "sir "], ask_help=["", "", "hello ", "sir ", "नमस्ते, "],
              out_of_scope=["", "", "", "oye "], goodbye=[""])
SUFFIX = dict(greet=["", "", " 🙏", " ji"], thank=["", "", " 🙏", " ji", "!!"],
              check_status=["", "", " please", " jaldi batao", " कृपया बताएं", " sir", "??", " 10 din ho gaye"],
              my_complaints=["", "", " please", " ji"], ask_help=["", "", " please", "?", " ji"],
              out_of_scope=["", "", "!!", " haha"], goodbye=[""])


def conversation_examples(seed: int = 1905) -> dict[str, list[str]]:
    """intent -> texts: every bank line once, then prefixed/suffixed variants and ticket numbers."""
    rng = random.Random(seed)
    banks = {"greet": GREET, "thank": THANK, "check_status": STATUS, "my_complaints": MY,
             "ask_help": HELP, "out_of_scope": OOS, "goodbye": GOODBYE}
    out: dict[str, list[str]] = {}
    for intent, bank in banks.items():
        texts: list[str] = []
        rounds = 4 if intent == "check_status" else 2
        for _ in range(rounds):
            for line in bank:
                text = (rng.choice(PREFIX[intent]) + line + rng.choice(SUFFIX[intent])).strip()
                text = text.replace("{t}", rng.choice(TICKETS))
                if text not in texts:
                    texts.append(text)
        out[intent] = texts
    # Greeting or thanks first, then the real question: the question decides.
    for _ in range(40):
        opener = rng.choice(["namaste sir", "नमस्ते जी", "hello", "good morning sir", "pranam ji"])
        line = rng.choice(STATUS).replace("{t}", rng.choice(TICKETS))
        text = f"{opener}, {line}"
        if text not in out["check_status"]:
            out["check_status"].append(text)
    return out

"""The texts only the portal's pages show, in Hindi ("hi") and English ("en").

Words the whole helpline shares (state names) come from helpline/texts.py, the one vocabulary.
"""
from __future__ import annotations

from helpline.texts import LANGUAGES, MESSAGES

TEXTS: dict[str, dict[str, str]] = {
    "site.title": {"en": "CM Helpline 1905", "hi": "सीएम हेल्पलाइन 1905"},
    "site.switch": {"en": "हिन्दी", "hi": "English"},
    "chat.heading": {"en": "File or track a complaint", "hi": "शिकायत दर्ज करें या स्थिति जानें"},
    "chat.welcome": {"en": "Namaste! Write your complaint in Hindi or English, or ask the status of a complaint "
                           "by its number (e.g. CMH-2026-000123).",
                     "hi": "नमस्ते! अपनी शिकायत हिन्दी या अंग्रेज़ी में लिखें, या शिकायत संख्या "
                           "(जैसे CMH-2026-000123) से उसकी स्थिति पूछें।"},
    "chat.placeholder": {"en": "Type your message…", "hi": "अपना संदेश लिखें…"},
    "chat.send": {"en": "Send", "hi": "भेजें"},
    "chat.location": {"en": "Share location", "hi": "स्थान भेजें"},
    "chat.location_sent": {"en": "Location shared.", "hi": "स्थान भेज दिया गया।"},
    "chat.location_failed": {"en": "The location could not be read.", "hi": "स्थान पढ़ा नहीं जा सका।"},
    "chat.photo": {"en": "Send photo", "hi": "फ़ोटो भेजें"},
    "chat.photo_sent": {"en": "Photo sent.", "hi": "फ़ोटो भेज दी गई।"},
    "chat.photo_failed": {"en": "Only a JPEG or PNG photo up to 5 MB can be sent.",
                          "hi": "केवल 5 MB तक की JPEG या PNG फ़ोटो भेजी जा सकती है।"},
    "chat.wait": {"en": "Please wait…", "hi": "कृपया प्रतीक्षा करें…"},
    "chat.new_complaint": {"en": "New complaint", "hi": "नई शिकायत"},
    "chat.my_complaints": {"en": "My complaints", "hi": "मेरी शिकायतें"},
    "chat.error": {"en": "Sorry, the message could not be sent. Please try again, or call 1905.",
                   "hi": "क्षमा करें, संदेश नहीं भेजा जा सका। कृपया फिर प्रयास करें या 1905 पर कॉल करें।"},
    "chat.too_many": {"en": "You are sending messages faster than we can read them. Please wait a minute "
                            "and send it again, or call 1905.",
                      "hi": "आप बहुत जल्दी-जल्दी संदेश भेज रहे हैं। कृपया एक मिनट रुककर फिर भेजें, या 1905 पर कॉल करें।"},
    "chat.too_many_sessions": {"en": "Too many new chats were started from this connection. Please try again "
                                     "in an hour, or call 1905.",
                               "hi": "इस कनेक्शन से बहुत अधिक नई चैट शुरू की गईं। कृपया एक घंटे बाद प्रयास करें, "
                                     "या 1905 पर कॉल करें।"},
    "chat.too_many_photos": {"en": "No more photos can be sent for now. Please describe the problem in words, "
                                   "or call 1905.",
                             "hi": "अभी और फ़ोटो नहीं भेजी जा सकतीं। कृपया समस्या शब्दों में लिखें, या 1905 पर कॉल करें।"},
    "chat.officer_link": {"en": "Officers' dashboard", "hi": "अधिकारी डैशबोर्ड"},
    "login.heading": {"en": "Officers' dashboard: log in", "hi": "अधिकारी डैशबोर्ड: लॉगिन"},
    "login.post": {"en": "Post code (e.g. dm.rudraprayag)", "hi": "पद कोड (जैसे dm.rudraprayag)"},
    "login.password": {"en": "Password", "hi": "पासवर्ड"},
    "login.with_password": {"en": "Log in with password", "hi": "पासवर्ड से लॉगिन"},
    "login.send_code": {"en": "Send a code to my Telegram", "hi": "मेरे टेलीग्राम पर कोड भेजें"},
    "login.code": {"en": "6-digit code from Telegram", "hi": "टेलीग्राम से मिला 6 अंकों का कोड"},
    "login.with_code": {"en": "Log in with code", "hi": "कोड से लॉगिन"},
    # The same answer for every post (known or not, Telegram linked or not): it tells an outsider nothing.
    "login.code_sent": {"en": "If a Telegram chat is linked to this post, a code was sent to it; it is valid for "
                              "10 minutes. No code? Log in with your password.",
                        "hi": "यदि इस पद से कोई टेलीग्राम जुड़ा है, तो उस पर कोड भेजा गया है; यह 10 मिनट तक मान्य है। "
                              "कोड नहीं मिला? पासवर्ड से लॉगिन करें।"},
    "login.busy": {"en": "Many people are logging in just now. Please try again in a minute.",
                   "hi": "इस समय बहुत से लोग लॉगिन कर रहे हैं। कृपया एक मिनट बाद फिर प्रयास करें।"},
    "login.failed": {"en": "The post code and password (or code) do not match. Please try again.",
                     "hi": "पद कोड और पासवर्ड (या कोड) मेल नहीं खाते। कृपया फिर प्रयास करें।"},
    "login.too_many": {"en": "Too many attempts. Please wait 15 minutes and try again.",
                       "hi": "बहुत अधिक प्रयास। कृपया 15 मिनट बाद फिर प्रयास करें।"},
    "login.csrf": {"en": "The form had expired. Please try again.", "hi": "फ़ॉर्म की अवधि समाप्त हो गई। कृपया फिर प्रयास करें।"},
    "nav.overview": {"en": "Overview", "hi": "सारांश"},
    "nav.beyond_time": {"en": "Beyond time", "hi": "समय-सीमा से बाहर"},
    "nav.all": {"en": "All tickets", "hi": "सभी शिकायतें"},
    "nav.review": {"en": "Monthly review", "hi": "मासिक समीक्षा"},
    "nav.logout": {"en": "Log out", "hi": "लॉग आउट"},
    "ov.heading_dm": {"en": "District overview", "hi": "ज़िले का सारांश"},
    "ov.heading_officer": {"en": "My jurisdiction", "hi": "मेरा कार्यक्षेत्र"},
    "ov.received": {"en": "Received", "hi": "प्राप्त"},
    "ov.disposed": {"en": "Disposed", "hi": "निस्तारित"},
    "ov.pending": {"en": "Pending", "hi": "लंबित"},
    "ov.beyond_time": {"en": "Beyond time", "hi": "समय-सीमा से बाहर"},
    "ov.department": {"en": "Department", "hi": "विभाग"},
    "ov.level": {"en": "Level", "hi": "स्तर"},
    "ov.by_department": {"en": "By department", "hi": "विभागवार"},
    "ov.by_level": {"en": "By level", "hi": "स्तरवार"},
    "ov.none": {"en": "No tickets yet.", "hi": "अभी कोई शिकायत नहीं।"},
    "ov.demo_clock": {"en": "Demo clock is {days} days ahead of real time.",
                      "hi": "डेमो घड़ी वास्तविक समय से {days} दिन आगे है।"},
    "list.heading": {"en": "Tickets", "hi": "शिकायतें"},
    "list.number": {"en": "Number", "hi": "संख्या"},
    "list.state": {"en": "State", "hi": "स्थिति"},
    "list.place": {"en": "Place", "hi": "स्थान"},
    "list.post": {"en": "Assigned post", "hi": "सौंपा गया पद"},
    "list.due": {"en": "Due", "hi": "समय-सीमा"},
    "list.days_beyond": {"en": "Days beyond", "hi": "दिन अधिक"},
    "list.text": {"en": "Complaint", "hi": "शिकायत"},
    "list.next": {"en": "Next page", "hi": "अगला पृष्ठ"},
    "list.prev": {"en": "Previous page", "hi": "पिछला पृष्ठ"},
    "ticket.history": {"en": "History", "hi": "इतिहास"},
    "ticket.at": {"en": "When", "hi": "कब"},
    "ticket.actor": {"en": "Who", "hi": "किसने"},
    "ticket.event": {"en": "What", "hi": "क्या"},
    "ticket.note": {"en": "Note", "hi": "टिप्पणी"},
    "ticket.channel": {"en": "Channel", "hi": "माध्यम"},
    "ticket.filed": {"en": "Filed", "hi": "दर्ज"},
    "ticket.citizen": {"en": "Citizen", "hi": "नागरिक"},
    "ticket.phone": {"en": "Phone", "hi": "फ़ोन"},
    "ticket.location": {"en": "Location", "hi": "स्थान"},
    "ticket.photos": {"en": "Photos", "hi": "फ़ोटो"},
    "error.403": {"en": "This page is outside your jurisdiction.", "hi": "यह पृष्ठ आपके कार्यक्षेत्र से बाहर है।"},
    "error.404": {"en": "Not found. Please check the ticket number or address.",
                  "hi": "नहीं मिला। कृपया शिकायत संख्या या पता जांचें।"},
    "error.400": {"en": "The request was not valid: {detail}", "hi": "अनुरोध सही नहीं था: {detail}"},
    "error.500": {"en": "Sorry, something went wrong. Please try again or call 1905.",
                  "hi": "क्षमा करें, कुछ गड़बड़ हुई। कृपया फिर प्रयास करें या 1905 पर कॉल करें।"},
    "error.back": {"en": "Back to the overview", "hi": "सारांश पर लौटें"},
}

# The shared state names, so a ticket's state reads the same on the portal as in the bot.
TEXTS.update({key: text for key, text in MESSAGES.items() if key.startswith("state.")})


def language(value: str | None) -> str:
    """A supported language code; Hindi by default."""
    value = (value or "").strip().lower()[:2]
    return value if value in LANGUAGES else "hi"


def t(key: str, lang: str, **params: object) -> str:
    """The text `key` in `lang` (English, then the key itself, as fallbacks)."""
    entry = TEXTS.get(key, {})
    text = entry.get(lang) or entry.get("en") or key
    return text.format(**params) if params else text

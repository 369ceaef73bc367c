"""The bot's own texts (hi/en), registered into `helpline.messages` so `render()` serves them all.

Kept here only until they are moved into helpline/messages.py (owned by the core).
"""
from __future__ import annotations

from helpline import messages

BOT_MESSAGES: dict[str, dict[str, str]] = {
    "bot.busy": {
        "en": "Sorry, the helpline service is busy right now and could not read your message. "
              "Please send it again in a few minutes, or call {helpline}.",
        "hi": "क्षमा करें, हेल्पलाइन सेवा अभी व्यस्त है और आपका संदेश पढ़ नहीं पाई। "
              "कृपया कुछ मिनट बाद दोबारा भेजें, या {helpline} पर कॉल करें।",
    },
    "bot.slow": {
        "en": "Please wait a moment, your message is being processed.",
        "hi": "कृपया थोड़ा रुकें, आपके संदेश पर काम हो रहा है।",
    },
    "bot.unsupported": {
        "en": "Sorry, I can only read text, photos, locations and your contact. Please write your complaint in words.",
        "hi": "क्षमा करें, मैं केवल लिखा हुआ संदेश, फ़ोटो, स्थान और आपका संपर्क पढ़ सकता हूँ। कृपया अपनी शिकायत लिखकर भेजें।",
    },
    "bot.edited": {
        "en": "I cannot read edited messages. Please send the corrected text as a new message.",
        "hi": "मैं बदले गए संदेश नहीं पढ़ सकता। कृपया सही संदेश नया भेजें।",
    },
    "bot.contact_not_own": {
        "en": "Please share your own contact (the button under the keyboard), not someone else's.",
        "hi": "कृपया अपना स्वयं का संपर्क साझा करें, किसी और का नहीं।",
    },
    "bot.help": {
        "en": "Write your complaint in Hindi or English, e.g. \"no electricity in our village for 3 days\". "
              "You can add a photo and your location.\n"
              "/status CMH-2026-000123 - status of a complaint\n/mycomplaints - your complaints\n"
              "/language - change language\nHelpline: {helpline}",
        "hi": "अपनी शिकायत हिंदी या अंग्रेज़ी में लिखें, जैसे \"हमारे गाँव में 3 दिन से बिजली नहीं है\"। "
              "आप फ़ोटो और अपना स्थान भी भेज सकते हैं।\n"
              "/status CMH-2026-000123 - शिकायत की स्थिति\n/mycomplaints - आपकी शिकायतें\n"
              "/language - भाषा बदलें\nहेल्पलाइन: {helpline}",
    },
    "bot.status_usage": {
        "en": "Please write the ticket number after /status, e.g. /status CMH-2026-000123.",
        "hi": "कृपया /status के बाद शिकायत संख्या लिखें, जैसे /status CMH-2026-000123।",
    },
    "bot.status": {
        "en": "Complaint {number} ({department}): {state}.{level}",
        "hi": "शिकायत {number} ({department}): {state}।{level}",
    },
    "bot.no_complaints": {
        "en": "You have no open complaints.",
        "hi": "आपकी कोई खुली शिकायत नहीं है।",
    },
    "bot.my_complaints": {
        "en": "Your open complaints:",
        "hi": "आपकी खुली शिकायतें:",
    },
    # WhatsApp list messages (bot/whatsapp_client.py): the button that opens the list, and the
    # body of a second list when there are more than 10 choices.
    "wa.list_button": {"en": "Choose", "hi": "चुनें"},
    "wa.more_choices": {"en": "More choices:", "hi": "और विकल्प:"},
    # Officers and the District Administrator.
    "officer.linked": {
        "en": "Linked. You are {post}. You will get your complaints here. /mytickets lists them.",
        "hi": "जुड़ गया। आप {post} हैं। आपकी शिकायतें यहीं मिलेंगी। /mytickets से सूची देखें।",
    },
    "officer.link_usage": {
        "en": "Please write the code after /link, e.g. /link 7F3K9Q.",
        "hi": "कृपया /link के बाद कोड लिखें, जैसे /link 7F3K9Q।",
    },
    "officer.no_tickets": {
        "en": "No pending complaints with you.",
        "hi": "आपके पास कोई लंबित शिकायत नहीं है।",
    },
    "officer.tickets_header": {
        "en": "Pending complaints ({count}), earliest due first:",
        "hi": "लंबित शिकायतें ({count}), सबसे पहले देय ऊपर:",
    },
    "officer.ticket_line": {
        "en": "{number} | {department} | {place} | {state} | {days}",
        "hi": "{number} | {department} | {place} | {state} | {days}",
    },
    "officer.ticket_card": {
        "en": "{number} - {department}, {place}\nLevel {level}, {state}, {days}\nCitizen: {citizen}\n{text}",
        "hi": "{number} - {department}, {place}\nस्तर {level}, {state}, {days}\nनागरिक: {citizen}\n{text}",
    },
    "officer.days_left": {"en": "{days} days left", "hi": "{days} दिन शेष"},
    "officer.due_today": {"en": "due today", "hi": "आज अंतिम दिन"},
    "officer.overdue": {"en": "{days} days beyond time", "hi": "समय सीमा से {days} दिन ऊपर"},
    "officer.ticket_usage": {
        "en": "Please write the ticket number after /ticket, e.g. /ticket CMH-2026-000123.",
        "hi": "कृपया /ticket के बाद शिकायत संख्या लिखें, जैसे /ticket CMH-2026-000123।",
    },
    "officer.ask_note": {
        "en": "Resolve {number}: reply to this message with the action taken. "
              "To add a photo of the work, send the photo with the note as its caption.",
        "hi": "{number} का निस्तारण: इस संदेश के उत्तर में की गई कार्यवाही लिखें। "
              "कार्य की फ़ोटो जोड़ने के लिए फ़ोटो भेजें और विवरण उसके कैप्शन में लिखें।",
    },
    "officer.ask_reason": {
        "en": "Special close {number}: reply to this message with the written reason.",
        "hi": "{number} का विशेष निस्तारण: इस संदेश के उत्तर में लिखित कारण दें।",
    },
    "officer.photo_needs_note": {
        "en": "Please send the photo again with the action taken written as its caption.",
        "hi": "कृपया फ़ोटो दोबारा भेजें और की गई कार्यवाही उसके कैप्शन में लिखें।",
    },
    "officer.choose_reason": {
        "en": "Why should {number} be rejected?",
        "hi": "{number} को किस कारण से अस्वीकार करें?",
    },
    "officer.choose_department": {
        "en": "Transfer {number} to which department?",
        "hi": "{number} को किस विभाग में स्थानांतरित करें?",
    },
    "officer.done": {
        "en": "Done: {number} is now {state}.",
        "hi": "हो गया: {number} अब {state} है।",
    },
    "officer.cancelled": {"en": "Cancelled.", "hi": "रद्द किया गया।"},
    "button.start": {"en": "Start work", "hi": "कार्य शुरू"},
    "button.resolve": {"en": "Resolve", "hi": "निस्तारण"},
    "button.reject": {"en": "Reject", "hi": "अस्वीकार"},
    "button.transfer": {"en": "Transfer", "hi": "स्थानांतरण"},
    "button.approve": {"en": "Approve", "hi": "अनुमोदन"},
    "button.satisfied": {"en": "Satisfied", "hi": "संतुष्ट"},
    "button.not_satisfied": {"en": "Not satisfied", "hi": "असंतुष्ट"},
    "button.cancel": {"en": "Cancel", "hi": "रद्द करें"},
    "button.special_close": {"en": "Special close", "hi": "विशेष निस्तारण"},
    "dm.district_header": {
        "en": "District {district}, {date}:\nReceived today: {received}\nPending: {pending} (beyond time: {beyond})",
        "hi": "ज़िला {district}, {date}:\nआज प्राप्त: {received}\nलंबित: {pending} (समय सीमा पार: {beyond})",
    },
    "dm.pending_line": {
        "en": "{department} {level}: {pending} pending, {beyond} beyond time",
        "hi": "{department} {level}: {pending} लंबित, {beyond} समय सीमा पार",
    },
    "dm.digest_title": {"en": "Daily digest", "hi": "दैनिक सारांश"},
    "dm.not_dm": {
        "en": "Only the District Administrator can see the district picture.",
        "hi": "ज़िले की स्थिति केवल जिला प्रशासक देख सकते हैं।",
    },
}

for _code, _texts in BOT_MESSAGES.items():
    messages.MESSAGES.setdefault(_code, _texts)

render = messages.render
language = messages.language


def guess_language(text: str | None, language_code: str | None = None) -> str:
    """Hindi if the text has Devanagari, else the Telegram/WhatsApp language tag, else Hindi."""
    if text and any("\u0900" <= ch <= "\u097f" for ch in text):
        return "hi"
    return language(language_code) if language_code else "hi"

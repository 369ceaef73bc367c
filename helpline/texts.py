"""Every text the core, the bot, the actions and officers show, in Hindi ("hi") and English ("en").

One vocabulary: the portal takes its state names from here too. `render(code, lang, **params)`
formats one text; an unknown code renders as itself so nothing breaks.
"""
from __future__ import annotations

from helpline import settings
from helpline.training.texts import TRAINING_TEXTS

LANGUAGES = ("hi", "en")

MESSAGES: dict[str, dict[str, str]] = {
    # Errors (one short line, polite, says what to do next).
    "error.generic": {
        "en": "Sorry, something went wrong. Please try again or call {helpline}.",
        "hi": "क्षमा करें, कुछ गड़बड़ हुई। कृपया फिर से प्रयास करें या {helpline} पर कॉल करें।",
    },
    "error.invalid_input": {
        "en": "Sorry, that input is not valid: {detail}.",
        "hi": "क्षमा करें, यह जानकारी सही नहीं है: {detail}।",
    },
    "error.unknown_department": {
        "en": "Unknown department '{value}'. Please choose one of the listed departments.",
        "hi": "विभाग '{value}' नहीं मिला। कृपया सूची में से कोई विभाग चुनें।",
    },
    "error.unknown_district": {
        "en": "Unknown district '{value}'. Please give one of Uttarakhand's 13 districts.",
        "hi": "ज़िला '{value}' नहीं मिला। कृपया उत्तराखंड के 13 ज़िलों में से एक बताएं।",
    },
    "error.unknown_block": {
        "en": "Unknown block '{value}' in this district. Please check the block name.",
        "hi": "इस ज़िले में विकासखंड '{value}' नहीं मिला। कृपया नाम जांचें।",
    },
    "error.invalid_phone": {
        "en": "'{value}' is not a valid mobile number. Please give a 10-digit Indian mobile number.",
        "hi": "'{value}' सही मोबाइल नंबर नहीं है। कृपया 10 अंकों का भारतीय मोबाइल नंबर दें।",
    },
    "error.empty_text": {
        "en": "Please describe your complaint in a few words.",
        "hi": "कृपया अपनी शिकायत कुछ शब्दों में लिखें।",
    },
    "error.text_too_long": {
        "en": "Your complaint is too long (at most {limit} characters). Please shorten it.",
        "hi": "आपकी शिकायत बहुत लंबी है (अधिकतम {limit} अक्षर)। कृपया छोटा करें।",
    },
    "error.invalid_location": {
        "en": "The location could not be read. Please share it again.",
        "hi": "स्थान पढ़ा नहीं जा सका। कृपया फिर से भेजें।",
    },
    "error.invalid_channel": {
        "en": "Unknown channel '{value}'.",
        "hi": "अज्ञात माध्यम '{value}'।",
    },
    "error.invalid_language": {
        "en": "Unknown language '{value}'; use hi or en.",
        "hi": "अज्ञात भाषा '{value}'; hi या en लिखें।",
    },
    "error.invalid_rating": {
        "en": "Please give a rating from 1 to 5.",
        "hi": "कृपया 1 से 5 तक रेटिंग दें।",
    },
    "error.ticket_not_found": {
        "en": "No complaint {number} was found for you. Please check the number.",
        "hi": "आपकी कोई शिकायत {number} नहीं मिली। कृपया नंबर जांचें।",
    },
    "error.officer_not_found": {
        "en": "No active officer found for '{value}'.",
        "hi": "'{value}' के लिए कोई सक्रिय अधिकारी नहीं मिला।",
    },
    "error.post_not_found": {
        "en": "No officer post '{value}'.",
        "hi": "कोई पद '{value}' नहीं है।",
    },
    "error.permission_denied": {
        "en": "You may not {action} complaint {number}: it is outside your department, area or level.",
        "hi": "आप शिकायत {number} पर यह कार्य ({action}) नहीं कर सकते: यह आपके विभाग, क्षेत्र या स्तर से बाहर है।",
    },
    "error.dm_read_only": {
        "en": "The District Administrator watches complaints but does not dispose of them.",
        "hi": "जिला प्रशासक शिकायतें देख सकते हैं, उनका निस्तारण नहीं करते।",
    },
    "error.illegal_transition": {
        "en": "Complaint {number} is '{state}'; it cannot be given the action '{action}' now.",
        "hi": "शिकायत {number} की स्थिति '{state}' है; अभी '{action}' नहीं किया जा सकता।",
    },
    "error.unknown_action": {
        "en": "Unknown action '{value}'. Use start, resolve, reject, transfer, approve or special_close.",
        "hi": "अज्ञात कार्य '{value}'। start, resolve, reject, transfer, approve या special_close लिखें।",
    },
    "error.note_required": {
        "en": "Please write what action was taken (a note is required).",
        "hi": "कृपया की गई कार्यवाही लिखें (टिप्पणी आवश्यक है)।",
    },
    "error.reason_required": {
        "en": "A reason is required. Allowed: {allowed}.",
        "hi": "कारण आवश्यक है। मान्य कारण: {allowed}।",
    },
    "error.special_close_level": {
        "en": "Only L3 or L4 officers may special-close a complaint.",
        "hi": "केवल L3 या L4 अधिकारी ही शिकायत को विशेष रूप से बंद कर सकते हैं।",
    },
    "error.special_close_reason": {
        "en": "Special closure needs a written reason.",
        "hi": "विशेष निस्तारण के लिए लिखित कारण आवश्यक है।",
    },
    "error.join_not_open": {
        "en": "Complaint {number} is no longer open; please file your complaint on its own.",
        "hi": "शिकायत {number} अब खुली नहीं है; कृपया अपनी शिकायत अलग से दर्ज करें।",
    },
    "error.join_department": {
        "en": "Complaint {number} belongs to another department; please choose a known problem of the same department.",
        "hi": "शिकायत {number} दूसरे विभाग की है; कृपया उसी विभाग की ज्ञात समस्या चुनें।",
    },
    "error.parent_required": {
        "en": "Please give the number of the open complaint to link this one to (not the same one).",
        "hi": "कृपया उस खुली शिकायत का नंबर दें जिससे इसे जोड़ना है (वही शिकायत नहीं)।",
    },
    "error.parent_not_joinable": {
        "en": "Complaint {number} cannot take linked complaints: it must be open, of the same department and yours to act on.",
        "hi": "शिकायत {number} से शिकायतें नहीं जोड़ी जा सकतीं: वह खुली, उसी विभाग की और आपके कार्यक्षेत्र की होनी चाहिए।",
    },
    "error.transfer_target": {
        "en": "Please name the department to transfer to (not the same department).",
        "hi": "कृपया वह विभाग बताएं जिसमें स्थानांतरण करना है (वही विभाग नहीं)।",
    },
    "error.approve_level": {
        "en": "Only an L2 or higher officer may approve.",
        "hi": "केवल L2 या उससे ऊपर के अधिकारी ही अनुमोदन कर सकते हैं।",
    },
    "error.nothing_to_approve": {
        "en": "Complaint {number} has no pending request to approve.",
        "hi": "शिकायत {number} पर अनुमोदन के लिए कोई अनुरोध लंबित नहीं है।",
    },
    "error.feedback_not_allowed": {
        "en": "Feedback can be given only after complaint {number} is resolved.",
        "hi": "शिकायत {number} के निस्तारण के बाद ही प्रतिक्रिया दी जा सकती है।",
    },
    "error.daily_limit": {
        "en": "You have filed {limit} complaints today, the daily maximum. Please try again tomorrow or call {helpline}.",
        "hi": "आप आज {limit} शिकायतें दर्ज कर चुके हैं, जो एक दिन की सीमा है। कृपया कल प्रयास करें या {helpline} पर कॉल करें।",
    },
    "error.invite_invalid": {
        "en": "This link code is not valid or has expired. Please ask for a new one.",
        "hi": "यह लिंक कोड मान्य नहीं है या समाप्त हो गया है। कृपया नया कोड मांगें।",
    },
    # Notifications (outbox); {number}, {department}, {place}, {level}, {due} etc.
    "notify.assigned": {
        "en": "New complaint {number} ({department}, {place}) at {level}: {text}\nPlease dispose of it by {due}.",
        "hi": "नई शिकायत {number} ({department}, {place}) स्तर {level} पर: {text}\nकृपया {due} तक निस्तारण करें।",
    },
    "notify.unrouted": {
        "en": "Complaint {number} ({department}, {place}) has no officer post to go to. Please route it by hand: {text}",
        "hi": "शिकायत {number} ({department}, {place}) के लिए कोई पद नहीं है। कृपया इसे स्वयं भेजें: {text}",
    },
    "notify.escalated": {
        "en": "Complaint {number} ({department}, {place}) was not disposed of in time and now is at {level} with you: {text}\nPlease dispose of it by {due}.",
        "hi": "शिकायत {number} ({department}, {place}) समय पर निस्तारित नहीं हुई और अब स्तर {level} पर आपके पास है: {text}\nकृपया {due} तक निस्तारण करें।",
    },
    "notify.reminder": {
        "en": "Reminder: complaint {number} must be disposed of by {due}, or it moves up a level.",
        "hi": "अनुस्मारक: शिकायत {number} का निस्तारण {due} तक करें, अन्यथा यह अगले स्तर पर चली जाएगी।",
    },
    "notify.overdue_top": {
        "en": "Complaint {number} is beyond its time limit at L4. Please dispose of it at once.",
        "hi": "शिकायत {number} L4 पर समय सीमा पार कर चुकी है। कृपया तुरंत निस्तारण करें।",
    },
    "notify.resolved_feedback_request": {
        "en": "Your complaint {number} was resolved: {note}\nAre you satisfied? Reply satisfied or not satisfied, with a rating 1-5.",
        "hi": "आपकी शिकायत {number} का निस्तारण हुआ: {note}\nक्या आप संतुष्ट हैं? संतुष्ट या असंतुष्ट लिखें, 1-5 रेटिंग के साथ।",
    },
    "notify.reopened": {
        "en": "Complaint {number} was reopened (citizen not satisfied) and is now at {level} with you: {text}\nPlease dispose of it by {due}.",
        "hi": "शिकायत {number} फिर से खोली गई (नागरिक असंतुष्ट) और अब स्तर {level} पर आपके पास है: {text}\nकृपया {due} तक निस्तारण करें।",
    },
    "notify.rejected": {
        "en": "Your complaint {number} was not taken up: {reason}. {note}",
        "hi": "आपकी शिकायत {number} पर कार्यवाही नहीं की गई: {reason}। {note}",
    },
    "notify.special_closed": {
        "en": "Your complaint {number} was closed by a senior officer: {note}",
        "hi": "आपकी शिकायत {number} को वरिष्ठ अधिकारी ने बंद किया: {note}",
    },
    "notify.transfer_requested": {
        "en": "Approval needed: transfer complaint {number} from {department} to {to_department}? Reply approve.",
        "hi": "अनुमोदन आवश्यक: शिकायत {number} को {department} से {to_department} में स्थानांतरित करें? approve लिखें।",
    },
    "notify.rejection_requested": {
        "en": "Approval needed: reject complaint {number} ({reason})? {note} Reply approve.",
        "hi": "अनुमोदन आवश्यक: शिकायत {number} अस्वीकार करें ({reason})? {note} approve लिखें।",
    },
    "notify.feedback_received": {
        "en": "The citizen is satisfied with complaint {number} (rating {rating}).",
        "hi": "नागरिक शिकायत {number} से संतुष्ट हैं (रेटिंग {rating})।",
    },
    "notify.closed": {
        "en": "Your complaint {number} is now closed. Thank you for contacting the helpline {helpline}.",
        "hi": "आपकी शिकायत {number} अब बंद है। हेल्पलाइन {helpline} से संपर्क करने के लिए धन्यवाद।",
    },
    # Ticket words shown to people.
    "ticket.filed": {
        "en": "Your complaint is registered. Ticket number: {number}.",
        "hi": "आपकी शिकायत दर्ज हो गई है। शिकायत संख्या: {number}।",
    },
    "ticket.linked": {
        "en": "You already have a similar open complaint {number}; your message was added to it.",
        "hi": "आपकी एक जैसी शिकायत {number} पहले से खुली है; आपका संदेश उसी में जोड़ दिया गया।",
    },
    # State names (one word per state, used by the bot, the actions and the portal alike).
    "state.registered": {"en": "registered", "hi": "दर्ज"},
    "state.assigned": {"en": "with the officer", "hi": "अधिकारी को सौंपी गई"},
    "state.in_progress": {"en": "in progress", "hi": "कार्यवाही जारी"},
    "state.resolved": {"en": "resolved, awaiting feedback", "hi": "निस्तारित, प्रतिक्रिया की प्रतीक्षा"},
    "state.closed": {"en": "closed", "hi": "बंद"},
    "state.closed_no_feedback": {"en": "closed (no feedback)", "hi": "बंद (प्रतिक्रिया नहीं मिली)"},
    "state.reopened": {"en": "reopened", "hi": "पुनः खोली गई"},
    "state.rejected": {"en": "not taken up", "hi": "अस्वीकृत"},
    "state.special_closed": {"en": "specially closed", "hi": "विशेष रूप से बंद"},
    "state.transferred": {"en": "transferred to another department", "hi": "अन्य विभाग को स्थानांतरित"},
    # Level names as citizens read them.
    "level.L1": {"en": "L1 (block)", "hi": "L1 (ब्लॉक)"},
    "level.L2": {"en": "L2 (district)", "hi": "L2 (ज़िला)"},
    "level.L3": {"en": "L3 (head of department)", "hi": "L3 (विभागाध्यक्ष)"},
    "level.L4": {"en": "L4 (secretary)", "hi": "L4 (सचिव)"},
    "reason.duplicate": {"en": "duplicate complaint", "hi": "दोहरी शिकायत"},
    "reason.not_actionable": {"en": "not actionable", "hi": "कार्यवाही योग्य नहीं"},
    "reason.sub_judice": {"en": "matter is before a court", "hi": "मामला न्यायालय में विचाराधीन"},
    "reason.personal_dispute": {"en": "personal dispute", "hi": "निजी विवाद"},
    "reason.incomplete": {"en": "incomplete information", "hi": "अधूरी जानकारी"},
    # Bot, officer and District Administrator texts of the channels (bot/).
    "bot.busy": {
        "en": "Sorry, the helpline service is busy right now and could not read your message. Please send it again in a few minutes, or call {helpline}.",
        "hi": "क्षमा करें, हेल्पलाइन सेवा अभी व्यस्त है और आपका संदेश पढ़ नहीं पाई। कृपया कुछ मिनट बाद दोबारा भेजें, या {helpline} पर कॉल करें।",
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
        "en": "Write your complaint in Hindi or English, e.g. \"no electricity in our village for 3 days\". You can add a photo and your location.\n/status CMH-2026-000123 - status of a complaint\n/mycomplaints - your complaints\n/language - change language\nHelpline: {helpline}",
        "hi": "अपनी शिकायत हिंदी या अंग्रेज़ी में लिखें, जैसे \"हमारे गाँव में 3 दिन से बिजली नहीं है\"। आप फ़ोटो और अपना स्थान भी भेज सकते हैं।\n/status CMH-2026-000123 - शिकायत की स्थिति\n/mycomplaints - आपकी शिकायतें\n/language - भाषा बदलें\nहेल्पलाइन: {helpline}",
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
    "wa.list_button": {
        "en": "Choose",
        "hi": "चुनें",
    },
    "wa.more_choices": {
        "en": "More choices:",
        "hi": "और विकल्प:",
    },
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
    "officer.days_left": {
        "en": "{days} days left",
        "hi": "{days} दिन शेष",
    },
    "officer.due_today": {
        "en": "due today",
        "hi": "आज अंतिम दिन",
    },
    "officer.overdue": {
        "en": "{days} days beyond time",
        "hi": "समय सीमा से {days} दिन ऊपर",
    },
    "officer.ticket_usage": {
        "en": "Please write the ticket number after /ticket, e.g. /ticket CMH-2026-000123.",
        "hi": "कृपया /ticket के बाद शिकायत संख्या लिखें, जैसे /ticket CMH-2026-000123।",
    },
    "officer.ask_note": {
        "en": "Resolve {number}: reply to this message with the action taken. To add a photo of the work, send the photo with the note as its caption.",
        "hi": "{number} का निस्तारण: इस संदेश के उत्तर में की गई कार्यवाही लिखें। कार्य की फ़ोटो जोड़ने के लिए फ़ोटो भेजें और विवरण उसके कैप्शन में लिखें।",
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
    "officer.cancelled": {
        "en": "Cancelled.",
        "hi": "रद्द किया गया।",
    },
    "button.start": {
        "en": "Start work",
        "hi": "कार्य शुरू",
    },
    "button.resolve": {
        "en": "Resolve",
        "hi": "निस्तारण",
    },
    "button.reject": {
        "en": "Reject",
        "hi": "अस्वीकार",
    },
    "button.transfer": {
        "en": "Transfer",
        "hi": "स्थानांतरण",
    },
    "button.approve": {
        "en": "Approve",
        "hi": "अनुमोदन",
    },
    "button.satisfied": {
        "en": "Satisfied",
        "hi": "संतुष्ट",
    },
    "button.not_satisfied": {
        "en": "Not satisfied",
        "hi": "असंतुष्ट",
    },
    "button.cancel": {
        "en": "Cancel",
        "hi": "रद्द करें",
    },
    "button.special_close": {
        "en": "Special close",
        "hi": "विशेष निस्तारण",
    },
    "dm.district_header": {
        "en": "District {district}, {date}:\nReceived today: {received}\nPending: {pending} (beyond time: {beyond})",
        "hi": "ज़िला {district}, {date}:\nआज प्राप्त: {received}\nलंबित: {pending} (समय सीमा पार: {beyond})",
    },
    "dm.pending_line": {
        "en": "{department} {level}: {pending} pending, {beyond} beyond time",
        "hi": "{department} {level}: {pending} लंबित, {beyond} समय सीमा पार",
    },
    "dm.digest_title": {
        "en": "Daily digest",
        "hi": "दैनिक सारांश",
    },
    "dm.not_dm": {
        "en": "Only the District Administrator can see the district picture.",
        "hi": "ज़िले की स्थिति केवल जिला प्रशासक देख सकते हैं।",
    },
    # ---- roster changes
    "notify.assigned_on_handover": {
        "en": "You now hold the post {post}. Complaint {number} ({department}, {place}) is with your post at "
              "{level}: {text}\nPlease dispose of it by {due}.",
        "hi": "अब आप {post} पद पर हैं। शिकायत {number} ({department}, {place}) आपके पद के पास स्तर {level} पर है: "
              "{text}\nकृपया {due} तक निस्तारण करें।",
    },
    "error.officer_left": {
        "en": "You no longer hold this post, so you cannot see or act on its complaints. "
              "Please ask the district helpline in-charge.",
        "hi": "अब आप इस पद पर नहीं हैं, इसलिए इसकी शिकायतें देख या उन पर कार्यवाही नहीं कर सकते। "
              "कृपया जिला हेल्पलाइन प्रभारी से संपर्क करें।",
    },
    "error.same_holder": {
        "en": "{name} already holds the post {post}.",
        "hi": "{name} पहले से ही {post} पद पर हैं।",
    },
    "error.holder_name_required": {
        "en": "Please give the new officer's name (--name).",
        "hi": "कृपया नए अधिकारी का नाम दें (--name)।",
    },
}


# Officer training texts (tour, practice tips, readiness) sit with the training code; one vocabulary all the same.
MESSAGES.update(TRAINING_TEXTS)

MONTHS_HI = ("जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर",
             "अक्टूबर", "नवंबर", "दिसंबर")


def language(lang: str | None) -> str:
    """Normalise a language tag to "hi" or "en" (Hindi unless it is clearly English)."""
    return "en" if (lang or "").strip().lower().startswith("en") else "hi"


class _Defaults(dict):
    def __missing__(self, key: str) -> str:
        return ""


def render(code: str, lang: str | None = "hi", **params: object) -> str:
    """The text of `code` in `lang`, formatted with `params` (missing params render empty)."""
    texts = MESSAGES.get(code)
    if texts is None:
        return code
    values = _Defaults(helpline=settings.HELPLINE_PHONE)
    values.update({k: "" if v is None else v for k, v in params.items()})
    return texts[language(lang)].format_map(values).strip()

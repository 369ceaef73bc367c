"""The texts of officer training (tour, practice tips, readiness), Hindi and English.

Part of the one vocabulary: helpline/texts.py merges them into `MESSAGES`; render them from there.
"""
from __future__ import annotations

TRAINING_TEXTS: dict[str, dict[str, str]] = {
    # Officer training (helpline/training/guide.py, helpline/training/practice.py, bot/telegram_onboarding.py).
    # ---- the tour (four steps) and /help
    "training.tour_notification": {
        "en": "Welcome, {name} ({title}).\nThis is how a new complaint reaches you here:\n\n{sample}\n\n"
              "Under it are buttons for what you may do next. /mytickets lists your pending complaints.",
        "hi": "स्वागत है, {name} ({title})।\nनई शिकायत आपको यहाँ इस तरह मिलेगी:\n\n{sample}\n\n"
              "उसके नीचे अगली कार्यवाही के बटन होंगे। /mytickets से अपनी बाकी शिकायतें देखें।",
    },
    "training.tour_limits": {
        "en": "Time limits in {department}: L1 {l1} days, L2 {l2} days, L3 {l3} days, L4 {l4} days. "
              "Your post is at {level}.\nA complaint not disposed of within its limit moves up to the next "
              "level by itself; you are reminded a day before. Every move is recorded, and the District "
              "Magistrate sees it.",
        "hi": "{department} में समय सीमा: L1 {l1} दिन, L2 {l2} दिन, L3 {l3} दिन, L4 {l4} दिन। "
              "आपका पद स्तर {level} पर है।\nसमय सीमा में निस्तारित न हुई शिकायत अपने आप अगले स्तर पर चली "
              "जाती है; एक दिन पहले आपको अनुस्मारक मिलेगा। हर बदलाव दर्ज होता है और जिलाधिकारी उसे देखते हैं।",
    },
    "training.tour_actions": {
        "en": "How to handle a complaint:\n"
              "• Start work: the citizen sees that work has begun.\n"
              "• Resolve: write the action taken - what was done, where, and when (a photo of the work helps). "
              "The citizen is asked if they are satisfied; if not, the complaint reopens one level up.\n"
              "• Reject: only with a reason - duplicate, not actionable, before a court, personal dispute, "
              "incomplete information. At L1 your L2 officer approves it.\n"
              "• Transfer: when it belongs to another department (never reject it as 'not our department'). "
              "At L1 your L2 officer approves it.",
        "hi": "शिकायत पर कार्यवाही कैसे करें:\n"
              "• कार्य शुरू: नागरिक को दिखता है कि काम शुरू हो गया है।\n"
              "• निस्तारण: की गई कार्यवाही लिखें - क्या किया, कहाँ, और कब (कार्य की फ़ोटो सहायक है)। "
              "नागरिक से पूछा जाता है कि वे संतुष्ट हैं या नहीं; असंतुष्ट होने पर शिकायत एक स्तर ऊपर फिर से खुलती है।\n"
              "• अस्वीकार: केवल कारण के साथ - दोहरी शिकायत, कार्यवाही योग्य नहीं, न्यायालय में विचाराधीन, "
              "निजी विवाद, अधूरी जानकारी। L1 पर आपके L2 अधिकारी अनुमोदन करते हैं।\n"
              "• स्थानांतरण: जब शिकायत किसी अन्य विभाग की हो (इसे 'हमारा विभाग नहीं' कहकर अस्वीकार न करें)। "
              "L1 पर आपके L2 अधिकारी अनुमोदन करते हैं।",
    },
    "training.tour_start": {
        "en": "Commands:\n/mytickets - your pending complaints, earliest due first\n"
              "/ticket NUMBER - one complaint with its buttons\n"
              "/practice - a practice round with sample complaints (only you see them; nothing counts)\n"
              "/help - this guide again\nProblems? Ask your district helpline in-charge or call {helpline}.",
        "hi": "आदेश:\n/mytickets - आपकी बाकी शिकायतें, जिसकी समय सीमा पहले है वह ऊपर\n"
              "/ticket संख्या - एक शिकायत उसके बटनों के साथ\n"
              "/practice - नमूना शिकायतों के साथ अभ्यास (केवल आप देखते हैं; कुछ भी गिना नहीं जाता)\n"
              "/help - यह मार्गदर्शिका फिर से\nकोई समस्या? जिला हेल्पलाइन प्रभारी से पूछें या {helpline} पर कॉल करें।",
    },
    "training.tour_dm": {
        "en": "Welcome, {name} ({title}).\nAs District Administrator you see every complaint of the district, "
              "all departments, at any time:\n/district - today's picture: received, pending by department "
              "and level, beyond time\n/readiness - which posts have a linked officer who finished practice, "
              "and who has been inactive for 30 days\nA daily digest comes at {hour}:00, and the dashboard "
              "shows the same with the monthly review.",
        "hi": "स्वागत है, {name} ({title})।\nजिला प्रशासक के रूप में आप ज़िले की हर विभाग की हर शिकायत किसी भी "
              "समय देख सकते हैं:\n/district - आज की स्थिति: प्राप्त, विभाग और स्तर अनुसार बकाया, समय सीमा पार\n"
              "/readiness - किन पदों पर जुड़े अधिकारी हैं जिन्होंने अभ्यास पूरा किया, और कौन 30 दिन से निष्क्रिय है\n"
              "दैनिक सारांश {hour}:00 बजे आता है; डैशबोर्ड पर यही और मासिक समीक्षा भी है।",
    },
    "training.tour_incharge": {
        "en": "As the district helpline in-charge you also have /readiness: every post of the district, "
              "whether its officer is linked and finished practice, and who has been inactive for 30 days.",
        "hi": "जिला हेल्पलाइन प्रभारी के रूप में आपके पास /readiness भी है: ज़िले का हर पद, उसका अधिकारी "
              "जुड़ा है या नहीं, अभ्यास पूरा किया या नहीं, और कौन 30 दिन से निष्क्रिय है।",
    },
    "training.sample_text": {
        "en": "No electricity in our village for three days, the transformer near the school is burnt.",
        "hi": "हमारे गाँव में तीन दिन से बिजली नहीं है, स्कूल के पास का ट्रांसफार्मर जल गया है।",
    },
    "training.help_other_language": {"en": "In English: /help en", "hi": "हिंदी में: /help hi"},
    "training.other_language": {"en": "हिंदी में", "hi": "In English"},
    "training.start_practice": {"en": "Start practice", "hi": "अभ्यास शुरू करें"},
    # ---- practice
    "training.practice_intro": {
        "en": "Practice round {round}: {count} sample complaints for your post. They are marked PRACTICE, only "
              "you see them, no citizen or other officer is told, and they never count in any figure. Use the "
              "buttons under each, as with real complaints. /practice clear removes them.",
        "hi": "अभ्यास चक्र {round}: आपके पद के लिए {count} नमूना शिकायतें। ये अभ्यास (PRACTICE) चिह्नित हैं, केवल आप "
              "इन्हें देखते हैं, किसी नागरिक या अन्य अधिकारी को सूचना नहीं जाती, और ये किसी आँकड़े में नहीं गिनी "
              "जातीं। असली शिकायतों की तरह हर एक के नीचे के बटन प्रयोग करें। /practice clear से इन्हें हटाएँ।",
    },
    "training.practice_continue": {
        "en": "Your practice round {round} continues: {left} sample complaints still to handle.",
        "hi": "आपका अभ्यास चक्र {round} जारी है: {left} नमूना शिकायतें अभी बाकी हैं।",
    },
    "training.practice_label": {"en": "PRACTICE - not a real complaint", "hi": "अभ्यास - असली शिकायत नहीं"},
    "training.tip_resolve": {
        "en": "Tip: press Start work when you take it up, then Resolve and write what was done, where, and when, "
              "e.g. \"Transformer at Guptkashi market replaced by the line crew on 12 March, supply restored at 4 pm\".",
        "hi": "सुझाव: काम शुरू करते ही 'कार्य शुरू' दबाएँ, फिर 'निस्तारण' दबाकर लिखें कि क्या किया, कहाँ, और कब, "
              "जैसे \"गुप्तकाशी बाज़ार का ट्रांसफार्मर 12 मार्च को लाइन टीम ने बदला, शाम 4 बजे आपूर्ति बहाल\"।",
    },
    "training.tip_reject": {
        "en": "Tip: this is a private quarrel between neighbours, not a public grievance. Press Reject and choose "
              "the reason \"{reason}\". A rejection always needs the fitting reason.",
        "hi": "सुझाव: यह पड़ोसियों का निजी झगड़ा है, जन शिकायत नहीं। 'अस्वीकार' दबाएँ और कारण \"{reason}\" चुनें। "
              "अस्वीकार हमेशा सही कारण के साथ ही करें।",
    },
    "training.tip_transfer": {
        "en": "Tip: this complaint belongs to {department}. Press Transfer and choose {department}; never reject "
              "a complaint as 'not our department'.",
        "hi": "सुझाव: यह शिकायत {department} की है। 'स्थानांतरण' दबाएँ और {department} चुनें; किसी शिकायत को "
              "'हमारा विभाग नहीं' कहकर अस्वीकार न करें।",
    },
    "training.after_start": {
        "en": "Good: the citizen now sees that work has started. Next: Resolve, with what was done, where, and when.",
        "hi": "अच्छा: नागरिक अब देखते हैं कि काम शुरू हो गया। अगला कदम: 'निस्तारण', क्या किया, कहाँ, और कब के साथ।",
    },
    "training.after_resolve_good": {
        "en": "Well written: the note says what was done, where, and when. A real citizen would now be asked "
              "whether they are satisfied.",
        "hi": "अच्छा लिखा: विवरण में है कि क्या किया, कहाँ, और कब। असली नागरिक से अब पूछा जाता कि वे संतुष्ट हैं या नहीं।",
    },
    "training.after_resolve_weak": {
        "en": "Resolved, but the note is thin: a resolution note must say what was done, where, and when "
              "({missing}). Citizens who cannot tell what happened answer 'not satisfied', and the complaint "
              "reopens one level up.",
        "hi": "निस्तारित, पर विवरण अधूरा है: निस्तारण विवरण में लिखें कि क्या किया, कहाँ, और कब ({missing})। "
              "जो नागरिक समझ न पाएँ कि क्या हुआ, वे 'असंतुष्ट' कहते हैं और शिकायत एक स्तर ऊपर फिर से खुलती है।",
    },
    "training.missing_when": {"en": "no date or time", "hi": "तारीख या समय नहीं"},
    "training.missing_detail": {"en": "too few words", "hi": "बहुत कम शब्द"},
    "training.after_reject_ok": {
        "en": "Right reason. {approval}",
        "hi": "सही कारण। {approval}",
    },
    "training.after_reject_other_reason": {
        "en": "Rejected as \"{given}\", but the fitting reason here was \"{expected}\". A wrong reason is "
              "sent back by the approving officer. {approval}",
        "hi": "\"{given}\" कारण से अस्वीकार किया, पर यहाँ सही कारण \"{expected}\" था। गलत कारण को अनुमोदन "
              "अधिकारी लौटा देते हैं। {approval}",
    },
    "training.approval_pending": {
        "en": "At your level the request now waits for your L2 officer's approval (in practice nobody is asked).",
        "hi": "आपके स्तर पर यह अनुरोध अब आपके L2 अधिकारी के अनुमोदन की प्रतीक्षा करता है (अभ्यास में किसी से नहीं पूछा जाता)।",
    },
    "training.approval_done": {
        "en": "At your level this takes effect at once.",
        "hi": "आपके स्तर पर यह तुरंत लागू होता है।",
    },
    "training.after_transfer_ok": {
        "en": "Right department. {approval}",
        "hi": "सही विभाग। {approval}",
    },
    "training.after_transfer_other": {
        "en": "Transferred to {given}, but this complaint belonged to {expected}. {approval}",
        "hi": "{given} को स्थानांतरित किया, पर यह शिकायत {expected} की थी। {approval}",
    },
    "training.after_wrong_action": {
        "en": "Noted. This sample complaint was meant to be handled by: {expected}.",
        "hi": "दर्ज किया। इस नमूना शिकायत पर अपेक्षित कार्यवाही थी: {expected}।",
    },
    "training.expect_resolve": {"en": "start work, then resolve with a note", "hi": "कार्य शुरू, फिर विवरण के साथ निस्तारण"},
    "training.expect_reject": {"en": "reject with a reason", "hi": "कारण के साथ अस्वीकार"},
    "training.expect_transfer": {"en": "transfer to the right department", "hi": "सही विभाग को स्थानांतरण"},
    "training.practice_left": {
        "en": "{left} sample complaints of this round still to handle.",
        "hi": "इस चक्र की {left} नमूना शिकायतें अभी बाकी हैं।",
    },
    "training.practice_finished": {
        "en": "Practice finished - well done! You are ready for real complaints. /practice clear removes the "
              "practice complaints; /practice starts a new round.",
        "hi": "अभ्यास पूरा - बहुत अच्छा! आप असली शिकायतों के लिए तैयार हैं। /practice clear से अभ्यास शिकायतें "
              "हटाएँ; /practice से नया चक्र शुरू करें।",
    },
    "training.practice_cleared": {
        "en": "{count} practice complaints cleared. They are archived and never counted.",
        "hi": "{count} अभ्यास शिकायतें हटा दी गईं। वे संग्रह में रहती हैं और कभी गिनी नहीं जातीं।",
    },
    "training.practice_not_for_dm": {
        "en": "Practice is for officers who act on complaints. Use /readiness to see who has finished it.",
        "hi": "अभ्यास शिकायतों पर कार्यवाही करने वाले अधिकारियों के लिए है। किसने पूरा किया, यह /readiness से देखें।",
    },
    # ---- readiness
    "training.readiness_header": {
        "en": "Readiness of {district} ({date}): {posts} posts, {linked} with a linked officer, "
              "{practised} finished practice.",
        "hi": "{district} की तैयारी ({date}): {posts} पद, {linked} पर जुड़े अधिकारी, {practised} ने अभ्यास पूरा किया।",
    },
    "training.readiness_not_ready": {
        "en": "Posts without a linked or active officer ({count}):",
        "hi": "बिना जुड़े या सक्रिय अधिकारी के पद ({count}):",
    },
    "training.readiness_all_linked": {
        "en": "Every post has a linked officer.",
        "hi": "हर पद पर जुड़े अधिकारी हैं।",
    },
    "training.readiness_vacant": {"en": "{post}: vacant", "hi": "{post}: रिक्त"},
    "training.readiness_unlinked": {"en": "{post}: {name}, not linked", "hi": "{post}: {name}, जुड़े नहीं"},
    "training.readiness_idle": {
        "en": "No activity for {days} days ({count}):",
        "hi": "{days} दिन से कोई गतिविधि नहीं ({count}):",
    },
    "training.readiness_idle_line": {"en": "{post}: {name}, last active {last}", "hi": "{post}: {name}, अंतिम गतिविधि {last}"},
    "training.never": {"en": "never", "hi": "कभी नहीं"},
    "training.readiness_not_allowed": {
        "en": "Only the District Magistrate and the district helpline in-charge can see readiness.",
        "hi": "तैयारी केवल जिलाधिकारी और जिला हेल्पलाइन प्रभारी देख सकते हैं।",
    },
}

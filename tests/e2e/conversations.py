"""Twelve first-time complaints whose place is not in the first message, shared by the web chat,
Telegram and WhatsApp conversation tests, and how their length is judged.

Each citizen answers what the bot asks, as a new user would: the department from the offered
buttons (Edit on the summary when the bot was sure and wrong), the place by name, their name, their
mobile (or Telegram's contact button). "Further messages" are the citizen's messages after the
first one up to the ticket number. Issue 13's goal: median <= 5 on the web chat, <= 4 on Telegram
and WhatsApp, every ticket right.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass

MEDIAN_GOAL = {"web": 5, "telegram": 4, "whatsapp": 4}


@dataclass(frozen=True)
class Complaint:
    text: str
    department: str
    district: str          # as the citizen types it (en or hi name)
    block: str
    district_code: str
    block_code: str
    name: str


COMPLAINTS = (
    Complaint("3 din se hamare gaon me bijli nahi aa rahi, transformer jal gaya hai", "energy",
              "Rudraprayag", "Ukhimath", "rudraprayag", "ukhimath", "Mohan Lal"),
    Complaint("हमारे गाँव में दो हफ्ते से नल में पीने का पानी नहीं आ रहा है", "drinking_water",
              "टिहरी गढ़वाल", "चम्बा", "tehri_garhwal", "chamba", "सीता देवी"),
    Complaint("The road to our village is full of potholes and nobody repairs it", "public_works",
              "Pauri Garhwal", "Kot", "pauri_garhwal", "kot", "Ramesh Kumar"),
    Complaint("मोहल्ले की नाली एक महीने से जाम है और कूड़ा नहीं उठाया जा रहा", "urban_development",
              "देहरादून", "विकासनगर", "dehradun", "vikasnagar", "राकेश रावत"),
    Complaint("My mother's old age pension has not come for six months", "social_welfare",
              "Almora", "Chaukhutia", "almora", "chaukhutia", "Kamla Bisht"),
    Complaint("राशन डीलर पूरा राशन नहीं देता और ज़्यादा पैसे लेता है", "food_supply",
              "हरिद्वार", "भगवानपुर", "haridwar", "bhagwanpur", "सलीम अहमद"),
    Complaint("school me teacher roz nahi aate, bachchon ki padhai nahi ho rahi", "school_education",
              "Chamoli", "Ghat", "chamoli", "ghat", "Deepak Negi"),
    Complaint("बंदरों और जंगली सूअरों ने हमारी पूरी फसल बर्बाद कर दी है", "forest",
              "पिथौरागढ़", "बेरीनाग", "pithoragarh", "berinag", "गोविंद सिंह"),
    Complaint("The doctor is never present at the primary health centre", "health",
              "Nainital", "Kotabagh", "nainital", "kotabagh", "Priya Joshi"),
    Complaint("mgnrega ki mazdoori teen mahine se nahi mili hai", "rural_development",
              "Bageshwar", "Kapkot", "bageshwar", "kapkot", "Hari Ram"),
    Complaint("पटवारी छह महीने से दाखिल खारिज नहीं कर रहा है", "revenue",
              "उत्तरकाशी", "डुंडा", "uttarkashi", "dunda", "सुरेश पंवार"),
    Complaint("The anganwadi centre stays closed and the children get no nutrition", "women_child",
              "Champawat", "Lohaghat", "champawat", "lohaghat", "Geeta Devi"),
)


def phone_of(complaint: Complaint) -> str:
    """Each of the twelve citizens has a mobile number of their own (the daily limit counts per phone)."""
    return f"98765{COMPLAINTS.index(complaint):05d}"


def median_turns(turns: list[int]) -> float:
    return statistics.median(turns)


def report(channel: str, rows: list[tuple[str, int, list[str]]]) -> str:
    """One line per conversation (turns and the questions asked) and the median, for -s output."""
    lines = [f"[{channel}] {turns} further messages, asked {asked}: {text[:50]!r}" for text, turns, asked in rows]
    lines.append(f"[{channel}] median {median_turns([t for _, t, _ in rows])} "
                 f"(goal <= {MEDIAN_GOAL[channel]}) over {len(rows)} conversations")
    return "\n".join(lines)

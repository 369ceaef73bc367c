"""Whole conversations through the real Rasa server and action server, in Hindi, English and Hinglish.

The citizen answers whatever the form asks (read from the tracker's requested_slot), picks the right
department from the offered buttons (or changes it on the summary), and the filed tickets are then
looked up in the core. Every conversation's turns are counted and printed; twelve first-time
complaints without their place (tests/e2e/conversations.py) must take a median of at most 5 further
messages on the web chat, every ticket right.
"""
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import Any

import pytest
from conversations import COMPLAINTS, MEDIAN_GOAL, median_turns, phone_of, report
from procs import Stack

from helpline import service

pytestmark = [pytest.mark.e2e, pytest.mark.rasa]
TICKET = re.compile(r"CMH-\d{4}-\d{6}")
DEVANAGARI = re.compile(r"[\u0900-\u097F]")


@dataclass
class Citizen:
    """A citizen who answers each question of the form from what they know."""

    stack: Stack
    sender: str
    department: str
    answers: dict[str, str]
    metadata: dict[str, Any] = field(default_factory=dict)
    step_metadata: dict[str, dict[str, Any]] = field(default_factory=dict)
    bad_answers: dict[str, list[str]] = field(default_factory=dict)  # tried first, must be re-asked
    attach: dict[str, Any] | None = None   # photo/location metadata sent when the summary offers it
    transcript: list[tuple[str, list[str]]] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)
    turns: int = 0  # messages after the first one

    def say(self, text: str, metadata: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        replies = self.stack.send(self.sender, text, {**self.metadata, **(metadata or {})})
        self.transcript.append((text[:60], [r.get("text", "")[:80] for r in replies]))
        return replies

    def file(self, first_message: str, max_turns: int = 15) -> str:
        """Drives the conversation from the first message to the ticket number, which it returns."""
        replies = self.say(first_message)
        while self.turns < max_turns:
            number = next((m.group(0) for r in replies if (m := TICKET.search(r.get("text") or ""))), None)
            if number:
                return number
            slot = self.stack.tracker(self.sender)["slots"].get("requested_slot")
            assert slot, f"the form stopped without a ticket: {self.transcript}\n{self.stack.logs()}"
            self.asked.append(slot)
            self.turns += 1
            if self.bad_answers.get(slot):
                bad = self.bad_answers[slot].pop(0)
                replies = self.say(bad)
                again = self.stack.tracker(self.sender)["slots"].get("requested_slot")
                assert again == slot and replies, f"bad {slot} {bad[:20]!r} was not asked again"
                continue
            replies = self.say(self.answer(slot, replies), self.step_metadata.get(slot))
        raise AssertionError(f"no ticket after {max_turns} messages: {self.transcript}")

    def answer(self, slot: str, replies: list[dict[str, Any]]) -> str:
        if slot == "department":
            payloads = [b["payload"] for r in replies for b in r.get("buttons") or []]
            if not payloads:   # the question came again without buttons (after an edit): name it
                return f'/choose_department{{"department":"{self.department}"}}'
            wanted = next((p for p in payloads if f'"{self.department}"' in p), None)
            return wanted or "/deny"  # not offered: ask for the full list
        if slot == "location":
            return "" if "location" in self.step_metadata else "/skip"
        if slot == "confirm":
            if self.attach is not None:   # the summary offers the photo/location: send it now
                attach, self.attach = self.attach, None
                self.step_metadata["confirm"] = attach
                return ""
            self.step_metadata.pop("confirm", None)
            if self.stack.tracker(self.sender)["slots"].get("department") != self.department:
                return '/edit{"field":"department"}'   # sure and wrong: changed on the summary
            return "/affirm"
        return self.answers[slot]


def _identity(sender: str) -> tuple[str, str]:
    channel, _, external = sender.partition(":")
    return channel, external


def _filed(sender: str, number: str):
    channel, external = _identity(sender)
    return service.citizen_ticket(number, channel=channel, channel_user_id=external)


def _report(name: str, citizen: Citizen) -> None:
    print(f"\n[{name}] {citizen.turns} further messages after the first")
    for said, heard in citizen.transcript:
        print(f"  citizen: {said!r}\n      bot: {heard}")


def test_hinglish_complaint_with_the_place_reaches_a_ticket_in_five_messages(stack_core: Stack) -> None:
    sender = f"web:{uuid.uuid4()}"
    citizen = Citizen(stack_core, sender, "energy", {"citizen_name": "Mohan Lal", "phone": "9876543210",
                                                      "district": "Rudraprayag", "block": "Ukhimath"})
    number = citizen.file("ukhimath me 3 din se bijli nahi hai")
    _report("hinglish", citizen)
    ticket = _filed(sender, number)
    assert (ticket.department, ticket.district, ticket.block) == ("energy", "rudraprayag", "ukhimath")
    assert ticket.citizen_name == "Mohan Lal" and ticket.channel == "web"
    assert citizen.turns <= 4, f"{citizen.turns} messages: {citizen.transcript}"
    assert "department" not in citizen.asked and "location" not in citizen.asked


def test_hindi_on_whatsapp_with_verified_phone_and_location(stack_core: Stack) -> None:
    sender = "whatsapp:919812345678"
    citizen = Citizen(stack_core, sender, "drinking_water",
                      {"citizen_name": "सीता देवी", "district": "रुद्रप्रयाग", "block": "जखोली"},
                      metadata={"channel": "whatsapp", "user_id": "919812345678", "phone": "919812345678"},
                      attach={"location": {"lat": 30.41, "lon": 78.95}})
    number = citizen.file("जखोली में हैंडपंप दो हफ्ते से खराब है, पीने का पानी नहीं मिल रहा")
    _report("hindi", citizen)
    ticket = _filed(sender, number)
    assert (ticket.department, ticket.district, ticket.block) == ("drinking_water", "rudraprayag", "jakholi")
    assert ticket.citizen_name == "सीता देवी" and ticket.location == (30.41, 78.95)
    assert all(DEVANAGARI.search(heard[0]) for _, heard in citizen.transcript if heard)
    assert "phone" not in citizen.asked  # WhatsApp's number is verified: never asked


def test_english_with_bad_answers_reasked_and_status_private(stack_core: Stack) -> None:
    sender = "telegram:5550001"
    citizen = Citizen(stack_core, sender, "public_works",
                      {"citizen_name": "Ramesh Kumar", "phone": "+91 94123 45678",
                       "district": "Tehri Garhwal", "block": "Chamba"},
                      bad_answers={"citizen_name": ["x" * 4000, ""], "phone": ["98765abc10"],
                                   "district": ["Gotham"]})
    number = citizen.file("The road to our village in Chamba block is full of potholes and nobody repairs it")
    _report("english", citizen)
    ticket = _filed(sender, number)
    assert (ticket.department, ticket.district, ticket.block) == ("public_works", "tehri_garhwal", "chamba")
    assert ticket.citizen_name == "Ramesh Kumar"
    assert not [t for t in service.citizen_tickets(channel="telegram", channel_user_id="5550001")
                if t.number != number], "a re-asked answer must not file anything"
    assert any("10 digits" in h for _, heard in citizen.transcript for h in heard)

    own = " ".join(r.get("text", "") for r in stack_core.send(sender, f"what is the status of {number}"))
    assert number in own and "Public Works" in own
    stranger = "telegram:5550002"
    theirs = " ".join(r.get("text", "") for r in stack_core.send(stranger, f"what is the status of {number}"))
    missing = number[:-6] + "999999"
    nothing = " ".join(r.get("text", "") for r in stack_core.send(stranger, f"what is the status of {missing}"))
    assert theirs.replace(number, "N") == nothing.replace(missing, "N")
    assert "Public Works" not in theirs


def test_cancel_in_the_middle_files_nothing(stack_core: Stack) -> None:
    sender = f"web:{uuid.uuid4()}"
    stack_core.send(sender, "gaon ki sadak toot gayi hai, koi marammat nahi karta")
    stack_core.send(sender, '/choose_department{"department":"public_works"}')
    replies = stack_core.send(sender, "rehne do")
    tracker = stack_core.tracker(sender)
    assert tracker["active_loop"].get("name") is None and tracker["slots"]["complaint_text"] is None
    assert replies and not TICKET.search(" ".join(r.get("text", "") for r in replies))
    channel, external = _identity(sender)
    assert service.citizen_tickets(channel=channel, channel_user_id=external) == []


def test_twelve_new_web_chat_citizens_need_at_most_five_further_messages(stack_core: Stack) -> None:
    rows, wrong = [], []
    for complaint in COMPLAINTS:
        sender = f"web:{uuid.uuid4()}"
        citizen = Citizen(stack_core, sender, complaint.department,
                          {"district": complaint.district, "block": complaint.block,
                           "citizen_name": complaint.name, "phone": phone_of(complaint)})
        ticket = _filed(sender, citizen.file(complaint.text))
        rows.append((complaint.text, citizen.turns, citizen.asked))
        if (ticket.department, ticket.district, ticket.block) != (
                complaint.department, complaint.district_code, complaint.block_code) \
                or ticket.citizen_name != complaint.name:
            wrong.append((complaint.text, ticket.department, ticket.district, ticket.block))
        assert "location" not in citizen.asked and citizen.asked.count("phone") <= 1
    print("\n" + report("web", rows))
    assert not wrong, wrong
    assert median_turns([t for _, t, _ in rows]) <= MEDIAN_GOAL["web"], report("web", rows)


def test_a_question_naming_a_ticket_gets_its_status_never_a_second_ticket(stack_core: Stack) -> None:
    sender = f"web:{uuid.uuid4()}"
    citizen = Citizen(stack_core, sender, "energy", {"citizen_name": "Mohan Lal", "phone": "9876543210"})
    number = citizen.file("ukhimath me 3 din se bijli nahi hai")
    channel, external = _identity(sender)
    for text in (f"mera complaint {number} ka kya hua, bijli abhi bhi nahi aayi",
                 f"{number} transformer abhi tak nahi badla, gaon me andhera hai"):
        replies = " ".join(r.get("text", "") for r in stack_core.send(sender, text))
        assert number in replies, replies
        assert stack_core.tracker(sender)["active_loop"].get("name") is None
    assert [t.number for t in service.citizen_tickets(channel=channel, channel_user_id=external)] == [number]


def test_a_garhwali_complaint_gets_a_person_and_the_department_buttons(stack_core: Stack) -> None:
    sender = f"web:{uuid.uuid4()}"
    replies = stack_core.send(sender, "भैजी सुणा दौं, हमरा गौं मा चार दिन बटि बिजली नी च, जल्दी कुछ कैरा")
    texts = " ".join(r.get("text", "") for r in replies)
    assert "1905" in texts and "agent" in texts and "एजेंट" in texts, texts
    payloads = [b["payload"] for r in replies for b in r.get("buttons") or []]
    assert any("choose_department" in p for p in payloads), replies   # never a dead end
    assert stack_core.tracker(sender)["slots"]["requested_slot"] == "department"
    citizen = Citizen(stack_core, sender, "energy", {"district": "Rudraprayag", "block": "Ukhimath",
                                                     "citizen_name": "गोविंद सिंह", "phone": "9876543210"})
    citizen.turns = 0
    number = citizen.file('/choose_department{"department":"energy"}')
    ticket = _filed(sender, number)
    assert ticket.department == "energy" and "बिजली नी च" in ticket.text

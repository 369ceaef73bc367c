"""Simulated citizens on Telegram: each files one complaint through the fake Bot API and asks its status.

A citizen behaves like a person: sends a message, waits for the bot's answer, reads the question
(the conversation's `requested_slot`, read from Rasa's tracker through the balancer, so from any
copy) and answers it by text or by pressing the offered button. A turn is the time from the
update being posted to the webhook until the bot has answered it and Rasa's tracker holds it.
"""
from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass, field

import httpx

from helpline.texts import render
from tests.fakes.telegram_api import FakeTelegram

TICKET = re.compile(r"CMH-\d{4}-\d{6}")
FIRST_NAMES = ["Ramesh", "Sita", "Mohan", "Geeta", "Harish", "Kamla", "Dinesh", "Pushpa", "Naveen", "Lata",
               "Suresh", "Asha", "Vijay", "Meena", "Anil", "Radha", "Prakash", "Savita", "Gopal", "Bina"]
LAST_NAMES = ["Rawat", "Negi", "Bisht", "Semwal", "Joshi", "Bhatt", "Rana", "Panwar", "Thapliyal", "Kandari"]
BLOCKS = {"ukhimath": ("Ukhimath", "ऊखीमठ"), "jakholi": ("Jakholi", "जखोली"),
          "augustmuni": ("Augustmuni", "अगस्त्यमुनि")}
# (department, language, first message with the place); {b} is the block's name in that language.
COMPLAINTS = [
    ("energy", "hi", "{b} में तीन दिन से बिजली नहीं है, ट्रांसफार्मर जल गया है"),
    ("energy", "en", "No electricity in {b} for two days, the transformer has burnt out"),
    ("drinking_water", "hi", "{b} में हैंडपंप दो हफ्ते से खराब है, पीने का पानी नहीं मिल रहा"),
    ("drinking_water", "en", "{b} village has had no drinking water supply for a week, the pipeline is broken"),
    ("public_works", "en", "The road to our village in {b} block is full of potholes"),
    ("public_works", "hi", "{b} में गाँव की सड़क पर बड़े गड्ढे हैं, कोई मरम्मत नहीं करता"),
    ("energy", "en", "{b} me 3 din se bijli nahi hai"),
    ("drinking_water", "en", "{b} me nal me paani nahi aa raha ek hafte se"),
]
RESTATE = {"hi": "मुझे शिकायत दर्ज करनी है: {text}", "en": "I want to file a complaint: {text}"}
PLEASE_WAIT = {render("bot.slow", "hi"), render("bot.slow", "en")}   # the bot's "Rasa is slow" note
BUSY = {render("bot.busy", "hi"), render("bot.busy", "en")}             # "busy, please send it again"
STATUS_QUESTION = {"hi": "मेरी शिकायत {n} की स्थिति क्या है?", "en": "What is the status of {n}?"}


@dataclass
class Outcome:
    """What happened to one citizen."""

    chat: int
    department: str
    block: str
    number: str | None = None
    status_answered: bool = False
    user_events: int | None = None   # messages Rasa recorded for this chat (each update exactly once)
    sent: int = 0                    # messages this citizen relayed
    resent: int = 0                  # messages sent again after the bot said it was busy
    turns: list[float] = field(default_factory=list)   # seconds per message sent
    transcript: list[tuple[str, list[str]]] = field(default_factory=list)
    error: str | None = None


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank below) of turn times."""
    ordered = sorted(values)
    return ordered[int(0.95 * (len(ordered) - 1))]


def plan(i: int) -> tuple[str, str, str, str]:
    """Citizen i's department, language, block code and first message (varied, deterministic)."""
    department, language, template = COMPLAINTS[i % len(COMPLAINTS)]
    block = list(BLOCKS)[(i // len(COMPLAINTS)) % len(BLOCKS)]
    name_en, name_hi = BLOCKS[block]
    return department, language, block, template.format(b=name_hi if language == "hi" else name_en)


def _buttons(messages: list[dict]) -> list[tuple[int, str, str]]:
    return [(m["message_id"], b["text"], b.get("callback_data", "")) for m in messages
            for row in (m.get("reply_markup") or {}).get("inline_keyboard", []) for b in row]


class Citizen:
    """One person in one Telegram chat."""

    def __init__(self, tg: FakeTelegram, client: httpx.AsyncClient, rasa_url: str, token: str,
                 chat: int, index: int, turn_timeout: float = 120.0, redeliver_first: bool = False):
        self.tg, self.client, self.rasa_url, self.token = tg, client, rasa_url, token
        self.chat, self.index, self.timeout = chat, index, turn_timeout
        self.redeliver_first = redeliver_first
        department, self.language, block, self.first = plan(index)
        self.outcome = Outcome(chat, department, block)
        self.sent = 0   # messages relayed to Rasa so far (user events the tracker must show)
        self._last: tuple[list[dict], dict] = ([], {})
        self.name = f"{FIRST_NAMES[index % 20]} {LAST_NAMES[(index // 20) % 10]}"
        self.answers = {"citizen_name": self.name, "phone": f"9{chat % 10 ** 9:09d}",
                        "district": "Rudraprayag" if self.language == "en" else "रुद्रप्रयाग",
                        "block": BLOCKS[block][0 if self.language == "en" else 1]}

    async def tracker(self) -> dict:
        response = await self.client.get(f"{self.rasa_url}/conversations/telegram:{self.chat}/tracker",
                                         params={"token": self.token})
        response.raise_for_status()
        return response.json()

    async def _turn(self, act, label: str) -> tuple[list[dict], dict]:
        """Do one thing (type or press), wait until Rasa has taken it and the bot has answered.

        A citizen told that the service is busy sends the same thing again, as the message asks.
        Returns the bot's new messages and the tracker after this message.
        """
        before = len(self.tg.messages(self.chat))
        start = time.monotonic()
        act()
        self.sent += 1
        deadline = start + self.timeout
        seen = before
        while True:
            if time.monotonic() > deadline:
                raise TimeoutError(f"no answer to {label!r} in {self.timeout:.0f} s")
            messages = self.tg.messages(self.chat)
            if any(m.get("text") in BUSY for m in messages[seen:]):
                seen = len(messages)
                self.outcome.resent += 1
                act()
                self.sent += 1
                continue
            seen = len(messages)
            if not [m for m in messages[before:] if m.get("text") not in PLEASE_WAIT | BUSY]:
                await asyncio.sleep(0.05)
                continue
            # An answer came; it is this message's once the tracker holds the message (the tail of
            # the previous answer could come before that).
            tracker = await self.tracker()
            if sum(1 for e in tracker.get("events", []) if e.get("event") == "user") >= self.sent:
                break
            await asyncio.sleep(0.5)
        self.outcome.turns.append(time.monotonic() - start)
        new = self.tg.messages(self.chat)[before:]
        self.outcome.transcript.append((label[:50], [(m.get("text") or "")[:70] for m in new]))
        return new, tracker

    async def _wait_for(self, before: int, predicate, what: str, timeout: float = 30.0) -> list[dict]:
        """The bot's messages since `before` once one of them satisfies `predicate`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            new = self.tg.messages(self.chat)[before:]
            if any(predicate(m) for m in new):
                return new
            await asyncio.sleep(0.05)
        raise TimeoutError(f"{what} never came")

    def _type(self, text: str):
        return lambda: self.tg.send_text(self.chat, text, language_code=self.language)

    async def _press(self, before: int, prefix: str, contains: str = "") -> None:
        """Press the offered button whose payload starts with `prefix` (waiting for it to be shown)."""
        def has(m: dict) -> bool:
            return any(d.startswith(prefix) and contains in d for _, _, d in _buttons([m]))
        new = await self._wait_for(before, has, f"a {prefix}{contains} button")
        msg_id, _, data = next(b for b in _buttons(new) if b[2].startswith(prefix) and contains in b[2])
        await self._do(lambda: self.tg.press_button(self.chat, data, msg_id, language_code=self.language), data)

    async def _do(self, act, label: str) -> None:
        self._last = await self._turn(act, label)

    async def file(self, max_turns: int = 12) -> str:
        """From the first message to the ticket number (the one the filing put in the tracker)."""
        def first() -> None:
            update_id = self.tg.send_text(self.chat, self.first, language_code=self.language)
            if self.redeliver_first:   # as Telegram does after a slow webhook: maybe to the other copy
                self.tg.redeliver(update_id)
        await self._do(first, self.first)
        restated = 0
        for _ in range(max_turns):
            new, tracker = self._last
            slots = tracker.get("slots") or {}
            slot = slots.get("requested_slot")
            before = len(self.tg.messages(self.chat)) - len(new)
            if not (tracker.get("active_loop") or {}).get("name"):
                number = slots.get("ticket_number")
                if number and TICKET.fullmatch(str(number)):   # filed; its message may still be on its way
                    await self._wait_for(before, lambda m: number in (m.get("text") or ""), "the ticket number")
                    return number
                if restated >= 2:
                    raise AssertionError("the bot never took the complaint")
                # Not understood as a complaint (the bot asked something else): say it plainly, as a person would.
                restated += 1
                again = RESTATE[self.language].format(text=self.first)
                await self._do(self._type(again), again)
            elif slot == "department":
                # The intended department when offered, else the likeliest one the bot offers
                # (routing accuracy is the NLU tests' business; here the ticket must be filed).
                offered = [d for _, _, d in _buttons(await self._wait_for(
                    before, lambda m: any(d.startswith("/choose_department") for _, _, d in _buttons([m])),
                    "department buttons")) if d.startswith("/choose_department")]
                wanted = f'"{self.outcome.department}"'
                if not any(wanted in d for d in offered):
                    wanted = offered[0][len("/choose_department"):]
                await self._press(before, "/choose_department", wanted)
            elif slot == "location":
                await self._press(before, "/skip")
            elif slot == "confirm":
                await self._press(before, "/affirm")
            elif slot in self.answers:
                await self._do(self._type(self.answers[slot]), self.answers[slot])
            else:
                raise AssertionError(f"unexpected question {slot!r}")
        raise AssertionError(f"no ticket after {max_turns} messages")

    async def ask_status(self, number: str) -> bool:
        """Ask the status in words (through Rasa); True when the answer is that ticket's status."""
        before = len(self.tg.messages(self.chat))
        await self._do(self._type(STATUS_QUESTION[self.language].format(n=number)), "status?")
        try:
            await self._wait_for(before, lambda m: number in (t := m.get("text") or "")
                                 and ("Department:" in t or "विभाग:" in t), "the status", timeout=20)
        except TimeoutError:
            return False
        return True

    async def run(self) -> Outcome:
        try:
            self.outcome.number = await self.file()
            self.outcome.status_answered = await self.ask_status(self.outcome.number)
            events = (await self.tracker()).get("events", [])
            self.outcome.user_events = sum(1 for e in events if e.get("event") == "user")
            self.outcome.sent = self.sent
        except Exception as err:  # noqa: BLE001 - reported per citizen with the transcript
            self.outcome.error = f"{type(err).__name__}: {err}"
        return self.outcome


async def run_citizens(tg: FakeTelegram, rasa_url: str, token: str, chats: list[int], *,
                       at_once: int = 50, first_index: int = 0, redeliver_every: int = 0,
                       ) -> tuple[list[Outcome], float]:
    """All citizens, at most `at_once` in conversation at a time; (outcomes, wall seconds).

    Every `redeliver_every`-th citizen's first update is delivered twice (0: never).
    """
    gate = asyncio.Semaphore(at_once)
    limits = httpx.Limits(max_connections=at_once * 2, max_keepalive_connections=at_once)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        async def one(i: int, chat: int) -> Outcome:
            async with gate:
                twice = bool(redeliver_every) and i % redeliver_every == 0
                return await Citizen(tg, client, rasa_url, token, chat, first_index + i,
                                     redeliver_first=twice).run()

        start = time.monotonic()
        outcomes = await asyncio.gather(*(one(i, chat) for i, chat in enumerate(chats)))
    return list(outcomes), time.monotonic() - start

"""Text helpers of the channels; the texts themselves live in `helpline/texts.py` (one place)."""
from __future__ import annotations

from helpline import texts as messages

render = messages.render
language = messages.language


def guess_language(text: str | None, language_code: str | None = None) -> str:
    """Hindi if the text has Devanagari, else the Telegram/WhatsApp language tag, else Hindi."""
    if text and any("\u0900" <= ch <= "\u097f" for ch in text):
        return "hi"
    return language(language_code) if language_code else "hi"

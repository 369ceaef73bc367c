"""The composition root of the channels: builds each adapter whose settings are present.

The notification sender, the worker and `python -m bot` receive what is built here; no channel
module builds another.
"""
from __future__ import annotations

from bot.channel import Channel
from bot.telegram.adapter import TelegramChannel, build_bot
from bot.whatsapp.adapter import CHANNEL as WHATSAPP, WhatsAppClient, WhatsAppConfig
from helpline import settings


def channels_from_settings(telegram_bot=None) -> dict[str, Channel]:
    """Telegram (the given bot, else one from TELEGRAM_BOT_TOKEN) and WhatsApp (all WHATSAPP_* set)."""
    channels: dict[str, Channel] = {}
    if telegram_bot is not None or settings.TELEGRAM_BOT_TOKEN:
        channels["telegram"] = TelegramChannel(telegram_bot or build_bot())
    whatsapp = WhatsAppConfig.from_settings()
    if whatsapp.enabled:
        channels[WHATSAPP] = WhatsAppClient(whatsapp)
    return channels

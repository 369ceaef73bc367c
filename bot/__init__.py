"""Channels: Telegram and WhatsApp adapters, what they share (channel, inbound, relay, cards), the sender."""
import os

# Opt in to PTB's timedelta durations now (retry_after), instead of a deprecation warning per 429.
os.environ.setdefault("PTB_TIMEDELTA", "1")

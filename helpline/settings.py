"""Every setting of the helpline, read from the environment with working defaults.

The README's configuration table lists the same names; keep the two together.
"""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"setting {name} must be a whole number, got {raw!r}")


# Database: SQLite file by default (nothing to install); PostgreSQL in production.
DATABASE_URL = _env("HELPLINE_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'helpline.db'}")

# Life-cycle rules (BRIEF.md): days at each level unless a department overrides it in
# reference/departments.yaml; daily complaint limit per citizen; days to wait for feedback.
LEVEL_DAYS = _int("HELPLINE_LEVEL_DAYS", 7)
DAILY_COMPLAINT_LIMIT = _int("HELPLINE_DAILY_LIMIT", 10)
FEEDBACK_DAYS = _int("HELPLINE_FEEDBACK_DAYS", 7)
TICKET_PREFIX = _env("HELPLINE_TICKET_PREFIX", "CMH")
TIMEZONE = _env("HELPLINE_TIMEZONE", "Asia/Kolkata")
HELPLINE_PHONE = _env("HELPLINE_PHONE", "1905")
# How often each worker runs the time sweep (seconds).
SWEEP_SECONDS = _int("HELPLINE_SWEEP_SECONDS", 60)

# Processes on loopback (ARCHITECTURE.md).
RASA_URL = _env("RASA_URL", "http://127.0.0.1:5005")
RASA_TOKEN = _env("RASA_TOKEN", "")
# The secret the relay sends to Rasa's helpline channel and Rasa sends to the action server
# (header X-Helpline-Secret); both refuse any call without it. `make run` makes one per run.
RASA_SECRET = _env("HELPLINE_RASA_SECRET", "")
# bot/relay.py: how long a citizen waits for Rasa before a "busy" (Rasa down) or "please wait"
# (Rasa slow) answer (seconds),
# and the REST channel path (empty: the metadata channel when credentials.yml declares it).
RASA_TIMEOUT_SECONDS = _int("RASA_TIMEOUT_SECONDS", 4)
RASA_MAX_WAIT_SECONDS = _int("RASA_MAX_WAIT_SECONDS", 60)   # a slow answer still arrives until then
RASA_WEBHOOK_PATH = _env("RASA_WEBHOOK_PATH", "")
RASA_PORT = _int("RASA_PORT", 5005)
ACTION_SERVER_PORT = _int("ACTION_SERVER_PORT", 5055)
PORTAL_HOST = _env("PORTAL_HOST", "127.0.0.1")
PORTAL_PORT = _int("PORTAL_PORT", 8000)

# Telegram (bot/).
TELEGRAM_BOT_TOKEN = _env("TELEGRAM_BOT_TOKEN")
TELEGRAM_WEBHOOK_SECRET = _env("TELEGRAM_WEBHOOK_SECRET")
# Webhook mode: the public HTTPS address of /webhooks/telegram, registered with the Bot API at start.
TELEGRAM_WEBHOOK_URL = _env("TELEGRAM_WEBHOOK_URL")
TELEGRAM_API_BASE_URL = _env("TELEGRAM_API_BASE_URL", "https://api.telegram.org/bot")
DM_DIGEST_HOUR = _int("HELPLINE_DM_DIGEST_HOUR", 8)

# WhatsApp Cloud API (bot/).
WHATSAPP_TOKEN = _env("WHATSAPP_TOKEN")
WHATSAPP_PHONE_NUMBER_ID = _env("WHATSAPP_PHONE_NUMBER_ID")
WHATSAPP_APP_SECRET = _env("WHATSAPP_APP_SECRET")
WHATSAPP_VERIFY_TOKEN = _env("WHATSAPP_VERIFY_TOKEN")
WHATSAPP_GRAPH_URL = _env("WHATSAPP_GRAPH_URL", "https://graph.facebook.com/v21.0")
# A Meta-approved utility template (one body parameter {{1}}, up to three quick-reply buttons) used
# when a notification falls outside WhatsApp's 24-hour window; empty: such a notice is given up.
WHATSAPP_TEMPLATE = _env("WHATSAPP_TEMPLATE")
# Where photos citizens send are saved (WhatsApp media are downloaded here).
PHOTO_DIR = Path(_env("HELPLINE_PHOTO_DIR", str(ROOT / "var" / "photos")))

# Web portal (portal/): Open311 API keys (comma-separated, each `key`, `key:state` or `key:<district>`:
# the scope a key reads in full; README) and the secret of cookies and dashboard login codes.
OPEN311_API_KEYS = [k for k in _env("OPEN311_API_KEYS").split(",") if k]
PORTAL_SECRET = _env("PORTAL_SECRET")
# Dashboard login throttle (helpline/officers/login_throttle.py, in the database): failures per officer and
# per client address within the window, and how many scrypt checks run at once per web process.
LOGIN_FAILURES_PER_OFFICER = _int("HELPLINE_LOGIN_FAILURES", 5)
LOGIN_FAILURES_PER_ADDRESS = _int("HELPLINE_LOGIN_FAILURES_PER_ADDRESS", 30)
LOGIN_WINDOW_MINUTES = _int("HELPLINE_LOGIN_WINDOW_MINUTES", 15)
LOGIN_CHECKS_AT_ONCE = _int("PORTAL_LOGIN_CHECKS_AT_ONCE", 2)
# The reverse proxy (deploy/nginx.conf) in front of the web app: addresses or networks, comma-separated,
# whose X-Forwarded-Proto/-For are believed (empty: none); HSTS max-age sent over https (0: off).
PORTAL_TRUSTED_PROXIES = _env("PORTAL_TRUSTED_PROXIES")
PORTAL_HSTS_SECONDS = _int("PORTAL_HSTS_SECONDS", 31536000)

# Redis for Rasa's lock store when several Rasa servers run (deploy/).
REDIS_URL = _env("HELPLINE_REDIS_URL", "redis://127.0.0.1:6379/0")

# Core (helpline/): demo clock offset in seconds (the demo's "time travel"; 0 in production),
# where the reference YAML lives, how long an officer's Telegram link code stays valid, and the
# window and text similarity under which a repeated complaint is linked instead of filed again.
CLOCK_OFFSET_SECONDS = _int("HELPLINE_CLOCK_OFFSET_SECONDS", 0)
REFERENCE_DIR = Path(_env("HELPLINE_REFERENCE_DIR", str(ROOT / "helpline" / "reference")))
OFFICER_INVITE_HOURS = _int("HELPLINE_OFFICER_INVITE_HOURS", 72)
NEAR_DUPLICATE_DAYS = _int("HELPLINE_NEAR_DUPLICATE_DAYS", 30)
NEAR_DUPLICATE_PERCENT = _int("HELPLINE_NEAR_DUPLICATE_PERCENT", 85)

# Durable intake (helpline/tickets/intake.py): how long a process holds a claimed inbound message before
# another may take it (seconds; longer than one Rasa answer, RASA_MAX_WAIT_SECONDS).
INTAKE_LEASE_SECONDS = _int("HELPLINE_INTAKE_LEASE_SECONDS", 120)

# Web chat limits (portal/webchat.py, counted in the database by helpline/rate_limits.py so that every
# web process shares them; 0 turns one off): messages per minute per chat session and per client
# address, new chat sessions per hour per address, photos per session and per address per day.
WEB_MESSAGES_PER_MINUTE = _int("HELPLINE_WEB_MESSAGES_PER_MINUTE", 20)
WEB_MESSAGES_PER_MINUTE_PER_ADDRESS = _int("HELPLINE_WEB_MESSAGES_PER_MINUTE_PER_ADDRESS", 60)
WEB_SESSIONS_PER_HOUR = _int("HELPLINE_WEB_SESSIONS_PER_HOUR", 10)
WEB_PHOTOS_PER_SESSION = _int("HELPLINE_WEB_PHOTOS_PER_SESSION", 5)
WEB_PHOTOS_PER_DAY = _int("HELPLINE_WEB_PHOTOS_PER_DAY", 20)
# Photos of chats that filed nothing are deleted by the worker after this many hours.
UNFILED_PHOTO_HOURS = _int("HELPLINE_UNFILED_PHOTO_HOURS", 24)

# Retention (helpline/retention.py, applied hourly by the worker; 0 keeps forever): citizens' names,
# phones and channel ids once all their tickets are closed this long; Rasa conversations idle this
# long (deleted from the tracker store at RASA_TRACKER_STORE_URL); inbound message records; the text
# and address of delivered notifications. Tickets and their history are never deleted.
RETENTION_DAYS = _int("HELPLINE_RETENTION_DAYS", 365)
RETENTION_CONVERSATION_DAYS = _int("HELPLINE_RETENTION_CONVERSATION_DAYS", 90)
RETENTION_INBOUND_DAYS = _int("HELPLINE_RETENTION_INBOUND_DAYS", 30)
RETENTION_OUTBOX_DAYS = _int("HELPLINE_RETENTION_OUTBOX_DAYS", 90)
# Rasa's tracker store as an SQLAlchemy URL (endpoints.yml: var/rasa_tracker.db under make run);
# empty: conversations are not purged by the worker.
RASA_TRACKER_STORE_URL = _env("RASA_TRACKER_STORE_URL", f"sqlite:///{ROOT / 'var' / 'rasa_tracker.db'}")

# "Me too" (issue 17): a new complaint is offered the open tickets of its department in its block, or
# within this many metres when both have a location, filed within these days.
METOO_RADIUS_M = _int("HELPLINE_METOO_RADIUS_M", 500)
METOO_DAYS = _int("HELPLINE_METOO_DAYS", 14)

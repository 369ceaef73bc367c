"""Officers: who holds which post, their views and Telegram links, roster changes, dashboard login."""

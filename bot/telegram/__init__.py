"""The Telegram channel: citizens, officers and the DM in one bot (python-telegram-bot 22)."""

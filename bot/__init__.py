"""Channels: Telegram (citizens, officers, DM), the relay to Rasa, rendering and the notification sender."""

"""Custom actions of the complaint conversation (rasa-sdk, app runtime).

Run: `.venv/bin/python -m rasa_sdk --actions actions --port 5055`. The actions are thin:
they turn a tracker into calls on `helpline.service` / `helpline.reference` and render replies.
"""

"""Custom actions of the complaint conversation (rasa-sdk, app runtime).

Run: `.venv/bin/python -m actions.server --port 5055` (rasa-sdk behind the shared secret). The actions are thin:
they turn a tracker into calls on `helpline.service` / `helpline.reference` and render replies.
"""

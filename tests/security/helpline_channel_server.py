"""Run by tests/security/test_rasa_secret.py in the Rasa runtime (.venv-rasa): the helpline input
channel (nlu/channel.py) mounted as Rasa mounts it, with a stand-in dialogue that echoes the sender.

    .venv-rasa/bin/python tests/security/helpline_channel_server.py <port>
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from rasa.core.channels.channel import register  # noqa: E402
from sanic import Sanic  # noqa: E402

from nlu.channel import HelplineInput  # noqa: E402


class EchoAgent:
    """Stands in for Rasa's agent: answers every message with its sender id."""

    async def handle_message(self, message) -> None:  # noqa: ANN001
        await message.output_channel.send_text_message(message.sender_id, f"hello {message.sender_id}")


app = Sanic("helpline_channel_test")
app.ctx.agent = EchoAgent()
register([HelplineInput.from_credentials(None)], app, route="/webhooks/")

if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[1]), access_log=False, workers=1)

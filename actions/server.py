"""The action server: rasa-sdk's server, refusing every call without the shared secret.

    .venv/bin/python -m actions.server --port 5055      # make run, deploy/, the tests

rasa-sdk has no authentication of its own, and the actions trust the tracker's sender id, so a
caller that reaches the port could act as any citizen. Rasa sends HELPLINE_RASA_SECRET in the
X-Helpline-Secret header (the action endpoint's `headers` in endpoints.yml); anything else gets 403
before the body is read. `/health` stays open (it says only "ok"). The server will not start
without the setting. It binds SANIC_HOST (127.0.0.1 unless set: loopback or a private network only).
"""
from __future__ import annotations

import argparse
import hmac
import logging
import os
import sys
from functools import partial

from rasa_sdk import utils
from rasa_sdk.endpoint import DEFAULT_SERVER_PORT, create_app_for_serve
from rasa_sdk.executor import ActionExecutor
from sanic import Sanic, response
from sanic.request import Request
from sanic.worker.loader import AppLoader

from helpline import log_privacy, settings

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Helpline-Secret"   # the same header as nlu/channel.py and bot/relay.py
OPEN_PATHS = ("/health",)


def secret_ok(given: str | None, secret: str) -> bool:
    """Constant-time comparison; an unset secret refuses everything."""
    if not secret or not given:
        return False
    return hmac.compare_digest(given.encode(), secret.encode())


def create_app(actions_package: str, secret: str) -> Sanic:
    """rasa-sdk's app for `actions_package` with the secret checked on every request but /health."""
    executor = ActionExecutor()
    executor.register_package(actions_package)
    app = create_app_for_serve(executor, cors_origins=[])

    @app.on_request
    async def require_secret(request: Request):  # noqa: ANN202
        if request.path in OPEN_PATHS:
            return None
        if not secret_ok(request.headers.get(SECRET_HEADER), secret):
            log.warning("action server: a call without the shared secret was refused (%s)", request.path)
            return response.json({"error": "forbidden"}, status=403)
        return None

    return app


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m actions.server", description=__doc__.splitlines()[0])
    parser.add_argument("--actions", default="actions", help="the package holding the actions")
    parser.add_argument("-p", "--port", type=int, default=settings.ACTION_SERVER_PORT or DEFAULT_SERVER_PORT)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    log_privacy.install()   # phone numbers (in sender ids) masked in every log line
    secret = settings.RASA_SECRET
    if not secret:
        sys.exit("HELPLINE_RASA_SECRET is not set: the action server would accept calls from anyone who "
                 "reaches its port; set the secret Rasa sends (make run generates one per run)")
    host = os.environ.get("SANIC_HOST", "127.0.0.1")
    loader = AppLoader(factory=partial(create_app, args.actions, secret))
    app = loader.load()
    app.prepare(host=host, port=args.port, workers=utils.number_of_sanic_workers(), access_log=False)
    log.info("action server on http://%s:%s (calls need the shared secret)", host, args.port)
    Sanic.serve(primary=app, app_loader=loader)


if __name__ == "__main__":
    main()

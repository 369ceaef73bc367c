"""Start the whole helpline on one machine (what `make run` calls) and stop it all on Ctrl-C.

Processes, all on loopback: Rasa server, action server, worker (time sweep + notification
sender), the web app (web chat, dashboard, Open311, webhooks), and the Telegram bot in polling
mode when TELEGRAM_BOT_TOKEN is set.
"""
from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpline import settings  # noqa: E402

APP_PY = str(ROOT / ".venv" / "bin" / "python")
RASA = str(ROOT / ".venv-rasa" / "bin" / "rasa")


def process_table(env: dict[str, str]) -> list[tuple[str, list[str]]]:
    """The processes to start, in order, as (name, argv)."""
    table = [
        ("actions", [APP_PY, "-m", "actions.server", "--port", str(settings.ACTION_SERVER_PORT)]),
        ("rasa", [RASA, "run", "--enable-api", "--auth-token", env["RASA_TOKEN"],
                  "-i", "127.0.0.1", "-p", str(settings.RASA_PORT), "--model", "models",
                  "--endpoints", "endpoints.yml", "--credentials", "credentials.yml"]),
        ("worker", [APP_PY, "-m", "bot.worker"]),
        ("web", [APP_PY, "-m", "uvicorn", "portal.app:app", "--host", settings.PORTAL_HOST,
                 "--port", str(settings.PORTAL_PORT)]),
    ]
    if settings.TELEGRAM_BOT_TOKEN:
        # The worker delivers notifications; the polling bot only answers chats.
        table.append(("telegram", [APP_PY, "-m", "bot", "--no-sender"]))
    return table


def wait_for(url: str, seconds: float) -> bool:
    """Poll a URL until it answers (any HTTP status) or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return True
        except urllib.error.HTTPError:
            return True
        except OSError:
            time.sleep(1)
    return False


def environment(base: dict[str, str]) -> dict[str, str]:
    """The environment of every process of this run: `base` plus the secrets made when absent."""
    env = dict(base)
    # Rasa's HTTP API is never exposed without a token; a fresh one per run when none is set.
    env.setdefault("RASA_TOKEN", secrets.token_hex(24))   # hex: never starts with "-" (argparse)
    # One signing secret shared by every web process of this run (sessions end with the run).
    env.setdefault("PORTAL_SECRET", secrets.token_urlsafe(32))
    env["RASA_URL"] = f"http://127.0.0.1:{settings.RASA_PORT}"
    env.setdefault("ACTION_ENDPOINT_URL", f"http://127.0.0.1:{settings.ACTION_SERVER_PORT}/webhook")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    # The relay's pass to Rasa's helpline channel and Rasa's to the action server (endpoints.yml):
    # both refuse any other caller. A fresh one per run when none is set.
    env.setdefault("HELPLINE_RASA_SECRET", secrets.token_hex(32))
    # The action server binds loopback only (actions/server.py reads it).
    env.setdefault("SANIC_HOST", "127.0.0.1")
    env["RASA_TELEMETRY_ENABLED"] = "false"   # Rasa reports nothing to anyone, whatever the shell says
    return env


def main() -> int:
    env = environment(dict(os.environ))
    log_dir = ROOT / "var" / "log"
    log_dir.mkdir(parents=True, exist_ok=True)
    procs: list[tuple[str, subprocess.Popen]] = []

    def stop_all(*_: object) -> None:
        for name, proc in reversed(procs):
            if proc.poll() is None:
                proc.terminate()
        for name, proc in reversed(procs):
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
        print("helpline stopped.")

    signal.signal(signal.SIGTERM, lambda *_: (stop_all(), sys.exit(0)))
    try:
        for name, argv in process_table(env):
            log = open(log_dir / f"{name}.log", "ab")
            print(f"starting {name:9s} (log: var/log/{name}.log)")
            procs.append((name, subprocess.Popen(argv, cwd=ROOT, env=env, stdout=log,
                                                 stderr=subprocess.STDOUT)))
        print("waiting for the Rasa server to load the model (about a minute)...")
        if not wait_for(f"http://127.0.0.1:{settings.RASA_PORT}/", 240):
            print("Rasa did not start; see var/log/rasa.log", file=sys.stderr)
        web = f"http://{settings.PORTAL_HOST}:{settings.PORTAL_PORT}"
        wait_for(web + "/healthz", 60)
        print(f"""
CM Helpline is running on this machine.
  web chat (citizen)        {web}/
  dashboard (officers, DM)  {web}/dashboard
  Open311 API               {web}/open311/v2/services.json   (schema: {web}/docs)
  Rasa server (loopback)    http://127.0.0.1:{settings.RASA_PORT}
  action server             http://127.0.0.1:{settings.ACTION_SERVER_PORT}
  Telegram bot              {"polling" if settings.TELEGRAM_BOT_TOKEN else "off (set TELEGRAM_BOT_TOKEN)"}
Demo clock: `.venv/bin/helpline clock advance --days 8` then watch the ticket escalate.
Press Ctrl-C to stop everything.""")
        while True:
            for name, proc in procs:
                if proc.poll() is not None:
                    print(f"{name} exited with {proc.returncode}; see var/log/{name}.log",
                          file=sys.stderr)
                    raise KeyboardInterrupt
            time.sleep(2)
    except KeyboardInterrupt:
        stop_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())

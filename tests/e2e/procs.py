"""Start the real Rasa server (.venv-rasa) and action server (.venv) on free loopback ports, for e2e tests.

Reusable by every e2e test (Telegram, WhatsApp, web): `start_stack(workdir)` returns a `Stack` whose
`send(sender, text, metadata)` talks through the helpline input channel (nlu/channel.py) and whose
`tracker(sender)` reads the conversation through Rasa's HTTP API (auth token).
"""
from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[2]
APP_PYTHON = ROOT / ".venv" / "bin" / "python"
RASA = ROOT / ".venv-rasa" / "bin" / "rasa"
if str(ROOT) not in sys.path:   # imported as `procs` by benchmarks run from anywhere
    sys.path.insert(0, str(ROOT))

from tests.fakes.server import free_port  # noqa: E402


def newest_model(where: Path | None = None) -> Path | None:
    """HELPLINE_TEST_MODEL (file or folder), else the newest model in models/."""
    where = Path(os.environ.get("HELPLINE_TEST_MODEL", where or ROOT / "models"))
    if where.is_file():
        return where
    found = sorted(where.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return found[-1] if found else None


@dataclass
class Stack:
    """A running Rasa + action server pair on one helpline database."""

    rasa_url: str
    action_url: str
    token: str
    database_url: str
    workdir: Path
    processes: list[subprocess.Popen] = field(default_factory=list)
    secret: str = ""   # HELPLINE_RASA_SECRET: the relay's pass to the channel, Rasa's to the actions

    def send(self, sender: str, text: str, metadata: dict[str, Any] | None = None,
             timeout: float = 60.0) -> list[dict[str, Any]]:
        """One citizen message through the helpline channel; the bot's replies."""
        body: dict[str, Any] = {"sender": sender, "message": text}
        if metadata is not None:
            body["metadata"] = metadata
        response = httpx.post(f"{self.rasa_url}/webhooks/helpline/webhook", json=body, timeout=timeout,
                              headers={"X-Helpline-Secret": self.secret})
        response.raise_for_status()
        return response.json()

    def tracker(self, sender: str) -> dict[str, Any]:
        response = httpx.get(f"{self.rasa_url}/conversations/{sender}/tracker",
                             params={"token": self.token}, timeout=30)
        response.raise_for_status()
        return response.json()

    def logs(self) -> str:
        """The tail of both servers' logs, for failure messages."""
        parts = []
        for name in ("actions.log", "rasa.log"):
            path = self.workdir / name
            if path.exists():
                parts.append(f"--- {name}\n" + path.read_text(errors="replace")[-4000:])
        return "\n".join(parts)

    def stop(self) -> None:
        stop_processes(self.processes)


def process_tree(pid: int) -> list[int]:
    """`pid` and all its descendants (Sanic runs the action server in a child of its manager)."""
    found = [pid]
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                found += process_tree(int(child))
    except OSError:   # the process (or one of its threads) has gone
        pass
    return found


def stop_processes(processes) -> None:  # noqa: ANN001 - any iterable of Popen
    """Ask every process to end (SIGTERM), then kill whichever has not ended within 20 s."""
    processes = list(processes)
    for proc in processes:
        if proc.poll() is None:
            proc.terminate()
    for proc in processes:
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def _wait(url: str, proc: subprocess.Popen, stack: Stack, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            stack.stop()
            raise RuntimeError(f"{what} exited with {proc.returncode}\n{stack.logs()}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    stack.stop()
    raise RuntimeError(f"{what} did not answer {url} within {timeout:.0f} s\n{stack.logs()}")


def init_database(url: str) -> None:
    """`helpline init` on `url` (schema, reference data, demo roster), as an operator would run it."""
    env = {**os.environ, "HELPLINE_DATABASE_URL": url}
    subprocess.run([str(APP_PYTHON), "-m", "helpline.cli", "init"], cwd=ROOT, env=env, check=True,
                   capture_output=True, timeout=300)


def start_stack(workdir: Path, *, model: Path, database_url: str | None = None,
                extra_env: dict[str, str] | None = None, load_timeout: float = 240.0) -> Stack:
    """Start the action server and the Rasa server (with the helpline channel) and wait until both answer."""
    workdir.mkdir(parents=True, exist_ok=True)
    if database_url is None:
        database_url = f"sqlite:///{workdir / 'helpline.db'}"
        init_database(database_url)
    action_port, rasa_port = free_port(), free_port()
    token = secrets.token_hex(16)   # never starts with "-", which argparse would take for an option
    secret = secrets.token_hex(16)
    (workdir / "endpoints.yml").write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{action_port}/webhook"\n'
        '  headers:\n    X-Helpline-Secret: ${HELPLINE_RASA_SECRET}\n', encoding="utf-8")
    env = {**os.environ, "HELPLINE_DATABASE_URL": database_url, "TF_CPP_MIN_LOG_LEVEL": "3",
           "PYTHONUNBUFFERED": "1", "HELPLINE_RASA_SECRET": secret, "RASA_TELEMETRY_ENABLED": "false",
           "SANIC_HOST": "127.0.0.1",   # rasa-sdk's bind address: loopback, as in make run
           **(extra_env or {})}
    stack = Stack(f"http://127.0.0.1:{rasa_port}", f"http://127.0.0.1:{action_port}", token,
                  database_url, workdir, secret=secret)
    actions = subprocess.Popen(
        [str(APP_PYTHON), "-m", "actions.server", "--port", str(action_port)],
        cwd=ROOT, env=env, stdout=(workdir / "actions.log").open("w"), stderr=subprocess.STDOUT)
    stack.processes.append(actions)
    rasa = subprocess.Popen(
        [str(RASA), "run", "--enable-api", "--auth-token", token, "-i", "127.0.0.1", "-p", str(rasa_port),
         "--model", str(model), "--endpoints", str(workdir / "endpoints.yml"),
         "--credentials", str(ROOT / "credentials.yml")],
        cwd=ROOT, env=env, stdout=(workdir / "rasa.log").open("w"), stderr=subprocess.STDOUT)
    stack.processes.append(rasa)
    _wait(f"{stack.action_url}/health", actions, stack, 60, "action server")
    _wait(f"{stack.rasa_url}/webhooks/helpline/", rasa, stack, load_timeout, "Rasa server")
    # The channel answers before the model is loaded; /status with the token says when it is.
    deadline = time.monotonic() + load_timeout
    while time.monotonic() < deadline:
        status = httpx.get(f"{stack.rasa_url}/status", params={"token": token}, timeout=5)
        if status.status_code == 200 and status.json().get("model_file"):
            break
        time.sleep(0.5)
    return stack


if __name__ == "__main__":  # manual use: python tests/e2e/procs.py /tmp/stack
    model = newest_model()
    if model is None:
        sys.exit("no model: run `make train`")
    s = start_stack(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/helpline-stack"), model=model)
    print(f"rasa {s.rasa_url} token {s.token}; actions {s.action_url}; db {s.database_url}")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        s.stop()

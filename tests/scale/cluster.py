"""The production layout of deploy/ on loopback: N copies of every stateless process behind balancers.

    Rasa server x N      tracker store: PostgreSQL (own database), lock store: Redis (own key prefix)
    action server x N    behind a balancer that Rasa's action_endpoint points to
    web app x N          (uvicorn portal.app:app) serving the Telegram webhook, behind a balancer
    worker x N           (python -m bot.worker): time sweep + notification sender
    fake Telegram Bot API in this process; its webhook points at the web balancer

Rasa reads deploy/endpoints.prod.yml itself (its ${...} variables filled from the environment);
only the Redis key prefix is made unique so that parallel runs never share a lock.
Used by tests/scale/test_scale_out.py and bench/e2e_load.py.
"""
from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import yaml
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [p for p in (str(ROOT), str(ROOT / "tests" / "e2e")) if p not in sys.path]

from procs import (APP_PYTHON, RASA, free_port, init_database, newest_model, process_tree,  # noqa: E402
                   stop_processes)

from tests.fakes.telegram_api import FakeTelegram  # noqa: E402

PG_ADMIN_URL = os.environ.get("HELPLINE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS_HOST = os.environ.get("HELPLINE_TEST_REDIS_HOST", "127.0.0.1")
REDIS_PORT = int(os.environ.get("HELPLINE_TEST_REDIS_PORT", "6379"))
PROD_ENDPOINTS = ROOT / "deploy" / "endpoints.prod.yml"
__all__ = ["Cluster", "start_cluster", "newest_model", "RASA", "PG_ADMIN_URL"]


def _admin():
    return create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})


def create_database(name: str) -> str:
    """A new PostgreSQL database; its SQLAlchemy URL (psycopg 3 driver)."""
    engine = _admin()
    try:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()
    return make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)


def drop_database(name: str) -> None:
    engine = _admin()
    try:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        engine.dispose()


def _table_exists(url: str, table: str) -> bool:
    engine = create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            return bool(conn.execute(text("SELECT to_regclass(:t) IS NOT NULL"), {"t": table}).scalar())
    finally:
        engine.dispose()


def rss_mb(pid: int) -> float | None:
    """Resident memory of a process and its children in MiB (Linux /proc), None once it has gone."""
    total = None
    for member in process_tree(pid):
        try:
            for line in Path(f"/proc/{member}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total = (total or 0) + int(line.split()[1]) / 1024
        except OSError:
            continue
    return total


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time used so far by a process and its live children, None once it has gone."""
    total = None
    for member in process_tree(pid):
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total = (total or 0) + (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


@dataclass
class Cluster:
    """A running scale-out layout; `stop()` ends every process and drops both databases."""

    workdir: Path
    copies: int
    token: str
    webhook_secret: str
    database_url: str
    rasa_url: str        # the balancer in front of the Rasa servers
    web_url: str         # the balancer in front of the web apps (Telegram webhook)
    actions_url: str     # the balancer in front of the action servers
    tg: FakeTelegram
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    databases: list[str] = field(default_factory=list)
    started_in: float = 0.0   # seconds from the first process started to every copy ready

    def start(self, name: str, argv: list[str], env: dict[str, str]) -> subprocess.Popen:
        log = (self.workdir / f"{name}.log").open("w")
        proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        self.processes[name] = proc
        return proc

    def balancer_stats(self) -> dict[str, dict]:
        """Per balancer: requests per copy and conversations served by more than one copy."""
        return {name: httpx.get(f"{url}/__proxy__/stats", timeout=10).json()
                for name, url in (("rasa", self.rasa_url), ("actions", self.actions_url), ("web", self.web_url))}

    def memory(self) -> dict[str, float | None]:
        """RSS in MiB of every process we started (the fake Bot API and the test driver not included)."""
        return {name: rss_mb(proc.pid) for name, proc in self.processes.items()}

    def cpu(self) -> dict[str, float | None]:
        """CPU seconds used so far by every process we started."""
        return {name: cpu_seconds(proc.pid) for name, proc in self.processes.items()}

    def exited(self) -> dict[str, int]:
        return {name: proc.returncode for name, proc in self.processes.items() if proc.poll() is not None}

    def logs(self, tail: int = 3000, names: list[str] | None = None) -> str:
        parts = []
        for name in names or list(self.processes):
            path = self.workdir / f"{name}.log"
            if path.exists():
                parts.append(f"--- {name}.log\n" + path.read_text(errors="replace")[-tail:])
        return "\n".join(parts)

    def stop(self) -> None:
        stop_processes(self.processes.values())
        self.tg.stop()
        for name in self.databases:
            try:
                drop_database(name)
            except Exception as err:  # noqa: BLE001 - a leftover database must not hide the test's result
                print(f"could not drop database {name}: {err!r}", file=sys.stderr)


def _endpoints(workdir: Path, key_prefix: str) -> Path:
    """deploy/endpoints.prod.yml with a lock key prefix of this run's own."""
    config = yaml.safe_load(PROD_ENDPOINTS.read_text(encoding="utf-8"))
    config["lock_store"]["key_prefix"] = key_prefix
    path = workdir / "endpoints.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def _wait_http(cluster: Cluster, name: str, url: str, deadline: float, params: dict | None = None,
               ready=lambda r: r.status_code == 200) -> None:
    proc = cluster.processes[name]
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{name} exited with {proc.returncode}\n{cluster.logs(names=[name])}")
        try:
            if ready(httpx.get(url, params=params, timeout=5)):
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{name} not ready at {url} in time\n{cluster.logs(names=[name])}")


def start_cluster(workdir: Path, *, model: Path, copies: int = 2, sweep_seconds: int = 5,
                  load_timeout: float = 300.0) -> Cluster:
    """Start everything and wait until every copy answers; on failure nothing is left running."""
    workdir.mkdir(parents=True, exist_ok=True)
    run = uuid.uuid4().hex[:10]
    tg = FakeTelegram().start()
    ports = {k: [free_port() for _ in range(copies)] for k in ("rasa", "actions", "web")}
    lb = {k: free_port() for k in ports}
    cluster = Cluster(workdir, copies, secrets.token_hex(16), secrets.token_hex(16), "",
                      f"http://127.0.0.1:{lb['rasa']}", f"http://127.0.0.1:{lb['web']}",
                      f"http://127.0.0.1:{lb['actions']}", tg)
    try:
        rasa_db = f"rasa_scale_{run}"
        cluster.databases.append(rasa_db)
        rasa_url = make_url(create_database(rasa_db))
        helpline_db = f"helpline_scale_{run}"
        cluster.databases.append(helpline_db)
        cluster.database_url = create_database(helpline_db)

        base = {**os.environ, "PYTHONUNBUFFERED": "1", "TF_CPP_MIN_LOG_LEVEL": "3",
                "HELPLINE_RASA_SECRET": secrets.token_hex(16), "RASA_TELEMETRY_ENABLED": "false"}
        pairs = [f"{lb[k]}=" + ",".join(f"127.0.0.1:{p}" for p in ports[k]) for k in ports]
        cluster.start("balancers", [str(APP_PYTHON), "-m", "tests.scale.proxy"]
                      + [a for p in pairs for a in ("--pair", p)], base)

        # Rasa first (the slowest to load). The first copy creates the tracker tables; the
        # others start once they exist, so that two copies never race to create them.
        rasa_env = {**base, "ACTION_ENDPOINT_URL": f"{cluster.actions_url}/webhook",
                    "RASA_TRACKER_DB_HOST": rasa_url.host or "127.0.0.1",
                    "RASA_TRACKER_DB_PORT": str(rasa_url.port or 5432), "RASA_TRACKER_DB": rasa_db,
                    "RASA_TRACKER_DB_USER": rasa_url.username or "postgres",
                    "RASA_TRACKER_DB_PASSWORD": rasa_url.password or "",
                    "RASA_LOCK_REDIS_HOST": REDIS_HOST, "RASA_LOCK_REDIS_PORT": str(REDIS_PORT)}
        endpoints = _endpoints(workdir, f"scale{run}")

        def rasa(i: int) -> None:
            cluster.start(f"rasa-{i + 1}", [
                str(RASA), "run", "--enable-api", "--auth-token", cluster.token, "-i", "127.0.0.1",
                "-p", str(ports["rasa"][i]), "--model", str(model), "--endpoints", str(endpoints),
                "--credentials", str(ROOT / "credentials.yml")], rasa_env)

        deadline = time.monotonic() + load_timeout
        rasa(0)
        init_database(cluster.database_url)   # `helpline init`, while Rasa loads
        app_env = {**base, "HELPLINE_DATABASE_URL": cluster.database_url, "RASA_URL": cluster.rasa_url,
                   "RASA_TOKEN": cluster.token, "TELEGRAM_BOT_TOKEN": tg.token,
                   "TELEGRAM_API_BASE_URL": tg.base_url, "TELEGRAM_WEBHOOK_SECRET": cluster.webhook_secret,
                   # each web app registers it with the fake Bot API at start (setWebhook)
                   "TELEGRAM_WEBHOOK_URL": f"{cluster.web_url}/webhooks/telegram",
                   "PORTAL_SECRET": secrets.token_urlsafe(32), "HELPLINE_SWEEP_SECONDS": str(sweep_seconds),
                   "HELPLINE_PHOTO_DIR": str(workdir / "photos"),
                   "SANIC_HOST": "127.0.0.1"}   # rasa-sdk has no host option: loopback, as in make run
        for i in range(copies):
            cluster.start(f"actions-{i + 1}", [str(APP_PYTHON), "-m", "actions.server",
                                               "--port", str(ports["actions"][i])], app_env)
            cluster.start(f"web-{i + 1}", [str(APP_PYTHON), "-m", "uvicorn", "portal.app:app",
                                           "--host", "127.0.0.1", "--port", str(ports["web"][i])], app_env)
            cluster.start(f"worker-{i + 1}", [str(APP_PYTHON), "-m", "bot.worker"], app_env)
        rasa_sql = rasa_url.render_as_string(hide_password=False)
        while not _table_exists(rasa_sql, "events"):
            if cluster.processes["rasa-1"].poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"rasa-1 created no tracker table\n{cluster.logs(names=['rasa-1'])}")
            time.sleep(0.5)
        for i in range(1, copies):
            rasa(i)

        for i in range(copies):
            _wait_http(cluster, f"actions-{i + 1}", f"http://127.0.0.1:{ports['actions'][i]}/health", deadline)
            _wait_http(cluster, f"web-{i + 1}", f"http://127.0.0.1:{ports['web'][i]}/healthz", deadline)
        for i in range(copies):
            # The channel answers before the model is loaded; /status names the model once it is.
            _wait_http(cluster, f"rasa-{i + 1}", f"http://127.0.0.1:{ports['rasa'][i]}/status", deadline,
                       params={"token": cluster.token},
                       ready=lambda r: r.status_code == 200 and bool(r.json().get("model_file")))
        cluster.started_in = time.monotonic() - (deadline - load_timeout)
        return cluster
    except BaseException:
        cluster.stop()
        raise

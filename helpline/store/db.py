"""Database engine, the unit of work, the Alembic upgrade, and shared run-time settings (app_setting)."""
from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from helpline import settings
from helpline.store.models import AppSetting

log = logging.getLogger(__name__)
_lock = threading.Lock()
_engine: Engine | None = None
_sessions: sessionmaker[Session] | None = None
_readers: sessionmaker[Session] | None = None


def _sqlite_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # noqa: ANN001
        # Let SQLAlchemy drive transactions, and take the write lock at BEGIN: a deferred
        # transaction that reads then writes can fail with "database is locked" instead of waiting.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # noqa: ANN001
        # Readers take no write lock (WAL lets them run beside a writer).
        readonly = conn.get_execution_options().get("helpline_readonly")
        conn.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")

    return engine


def configure(url: str | None = None) -> None:
    """Point the core at a database (default settings.DATABASE_URL); replaces any earlier engine."""
    global _engine, _sessions, _readers
    url = url or settings.DATABASE_URL
    with _lock:
        if _engine is not None:
            _engine.dispose()
        if url.startswith("sqlite"):
            _engine = _sqlite_engine(url)
        else:
            _engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)
        _sessions = sessionmaker(_engine, expire_on_commit=False)
        _readers = sessionmaker(_engine.execution_options(helpline_readonly=True), expire_on_commit=False)


def engine() -> Engine:
    """The configured engine (configuring the default database on first use)."""
    if _engine is None:
        configure()
    assert _engine is not None
    return _engine


def is_postgres() -> bool:
    return engine().dialect.name == "postgresql"


@contextmanager
def unit_of_work(readonly: bool = False) -> Iterator[Session]:
    """A session in one transaction: commit on success, rollback on any error.

    `readonly=True` only reads (on SQLite it then takes no write lock).
    """
    engine()
    assert _sessions is not None and _readers is not None
    session = (_readers if readonly else _sessions)()
    try:
        with session.begin():
            yield session
    finally:
        session.close()


def upgrade_schema() -> None:
    """Bring the schema to the newest Alembic revision."""
    from alembic import command
    from alembic.config import Config

    here = Path(__file__).resolve().parent
    cfg = Config(str(here / "alembic.ini"))
    cfg.set_main_option("script_location", str(here / "migrations"))
    with engine().begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


@contextmanager
def init_lock() -> Iterator[None]:
    """On PostgreSQL, one process at a time initialises (several services may start together)."""
    if not is_postgres():
        yield  # SQLite: BEGIN IMMEDIATE already serialises each step
        return
    with engine().connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(1905001)"))
        conn.commit()
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(1905001)"))
            conn.commit()


def get_app_setting(key: str, default: int | str = "") -> int | str:
    """A shared run-time setting from the app_setting table (typed like `default`)."""
    with engine().execution_options(helpline_readonly=True).connect() as conn:
        value = conn.execute(select(AppSetting.value).where(AppSetting.key == key)).scalar()
    if value is None:
        return default
    return int(value) if isinstance(default, int) else value


def set_app_setting(key: str, value: int | str) -> None:
    with unit_of_work() as session:
        row = session.get(AppSetting, key)
        if row is None:
            session.add(AppSetting(key=key, value=str(value)))
        else:
            row.value = str(value)

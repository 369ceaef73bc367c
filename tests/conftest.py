"""Shared fixtures: a helpline database on SQLite (a file per test) and on PostgreSQL.

PostgreSQL: HELPLINE_TEST_POSTGRES_URL is the admin connection (default the local `test` database);
a uniquely named database is created per test session and dropped afterwards. When PostgreSQL is
unreachable those variants skip, unless HELPLINE_REQUIRE_POSTGRES=1 (CI), which makes them fail.
"""
from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from helpline import setup
from helpline.store import db
from helpline.store.models import Base

PG_ADMIN_URL = os.environ.get("HELPLINE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REQUIRE_PG = os.environ.get("HELPLINE_REQUIRE_POSTGRES") == "1"


def _pg_unavailable(reason: str) -> None:
    message = f"PostgreSQL not reachable at {make_url(PG_ADMIN_URL).render_as_string()}: {reason}"
    if REQUIRE_PG:
        pytest.fail(message + " (HELPLINE_REQUIRE_POSTGRES=1)")
    pytest.skip(message + "; set HELPLINE_TEST_POSTGRES_URL to run the PostgreSQL tests")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, with the schema; dropped at the end."""
    name = f"helpline_test_{uuid.uuid4().hex[:10]}"
    try:
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001 - any failure means "no PostgreSQL here"
        _pg_unavailable(str(exc).splitlines()[0])
    url = make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    db.configure(url)
    db.upgrade_schema()
    db.engine().dispose()
    try:
        yield url
    finally:
        db.engine().dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file with the schema and reference data, copied for each test."""
    path = tmp_path_factory.mktemp("template") / "helpline.db"
    db.configure(f"sqlite:///{path}")
    setup.init_database()
    db.engine().dispose()
    return path


_KEPT_TABLES = {"department", "district", "block", "officer_post", "officer"}


def _reset_postgres(url: str) -> None:
    """Empty every table but reference data and roster; officers lose any Telegram link."""
    from helpline import setup as roster

    db.configure(url)
    with db.engine().connect() as conn:
        loaded = conn.execute(text("SELECT count(*) FROM department")).scalar()
    tables = [t.name for t in Base.metadata.sorted_tables if not (loaded and t.name in _KEPT_TABLES)]
    with db.engine().begin() as conn:  # DELETE: far quicker than TRUNCATE on tiny tables
        for table in reversed(tables):
            conn.execute(text(f"DELETE FROM {table}"))
        if loaded:
            conn.execute(text("UPDATE officer SET telegram_chat_id = NULL, active = TRUE"))
            conn.execute(text("UPDATE officer_post SET active = TRUE"))
    if not loaded:
        with db.unit_of_work() as session:
            roster.load_reference(session)
            roster.seed_demo_roster(session)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The core configured on an empty helpline (reference data + demo roster); yields its URL."""
    from helpline import clock

    clock._cache = (0.0, 0)
    if request.param == "sqlite":
        path = tmp_path / "helpline.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        url = f"sqlite:///{path}"
        db.configure(url)
    else:
        url = request.getfixturevalue("postgres_url")
        _reset_postgres(url)
    yield url
    db.engine().dispose()


@pytest.fixture
def sqlite_database(tmp_path: Path, sqlite_template: Path) -> Iterator[str]:
    """The core on SQLite only (for tests of other parts that need a helpline quickly)."""
    from helpline import clock

    clock._cache = (0.0, 0)
    path = tmp_path / "helpline.db"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    db.configure(url)
    yield url
    db.engine().dispose()

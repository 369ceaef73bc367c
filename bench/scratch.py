"""A throw-away PostgreSQL database with the helpline schema, for the scale benchmarks."""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from helpline import setup
from helpline.store import db

ADMIN_URL = os.environ.get("HELPLINE_BENCH_POSTGRES_URL") or os.environ.get(
    "HELPLINE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@contextmanager
def scratch_database() -> Iterator[str]:
    """Create a fresh database with the schema and reference data, make it the core's, drop it after."""
    name = f"helpline_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        url = make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)
        db.configure(url)
        setup.init_database()
        yield url
    finally:
        db.engine().dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

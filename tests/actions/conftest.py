"""Fixtures for the action tests: the real core on a temporary SQLite database, the domain, a dispatcher."""
from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk.executor import CollectingDispatcher

ROOT = Path(__file__).resolve().parents[2]
_senders = itertools.count(1)


@pytest.fixture()
def core(sqlite_database: str) -> str:
    """The real core on a fresh SQLite database (reference data + demo roster), from tests/conftest.py."""
    return sqlite_database


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


@pytest.fixture()
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture()
def sender() -> str:
    """A fresh Telegram citizen for each test, so tickets never leak between tests."""
    return f"telegram:{90000 + next(_senders)}"

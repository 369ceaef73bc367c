"""The running helpline for e2e tests: Rasa + action server started once per session (Rasa loads in ~30-60 s)."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from procs import RASA, Stack, newest_model, start_stack

from helpline.store import db


@pytest.fixture(scope="session")
def helpline_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """Rasa server + action server on a fresh SQLite helpline; skipped when there is no model yet."""
    model = newest_model()
    if model is None:
        pytest.skip("no trained model in models/: run `make train` first")
    if not RASA.exists():
        pytest.skip("the Rasa runtime .venv-rasa is not installed: run `make venvs`")
    stack = start_stack(tmp_path_factory.mktemp("helpline-stack"), model=model)
    try:
        yield stack
    finally:
        stack.stop()


@pytest.fixture()
def stack_core(helpline_stack: Stack) -> Stack:
    """The stack, with this process's core pointed at its database (to check what was filed)."""
    db.configure(helpline_stack.database_url)
    return helpline_stack

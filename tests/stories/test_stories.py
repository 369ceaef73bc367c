"""Runs the dialogue test stories with `rasa test core` against the trained model (Rasa runtime)."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RASA = ROOT / ".venv-rasa" / "bin" / "rasa"


def newest_model() -> Path | None:
    """The model to test: HELPLINE_TEST_MODEL (a file or folder), else the newest in models/."""
    where = Path(os.environ.get("HELPLINE_TEST_MODEL", ROOT / "models"))
    if where.is_file():
        return where
    found = sorted(where.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return found[-1] if found else None


@pytest.mark.rasa
def test_dialogue_stories_pass(tmp_path: Path) -> None:
    model = newest_model()
    if model is None:
        pytest.skip("no trained model in models/: run `make train` first")
    if not RASA.exists():
        pytest.skip("the Rasa runtime .venv-rasa is not installed: run `make venvs`")
    out = ROOT / "reports" / "stories"
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    result = subprocess.run(
        [str(RASA), "test", "core", "--stories", str(ROOT / "tests" / "stories"), "--model", str(model),
         "--fail-on-prediction-errors", "--out", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900,
    )
    failed = out / "failed_test_stories.yml"
    detail = failed.read_text(encoding="utf-8") if failed.exists() else ""
    assert result.returncode == 0, (
        f"rasa test core failed ({result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}\n{detail}")

"""`rasa data validate` over the whole Rasa project: no error, and no warning but two known kinds."""
from __future__ import annotations

import re
import subprocess

import pytest

from tests.nlu_model.conftest import ROOT

RASA = ROOT / ".venv-rasa" / "bin" / "rasa"

# Rasa cannot see what custom actions send, and button-only payload intents have no examples.
KNOWN = (
    re.compile(r"The utterance '\w+' is not used in any story or rule"),
    re.compile(r"The intent '(choose_department|rate|edit)' is not used in any story or rule|"
               r"The intent '(choose_department|rate|edit)' is listed in the domain file, but is not found "
               r"in the NLU training data"),
)


@pytest.mark.rasa
def test_rasa_data_validate_is_clean(tmp_path):  # noqa: ANN001
    if not RASA.exists():
        pytest.skip("the Rasa runtime (.venv-rasa) is not installed: run `make venvs`")
    done = subprocess.run([str(RASA), "data", "validate", "--max-history", "5"], cwd=ROOT,
                          capture_output=True, text=True, timeout=600,
                          env={"TF_CPP_MIN_LOG_LEVEL": "3", "PATH": "/usr/bin:/bin",
                               "HOME": str(tmp_path)})   # Rasa and Keras write their settings there
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-3000:]
    warnings = [line for line in output.splitlines() if "UserWarning:" in line]
    unexpected = [w for w in warnings if not any(p.search(w) for p in KNOWN)]
    assert not unexpected, "\n".join(unexpected)

"""Property-based run (schemathesis) of the Open311 API against its published OpenAPI schema: no 500s.

Bounded: MAX_EXAMPLES generated requests per operation; POST bodies carry a valid api_key so that
filing itself (not only the key check) meets the generated data. (schemathesis' pytest loader does
not work with pytest 9, so each operation's strategy is run with hypothesis directly.)
"""
from __future__ import annotations

import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings as hypothesis_settings
from schemathesis.checks import not_a_server_error

from helpline import settings
from portal.open311 import router

KEY = "schema-test-key"
MAX_EXAMPLES = 40


def test_no_generated_request_makes_a_server_error(sqlite_database: str, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(settings, "OPEN311_API_KEYS", [KEY])
    app = FastAPI()
    app.include_router(router)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 8   # services, requests GET and POST, one request: JSON and XML
    statuses: set[int] = set()
    for operation in operations:
        @given(case=operation.as_strategy())
        @hypothesis_settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
                             suppress_health_check=list(HealthCheck))
        def run(case) -> None:  # noqa: ANN001
            if case.method == "POST" and isinstance(case.body, dict):
                case.body["api_key"] = KEY
                case.body.setdefault("attribute[district]", "rudraprayag")
            response = case.call_and_validate(checks=[not_a_server_error])
            statuses.add(response.status_code)

        run()
    assert {200, 201, 400} <= statuses   # the run reached answers, filings and refusals

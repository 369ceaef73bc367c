"""Reference data loading and name resolution, messages, clock and schema (no database needed unless named)."""
from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from helpline import clock, reference, settings, texts as messages

FIXTURE = {
    "departments.yaml": """
departments:
  - {code: energy, name_en: Energy (UPCL), name_hi: ऊर्जा (यूपीसीएल), level_days: [2, 3, 4, 5]}
  - {code: other, name_en: District helpline cell, name_hi: जिला हेल्पलाइन प्रकोष्ठ}
""",
    "districts.yaml": """
districts:
  - code: rudraprayag
    name_en: Rudraprayag
    name_hi: रुद्रप्रयाग
    aliases: [rudra prayag, rudrapryag]
    blocks:
      - {code: ukhimath, name_en: Ukhimath, name_hi: ऊखीमठ, aliases: [okhimath, ukhimat, उखीमठ]}
  - code: udham_singh_nagar
    name_en: Udham Singh Nagar
    name_hi: ऊधम सिंह नगर
    blocks: []
""",
}


@pytest.fixture
def tiny_reference(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    for name, body in FIXTURE.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    monkeypatch.setattr(settings, "REFERENCE_DIR", tmp_path)
    reference.reload()
    yield
    reference.reload()


@pytest.mark.parametrize("text", ["rudraprayag", "Rudraprayag", "RUDRAPRAYAG", "रुद्रप्रयाग", "rudra prayag",
                                  " Rudrapryag "])
def test_district_resolves_by_code_name_and_alias(tiny_reference, text):
    assert reference.resolve_district(text).code == "rudraprayag"


def test_block_resolves_within_its_district_only(tiny_reference):
    assert reference.resolve_block("Okhimath").code == "ukhimath"
    assert reference.resolve_block("उखीमठ", "rudraprayag").code == "ukhimath"
    assert reference.resolve_block("ukhimath", "udham_singh_nagar") is None
    assert reference.resolve_district("udham singh nagar").code == "udham_singh_nagar"
    assert reference.resolve_district("gotham") is None


def test_hindi_names_match_in_either_unicode_form(tiny_reference):
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "रुद्रप्रयाग")
    assert reference.resolve_district(decomposed).code == "rudraprayag"


def test_department_time_limits_override_the_default(tiny_reference):
    assert [reference.level_days("energy", level) for level in (1, 2, 3, 4)] == [2, 3, 4, 5]
    assert reference.level_days("other", 1) == settings.LEVEL_DAYS
    assert reference.resolve_department("Energy (UPCL)").code == "energy"


def test_shipped_reference_has_every_department_and_district():
    reference.reload()
    codes = {d.code for d in reference.departments()}
    assert {"energy", "drinking_water", "women_child", "other"} <= codes and len(codes) == 18
    assert len(reference.districts()) == 13
    assert reference.resolve_block("augustmuni", "rudraprayag") is not None


def test_every_message_exists_in_hindi_and_english():
    for code, texts in messages.MESSAGES.items():
        assert {"hi", "en"} <= set(texts) and texts["hi"].strip() and texts["en"].strip(), code


def test_every_code_the_core_uses_has_a_message():
    source = "".join(p.read_text(encoding="utf-8") for p in Path(messages.__file__).parent.rglob("*.py"))
    used = set(re.findall(r'"((?:error|notify)\.[a-z_]+)"', source))
    assert used and used <= set(messages.MESSAGES), used - set(messages.MESSAGES)


def test_render_fills_params_and_falls_back_to_hindi():
    text = messages.render("error.daily_limit", "en", limit=10)
    assert "10" in text and settings.HELPLINE_PHONE in text
    assert messages.render("error.daily_limit", "hi-IN", limit=10).startswith("आप")
    assert messages.render("no.such.code", "en") == "no.such.code"


def test_demo_clock_offset_is_shared_through_the_database(database):
    before = clock.now()
    clock.set_offset(7 * 86400)
    assert clock.now() - before >= timedelta(days=7)
    clock.set_offset(0)
    assert clock.now() - before < timedelta(days=1)


def test_migrations_build_exactly_the_models_schema(database):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from helpline.store import db
    from helpline.store.models import Base

    db.upgrade_schema()   # already at head: a no-op
    ours = set(Base.metadata.tables)

    def table_of(item):
        if isinstance(item, list):                       # modify_*: (op, schema, table, column, ...)
            return item[0][2]
        op, obj = item[0], item[1]
        if op in ("add_column", "remove_column"):        # (op, schema, table, column)
            return item[2]
        if op.endswith("_table"):
            return obj.name
        if op.endswith("_fk"):
            return obj.parent.name
        return obj.table.name                            # indexes and constraints

    with db.engine().connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    # Tables other parts keep in their own metadata (e.g. dashboard_login_code) are not ours to compare.
    assert [d for d in diff if table_of(d) in ours] == []


def test_phone_numbers_with_any_prefix_normalise_to_one_form():
    from hypothesis import given, strategies as st

    from helpline.errors import InvalidInput
    from helpline.phone import normalise_phone

    @given(st.sampled_from("6789"), st.text("0123456789", min_size=9, max_size=9),
           st.sampled_from(["", "+91", "91", "0", "+91 ", "0091"]))
    def valid(first, rest, prefix):
        assert normalise_phone(prefix + first + rest) == "+91" + first + rest

    @given(st.text("0123456789", min_size=0, max_size=14))
    def invalid_unless_mobile(digits):
        try:
            out = normalise_phone(digits)
        except InvalidInput:
            return
        assert len(out) == 13 and out[3] in "6789"

    valid()
    invalid_unless_mobile()
    for bad in ("12345", "5876543210", "+1 202 555 0100", "98765-4321x"):
        with pytest.raises(InvalidInput):
            normalise_phone(bad)

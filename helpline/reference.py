"""Reference data read from YAML (departments, districts and blocks, demo roster), cached.

Names resolve by code, English or Hindi name, or any alias: case-insensitive, Unicode NFC.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from helpline import rules, settings


class _Named:
    """Reference items named in both languages."""

    name_en: str
    name_hi: str

    def name(self, lang: str = "hi") -> str:
        return self.name_en if lang == "en" else self.name_hi


@dataclass(frozen=True)
class Department(_Named):
    code: str
    name_en: str
    name_hi: str
    level_days: tuple[int, ...] | None = None
    group: str = "Other"        # the Open311 service group
    keywords: str = ""          # typical complaints, published by Open311


@dataclass(frozen=True)
class District(_Named):
    code: str
    name_en: str
    name_hi: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Block(_Named):
    code: str
    district: str
    name_en: str
    name_hi: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class PostSpec:
    """One officer post of the roster with its holder (None when vacant)."""

    code: str
    department: str | None
    level: int | None
    district: str | None
    block: str | None
    title_en: str
    title_hi: str
    role: str = "officer"
    officer: dict = field(default_factory=dict)


@dataclass(frozen=True)
class _Data:
    departments: dict[str, Department]
    districts: dict[str, District]
    blocks: dict[str, Block]
    district_index: dict[str, str]
    block_index: dict[str, list[str]]
    department_index: dict[str, str]


def normalise_name(text: str) -> str:
    """Fold a place or department name for lookup: NFC, lower case, single spaces, no dots."""
    text = unicodedata.normalize("NFC", str(text)).casefold()
    text = re.sub(r"[\s_\-.,()/]+", " ", text)
    return text.strip()


def _load_yaml(name: str) -> dict:
    path = Path(settings.REFERENCE_DIR) / name
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


@lru_cache(maxsize=1)
def _data() -> _Data:
    deps: dict[str, Department] = {}
    dep_index: dict[str, str] = {}
    for row in _load_yaml("departments.yaml").get("departments", []):
        days = row.get("level_days")
        dep = Department(row["code"], row.get("name_en", row["code"]), row.get("name_hi", row["code"]),
                         tuple(int(d) for d in days) if days else None,
                         str(row.get("group") or "Other"), str(row.get("keywords") or ""))
        if dep.level_days is not None and len(dep.level_days) != len(rules.LEVELS):
            raise ValueError(f"department {dep.code}: level_days needs {len(rules.LEVELS)} numbers")
        deps[dep.code] = dep
        for name in (dep.code, dep.name_en, dep.name_hi):
            dep_index.setdefault(normalise_name(name), dep.code)
    dists: dict[str, District] = {}
    blocks: dict[str, Block] = {}
    d_index: dict[str, str] = {}
    b_index: dict[str, list[str]] = {}
    for row in _load_yaml("districts.yaml").get("districts", []):
        dist = District(row["code"], row.get("name_en", row["code"]), row.get("name_hi", row["code"]),
                        tuple(row.get("aliases") or ()))
        dists[dist.code] = dist
        for name in (dist.code, dist.name_en, dist.name_hi, *dist.aliases):
            d_index.setdefault(normalise_name(name), dist.code)
        for b in row.get("blocks") or []:
            block = Block(b["code"], dist.code, b.get("name_en", b["code"]), b.get("name_hi", b["code"]),
                          tuple(b.get("aliases") or ()))
            blocks[block.code] = block
            for name in {normalise_name(n) for n in (block.code, block.name_en, block.name_hi, *block.aliases)}:
                b_index.setdefault(name, []).append(block.code)
    return _Data(deps, dists, blocks, d_index, b_index, dep_index)


def reload() -> None:
    """Forget the cached YAML (tests point settings.REFERENCE_DIR elsewhere)."""
    _data.cache_clear()


def department(code: str | None) -> Department | None:
    """The department with this exact code, or None."""
    return _data().departments.get(code or "")


def departments() -> list[Department]:
    return list(_data().departments.values())


def _resolve(index: dict[str, str], items: dict, text: str | None):
    """The item whose code, name or alias is `text` (normalised), else None."""
    code = index.get(normalise_name(text)) if text else None
    return items.get(code) if code else None


def resolve_department(text: str | None) -> Department | None:
    """A department by code or English/Hindi name, case-insensitively."""
    return _resolve(_data().department_index, _data().departments, text)


def district(code: str | None) -> District | None:
    return _data().districts.get(code or "")


def districts() -> list[District]:
    return list(_data().districts.values())


def resolve_district(text: str | None) -> District | None:
    """A district by code, English or Hindi name, or a common spelling (alias)."""
    return _resolve(_data().district_index, _data().districts, text)


def block(code: str | None) -> Block | None:
    return _data().blocks.get(code or "")


def blocks_of(district_code: str) -> list[Block]:
    return [b for b in _data().blocks.values() if b.district == district_code]


def resolve_block(text: str | None, district: str | None = None) -> Block | None:
    """A block by code, name or alias; within `district` (a code) when given."""
    if not text:
        return None
    codes = _data().block_index.get(normalise_name(text), [])
    found = [_data().blocks[c] for c in codes if district is None or _data().blocks[c].district == district]
    return found[0] if found else None


def department_name(code: str | None, lang: str, missing: str | None = None) -> str:
    """The department's name in `lang`; the code itself (or `missing`) when it is unknown."""
    dep = department(code) if code else None
    if dep is not None:
        return dep.name(lang)
    return missing if missing is not None else (code or "")


def place_name(district: str | None, block: str | None, lang: str, missing: str | None = None) -> str:
    """"Ukhimath, Rudraprayag" (block first) in `lang`; the codes (or `missing`) when none is known."""
    data = _data()
    names = [x.name(lang) for x in (data.blocks.get(block or ""), data.districts.get(district or ""))
             if x is not None]
    if names:
        return ", ".join(names)
    return missing if missing is not None else (block or district or "")


def level_days(department_code: str, level: int) -> int:
    """Days a ticket may stay at `level` (rules.LEVELS) in this department before it escalates."""
    dep = department(department_code)
    if dep is not None and dep.level_days:
        return dep.level_days[level - 1]
    return settings.LEVEL_DAYS


def roster() -> list[PostSpec]:
    """Every post of the demo roster (district administrators first), with its holder."""
    data = _load_yaml("roster_demo.yaml")
    posts: list[PostSpec] = []
    for row in data.get("district_administrators") or []:
        posts.append(PostSpec(row["post"], None, None, row["district"], None,
                              row.get("title_en", "District Magistrate"), row.get("title_hi", "जिलाधिकारी"),
                              "district_admin", row.get("officer") or {}))
    for row in data.get("posts") or []:
        posts.append(PostSpec(row["code"], row["department"], int(row["level"]), row.get("district"),
                              row.get("block"), row.get("title_en", row["code"]),
                              row.get("title_hi", row.get("title_en", row["code"])), "officer",
                              row.get("officer") or {}))
    return posts

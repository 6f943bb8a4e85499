"""Reading one field of the knowledge-base files: CSV rows and TOML files, required
values, choices from a fixed list, reference keys that must exist, yes/no and origin
flags, regular expressions. Each refuses a bad value with a DataError naming file and
row. It knows no particular file (the readers in sources, listings and rules do).
"""

import csv
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from skincheck.core.errors import DataError
from skincheck.core.knowledge.types import Reason

_YES_NO = {"yes": True, "no": False}
#: ``human_origin`` values: (human, probably human). "probable" marks names that name
#: cells or proteins usually taken from people without saying so ("Platelet-Rich Plasma",
#: "Human Serum Albumin", which may be recombinant): regulation is shown as "if human".
_ORIGINS = {"yes": (True, False), "no": (False, False), "probable": (False, True)}


def csv_rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[str, dict[str, str]]]:
    """Yield (where, row) with ``where`` like "ev_ingredients.csv row 12" (1 = header)."""
    if not path.is_file():
        raise DataError(f"{path.name}: file is missing")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [column for column in columns if column not in (reader.fieldnames or [])]
        if missing:
            raise DataError(f"{path.name}: missing column(s) {', '.join(missing)}")
        for number, row in enumerate(reader, start=2):
            yield f"{path.name} row {number}", {k: (v or "").strip() for k, v in row.items() if k}


def toml_file(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise DataError(f"{path.name}: file is missing")
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise DataError(f"{path.name}: not valid TOML ({error})") from error


def split_list(value: str, sep: str = "|") -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(sep) if part.strip())


def cited(value: str | list[str] | None, where: str, known: set[str]) -> tuple[str, ...]:
    refs = tuple(value.split()) if isinstance(value, str) else tuple(value or ())
    if not refs:
        raise DataError(f"{where}: cites no reference")
    unknown = [ref for ref in refs if ref not in known]
    if unknown:
        raise DataError(f"{where}: unknown reference key(s) {', '.join(unknown)}")
    return refs


def required(row: dict[str, Any], field: str, where: str) -> Any:
    value = row.get(field)
    if value in (None, "", [], ()):
        raise DataError(f"{where}: {field} is missing")
    return value


def choice(value: str, allowed: tuple[str, ...], field: str, where: str) -> str:
    if not value:
        raise DataError(f"{where}: {field} is missing")
    if value not in allowed:
        raise DataError(f"{where}: unknown {field} {value!r} (allowed: {', '.join(allowed)})")
    return value


def origin(value: str, where: str) -> tuple[bool, bool]:
    """``human_origin``: yes, no or probable -> (human, probably human)."""
    if value not in _ORIGINS:
        raise DataError(f"{where}: human_origin must be yes, no or probable, not {value!r}")
    return _ORIGINS[value]


def yes_no(value: str, field: str, where: str) -> bool:
    if value not in _YES_NO:
        raise DataError(f"{where}: {field} must be yes or no, not {value!r}")
    return _YES_NO[value]


def regex(value: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(value)
    except re.error as error:
        raise DataError(f"{where}: pattern {value!r} is not a valid regular expression") from error


def reason(raw: Any, where: str, known: set[str]) -> Reason:
    if not isinstance(raw, dict):
        raise DataError(f"{where}: a reason must be a table with text and refs")
    return Reason(str(required(raw, "text", where)), cited(raw.get("refs"), where, known))

"""The reading of every known name, worked out once per data version and kept in a file.

Every CosIng name, every printed form of data/synonyms.csv and every knowledge-base
name and alias (EV ingredients and look-alikes) is read once, from scratch
(skincheck.core.reading), when data/ or the core's code changes; the readings are kept
in a cache file in a compact form (each distinct finding, flag, role and string once;
a row of numbers per name) and the next process loads that file instead of reading
each name it meets. Reading a known name from scratch costs about 0.2 ms (classify's
rules and the display name); looking it up here costs a few microseconds.

Names are looked up by their fold. A reading depends on the printed name only where
the lookup below puts it back: the finding carries the name as printed, an
unrecognised name is displayed as printed, and the bracket and slash forms of the
inventory are tried on the printed name ("Aqua / Water" folds to "aqua/water", which
the inventory reads by other rules), so a row found by bracket or slash, or not found,
is used only when the printed name is found the same way. Everything else a reading
holds follows from the fold and the CosIng name.

The file's header holds a format version, a key (a hash of the data files that shape
readings and of the core's source) and a SHA-256 of the rest; a file whose header does
not match, or that does not decode, is rebuilt, never trusted. A cache folder that
cannot be written costs a build in memory, nothing else. It does not decide where the
folder is (the caller does) and does not read names outside the table.
"""

import hashlib
import os
import tempfile
from array import array
from collections.abc import Hashable
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import fields
from dataclasses import replace
from pathlib import Path
from typing import Any

import orjson

from skincheck.core.inventory import Recognition
from skincheck.core.match import EvFinding
from skincheck.core.match import LookAlikeFinding
from skincheck.core.normalise import fold
from skincheck.core.reading import NameReading
from skincheck.core.reading import read_name
from skincheck.core.reading import role_of
from skincheck.core.reading import Sources
from skincheck.core.regulate import RegulatoryFlag
from skincheck.core.roles import Role

#: Raised when the encoding below changes, so an older file is rebuilt.
FORMAT_VERSION = 2
FILE_NAME = f"names-v{FORMAT_VERSION}.bin"
_MAGIC = b"skincheck-names"

#: The data files a reading depends on (the report's wording does not change one).
_DATA_PARTS = ("cosing", "kb", "synonyms.csv", "roles.toml")
_CORE = Path(__file__).resolve().parent

#: The values a row names by number, encoded as [type, field values...].
_TYPES: dict[str, type] = {
    cls.__name__: cls for cls in (EvFinding, LookAlikeFinding, RegulatoryFlag, Role)
}

# The columns of a row. Numbers point into the payload's lists; -1 is None. The CosIng
# name and its functions of a whole-name row are the inventory's (already in memory);
# the INCI column serves the bracket and slash rows' check.
_VIA, _INCI, _DISPLAY, _FINDING, _FROM_DISPLAY, _FLAGS, _ROLES, _ALLERGEN = range(8)
_SUGGESTIONS = 8
_WIDTH = 9
#: The inventory's ways of finding a name, numbered in the rows.
_VIAS = ("exact", "synonym", "bracket", "slash", "none")


def table_key(data_dir: Path) -> str:
    """A hash of the format, the data files that shape readings and the core's code."""
    digest = hashlib.sha256(f"format {FORMAT_VERSION}\n".encode())
    files = [(path, path.relative_to(data_dir).as_posix()) for path in _data_files(data_dir)]
    files += [(path, path.relative_to(_CORE).as_posix()) for path in sorted(_CORE.rglob("*.py"))]
    for path, label in files:
        content = path.read_bytes()
        digest.update(f"{label} {len(content)}\n".encode())
        digest.update(content)
    return digest.hexdigest()


def _data_files(data_dir: Path) -> list[Path]:
    found: list[Path] = []
    for part in _DATA_PARTS:
        path = data_dir / part
        found += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    return [path for path in found if path.is_file()]


def known_names(data: Sources) -> list[str]:
    """The folds of every CosIng name, synonym and knowledge-base name and alias."""
    kb = data.knowledge
    names = [*data.inventory.by_name, *data.inventory.by_synonym]
    for entry in kb.entries:
        names += [entry.name, *entry.aliases]
    for look_alike in kb.look_alikes:
        names += [look_alike.name, *look_alike.aliases]
    return [name for name in dict.fromkeys(map(fold, names)) if name]


@dataclass(frozen=True, slots=True)
class NameTable:
    """Rows of numbers by folded name, and the values they point to."""

    numbers: dict[str, int]
    rows: array
    strings: list[str]
    findings: list[EvFinding | LookAlikeFinding]
    flag_sets: list[tuple[RegulatoryFlag, ...]]
    role_sets: list[tuple[Role, ...]]
    suggestions: list[tuple[str, ...]]

    def __len__(self) -> int:
        return len(self.numbers)

    def __contains__(self, folded: str) -> bool:
        return folded in self.numbers

    def reading(self, name: str, data: Sources) -> NameReading | None:
        """The reading of ``name`` (cleaned, as printed), equal to read_name(name);
        None when the table cannot say (the caller then reads the name)."""
        key = fold(name)
        number = self.numbers.get(key)
        if number is None:
            return None
        row = self.rows[number * _WIDTH : (number + 1) * _WIDTH]
        via = _VIAS[row[_VIA]]
        inventory = data.inventory
        if via in ("exact", "synonym"):  # the whole fold was found: the same for any print
            entry = inventory.by_name[key if via == "exact" else inventory.by_synonym[key]]
            display = self.strings[row[_DISPLAY]]
            recognition = Recognition(entry.inci, display, entry.functions, via)
        else:
            found = inventory.find(name)
            if via != "none":
                if found is None or found.inci != self.strings[row[_INCI]]:
                    return None
                recognition = found
            elif found is not None or "(" in name or "(" in key:
                # A bracket changes the forms suggestions are sought for.
                return None
            else:
                suggestions = self.suggestions[row[_SUGGESTIONS]]
                recognition = Recognition(None, name.strip(), (), "none", suggestions)
        finding = self.findings[row[_FINDING]] if row[_FINDING] >= 0 else None
        rating = None
        if isinstance(finding, EvFinding):
            # The finding names the name it was classified as, the printed one unless
            # only the CosIng name classified ("Aqua (Human ... Conditioned Media)").
            finding = replace(finding, name=recognition.display if row[_FROM_DISPLAY] else name)
            rating = data.rater.rate(finding)
        return NameReading(
            recognition,
            finding,
            rating,
            self.flag_sets[row[_FLAGS]],
            role_of(finding),
            recognition.inci is not None or finding is not None,
            self.role_sets[row[_ROLES]],
            self.strings[row[_ALLERGEN]] if row[_ALLERGEN] >= 0 else None,
        )

    @classmethod
    def decode(cls, payload: bytes) -> "NameTable":
        """The table from encode()'s bytes; raises ValueError when they do not decode."""
        try:
            raw = orjson.loads(payload)
            flags = [_decode_value(value) for value in raw["flags"]]
            roles = [_decode_value(value) for value in raw["roles"]]
            table = cls(
                numbers=dict(zip(raw["keys"], range(len(raw["keys"])), strict=True)),
                rows=array("i", raw["rows"]),
                strings=raw["strings"],
                findings=[_decode_value(value) for value in raw["findings"]],
                flag_sets=[tuple(flags[i] for i in item) for item in raw["flag_sets"]],
                role_sets=[tuple(roles[i] for i in item) for item in raw["role_sets"]],
                suggestions=[tuple(item) for item in raw["suggestions"]],
            )
        except (KeyError, TypeError, IndexError, OverflowError, orjson.JSONDecodeError) as exc:
            raise ValueError(f"not a name table: {exc!r}") from exc
        if len(table.rows) != _WIDTH * len(table.numbers):
            raise ValueError("not a name table: rows and names differ in number")
        return table


def encode(names: Iterable[str], data: Sources) -> bytes:
    """Read every name from scratch and encode the readings (a few seconds)."""
    strings, findings = _Numbers(), _Numbers()
    flags, flag_sets, roles, role_sets, suggestions = (_Numbers() for _ in range(5))
    keys: list[str] = []
    rows: list[int] = []
    for key in names:
        reading = read_name(key, data)
        recognition, finding = reading.recognition, reading.finding
        from_display = isinstance(finding, EvFinding) and finding.name != key
        if isinstance(finding, EvFinding):
            finding = replace(finding, name="")
        keys.append(key)
        whole = recognition.via in ("exact", "synonym")
        rows += [
            _VIAS.index(recognition.via),
            -1 if recognition.inci is None or whole else strings.of(recognition.inci),
            -1 if recognition.inci is None else strings.of(recognition.display),
            -1 if finding is None else findings.of(finding),
            int(from_display),
            flag_sets.of(tuple(flags.of(flag) for flag in reading.flags)),
            role_sets.of(tuple(roles.of(role) for role in reading.roles)),
            -1 if reading.allergen is None else strings.of(reading.allergen),
            suggestions.of(recognition.suggestions),
        ]
    return orjson.dumps(
        {
            "keys": keys,
            "rows": rows,
            "strings": strings.values,
            "findings": [_encode_value(value) for value in findings.values],
            "flags": [_encode_value(value) for value in flags.values],
            "flag_sets": flag_sets.values,
            "roles": [_encode_value(value) for value in roles.values],
            "role_sets": role_sets.values,
            "suggestions": suggestions.values,
        }
    )


class _Numbers:
    """Numbers distinct values in the order they are first met."""

    def __init__(self) -> None:
        self.values: list[Any] = []
        self._numbers: dict[Hashable, int] = {}

    def of(self, value: Hashable) -> int:
        number = self._numbers.get(value)
        if number is None:
            number = self._numbers[value] = len(self.values)
            self.values.append(value)
        return number


def _encode_value(value: Any) -> list[Any]:
    """[type name, field values...]; fields hold plain values or tuples of them."""
    out: list[Any] = [type(value).__name__]
    for item in fields(value):
        field_value = getattr(value, item.name)
        if isinstance(field_value, tuple):
            field_value = list(field_value)
        elif not isinstance(field_value, str | int | float | bool | None):
            raise TypeError(f"{type(value).__name__}.{item.name} is not a plain value")
        out.append(field_value)
    return out


def _decode_value(raw: list[Any]) -> Any:
    cls = _TYPES[raw[0]]
    return cls(*(tuple(item) if isinstance(item, list) else item for item in raw[1:]))


# -- the file ----------------------------------------------------------------------------


def load_or_build(cache_dir: Path, data_dir: Path, data: Sources) -> NameTable:
    """The table from ``cache_dir``, built and written there when missing, stale or
    damaged; built in memory when the folder cannot be written."""
    key = table_key(data_dir)
    path = cache_dir / FILE_NAME
    payload = _read(path, key)
    if payload is not None:
        try:
            return NameTable.decode(payload)
        except ValueError:
            pass  # a checksum collision or a bug in an old build: rebuild it
    payload = encode(known_names(data), data)
    _write(path, key, payload)
    return NameTable.decode(payload)


def _header(key: str, payload: bytes) -> bytes:
    checksum = hashlib.sha256(payload).hexdigest()
    return b"%s %d %s %s\n" % (_MAGIC, FORMAT_VERSION, key.encode(), checksum.encode())


def _read(path: Path, key: str) -> bytes | None:
    """The payload when the file exists, is for ``key`` and is whole; else None."""
    try:
        content = path.read_bytes()
    except OSError:
        return None
    header, _, payload = content.partition(b"\n")
    if header + b"\n" != _header(key, payload):
        return None
    return payload


def _write(path: Path, key: str, payload: bytes) -> None:
    """Write the file whole or not at all (a reader never sees half of it); a folder
    that cannot be written is left alone."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".names-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(_header(key, payload) + payload)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        return

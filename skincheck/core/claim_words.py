"""ClaimWords: data/claims.toml read into typed values for the claims check.

The claim words themselves are data/kb/claim_terms.csv (term -> topic); this file adds
which topics are checked together and what in a list answers each, the phrases read
first ("Platelet-Derived Growth Factor"), the sources a claim may name, and the
sentences. It reads and checks the file; claims.ClaimChecker.check() applies it.
"""

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from skincheck.core.errors import DataError
from skincheck.core.knowledge.types import LOOK_ALIKE_KINDS
from skincheck.core.knowledge.types import MATERIALS
from skincheck.core.knowledge.types import SOURCE_CLASSES

CLAIMS_FILE = "claims.toml"
_WORDING = (
    "item", "look_alike_item", "backed", "look_alike_only", "other_ev", "not_found",
    "source_found", "source_mismatch", "source_missing", "source_look_alike", "found_source",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Phrase:
    """A phrase read before the claim words ("platelet derived growth factor")."""

    text: str
    topic: str


@dataclass(frozen=True, slots=True)
class TopicGroup:
    """Claim topics checked together, and what in a list answers them."""

    key: str
    topics: tuple[str, ...]
    claim: str
    ev: bool
    ev_classes: tuple[str, ...]
    ev_materials: tuple[str, ...]
    backing_kinds: tuple[str, ...]
    look_alike_kinds: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ClaimedSource:
    """A source a claim may name, and how a list names it."""

    name: str
    kind: str
    words: tuple[str, ...]
    list_words: tuple[str, ...]
    look_alike_kinds: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, eq=False)
class ClaimWords:
    """data/claims.toml, checked."""

    phrases: tuple[Phrase, ...]
    groups: tuple[TopicGroup, ...]
    sources: tuple[ClaimedSource, ...]
    kinds: dict[str, str]
    look_alike_kinds: dict[str, str]
    drop: tuple[str, ...]
    plural: dict[str, str]
    wording: dict[str, str]


def _tuple(raw: dict[str, Any], key: str, allowed: tuple[str, ...] | None, where: str) -> tuple:
    values = tuple(raw.get(key, ()))
    unknown = [value for value in values if allowed is not None and value not in allowed]
    if unknown:
        raise DataError(f"{CLAIMS_FILE} {where}: unknown {key} {', '.join(unknown)}")
    return values


@lru_cache(maxsize=4)
def load_claim_words(data_dir: Path) -> ClaimWords:
    """Read data_dir/claims.toml (data_dir is the repository's data/ folder)."""
    path = Path(data_dir) / CLAIMS_FILE
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise DataError(f"{CLAIMS_FILE}: cannot be read ({error})") from error
    except tomllib.TOMLDecodeError as error:
        raise DataError(f"{CLAIMS_FILE}: not valid TOML ({error})") from error
    groups = []
    for number, table in enumerate(raw.get("topic", []), 1):
        where = f"topic {table.get('key') or number}"
        if not table.get("key") or not table.get("topics") or not table.get("claim"):
            raise DataError(f"{CLAIMS_FILE} {where}: needs key, topics and claim")
        groups.append(
            TopicGroup(
                key=table["key"],
                topics=tuple(table["topics"]),
                claim=table["claim"],
                ev=bool(table.get("ev", False)),
                ev_classes=_tuple(table, "ev_classes", SOURCE_CLASSES, where),
                ev_materials=_tuple(table, "ev_materials", MATERIALS, where),
                backing_kinds=_tuple(table, "backing_kinds", LOOK_ALIKE_KINDS, where),
                look_alike_kinds=_tuple(table, "look_alike_kinds", LOOK_ALIKE_KINDS, where),
            )
        )
    topics = {topic for group in groups for topic in group.topics}
    phrases = []
    for table in raw.get("phrase", []):
        if table.get("topic") not in topics or not table.get("text"):
            raise DataError(f"{CLAIMS_FILE} phrase {table.get('text')!r}: unknown topic")
        phrases.append(Phrase(table["text"], table["topic"]))
    kinds = raw.get("kinds", {})
    sources = []
    for number, table in enumerate(raw.get("source", []), 1):
        where = f"source {table.get('name') or number}"
        if table.get("kind") not in kinds or not table.get("words") or not table.get("list_words"):
            raise DataError(f"{CLAIMS_FILE} {where}: needs a known kind, words and list_words")
        sources.append(
            ClaimedSource(
                name=table["name"],
                kind=table["kind"],
                words=tuple(table["words"]),
                list_words=tuple(table["list_words"]),
                look_alike_kinds=_tuple(table, "look_alike_kinds", LOOK_ALIKE_KINDS, where),
            )
        )
    wording = raw.get("wording", {})
    missing = [key for key in _WORDING if key not in wording]
    if missing:
        raise DataError(f"{CLAIMS_FILE} [wording]: lacks {', '.join(missing)}")
    described = raw.get("look_alike_kinds", {})
    if set(described) != set(LOOK_ALIKE_KINDS):
        raise DataError(f"{CLAIMS_FILE} [look_alike_kinds]: must describe every kind once")
    phrase = raw.get("source_phrase", {})
    return ClaimWords(
        phrases=tuple(phrases),
        groups=tuple(groups),
        sources=tuple(sources),
        kinds=dict(kinds),
        look_alike_kinds=dict(described),
        drop=tuple(phrase.get("drop", ())),
        plural=dict(phrase.get("plural", {})),
        wording=dict(wording),
    )

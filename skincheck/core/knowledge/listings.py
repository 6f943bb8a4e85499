"""Readers for the named ingredients: ev_ingredients.csv, look_alikes.csv,
look_alike_patterns.csv, false_friends.csv, nuances.toml, one_percent_markers.csv and
claim_terms.csv. They refuse an entry without a class, a known kind or material, or a
reference that exists, and a name listed twice. They do not read the references
(sources) or the classification rules (rules), and match no name (match does).
"""

import re
from pathlib import Path

from skincheck.core.errors import DataError
from skincheck.core.knowledge import fields
from skincheck.core.knowledge.names import listing_key
from skincheck.core.knowledge.types import ClaimTerm
from skincheck.core.knowledge.types import EvEntry
from skincheck.core.knowledge.types import FalseFriend
from skincheck.core.knowledge.types import LOOK_ALIKE_KINDS
from skincheck.core.knowledge.types import LookAlike
from skincheck.core.knowledge.types import LookAlikePattern
from skincheck.core.knowledge.types import MATERIALS
from skincheck.core.knowledge.types import Nuance
from skincheck.core.knowledge.types import OnePercentMarker
from skincheck.core.knowledge.types import Reason
from skincheck.core.knowledge.types import Rules
from skincheck.core.knowledge.types import SOURCE_CLASSES


def read_entries(kb_dir: Path, known: set[str]) -> tuple[EvEntry, ...]:
    columns = ("name", "aliases", "source_class", "material", "organism", "cell_type")
    columns += ("human_origin", "refs", "note")
    entries = []
    for where, row in fields.csv_rows(kb_dir / "ev_ingredients.csv", columns):
        human, probable = fields.origin(row["human_origin"], where)
        entries.append(
            EvEntry(
                name=fields.required(row, "name", where),
                aliases=fields.split_list(row["aliases"]),
                source_class=fields.choice(
                    row["source_class"], SOURCE_CLASSES, "source_class", where
                ),
                material=fields.choice(row["material"], MATERIALS, "material", where),
                organism=row["organism"] or None,
                cell_type=row["cell_type"] or None,
                human_origin=human,
                refs=fields.cited(row["refs"], where, known),
                note=row["note"],
                probably_human=probable,
            )
        )
    return tuple(entries)


def read_look_alikes(kb_dir: Path, known: set[str]) -> tuple[LookAlike, ...]:
    columns = ("name", "aliases", "kind", "human_origin", "explanation", "refs")
    return tuple(
        LookAlike(
            name=fields.required(row, "name", where),
            kind=fields.choice(row["kind"], LOOK_ALIKE_KINDS, "kind", where),
            explanation=fields.required(row, "explanation", where),
            human_origin=fields.origin(row["human_origin"], where)[0],
            refs=fields.cited(row["refs"], where, known),
            aliases=fields.split_list(row["aliases"]),
            probably_human=fields.origin(row["human_origin"], where)[1],
        )
        for where, row in fields.csv_rows(kb_dir / "look_alikes.csv", columns)
    )


def check_unique_names(entries: tuple[EvEntry, ...], look_alikes: tuple[LookAlike, ...]) -> None:
    seen: dict[str, tuple[str, int]] = {}
    listed = [(("ev_ingredients.csv", n), (e.name, *e.aliases)) for n, e in enumerate(entries)]
    listed += [(("look_alikes.csv", n), (a.name, *a.aliases)) for n, a in enumerate(look_alikes)]
    for owner, names in listed:
        for name in names:
            key = listing_key(name)
            if key in seen and seen[key] != owner:
                where = f"{owner[0]} row {owner[1] + 2}"
                raise DataError(f"{where}: {name!r} is listed twice (also in {seen[key][0]})")
            seen[key] = owner


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def read_patterns(kb_dir: Path, known: set[str], rules: Rules) -> tuple[LookAlikePattern, ...]:
    columns = ("pattern", "kind", "human_origin", "explanation", "refs")
    placeholders = {
        "{microbe}": _alternation(rules.organisms["microbe"]),
        "{synthetic_vesicles}": _alternation(rules.words.get("synthetic_vesicles", ())),
        "{growth_factors}": _alternation(rules.words.get("growth_factors", ())),
    }
    patterns = []
    for where, row in fields.csv_rows(kb_dir / "look_alike_patterns.csv", columns):
        text = fields.required(row, "pattern", where)
        for placeholder, value in placeholders.items():
            text = text.replace(placeholder, value)
        human, probable = fields.origin(row["human_origin"], where)
        patterns.append(
            LookAlikePattern(
                pattern=fields.regex(text, where),
                kind=fields.choice(row["kind"], LOOK_ALIKE_KINDS, "kind", where),
                explanation=fields.required(row, "explanation", where),
                human_origin=human,
                refs=fields.cited(row["refs"], where, known),
                probably_human=probable,
            )
        )
    return tuple(patterns)


def read_false_friends(kb_dir: Path, known: set[str]) -> tuple[FalseFriend, ...]:
    columns = ("pattern", "reason", "refs")
    return tuple(
        FalseFriend(
            pattern=fields.regex(fields.required(row, "pattern", where), where),
            reason=fields.required(row, "reason", where),
            refs=fields.cited(row["refs"], where, known),
        )
        for where, row in fields.csv_rows(kb_dir / "false_friends.csv", columns)
    )


def read_nuances(kb_dir: Path, known: set[str]) -> tuple[Nuance, ...]:
    nuances = []
    for number, raw in enumerate(fields.toml_file(kb_dir / "nuances.toml").get("nuance", []), 1):
        where = f"nuances.toml nuance {raw.get('key') or number}"
        classes = tuple(raw.get("classes", ()))
        for key in classes:
            fields.choice(key, SOURCE_CLASSES, "class", where)
        words, organisms = tuple(raw.get("words", ())), tuple(raw.get("organisms", ()))
        if not words and not organisms:
            raise DataError(f"{where}: needs words or organisms")
        text = str(fields.required(raw, "text", where))
        reason = Reason(text, fields.cited(raw.get("refs"), where, known))
        human_only = raw.get("human_only", False)
        if not isinstance(human_only, bool):
            raise DataError(f"{where}: human_only must be true or false")
        key = fields.required(raw, "key", where)
        nuances.append(Nuance(key, words, classes, organisms, reason, human_only))
    return tuple(nuances)


def read_markers(kb_dir: Path, known: set[str]) -> tuple[OnePercentMarker, ...]:
    markers = []
    columns = ("name", "aliases", "basis")
    for where, row in fields.csv_rows(kb_dir / "one_percent_markers.csv", columns):
        # A marker needs a reference or a stated basis (a typical-use rule of thumb).
        basis = fields.required(row, "basis", where)
        refs = fields.cited(row["refs"], where, known) if row.get("refs") else ()
        name = fields.required(row, "name", where)
        markers.append(OnePercentMarker(name, fields.split_list(row["aliases"]), basis, refs))
    return tuple(markers)


def read_claim_terms(kb_dir: Path, known: set[str]) -> tuple[ClaimTerm, ...]:
    columns = ("term", "topic", "language", "ev_claim", "refs")
    return tuple(
        ClaimTerm(
            term=fields.required(row, "term", where),
            topic=fields.required(row, "topic", where),
            language=fields.required(row, "language", where),
            ev_claim=fields.yes_no(row["ev_claim"], "ev_claim", where),
            refs=fields.cited(row["refs"], where, known),
        )
        for where, row in fields.csv_rows(kb_dir / "claim_terms.csv", columns)
    )

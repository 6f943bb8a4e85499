"""Read the annexes of the EU Cosmetics Regulation (EC) 1223/2009 and match names to them.

The CosIng exports of Annexes II-VI (data/cosing/annex_*.csv) are read into one
value, Annexes. An ingredient matches an entry when its fold equals one of the
names the entry identifies: the listed INCI names ("Identified INGREDIENTS"), the
glossary names, the chemical name or INN, and the IUPAC names. Whole names only:
"Water" appears inside many long Annex II descriptions and must match none of them.

What this does not do: decide that a product breaks the law (the annexes depend
on concentration, product type and use, which a label rarely states), or apply
entry 416 (human cells and tissues) by rule; the rating code does that, citing
entry("II", "416").
"""

import csv
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from skincheck.core.errors import DataError
from skincheck.core.normalise import fold

ANNEXES = ("II", "III", "IV", "V", "VI")
STATUS = {
    "II": "prohibited",
    "III": "restricted",
    "IV": "allowed_colourant",
    "V": "allowed_preservative",
    "VI": "allowed_uv_filter",
}
#: Each CSV starts with three lines ("File creation date", the annex and its "Last
#: update", the title) and a group-heading line before the column row.
_LINES_BEFORE_COLUMNS = 4

_REFERENCE = "Reference Number"
_IDENTIFIED = "Identified INGREDIENTS or substances e.g."
_IUPAC = "Chemical/IUPAC Name"
#: Annex IV calls its chemical-name and glossary columns differently.
_CHEMICAL = ("Chemical name / INN", "Chemical name")
_GLOSSARY = (
    "Name of Common Ingredients Glossary",
    "Colour index Number / Name of Common Ingredients Glossary",
)
_MAXIMUM = "Maximum concentration in ready for use preparation"
#: The restriction columns of Annexes III-VI, with the short label each gets.
_CONDITIONS = (
    ("Product Type, body parts", "Product type"),
    (_MAXIMUM, "Maximum concentration"),
    ("Other", "Other"),
    ("Wording of conditions of use and warnings", "Conditions and warnings"),
)
#: Annex V and VI rows whose substance is gone ("5,Moved or deleted,-,-,...").
_WITHDRAWN = "moved or deleted"

#: Footnote marks after a name: "CETRIMONIUM CHLORIDE (1)", "Titanium dioxide [1]".
_NOTE_MARK = re.compile(r"\s*(?:\(\d\)|\[\s*\d\s*\])")
#: "(INN)" after an international non-proprietary name: "Spironolactone (INN)".
_INN = re.compile(r"\s*\(INN\)", re.IGNORECASE)
#: Names in one cell are separated by semicolons and line breaks, and by slashes
#: with a space on at least one side ("CI 42090/ ACID BLUE 9", "Citronellol/ (±)
#: 3,7-Dimethyl-6-octen-1-ol"). A slash with no space joins parts of one name
#: ("Eucalyptus Globulus Leaf/Twig Oil", "ACRYLATES/ACRYLAMIDE COPOLYMER") except
#: beside a colour index number: Annex IV entry 143 is "TITANIUM DIOXIDE/CI 77891".
_SEPARATOR = re.compile(r"[;\n]|\s+/\s*|\s*/\s+|/(?=CI \d)|(?<=CI \d{5})/")
#: List cells (the identified INCI names, the glossary names) also use commas, but
#: commas sit inside chemical names too: "1,2-HEXANEDIOL", "N,N-BIS(2-HYDROXYETHYL)
#: -P-PHENYLENEDIAMINE SULFATE", "ALLYL 3,5,5-TRIMETHYLHEXANOATE". A comma between
#: two locants (a number or a lone N, O or S) is part of the name.
_ENDS_WITH_LOCANT = re.compile(r"(?:^|[^0-9A-Za-z])(?:\d{1,2}|[NOS])'*$")
_STARTS_WITH_LOCANT = re.compile(r"^(?:\d{1,2}|[NOS])'*(?:-|$)")
_SPACES = re.compile(r"\s+")
_COLOUR_INDEX = re.compile(r"\bCI \d{5}(?::\d)?\b")
_SHORTEST_NAME = 3
_NANO = "(nano)"
_LAST_UPDATE = re.compile(r"Last update:\s*(\d{2}/\d{2}/\d{4})")


@dataclass(frozen=True, slots=True)
class AnnexMatch:
    """One entry of Annexes II-VI, as matched to an ingredient or cited by rule."""

    #: "II", "III", "IV", "V" or "VI".
    annex: str
    #: The entry's reference number as printed ("416", "2a").
    reference: str
    #: The entry's chemical name or description ("Cells, tissues or products of
    #: human origin").
    substance: str
    #: "prohibited" (II), "restricted" (III), "allowed_colourant" (IV),
    #: "allowed_preservative" (V) or "allowed_uv_filter" (VI).
    status: str
    #: The entry's restrictions in one line ("Maximum concentration: 1.0%"), or "".
    conditions: str


@dataclass(frozen=True, slots=True)
class Annexes:
    """Annexes II-VI, indexed by the folded names each entry identifies."""

    entries: tuple[AnnexMatch, ...]
    #: fold(name) → indexes into entries, in annex and file order.
    by_name: dict[str, tuple[int, ...]]
    #: annex → "Last update" date of the Commission's export, ISO form ("2026-08-28").
    version: dict[str, str]

    @classmethod
    def load(cls, data_dir: Path) -> "Annexes":
        """Read data/cosing/annex_II.csv ... annex_VI.csv from ``data_dir``."""
        entries: list[AnnexMatch] = []
        by_name: dict[str, list[int]] = {}
        version: dict[str, str] = {}
        for annex in ANNEXES:
            path = data_dir / "cosing" / f"annex_{annex}.csv"
            version[annex], rows = _read_annex(path)
            for row in rows:
                entry = _entry(annex, row)
                if not entry.reference or fold(entry.substance) == _WITHDRAWN:
                    continue
                for name in _identified_names(row):
                    positions = by_name.setdefault(name, [])
                    if len(entries) not in positions:
                        positions.append(len(entries))
                entries.append(entry)
        return cls(
            entries=tuple(entries),
            by_name={name: tuple(found) for name, found in by_name.items()},
            version=version,
        )

    def matches(self, name: str) -> tuple[AnnexMatch, ...]:
        """Every entry that identifies ``name`` by one of its whole names.

        Give the name as the label prints it (cleaned), not only its CosIng name:
        "Titanium Dioxide (nano)" is the nano entry VI 27a, but the inventory has
        no nano names and recognises it as TITANIUM DIOXIDE.
        """
        return tuple(self.entries[i] for i in self.by_name.get(fold(name), ()))

    def entry(self, annex: str, reference: str) -> AnnexMatch:
        """The entry with this reference number. Where one number has several rows
        (Annex II 38 lists three coal-tar distillates) this is the first row.
        Raises KeyError when there is no such entry."""
        for entry in self.entries:
            if entry.annex == annex and entry.reference == reference:
                return entry
        raise KeyError(f"Annex {annex} has no entry {reference}")


def _read_annex(path: Path) -> tuple[str, list[dict[str, str]]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            preamble = [next(reader, []) for _ in range(_LINES_BEFORE_COLUMNS)]
            columns = next(reader, [])
            rows = [dict(zip(columns, row, strict=False)) for row in reader]
    except OSError as exc:
        raise DataError(f"cannot read {path}: {exc}") from exc
    found = _LAST_UPDATE.search(" ".join(preamble[1]))
    if found is None or _REFERENCE not in columns or _IDENTIFIED not in columns:
        raise DataError(f"{path} is not a CosIng annex export (no 'Last update' or columns)")
    updated = datetime.strptime(found.group(1), "%d/%m/%Y").date().isoformat()
    return updated, rows


def _entry(annex: str, row: dict[str, str]) -> AnnexMatch:
    substance = next((row[column] for column in _CHEMICAL if row.get(column)), "")
    return AnnexMatch(
        annex=annex,
        reference=_clean(row.get(_REFERENCE, "")),
        substance=_clean(substance),
        status=STATUS[annex],
        conditions="" if annex == "II" else _conditions(row),
    )


def _conditions(row: dict[str, str]) -> str:
    parts = []
    for column, label in _CONDITIONS:
        text = _clean(row.get(column, ""))
        if text in {"", "-"}:
            continue
        # The Annex IV export puts some field-of-use notes in the concentration
        # column (entry 1, CI 10006: "Rinse-off product"); only a figure gets the
        # "Maximum concentration" label.
        if column == _MAXIMUM and not any(ch.isdigit() for ch in text):
            parts.append(text)
        else:
            parts.append(f"{label}: {text}")
    return "; ".join(parts)


def _identified_names(row: dict[str, str]) -> set[str]:
    names: set[str] = set()
    for column in (_IDENTIFIED, *_GLOSSARY):
        names.update(_split(row.get(column, ""), commas=True))
    for column in (*_CHEMICAL, _IUPAC):
        names.update(_split(_INN.sub("", row.get(column, "")), commas=False))
    # A colour index number names one colourant wherever it stands: Annex IV 18
    # lists "PONCEAUX SX (CI 14700)".
    for column in (_IDENTIFIED, *_GLOSSARY, *_CHEMICAL, _IUPAC):
        names.update(fold(number) for number in _COLOUR_INDEX.findall(row.get(column, "")))
    # Pieces of one or two characters are cell debris, not names (Annex II 1396
    # lists "NA" among its IUPAC names).
    names = {name for name in names if len(name) >= _SHORTEST_NAME}
    # A nanomaterial must be labelled with "(nano)" after its name (Regulation
    # 1223/2009, Article 19(1)(g)), so a plain "Titanium Dioxide" is not the nano
    # entry VI 27a, whose IUPAC column still reads "Titanium dioxide [1]".
    if _NANO in fold(next((row[c] for c in _CHEMICAL if row.get(c)), "")):
        names = {name for name in names if _NANO in name}
    return names


def _split(cell: str, *, commas: bool) -> list[str]:
    """The folded names in one cell."""
    names = []
    for piece in _SEPARATOR.split(cell.replace("\u00ad", "")):
        for name in _split_commas(piece) if commas else [piece]:
            name = _NOTE_MARK.sub("", name).strip()
            # A separator inside brackets leaves one half unbalanced: Annex II 1341
            # "...sulphonate (Ponceaux SX; CI 14700)" gives "CI 14700)".
            if name.endswith(")") and "(" not in name:
                name = name[:-1]
            names.append(fold(name))
    return names


def _split_commas(text: str) -> list[str]:
    names: list[str] = []
    for piece in text.split(","):
        if names and _ENDS_WITH_LOCANT.search(names[-1]) and _STARTS_WITH_LOCANT.match(piece):
            names[-1] += "," + piece
        else:
            names.append(piece)
    return names


def _clean(text: str) -> str:
    """One line of text: soft hyphens removed, runs of white space made one space."""
    return _SPACES.sub(" ", text.replace("\u00ad", "")).strip()

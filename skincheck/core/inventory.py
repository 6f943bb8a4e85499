"""Recognise an ingredient name as a CosIng INCI name, and give it a readable name.

The inventory is the Commission's CosIng ingredient list (a 2020-12-30 snapshot of
28,712 INCI names with their functions) plus our own small synonym table
(data/synonyms.csv) that sends the forms labels print for one thing ("Aqua",
"Eau", "Fragrance") to one CosIng name. Names are compared by their fold.

What this does not do: read a list (skincheck.core.reader does), fix typos (a name
that is not found stays unrecognised and only gets suggestions), or judge an
ingredient. Being in CosIng says nothing about safety or legality; Annex II still
applies to every name here (see skincheck.core.annexes).
"""

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from skincheck.core.closeness import CloseNames
from skincheck.core.errors import DataError
from skincheck.core.normalise import fold

INVENTORY_FILE = Path("cosing") / "cosing-inventory-2020-12-30.csv"
SYNONYMS_FILE = Path("synonyms.csv")

#: Similarity (rapidfuzz's normalised Indel ratio on folded names, 0-100) a CosIng
#: name needs to be offered as a suggestion. Measured on the best match of each of
#: the ~1,400 distinct unrecognised names in the Sephora corpus: from 95 up they are
#: the name meant ("Ehylhexylglycerin", "Polysorbate 606" → Polysorbate 60 at 96.6);
#: from 85 to 95 mostly so ("Citrannellol" → Citronellol), with a few near misses
#: ("Nettle Extract" → Turtle Extract at 85.7); below 85 mostly other substances
#: ("Orange Fruit Extract" → Morus Nigra Fruit Extract at 80).
SUGGESTION_CUTOFF = 85.0
MAX_SUGGESTIONS = 3

#: Two names of one thing printed with a slash and spaces on both sides:
#: "Aqua / Water / Eau", "CI 77891 / Titanium Dioxide". A slash with no spaces
#: usually joins the monomers of one polymer ("Acrylates/C10-30 Alkyl Acrylate
#: Crosspolymer"); see Inventory._by_slash for when it is split all the same.
#: Both match a run of spaces only from its first space ((?<!\s), taken whole with \s++):
#: "\s+/\s+" tried again from every space of a run, so "a" + 48,000 spaces + "b" cost
#: 9 s of CPU (issue 15). They split exactly where "\s+/\s+" and "\s*/\s*" did.
_SPACED_SLASH = re.compile(r"(?<!\s)\s++/\s+")
_SLASH = re.compile(r"(?<!\s)\s++/\s*|/\s*")
_COLOUR_INDEX = re.compile(r"CI \d{5}\b", re.IGNORECASE)
#: The first word of a French ingredient name printed after the INCI names.
_FRENCH_NAME = re.compile(
    r"(?:extrait|huile|beurre|cire|eau|sel|miel|prot[eé]ine|poudre|jus|parfum)\b",
    re.IGNORECASE,
)
#: A top-level bracket group: "Aqua (Water)", "Butyrospermum Parkii (Shea) Butter".
_BRACKET = re.compile(r"\(([^()]*)\)")
_SPACES = re.compile(r"\s+")

# Display names. CosIng prints every name in capitals; the readable form is title
# case, except for these letter runs, which are abbreviations and stay in capitals
# ("PEG-100 Stearate", "Disodium EDTA", "Sodium PCA", "HC Blue No. 2"), as do the
# ceramide classes ("Ceramide NP", "Ceramide EOP").
# fmt: off
_ABBREVIATIONS = frozenset({
    "AMP", "AMPD", "BHA", "BHT", "CI", "DEA", "DEDM", "DIPA", "DMDM", "DMPA", "DNA", "DVB",
    "EDTA", "HC", "HDI", "HEA", "HEDTA", "HEMA", "HIV", "IPDI", "MA", "MDI", "MEA", "MIPA",
    "PABA", "PCA", "PEG", "PEI", "PG", "PNA", "PPG", "PVM", "PVP", "RNA", "SD", "SE",
    "SMDI", "SP", "TDI", "TEA", "TIPA", "TMDI", "TMP", "VA", "VP", "II", "III", "AP", "AS",
    "ADS", "EOH", "EOP", "EOS", "NDS", "NG", "NP", "NS",
})
# fmt: on
#: Abbreviations with a conventional mixed case.
_MIXED_CASE = {"HCL": "HCl", "HBR": "HBr"}
#: Prefixes written in lower case before a hyphen: "sh-Oligopeptide-1" (synthetic
#: human), "rh-Polypeptide-1" (recombinant human), "sr-Spider Polypeptide-3".
_LOWER_PREFIXES = frozenset({"SH", "RH", "SR"})
#: Joining words, lower case unless they start the name: "Terpenes and Terpenoids",
#: and "(and)" in blends printed by suppliers.
_LOWER_WORDS = frozenset({"AND", "OF", "OR", "WITH"})
#: Chemical name endings after a locant: "1-Hexen-3-ol", "Pyridin-3-yl".
_LOWER_SUFFIXES = frozenset({"OL", "ONE", "EN", "YL", "AL"})
_LETTERS = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True, slots=True)
class Recognition:
    """What the inventory says about one printed ingredient name."""

    #: The CosIng INCI name as listed ("GLYCERIN"), or None when not recognised.
    inci: str | None
    #: A readable name: the synonym table's name, else the INCI name in title case
    #: ("Glycerin"); for an unrecognised name, the name as given.
    display: str
    #: CosIng functions of the INCI name ("Humectant", "Solvent", ...).
    functions: tuple[str, ...]
    #: Which form matched: "exact" (the whole name is a CosIng name), "synonym" (the
    #: whole name is in the synonym table), "bracket" (the name outside or inside
    #: brackets), "slash" (one of the names around a slash), or "none".
    via: str
    #: Up to three close CosIng names (display form) for an unrecognised name.
    suggestions: tuple[str, ...] = ()

    @property
    def recognised(self) -> bool:
        return self.inci is not None


@dataclass(frozen=True, slots=True)
class _Entry:
    inci: str
    functions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Inventory:
    """The CosIng names and our synonyms, keyed by fold. Build it once per process."""

    #: fold(INCI name) → entry, in file order.
    by_name: dict[str, _Entry]
    #: fold(printed synonym form) → fold(INCI name) of the one name it stands for.
    by_synonym: dict[str, str]
    #: INCI name → display name chosen in the synonym table ("PARFUM" → "Fragrance");
    #: every other name is shown by display_name().
    displays: dict[str, str]
    #: The keys of by_name, for suggestions, shortest first (see suggest()).
    choices: tuple[str, ...]
    #: The place in by_name of each of choices (ties go to the earlier).
    choice_ranks: tuple[int, ...]
    #: Finds the choices close to a name.
    close: CloseNames

    @classmethod
    def load(cls, data_dir: Path) -> "Inventory":
        """Read the CosIng inventory and data/synonyms.csv from ``data_dir``."""
        by_name: dict[str, _Entry] = {}
        for inci, functions in _read_inventory(data_dir / INVENTORY_FILE):
            key = fold(inci)
            known = by_name.get(key)
            if known is not None:
                # Seven names appear twice, some with different functions
                # (LACTOBACILLUS/RADISH ROOT FERMENT FILTRATE): keep the union.
                functions = tuple(dict.fromkeys(known.functions + functions))
            by_name[key] = _Entry(inci, functions)
        by_synonym, displays = _read_synonyms(data_dir / SYNONYMS_FILE, by_name)
        keys = tuple(by_name)
        ranks = tuple(sorted(range(len(keys)), key=lambda rank: len(keys[rank])))
        choices = tuple(keys[rank] for rank in ranks)
        return cls(by_name, by_synonym, displays, choices, ranks, CloseNames(choices))

    def __len__(self) -> int:
        return len(self.by_name)

    def recognise(self, name: str) -> Recognition:
        """Recognise one ingredient name (as cleaned by the list reader).

        Tries the whole name, then the names outside and inside brackets, then the
        names around a slash (the first recognised one is kept); in each form the
        synonym table wins over a plain CosIng name, so "Aqua (Water)" and
        "Eau (Aqua)" both become Water.
        """
        found = self.find(name)
        if found is not None:
            return found
        return Recognition(
            inci=None,
            display=name.strip(),
            functions=(),
            via="none",
            suggestions=self.suggest(name),
        )

    def knows(self, name: str) -> bool:
        """Whether ``recognise`` finds ``name``, without the close-match search that an
        unknown name costs (the splitter of run-together names asks this of many
        stretches that are not names)."""
        return self.find(name) is not None

    def find(self, name: str) -> Recognition | None:
        """``recognise(name)`` when the name is found; None, without suggestions, when
        it is not."""
        whole = fold(name)
        if whole in self.by_synonym:
            return self._recognised(self.by_name[self.by_synonym[whole]], "synonym")
        if whole in self.by_name:
            return self._recognised(self.by_name[whole], "exact")
        entry = self._by_brackets(name)
        if entry is not None:
            return self._recognised(entry, "bracket")
        entry = self._by_slash(name)
        if entry is not None:
            return self._recognised(entry, "slash")
        return None

    def suggest(self, name: str) -> tuple[str, ...]:
        """Up to three CosIng names close to ``name`` (display form), best first.

        A bracketed common name is left out when the whole name finds nothing:
        "Pogostemon Cablin (Patchouli) Oil" is far from every CosIng name, while
        "Pogostemon Cablin Oil" is close to POGOSTEMON CABLIN LEAF OIL.
        """
        for form in dict.fromkeys((name, _SPACES.sub(" ", _BRACKET.sub(" ", name)).strip())):
            # The same names as fuzz.ratio over every CosIng name, ~10x sooner; names
            # a new list does not know cost a search each (skincheck.core.closeness).
            found = self.close.within(fold(form), SUGGESTION_CUTOFF)
            # Best first, and among equals the earlier in the inventory.
            best = sorted(found, key=lambda hit: (-hit[1], self.choice_ranks[hit[0]]))
            if best:
                return tuple(
                    self.display(self.by_name[self.choices[index]].inci)
                    for index, _score in best[:MAX_SUGGESTIONS]
                )
        return ()

    def display(self, inci: str) -> str:
        """The readable name of a CosIng name."""
        return self.displays.get(inci) or display_name(inci)

    def _recognised(self, entry: _Entry, via: str) -> Recognition:
        return Recognition(
            inci=entry.inci, display=self.display(entry.inci), functions=entry.functions, via=via
        )

    def _lookup(self, form: str) -> _Entry | None:
        key = fold(form)
        return self.by_name.get(self.by_synonym.get(key, key))

    def _by_brackets(self, name: str) -> _Entry | None:
        inside = _BRACKET.findall(name)
        if not inside:
            return None
        outside = _SPACES.sub(" ", _BRACKET.sub(" ", name))
        for form in (outside, *inside):
            entry = self._lookup(form)
            if entry is not None:
                return entry
        return None

    def _by_slash(self, name: str) -> _Entry | None:
        parts = _SPACED_SLASH.split(name)
        if len(parts) > 1:
            return self._first(parts)
        parts = _SLASH.split(name)
        if len(parts) < 2:
            return None
        entries = [self._lookup(part) or self._by_brackets(part) for part in parts]
        # Without spaces a slash usually joins the monomers of one polymer, and a
        # third of CosIng's slashed names begin with another CosIng name
        # ("ACRYLIC ACID/VP CROSSPOLYMER"). So it is split only when the parts
        # plainly name one thing: all of them the same entry ("Water/Aqua/Eau"), a
        # colour index number ("Ci 77891/Titanium Dioxide", "CI 42090/Blue 1"), or
        # a list ending in a French translation, which no polymer name does
        # ("Yeast Extract/Faex/Extrait De Levure", Clarins).
        if None not in entries and len(set(entries)) == 1:
            return entries[0]
        for part, entry in zip(parts, entries, strict=True):
            if entry is not None and _COLOUR_INDEX.match(part.strip()):
                return entry
        if _FRENCH_NAME.match(parts[-1].strip()):
            return next((entry for entry in entries if entry is not None), None)
        return None

    def _first(self, parts: list[str]) -> _Entry | None:
        for part in parts:
            entry = self._lookup(part) or self._by_brackets(part)
            if entry is not None:
                return entry
        return None


def display_name(inci: str) -> str:
    """Title-case a CosIng name without breaking abbreviations, locants or prefixes.

    "PEG-100 STEARATE" → "PEG-100 Stearate", "1,2-HEXANEDIOL" → "1,2-Hexanediol",
    "SH-OLIGOPEPTIDE-1" → "sh-Oligopeptide-1", "ACRYLATES/C10-30 ALKYL ACRYLATE
    CROSSPOLYMER" → "Acrylates/C10-30 Alkyl Acrylate Crosspolymer".
    """

    def readable(match: re.Match[str]) -> str:
        word = match.group(0)
        upper = word.upper()
        before = inci[match.start() - 1] if match.start() else ""
        after = inci[match.end()] if match.end() < len(inci) else ""
        if upper in _MIXED_CASE:
            return _MIXED_CASE[upper]
        if upper in _LOWER_PREFIXES and after == "-":
            return upper.lower()
        if upper in _LOWER_WORDS and match.start():
            return upper.lower()
        if upper in _LOWER_SUFFIXES and before == "-":
            return upper.lower()
        if upper in _ABBREVIATIONS or len(word) == 1 or before.isdigit():
            return upper
        return upper[0] + upper[1:].lower()

    return _LETTERS.sub(readable, inci)


def _read_inventory(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        raise DataError(f"cannot read the CosIng inventory {path}: {exc}") from exc
    if not rows or "inci_name" not in rows[0] or "function" not in rows[0]:
        raise DataError(f"{path} lacks the inci_name and function columns")
    return [
        (row["inci_name"].strip(), _functions(row["function"]))
        for row in rows
        if row["inci_name"].strip()
    ]


def _functions(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _read_synonyms(path: Path, by_name: dict[str, _Entry]) -> tuple[dict[str, str], dict[str, str]]:
    """Read data/synonyms.csv (printed, inci, display, source) into fold(printed) →
    fold(inci) and INCI name → display name. A display name renames the CosIng name
    wherever it is found: "Parfum" and "Fragrance" both show as "Fragrance"."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        raise DataError(f"cannot read the synonym table {path}: {exc}") from exc
    by_synonym: dict[str, str] = {}
    displays: dict[str, str] = {}
    for line, row in enumerate(rows, start=2):
        printed = fold(row.get("printed") or "")
        target = fold(row.get("inci") or "")
        display = (row.get("display") or "").strip()
        where = f"{path}:{line}"
        if target not in by_name:
            raise DataError(f"{where}: {row.get('inci')!r} is not a CosIng name")
        if not printed or printed == target:
            raise DataError(f"{where}: {row.get('printed')!r} needs no synonym row")
        if printed in by_synonym:
            raise DataError(f"{where}: {row.get('printed')!r} is listed twice")
        if not (row.get("source") or "").strip():
            raise DataError(f"{where}: every synonym needs a source note")
        inci = by_name[target].inci
        if display and displays.setdefault(inci, display) != display:
            raise DataError(f"{where}: two display names for {inci}")
        by_synonym[printed] = target
    return by_synonym, displays

"""load_knowledge(): read and validate the EV knowledge base in data/kb/ into typed values.

It reads the references (with the hosts they may link to), the grade scale, source
classes, human evidence, materials, listed EV ingredients, look-alikes, false friends,
classification rules, regulatory facts, one-percent markers, claim terms and wording, and
refuses (DataError naming file and row) any entry without a class, a known kind or
material, or a reference that exists, and any reference without authors, title, year,
kind or a link of an allowed form. It does not classify names (match),
rate them (rate) or decide anything: every judgement lives in the data files.
"""

import csv
import hashlib
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from skincheck.core.errors import DataError
from skincheck.core.normalise import fold

KB_DIR = "kb"
SOURCE_CLASSES = (
    "platelet",
    "stem_cell",
    "plant",
    "animal",
    "microbial",
    "unspecified",
    "senescent_risk",
)
MATERIALS = ("vesicles", "conditioned_media", "lysate_or_extract", "unknown")
LOOK_ALIKE_KINDS = (
    "plant_cell_culture",
    "ferment",
    "growth_factor",
    "human_tissue",
    "dna",
    "other",
)
APPLIES = ("human_origin", "human_ev")
#: What a reference is (references.csv `kind`), shown beside every citation.
REFERENCE_KINDS = (
    "controlled_trial",
    "uncontrolled_human",
    "lab_or_animal",
    "review",
    "case_report",
    "regulation",
    "expert_blog",
    "brand_material",
)
#: Links any reference may use: a DOI, or a PubMed / PubMed Central record.
OPEN_LINK_HOSTS = ("doi.org", "pubmed.ncbi.nlm.nih.gov", "pmc.ncbi.nlm.nih.gov")
_YEAR = re.compile(r"\d{4}|undated")
_YES_NO = {"yes": True, "no": False}
#: ``human_origin`` values: (human, probably human). "probable" marks names that name
#: cells or proteins usually taken from people without saying so ("Platelet-Rich Plasma",
#: "Human Serum Albumin", which may be recombinant): regulation is shown as "if human".
_ORIGINS = {"yes": (True, False), "no": (False, False), "probable": (False, True)}


@dataclass(frozen=True, slots=True)
class Reference:
    """A source the product cites; ``url`` is empty only when ``note`` says why."""

    key: str
    citation: str
    url: str
    #: One of REFERENCE_KINDS: what the source is (trial, review, brand material...).
    kind: str = "review"
    authors: str = ""
    title: str = ""
    venue: str = ""
    year: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Grade:
    """One word of the grade scale (grades.toml): about the source, not the product."""

    key: str
    #: Higher is less concern; follows the classes' standing.
    rank: int
    word: str
    legend: str


@dataclass(frozen=True, slots=True)
class EvidenceLevel:
    """One step of the human-evidence scale (evidence.toml), weakest first."""

    key: str
    label: str
    legend: str


@dataclass(frozen=True, slots=True)
class Trial:
    """One human study of topical use, named with its size, design and who ran it."""

    ref: str
    about: str
    design: str
    size: str
    duration: str
    run_by: str
    finding: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """The best human evidence for topical use of a class or of one listed ingredient."""

    level: str
    label: str
    summary: str
    trials: tuple[Trial, ...]
    refs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Reason:
    """One sentence of explanation with the references behind it."""

    text: str
    refs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SourceClass:
    """One row of SPEC's source-quality table."""

    key: str
    label: str
    grade: str
    #: Higher is more favourable; only the order matters.
    standing: int
    summary: str
    reasons: tuple[Reason, ...]
    #: What the label cannot tell, as questions a buyer can send the brand.
    questions: tuple[str, ...]
    refs: tuple[str, ...]
    #: The grade's key in grades.toml (``grade`` holds its word).
    grade_key: str = ""
    #: Best human evidence for any ingredient of the class (evidence.toml).
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class Material:
    """What the ingredient is made of: vesicles, conditioned medium, broken cells, unknown."""

    key: str
    label: str
    caveat: Reason


@dataclass(frozen=True, slots=True)
class EvEntry:
    """A listed EV, conditioned-media, platelet or human/animal cell ingredient."""

    name: str
    aliases: tuple[str, ...]
    source_class: str
    material: str
    organism: str | None
    cell_type: str | None
    human_origin: bool
    refs: tuple[str, ...]
    note: str = ""
    #: No species named, but the cells are usually human ("Adipose Stem Cell Media").
    probably_human: bool = False
    #: Human evidence for this ingredient itself, when evidence.toml records some.
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class LookAlike:
    """A listed ingredient that sounds like an EV ingredient but is not one."""

    name: str
    kind: str
    explanation: str
    human_origin: bool
    refs: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    #: Often, but not always, of human origin ("Human Serum Albumin" may be recombinant).
    probably_human: bool = False


@dataclass(frozen=True, slots=True)
class LookAlikePattern:
    """A family of look-alikes ("... Callus Culture Extract"), matched on the rule text."""

    pattern: re.Pattern[str]
    kind: str
    explanation: str
    human_origin: bool
    refs: tuple[str, ...]
    probably_human: bool = False


@dataclass(frozen=True, slots=True)
class FalseFriend:
    """A name that must never match (Phytoplacenta, Porphyra Umbilicalis, SH-Humanin)."""

    pattern: re.Pattern[str]
    reason: str
    refs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Nuance:
    """An extra reason for a rating when the name says more than its class (neonatal...)."""

    key: str
    words: tuple[str, ...]
    classes: tuple[str, ...]
    organisms: tuple[str, ...]
    reason: Reason
    #: Applies only to findings of human origin ("aged" cells, not aged garlic).
    human_only: bool = False


@dataclass(frozen=True, slots=True)
class Rules:
    """Keyword lists for classifying names nobody listed (rules.toml, plant_genera.csv)."""

    organisms: dict[str, tuple[str, ...]]
    cell_types: dict[str, tuple[str, ...]]
    words: dict[str, tuple[str, ...]]
    plant_genera: frozenset[str]
    refs: tuple[str, ...]
    #: The source class each organism kind gives ("microbe" -> "microbial").
    organism_classes: dict[str, str]
    #: The source class each cell-type group gives, in the order the groups are tried.
    cell_classes: dict[str, str]
    #: Cell-type groups that, in a name with no species, make it probably human.
    probably_human: tuple[str, ...]
    #: Extra words a typo match may never drop or swap ("fetal", "adult").
    deciding: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RegulationFact:
    """A regulatory fact applied by rule (EU Annex II/416, FDA, MFDS)."""

    key: str
    jurisdiction: str
    applies: str
    materials: tuple[str, ...]
    status: str
    rule: str
    text: str
    annex: str | None
    reference: str | None
    refs: tuple[str, ...]
    #: The same fact for a probably-human finding, worded as a condition
    #: ("If of human origin: ..."), from regulation.toml [if_human].
    if_human_status: str = ""
    if_human_rule: str = ""
    if_human_text: str = ""


@dataclass(frozen=True, slots=True)
class AnnexWording:
    """How one CosIng annex match is shown."""

    jurisdiction: str
    rule: str
    refs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OnePercentMarker:
    """An ingredient whose usual maximum is 1% or less (phenoxyethanol, parfum...)."""

    name: str
    aliases: tuple[str, ...]
    basis: str
    refs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ClaimTerm:
    """A word in a product name or page text that claims exosomes, stem cells, PDRN..."""

    term: str
    topic: str
    language: str
    #: True when the word claims EVs, secretomes or stem cells (what the list must back).
    ev_claim: bool
    refs: tuple[str, ...]


# eq=False: the knowledge base is compared and hashed by identity, so the matcher can
# cache its compiled index per loaded knowledge base.
@dataclass(frozen=True, slots=True, eq=False)
class KnowledgeBase:
    """Everything in data/kb/, validated."""

    #: A short hash of the data files' bytes; reports name the version they used.
    version: str
    references: dict[str, Reference]
    classes: dict[str, SourceClass]
    materials: dict[str, Material]
    entries: tuple[EvEntry, ...]
    look_alikes: tuple[LookAlike, ...]
    look_alike_patterns: tuple[LookAlikePattern, ...]
    false_friends: tuple[FalseFriend, ...]
    nuances: tuple[Nuance, ...]
    rules: Rules
    regulation: tuple[RegulationFact, ...]
    annex: AnnexWording
    one_percent_markers: tuple[OnePercentMarker, ...]
    claim_terms: tuple[ClaimTerm, ...]
    #: Sentence templates for verdicts and claim checks (wording.toml).
    wording: dict[str, Any]
    #: The grade scale, least concern first (grades.toml).
    grades: tuple[Grade, ...] = ()
    #: The human-evidence scale, weakest first (evidence.toml).
    evidence_levels: tuple[EvidenceLevel, ...] = ()

    def source_classes_in_order(self) -> tuple[SourceClass, ...]:
        """The seven classes, most favourable first (ties keep the file's order)."""
        return tuple(sorted(self.classes.values(), key=lambda cls: -cls.standing))


_BRACKETS = re.compile(r"\([^()]*\)")
_NON_WORD = re.compile(r"[\s\-_]+")


@lru_cache(maxsize=1 << 16)
def listing_key(name: str) -> str:
    """The key listed names are compared by: fold() plus hyphens read as spaces, single
    words' plural "s" dropped and "medium" read as "media", so "Human Keratinocytes",
    "human keratinocyte" and "Human-Keratinocyte" are one name."""
    words = _NON_WORD.sub(" ", fold(name)).split(" ")
    return " ".join(_singular(word) for word in words if word)


def without_brackets(name: str) -> str:
    """``name`` without its bracketed parts: "Malus Domestica Fruit (Apple) Cell Culture"."""
    return _BRACKETS.sub(" ", name)


def _singular(word: str) -> str:
    if word == "medium":
        return "media"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def load_knowledge(data_dir: Path) -> KnowledgeBase:
    """Read data_dir/kb/ (data_dir is the repository's data/ folder) and validate it."""
    kb_dir = Path(data_dir) / KB_DIR
    if not kb_dir.is_dir():
        raise DataError(f"{kb_dir}: the knowledge-base folder is missing")
    references = _references(kb_dir)
    known = set(references)
    grades = _grades(kb_dir)
    classes = _classes(kb_dir, known, grades)
    materials = _materials(kb_dir, known)
    entries = _entries(kb_dir, known)
    levels, classes, entries = _evidence(kb_dir, references, classes, entries)
    look_alikes = _look_alikes(kb_dir, known)
    _check_unique_names(entries, look_alikes)
    rules = _rules(kb_dir, known)
    regulation, annex = _regulation(kb_dir, known)
    return KnowledgeBase(
        version=_version(kb_dir),
        references=references,
        classes=classes,
        materials=materials,
        entries=entries,
        look_alikes=look_alikes,
        look_alike_patterns=_patterns(kb_dir, known, rules),
        false_friends=_false_friends(kb_dir, known),
        nuances=_nuances(kb_dir, known),
        rules=rules,
        regulation=regulation,
        annex=annex,
        one_percent_markers=_markers(kb_dir, known),
        claim_terms=_claim_terms(kb_dir, known),
        wording=_wording(kb_dir, known),
        grades=tuple(sorted(grades.values(), key=lambda grade: -grade.rank)),
        evidence_levels=levels,
    )


# -- reading helpers ----------------------------------------------------------------------


def _version(kb_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(kb_dir.iterdir()):
        if path.is_file() and path.suffix in {".csv", ".toml"}:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _csv_rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[str, dict[str, str]]]:
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


def _toml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise DataError(f"{path.name}: file is missing")
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise DataError(f"{path.name}: not valid TOML ({error})") from error


def _split(value: str, sep: str = "|") -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(sep) if part.strip())


def _refs(value: str | list[str] | None, where: str, known: set[str]) -> tuple[str, ...]:
    refs = tuple(value.split()) if isinstance(value, str) else tuple(value or ())
    if not refs:
        raise DataError(f"{where}: cites no reference")
    unknown = [ref for ref in refs if ref not in known]
    if unknown:
        raise DataError(f"{where}: unknown reference key(s) {', '.join(unknown)}")
    return refs


def _required(row: dict[str, Any], field: str, where: str) -> Any:
    value = row.get(field)
    if value in (None, "", [], ()):
        raise DataError(f"{where}: {field} is missing")
    return value


def _choice(value: str, allowed: tuple[str, ...], field: str, where: str) -> str:
    if not value:
        raise DataError(f"{where}: {field} is missing")
    if value not in allowed:
        raise DataError(f"{where}: unknown {field} {value!r} (allowed: {', '.join(allowed)})")
    return value


def _origin(value: str, where: str) -> tuple[bool, bool]:
    """``human_origin``: yes, no or probable -> (human, probably human)."""
    if value not in _ORIGINS:
        raise DataError(f"{where}: human_origin must be yes, no or probable, not {value!r}")
    return _ORIGINS[value]


def _yes_no(value: str, field: str, where: str) -> bool:
    if value not in _YES_NO:
        raise DataError(f"{where}: {field} must be yes or no, not {value!r}")
    return _YES_NO[value]


def _regex(value: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(value)
    except re.error as error:
        raise DataError(f"{where}: pattern {value!r} is not a valid regular expression") from error


def _reason(raw: Any, where: str, known: set[str]) -> Reason:
    if not isinstance(raw, dict):
        raise DataError(f"{where}: a reason must be a table with text and refs")
    return Reason(str(_required(raw, "text", where)), _refs(raw.get("refs"), where, known))


# -- one reader per file ------------------------------------------------------------------


def _references(kb_dir: Path) -> dict[str, Reference]:
    hosts = _link_hosts(kb_dir)
    columns = ("key", "kind", "authors", "title", "venue", "year", "url", "note")
    references: dict[str, Reference] = {}
    for where, row in _csv_rows(kb_dir / "references.csv", columns):
        key = _required(row, "key", where)
        if key in references:
            raise DataError(f"{where}: reference key {key!r} appears twice")
        kind = _choice(row["kind"], REFERENCE_KINDS, "kind", where)
        authors, title = _required(row, "authors", where), _required(row, "title", where)
        year, venue, url = _required(row, "year", where), row["venue"], row["url"]
        if not _YEAR.fullmatch(year):
            raise DataError(f"{where}: year must be four digits or 'undated', not {year!r}")
        if url:
            _check_link(url, kind, hosts, where)
        elif not row["note"]:
            raise DataError(f"{where}: a reference without a link must say why in its note")
        citation = f"{authors}. {title}. {venue + ', ' if venue else ''}{year}."
        references[key] = Reference(
            key, citation, url, kind, authors, title, venue, year, row["note"]
        )
    return references


def _link_hosts(kb_dir: Path) -> dict[str, tuple[str, ...]]:
    """link_domains.toml: host -> the reference kinds that may link there."""
    hosts: dict[str, tuple[str, ...]] = {}
    for number, raw in enumerate(_toml(kb_dir / "link_domains.toml").get("host", []), 1):
        where = f"link_domains.toml host {raw.get('name') or number}"
        kinds = tuple(_required(raw, "kinds", where))
        for kind in kinds:
            _choice(kind, REFERENCE_KINDS, "kind", where)
        _required(raw, "why", where)
        hosts[_required(raw, "name", where)] = kinds
    return hosts


def _check_link(url: str, kind: str, hosts: dict[str, tuple[str, ...]], where: str) -> None:
    """A link is https and a DOI, a PubMed/PMC record, or an allowed host for its kind."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" or not host:
        raise DataError(f"{where}: link {url!r} is not an https address")
    if host in OPEN_LINK_HOSTS:
        if host == "doi.org" and not parts.path.startswith("/10."):
            raise DataError(f"{where}: {url!r} is not a DOI link")
        return
    if host not in hosts:
        raise DataError(f"{where}: {host} is not on the reviewed list (link_domains.toml)")
    if kind not in hosts[host]:
        raise DataError(f"{where}: {host} may be cited only as {', '.join(hosts[host])}")


def _grades(kb_dir: Path) -> dict[str, Grade]:
    grades: dict[str, Grade] = {}
    for number, raw in enumerate(_toml(kb_dir / "grades.toml").get("grade", []), 1):
        where = f"grades.toml grade {raw.get('key') or number}"
        rank = raw.get("rank")
        if not isinstance(rank, int):
            raise DataError(f"{where}: rank must be an integer")
        grade = Grade(
            _required(raw, "key", where), rank, _required(raw, "word", where),
            _required(raw, "legend", where),
        )  # fmt: skip
        grades[grade.key] = grade
    if len({grade.rank for grade in grades.values()}) != len(grades):
        raise DataError("grades.toml: two grades share a rank")
    return grades


def _evidence(
    kb_dir: Path,
    references: dict[str, Reference],
    classes: dict[str, SourceClass],
    entries: tuple[EvEntry, ...],
) -> tuple[tuple[EvidenceLevel, ...], dict[str, SourceClass], tuple[EvEntry, ...]]:
    """evidence.toml: the level scale, one record per class, and per-entry records."""
    raw = _toml(kb_dir / "evidence.toml")
    levels = tuple(
        EvidenceLevel(
            _required(level, "key", "evidence.toml level"),
            _required(level, "label", "evidence.toml level"),
            _required(level, "legend", "evidence.toml level"),
        )
        for level in raw.get("level", [])
    )
    labels = {level.key: level.label for level in levels}
    by_class: dict[str, Evidence] = {}
    for number, table in enumerate(raw.get("class", []), 1):
        where = f"evidence.toml class {table.get('key') or number}"
        key = _choice(table.get("key", ""), SOURCE_CLASSES, "class", where)
        trials = tuple(_trial(trial, where, references) for trial in table.get("trials", []))
        by_class[key] = _evidence_record(table, trials, labels, where)
    missing = [key for key in SOURCE_CLASSES if key not in by_class]
    if missing:
        raise DataError(f"evidence.toml: class(es) missing: {', '.join(missing)}")
    by_entry: dict[str, Evidence] = {}
    names = {entry.name for entry in entries}
    for number, table in enumerate(raw.get("entry", []), 1):
        where = f"evidence.toml entry {table.get('name') or number}"
        name = _required(table, "name", where)
        if name not in names:
            raise DataError(f"{where}: no such name in ev_ingredients.csv")
        trials = tuple(_trial(trial, where, references) for trial in table.get("trials", []))
        source = table.get("trials_from_class")
        if source:
            wanted = table.get("trial_refs")
            chosen = by_class[_choice(source, SOURCE_CLASSES, "class", where)].trials
            trials += tuple(t for t in chosen if wanted is None or t.ref in wanted)
        by_entry[name] = _evidence_record(table, trials, labels, where)
    classes = {key: replace(cls, evidence=by_class[key]) for key, cls in classes.items()}
    entries = tuple(replace(entry, evidence=by_entry.get(entry.name)) for entry in entries)
    return levels, classes, entries


def _trial(raw: dict[str, Any], where: str, references: dict[str, Reference]) -> Trial:
    fields = ("about", "design", "size", "duration", "run_by", "finding")
    ref = _refs([_required(raw, "ref", where)], where, set(references))[0]
    return Trial(ref, *(str(_required(raw, field, where)) for field in fields))


def _evidence_record(
    raw: dict[str, Any], trials: tuple[Trial, ...], labels: dict[str, str], where: str
) -> Evidence:
    level = _choice(raw.get("level", ""), tuple(labels), "level", where)
    if level in ("uncontrolled_human", "controlled_trials") and not trials:
        raise DataError(f"{where}: a human-evidence level must name its trials")
    refs = tuple(dict.fromkeys(trial.ref for trial in trials))
    return Evidence(level, labels[level], _required(raw, "summary", where), trials, refs)


def _classes(kb_dir: Path, known: set[str], grades: dict[str, Grade]) -> dict[str, SourceClass]:
    classes: dict[str, SourceClass] = {}
    for number, raw in enumerate(_toml(kb_dir / "source_classes.toml").get("class", []), 1):
        where = f"source_classes.toml class {number}"
        key = _choice(raw.get("key", ""), SOURCE_CLASSES, "class", where)
        where = f"source_classes.toml class {key}"
        standing = raw.get("standing")
        if not isinstance(standing, int):
            raise DataError(f"{where}: standing must be an integer")
        reasons = tuple(_reason(r, where, known) for r in _required(raw, "reasons", where))
        grade = grades.get(_required(raw, "grade", where))
        if grade is None:
            raise DataError(f"{where}: grade {raw['grade']!r} is not in grades.toml")
        classes[key] = SourceClass(
            key=key,
            label=_required(raw, "label", where),
            grade=grade.word,
            grade_key=grade.key,
            standing=standing,
            summary=_required(raw, "summary", where),
            reasons=reasons,
            questions=tuple(_required(raw, "questions", where)),
            refs=_refs(raw.get("refs"), where, known),
        )
    missing = [key for key in SOURCE_CLASSES if key not in classes]
    if missing:
        raise DataError(f"source_classes.toml: class(es) missing: {', '.join(missing)}")
    # The grade words follow the order of standing: a class that stands higher never
    # gets a word of lower rank.
    for one in classes.values():
        for other in classes.values():
            if one.standing > other.standing and (
                grades[one.grade_key].rank <= grades[other.grade_key].rank
            ):
                raise DataError(
                    f"source_classes.toml: {one.key} stands above {other.key} but its grade "
                    "does not rank above"
                )
    return classes


def _materials(kb_dir: Path, known: set[str]) -> dict[str, Material]:
    materials: dict[str, Material] = {}
    for number, raw in enumerate(_toml(kb_dir / "materials.toml").get("material", []), 1):
        where = f"materials.toml material {number}"
        key = _choice(raw.get("key", ""), MATERIALS, "material", where)
        caveat = _reason(_required(raw, "caveat", where), where, known)
        materials[key] = Material(key, _required(raw, "label", where), caveat)
    missing = [key for key in MATERIALS if key not in materials]
    if missing:
        raise DataError(f"materials.toml: material(s) missing: {', '.join(missing)}")
    return materials


def _entries(kb_dir: Path, known: set[str]) -> tuple[EvEntry, ...]:
    columns = ("name", "aliases", "source_class", "material", "organism", "cell_type")
    columns += ("human_origin", "refs", "note")
    entries = []
    for where, row in _csv_rows(kb_dir / "ev_ingredients.csv", columns):
        human, probable = _origin(row["human_origin"], where)
        entries.append(
            EvEntry(
                name=_required(row, "name", where),
                aliases=_split(row["aliases"]),
                source_class=_choice(row["source_class"], SOURCE_CLASSES, "source_class", where),
                material=_choice(row["material"], MATERIALS, "material", where),
                organism=row["organism"] or None,
                cell_type=row["cell_type"] or None,
                human_origin=human,
                refs=_refs(row["refs"], where, known),
                note=row["note"],
                probably_human=probable,
            )
        )
    return tuple(entries)


def _look_alikes(kb_dir: Path, known: set[str]) -> tuple[LookAlike, ...]:
    columns = ("name", "aliases", "kind", "human_origin", "explanation", "refs")
    return tuple(
        LookAlike(
            name=_required(row, "name", where),
            kind=_choice(row["kind"], LOOK_ALIKE_KINDS, "kind", where),
            explanation=_required(row, "explanation", where),
            human_origin=_origin(row["human_origin"], where)[0],
            refs=_refs(row["refs"], where, known),
            aliases=_split(row["aliases"]),
            probably_human=_origin(row["human_origin"], where)[1],
        )
        for where, row in _csv_rows(kb_dir / "look_alikes.csv", columns)
    )


def _check_unique_names(entries: tuple[EvEntry, ...], look_alikes: tuple[LookAlike, ...]) -> None:
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


def _patterns(kb_dir: Path, known: set[str], rules: Rules) -> tuple[LookAlikePattern, ...]:
    columns = ("pattern", "kind", "human_origin", "explanation", "refs")
    placeholders = {
        "{microbe}": _alternation(rules.organisms["microbe"]),
        "{synthetic_vesicles}": _alternation(rules.words.get("synthetic_vesicles", ())),
        "{growth_factors}": _alternation(rules.words.get("growth_factors", ())),
    }
    patterns = []
    for where, row in _csv_rows(kb_dir / "look_alike_patterns.csv", columns):
        text = _required(row, "pattern", where)
        for placeholder, value in placeholders.items():
            text = text.replace(placeholder, value)
        human, probable = _origin(row["human_origin"], where)
        patterns.append(
            LookAlikePattern(
                pattern=_regex(text, where),
                kind=_choice(row["kind"], LOOK_ALIKE_KINDS, "kind", where),
                explanation=_required(row, "explanation", where),
                human_origin=human,
                refs=_refs(row["refs"], where, known),
                probably_human=probable,
            )
        )
    return tuple(patterns)


def _false_friends(kb_dir: Path, known: set[str]) -> tuple[FalseFriend, ...]:
    return tuple(
        FalseFriend(
            pattern=_regex(_required(row, "pattern", where), where),
            reason=_required(row, "reason", where),
            refs=_refs(row["refs"], where, known),
        )
        for where, row in _csv_rows(kb_dir / "false_friends.csv", ("pattern", "reason", "refs"))
    )


def _nuances(kb_dir: Path, known: set[str]) -> tuple[Nuance, ...]:
    nuances = []
    for number, raw in enumerate(_toml(kb_dir / "nuances.toml").get("nuance", []), 1):
        where = f"nuances.toml nuance {raw.get('key') or number}"
        classes = tuple(raw.get("classes", ()))
        for key in classes:
            _choice(key, SOURCE_CLASSES, "class", where)
        words, organisms = tuple(raw.get("words", ())), tuple(raw.get("organisms", ()))
        if not words and not organisms:
            raise DataError(f"{where}: needs words or organisms")
        reason = Reason(str(_required(raw, "text", where)), _refs(raw.get("refs"), where, known))
        human_only = raw.get("human_only", False)
        if not isinstance(human_only, bool):
            raise DataError(f"{where}: human_only must be true or false")
        key = _required(raw, "key", where)
        nuances.append(Nuance(key, words, classes, organisms, reason, human_only))
    return tuple(nuances)


def _rules(kb_dir: Path, known: set[str]) -> Rules:
    raw = _toml(kb_dir / "rules.toml")
    where = "rules.toml"
    sections = {
        "organisms": ("human", "microbe", "animal", "plant"),
        "cell_types": ("aged", "platelet", "stem", "differentiated", "tissue"),
        "words": ("vesicles", "conditioned_media", "lysate_or_extract", "cells"),
    }
    lists: dict[str, dict[str, tuple[str, ...]]] = {}
    for section, required in sections.items():
        table = raw.get(section)
        if not isinstance(table, dict):
            raise DataError(f"{where}: [{section}] is missing")
        for name in required:
            if not table.get(name):
                raise DataError(f"{where}: [{section}] {name} is missing or empty")
        lists[section] = {name: tuple(map(fold, words)) for name, words in table.items()}
    genera = frozenset(
        fold(_required(row, "genus", place))
        for place, row in _csv_rows(kb_dir / "plant_genera.csv", ("genus",))
    )
    organism_classes = _class_table(raw, "organism_classes", lists["organisms"], where)
    cell_classes = _class_table(raw, "cell_classes", lists["cell_types"], where)
    if set(cell_classes) != set(lists["cell_types"]):
        raise DataError(f"{where}: [cell_classes] must name every [cell_types] group once")
    unstated = raw.get("unstated_species", {})
    probably_human = tuple(unstated.get("probably_human", ()))
    unknown = [group for group in probably_human if group not in lists["cell_types"]]
    if unknown:
        raise DataError(f"{where}: [unstated_species] unknown group(s) {', '.join(unknown)}")
    return Rules(
        organisms=lists["organisms"],
        cell_types=lists["cell_types"],
        words=lists["words"],
        plant_genera=genera,
        refs=_refs(raw.get("refs"), where, known),
        organism_classes=organism_classes,
        cell_classes=cell_classes,
        probably_human=probably_human,
        deciding=tuple(map(fold, raw.get("fuzzy", {}).get("deciding", ()))),
    )


def _class_table(
    raw: dict[str, Any], section: str, groups: dict[str, tuple[str, ...]], where: str
) -> dict[str, str]:
    """A [section] table mapping keyword groups to source classes, in file order."""
    table = raw.get(section)
    if not isinstance(table, dict) or not table:
        raise DataError(f"{where}: [{section}] is missing")
    for group, source_class in table.items():
        if group not in groups:
            raise DataError(f"{where}: [{section}] names unknown group {group!r}")
        _choice(source_class, SOURCE_CLASSES, "class", f"{where} [{section}] {group}")
    return dict(table)


def _regulation(kb_dir: Path, known: set[str]) -> tuple[tuple[RegulationFact, ...], AnnexWording]:
    raw = _toml(kb_dir / "regulation.toml")
    if_human = raw.get("if_human")
    if not isinstance(if_human, dict):
        raise DataError("regulation.toml [if_human] is missing")
    for field in ("status", "rule", "text"):
        _required(if_human, field, "regulation.toml [if_human]")
    facts = []
    for number, fact in enumerate(raw.get("fact", []), 1):
        where = f"regulation.toml fact {fact.get('key') or number}"
        materials = tuple(fact.get("materials", ()))
        for material in materials:
            _choice(material, MATERIALS, "material", where)
        status, rule, text = (_required(fact, f, where) for f in ("status", "rule", "text"))
        facts.append(
            RegulationFact(
                key=_required(fact, "key", where),
                jurisdiction=_required(fact, "jurisdiction", where),
                applies=_choice(fact.get("applies", ""), APPLIES, "applies", where),
                materials=materials,
                status=status,
                rule=rule,
                text=text,
                annex=fact.get("annex"),
                reference=fact.get("reference"),
                refs=_refs(fact.get("refs"), where, known),
                if_human_status=if_human["status"].format(status=status),
                if_human_rule=if_human["rule"].format(rule=rule),
                if_human_text=if_human["text"].format(text=text),
            )
        )
    annex = raw.get("annex")
    where = "regulation.toml [annex]"
    if not isinstance(annex, dict):
        raise DataError(f"{where} is missing")
    wording = AnnexWording(
        jurisdiction=_required(annex, "jurisdiction", where),
        rule=_required(annex, "rule", where),
        refs=_refs(annex.get("refs"), where, known),
    )
    return tuple(facts), wording


def _markers(kb_dir: Path, known: set[str]) -> tuple[OnePercentMarker, ...]:
    markers = []
    for where, row in _csv_rows(kb_dir / "one_percent_markers.csv", ("name", "aliases", "basis")):
        # A marker needs a reference or a stated basis (a typical-use rule of thumb).
        basis = _required(row, "basis", where)
        refs = _refs(row["refs"], where, known) if row.get("refs") else ()
        name = _required(row, "name", where)
        markers.append(OnePercentMarker(name, _split(row["aliases"]), basis, refs))
    return tuple(markers)


def _claim_terms(kb_dir: Path, known: set[str]) -> tuple[ClaimTerm, ...]:
    columns = ("term", "topic", "language", "ev_claim", "refs")
    return tuple(
        ClaimTerm(
            term=_required(row, "term", where),
            topic=_required(row, "topic", where),
            language=_required(row, "language", where),
            ev_claim=_yes_no(row["ev_claim"], "ev_claim", where),
            refs=_refs(row["refs"], where, known),
        )
        for where, row in _csv_rows(kb_dir / "claim_terms.csv", columns)
    )


def _wording(kb_dir: Path, known: set[str]) -> dict[str, Any]:
    wording = _toml(kb_dir / "wording.toml")
    where = "wording.toml"
    ranking = wording.get("ranking", {})
    for key in ("statement", "evidence_entry", "evidence_class"):
        _required(ranking, key, f"{where} [ranking]")
    _refs(ranking.get("refs"), f"{where} [ranking]", known)
    verdict = wording.get("verdict", {})
    for key in ("no_ev_grade", "no_ev_headline", "no_ev_reason"):
        _required(verdict, key, f"{where} [verdict]")
    headlines = verdict.get("headline", {})
    for key in SOURCE_CLASSES:
        _required(headlines, key, f"{where} [verdict.headline]")
    reasons = verdict.get("reasons", {})
    needed = ("class", "human_origin", "human_origin_if", "all_below", "some_above_one")
    needed += ("some_above_many",)
    for key in (*needed, "line_unknown", "look_alikes", "claims_unbacked"):
        _required(reasons, key, f"{where} [verdict.reasons]")
    for key in ("no_text", "no_mention", "backed", "unbacked"):
        _required(wording.get("claims", {}), key, f"{where} [claims]")
    return wording

"""analyse(): one ingredient text in, one Analysis out. The core's single use case.

It strings the core's steps together: read the list (parse), recognise each name in
the CosIng inventory (inventory), find EV ingredients and look-alikes (match), rate
them (rate), attach regulatory facts (annexes, regulate), and decide the verdict.
It does not fetch pages, store reports or format output (render does that).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

from skincheck.core.annexes import Annexes
from skincheck.core.budget import check
from skincheck.core.budget import paused
from skincheck.core.claims import ClaimCheck
from skincheck.core.claims import ClaimChecker
from skincheck.core.errors import NoListError
from skincheck.core.inventory import Inventory
from skincheck.core.inventory import Recognition
from skincheck.core.knowledge.load import load_knowledge
from skincheck.core.knowledge.types import KnowledgeBase
from skincheck.core.limits import MAX_INGREDIENTS
from skincheck.core.match import EvFinding
from skincheck.core.match import LookAlikeFinding
from skincheck.core.match import Matcher
from skincheck.core.model import Ingredient
from skincheck.core.model import ParsedList
from skincheck.core.name_table import load_or_build
from skincheck.core.name_table import NameTable
from skincheck.core.rate import decide_verdict
from skincheck.core.rate import OnePercentLine
from skincheck.core.rate import Rater
from skincheck.core.rate import Rating
from skincheck.core.rate import Verdict
from skincheck.core.reader import clean_name
from skincheck.core.reader import parse_list
from skincheck.core.reading import NameReading
from skincheck.core.reading import read_name
from skincheck.core.regulate import RegulatoryFlag
from skincheck.core.report_data import ReportData
from skincheck.core.segment import NameDictionary
from skincheck.core.segment import split_run_together
from skincheck.core.segment import SplitRules

#: Distinct names kept per process. The 1,472-list corpus holds about 8,000 distinct
#: names; a worker that has seen 50,000 starts afresh rather than grow without bound.
_MAX_READINGS = 50_000


@dataclass(frozen=True, slots=True)
class Context:
    """Everything an analysis reads, loaded once per process from data/."""

    knowledge: KnowledgeBase
    inventory: Inventory
    annexes: Annexes
    #: The report's wording and rules outside the knowledge base (data/*.toml).
    report: ReportData
    #: Readings by printed-and-cleaned name. Reading a name is a pure function of the
    #: name and the data above, and real lists repeat names heavily ("Water" stands on
    #: most of them), so each distinct name is worked out once per process: looked up
    #: in the table of known names, or read from scratch when it is not there.
    _readings: dict[str, NameReading] = field(default_factory=dict, compare=False, repr=False)
    #: classify(), the ratings and the claim check for this knowledge base, made once
    #: with the context (about 20 ms).
    matcher: Matcher = field(init=False, compare=False, repr=False)
    rater: Rater = field(init=False, compare=False, repr=False)
    claim_checker: ClaimChecker = field(init=False, compare=False, repr=False)
    #: The split rules for names run together, made on first need (about 0.3 s).
    _split_rules: list[SplitRules] = field(default_factory=list, compare=False, repr=False)
    #: Where data/ is, for the key of the table of known names.
    data_dir: Path | None = None
    #: Where the table of known names is kept (skincheck.core.name_table); None reads
    #: every name from scratch.
    cache_dir: Path | None = None
    #: The table of known names, loaded (or built) on the first name read.
    _names: list[NameTable] = field(default_factory=list, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Frozen: the derived parts are set once, here, as the dataclass itself would.
        object.__setattr__(self, "matcher", Matcher.build(self.knowledge))
        object.__setattr__(self, "rater", Rater.build(self.knowledge))
        object.__setattr__(self, "claim_checker", ClaimChecker.build(self.knowledge))

    @classmethod
    def load(cls, data_dir: Path, cache_dir: Path | None = None) -> "Context":
        """Load data/; with a ``cache_dir``, names known to data/ are read from the table
        kept there (built on first use when data/ or the core has changed)."""
        return cls(
            knowledge=load_knowledge(data_dir),
            inventory=Inventory.load(data_dir),
            annexes=Annexes.load(data_dir),
            report=ReportData.load(data_dir),
            data_dir=Path(data_dir),
            cache_dir=cache_dir,
        )

    def known_names(self) -> NameTable | None:
        """The table of known names, loaded (about 20 ms) or, once per data version,
        built (about 5 s, outside any CPU budget: it is not the request's work)."""
        if self.cache_dir is None or self.data_dir is None:
            return None
        if not self._names:
            with paused():
                self._names.append(load_or_build(self.cache_dir, self.data_dir, self))
        return self._names[0]

    def split_rules(self) -> SplitRules:
        """How names run together are split: every CosIng name, synonym and knowledge
        base name is a known name (skincheck.core.segment)."""
        if not self._split_rules:
            with paused():  # made once per process: not the request's work
                self._split_rules.append(self._make_split_rules())
        return self._split_rules[0]

    def _make_split_rules(self) -> SplitRules:
        names = [*self.inventory.by_name, *self.inventory.by_synonym]
        for entry in self.knowledge.entries:
            names += [entry.name, *entry.aliases]
        return SplitRules(
            dictionary=NameDictionary.build(names),
            is_known=self._known_cheaply,
            joins=lambda text: self.matcher.classify(clean_name(text)) is not None,
            clean=clean_name,
        )

    def _known_cheaply(self, name: str) -> bool:
        """``read(name).recognised`` without the close-match suggestions, which the
        splitter would otherwise pay for every unknown stretch it tries (one 770-
        character list of unknown words cost 75 ms that way)."""
        reading = self._readings.get(name) or self._from_table(name)
        if reading is not None:
            return reading.recognised
        return self.inventory.knows(name) or self.matcher.classify(name) is not None

    def read(self, name: str) -> NameReading:
        """Recognise, classify, rate and flag one ingredient name (memoised): from the
        table of known names, else from scratch."""
        reading = self._readings.get(name) or self._from_table(name)
        if reading is None:
            check()  # a name outside the table costs up to about half a millisecond
            reading = self._remember(name, read_name(name, self))
        return reading

    def _from_table(self, name: str) -> NameReading | None:
        table = self.known_names()
        reading = table.reading(name, self) if table is not None else None
        return self._remember(name, reading) if reading is not None else None

    def _remember(self, name: str, reading: NameReading) -> NameReading:
        if len(self._readings) >= _MAX_READINGS:
            self._readings.clear()
        self._readings[name] = reading
        return reading


@dataclass(frozen=True, slots=True)
class InputInfo:
    """Where the list came from."""

    kind: str = "text"  #: "text", "url" or "image"
    #: The page's address after redirects (url input only).
    url: str | None = None
    #: Which part of the page held the list ("shopify-metafield", "json-ld", ...).
    extracted_from: str | None = None
    #: The address the person gave, before redirects.
    requested_url: str | None = None
    #: The list text as extracted from the page, so the person can correct it.
    extracted_text: str | None = None


@dataclass(frozen=True, slots=True)
class ReadIngredient:
    """One ingredient of a list with what its name told us (shared by every list that
    prints the same name)."""

    ingredient: Ingredient
    reading: NameReading

    @property
    def recognition(self) -> Recognition:
        return self.reading.recognition

    @property
    def finding(self) -> EvFinding | LookAlikeFinding | None:
        return self.reading.finding

    @property
    def rating(self) -> Rating | None:
        return self.reading.rating

    @property
    def flags(self) -> tuple[RegulatoryFlag, ...]:
        return self.reading.flags

    @property
    def role(self) -> str | None:
        return self.reading.role

    @property
    def recognised(self) -> bool:
        return self.reading.recognised

    @property
    def is_ev(self) -> bool:
        return self.reading.role == "ev"

    @property
    def is_look_alike(self) -> bool:
        return self.reading.role == "look_alike"


@dataclass(frozen=True, slots=True)
class Analysis:
    """The result of reading one list; render turns it into JSON, text or Markdown."""

    input: InputInfo
    parsed: ParsedList
    #: What each ingredient's name told us, in the order of parsed.ingredients.
    readings: tuple[NameReading, ...]
    one_percent: OnePercentLine
    claims: ClaimCheck
    verdict: Verdict
    knowledge: KnowledgeBase
    product_name: str | None = None
    #: The report's wording outside the knowledge base (the summary's templates...).
    report: ReportData | None = None
    #: When names run together were split (skincheck.core.segment): the list as
    #: skincheck read it, with the separators it added, for the person to check and
    #: correct; None when nothing was split.
    split_text: str | None = None

    @property
    def items(self) -> tuple[ReadIngredient, ...]:
        """Each ingredient with its reading. Made on demand: render walks the two
        tuples side by side, and a ReadIngredient per name cost 12 µs a list."""
        return tuple(map(ReadIngredient, self.parsed.ingredients, self.readings))

    @property
    def ev_items(self) -> tuple[ReadIngredient, ...]:
        return tuple(item for item in self.items if item.is_ev)

    @property
    def look_alike_items(self) -> tuple[ReadIngredient, ...]:
        return tuple(item for item in self.items if item.is_look_alike)


def _refuse_too_many(parsed: ParsedList) -> None:
    if len(parsed.ingredients) > MAX_INGREDIENTS:
        raise NoListError(
            f"The text holds {len(parsed.ingredients):,} ingredient names; skincheck reads "
            f"up to {MAX_INGREDIENTS:,} in one list, and a real list holds a few hundred at "
            "most. Paste one product's list at a time."
        )


def analyse(
    text: str,
    ctx: Context,
    *,
    claims: str | None = None,
    source: InputInfo | None = None,
    product_name: str | None = None,
) -> Analysis:
    """Read ``text`` and analyse it. Raises NoListError when it holds no list.

    ``claims`` is the product name and marketing text checked against the list.
    """
    parsed = parse_list(text)
    _refuse_too_many(parsed)
    split_text = None
    if any(" " in item.name for item in parsed.ingredients):
        # Names run together are split at known names (skincheck.core.segment).
        whole_list = parsed.unseparated or len(parsed.ingredients) == 1
        unsplit = parsed
        parsed = split_run_together(parsed, ctx.split_rules(), whole_list=whole_list)
        _refuse_too_many(parsed)
        if parsed is not unsplit:
            split_text = _with_separators(parsed)
    # Each distinct name is read once per process (Context.read).
    readings = tuple(map(ctx.read, [ingredient.name for ingredient in parsed.ingredients]))
    ev_pairs = []
    look_alike_pairs = []
    listed = []
    for ingredient, reading in zip(parsed.ingredients, readings, strict=True):
        if reading.role is not None:  # most names are neither
            pairs = ev_pairs if reading.role == "ev" else look_alike_pairs
            pairs.append((ingredient, reading.finding))
            listed.append((ingredient, reading.finding))
    one_percent = ctx.rater.one_percent_line(
        _first_section(parsed), [ingredient.position for ingredient, _ in ev_pairs]
    )
    claim_check = ctx.claim_checker.check(claims, listed, ctx.report.claims)
    verdict = decide_verdict(ev_pairs, look_alike_pairs, one_percent, claim_check, ctx.knowledge)
    return Analysis(
        input=source or InputInfo(),
        parsed=parsed,
        readings=readings,
        one_percent=one_percent,
        claims=claim_check,
        verdict=verdict,
        knowledge=ctx.knowledge,
        product_name=product_name,
        report=ctx.report,
        split_text=split_text,
    )


def _with_separators(parsed: ParsedList) -> str:
    """The list as read, a comma between names: what the edit box shows after a split.

    A kit keeps each product's title on a line of its own above its list, and the
    "may contain" names follow after "May contain:", so the text reads back the same.
    """
    by_section: dict[int, list[Ingredient]] = {}
    for ingredient in parsed.ingredients:
        by_section.setdefault(ingredient.section, []).append(ingredient)
    lines = []
    for number, ingredients in sorted(by_section.items()):
        title = parsed.sections[number].title if number < len(parsed.sections) else None
        listed = ", ".join(i.printed for i in ingredients if not i.may_contain)
        maybe = ", ".join(i.printed for i in ingredients if i.may_contain)
        if title:
            lines.append(f"{title}:")
        lines.append(listed + (f"\nMay contain: {maybe}" if maybe else ""))
    return "\n".join(line for line in lines if line)


def _first_section(parsed: ParsedList) -> Sequence[Ingredient]:
    """The 1% line is a property of one product's list; in a kit only the first is used."""
    first = parsed.sections[0] if parsed.sections else None
    return [
        ingredient
        for ingredient in parsed.ingredients
        if not ingredient.may_contain and (first is None or ingredient.section == 0)
    ]

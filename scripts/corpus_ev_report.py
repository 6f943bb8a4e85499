"""Run parse_list + classify over the shared Sephora corpus and count what was found.

Prints EV findings by class and material, look-alikes by kind, and every plant
cell-culture name (callus, meristem, cell culture, plant "cell extract") with how it
was classified: those must all be look-alikes, never EV findings, unless the name
itself says conditioned media or vesicles (SPEC section 2 puts plant conditioned media
in the plant class). Exits 1 if a plant cell culture was counted as an EV ingredient.

    .venv/bin/python scripts/corpus_ev_report.py [--csv PATH]

PATH defaults to ../shared/corpus/sephora-cosmetics.csv beside the repository.
"""

import argparse
import csv
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from skincheck.core.errors import NoListError  # noqa: E402
from skincheck.core.knowledge.load import load_knowledge  # noqa: E402
from skincheck.core.match import EvFinding  # noqa: E402
from skincheck.core.match import LookAlikeFinding  # noqa: E402
from skincheck.core.match import Matcher  # noqa: E402
from skincheck.core.reader import parse_list  # noqa: E402

DEFAULT_CSV = ROOT.parent / "shared" / "corpus" / "sephora-cosmetics.csv"
PLANT_CULTURE = re.compile(r"callus|meristem|cell culture|(leaf|fruit|root|sprout) cell", re.I)
EV_WORDS = re.compile(r"conditioned medi|vesicle|exosome", re.I)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    args = parser.parse_args()
    matcher = Matcher.build(load_knowledge(ROOT / "data"))
    with args.csv.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))

    ev: Counter[tuple[str, str]] = Counter()
    ev_names: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    cultures: Counter[tuple[str, str]] = Counter()
    products_with_ev = products_with_look_alikes = refused = ingredients = 0
    wrong = []
    for row in rows:
        try:
            parsed = parse_list(row["Ingredients"])
        except NoListError:
            refused += 1
            continue
        found_ev = found_look = False
        for ingredient in parsed.ingredients:
            ingredients += 1
            finding = matcher.classify(ingredient.name)
            if isinstance(finding, EvFinding):
                found_ev = True
                ev[(finding.source_class, finding.material)] += 1
                ev_names[ingredient.name] += 1
                how = f"EV {finding.source_class}/{finding.material}"
            elif isinstance(finding, LookAlikeFinding):
                found_look = True
                kinds[finding.kind] += 1
                how = f"look-alike {finding.kind}"
            else:
                how = "none"
            if PLANT_CULTURE.search(ingredient.name):
                cultures[(ingredient.name, how)] += 1
                if how.startswith("EV") and not EV_WORDS.search(ingredient.name):
                    wrong.append(ingredient.name)
        products_with_ev += found_ev
        products_with_look_alikes += found_look

    print(f"{len(rows)} products, {refused} with no list, {ingredients} ingredients read")
    print(
        f"products with an EV ingredient: {products_with_ev}; with a look-alike: "
        f"{products_with_look_alikes}"
    )
    print("\nEV findings by class / material:")
    for (source_class, material), count in sorted(ev.items()):
        print(f"  {source_class:15} {material:18} {count}")
    for name, count in sorted(ev_names.items()):
        print(f"    {count} x {name}")
    print("\nLook-alikes by kind:")
    for kind, count in sorted(kinds.items()):
        print(f"  {kind:20} {count}")
    print(f"\nPlant cell-culture names ({sum(cultures.values())} occurrences):")
    for (name, how), count in sorted(cultures.items()):
        print(f"  {count} x {name} -> {how}")
    if wrong:
        print(f"\nPLANT CELL CULTURES COUNTED AS EV: {sorted(set(wrong))}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

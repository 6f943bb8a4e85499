"""Read every list of the Sephora corpus with the list reader and the CosIng recogniser.

Usage: python scripts/corpus_report.py [--csv PATH] [--data DIR] [--top N]

Prints how many lists were read or refused (and why), how long they are, what share
of their ingredients CosIng recognises (overall and by the form that matched), and
the most common unrecognised names with their closest CosIng suggestion. It never
stops on a bad row: exceptions are counted by type and the first few are shown with
their row numbers. It measures the reader; it judges no product.
"""

import argparse
import csv
import statistics
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from skincheck.core.errors import NoListError  # noqa: E402
from skincheck.core.inventory import Inventory  # noqa: E402
from skincheck.core.normalise import fold  # noqa: E402
from skincheck.core.reader import parse_list  # noqa: E402
from skincheck.paths import DATA  # noqa: E402

DEFAULT_CSV = REPO.parent / "shared" / "corpus" / "sephora-cosmetics.csv"
SHOWN_ERRORS = 5


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV, help="corpus CSV")
    parser.add_argument("--data", type=Path, default=DATA, help="skincheck data folder")
    parser.add_argument("--top", type=int, default=20, help="unrecognised names to show")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    inventory = Inventory.load(args.data)
    loaded = time.perf_counter() - started
    with args.csv.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))

    lengths: list[int] = []
    no_list: Counter[str] = Counter()
    errors: Counter[str] = Counter()
    shown: list[str] = []
    via: Counter[str] = Counter()
    unrecognised: Counter[str] = Counter()
    example: dict[str, tuple[str, tuple[str, ...]]] = {}

    def failed(row_number: int, stage: str, exc: Exception) -> None:
        errors[f"{stage}: {type(exc).__name__}"] += 1
        if len(shown) < SHOWN_ERRORS:
            last = traceback.extract_tb(exc.__traceback__)[-1]
            shown.append(
                f"  row {row_number} ({stage}): {type(exc).__name__}: {exc} "
                f"[{Path(last.filename).name}:{last.lineno}]"
            )

    started = time.perf_counter()
    for row_number, row in enumerate(rows, start=1):
        text = row.get("Ingredients") or ""
        try:
            parsed = parse_list(text)
        except NoListError as exc:
            no_list[exc.reason] += 1
            continue
        except Exception as exc:  # the report must survive any reader bug
            failed(row_number, "parse", exc)
            continue
        lengths.append(len(parsed.ingredients))
        for ingredient in parsed.ingredients:
            try:
                found = inventory.recognise(ingredient.name)
            except Exception as exc:  # the same for the recogniser
                failed(row_number, "recognise", exc)
                continue
            via[found.via] += 1
            if found.inci is None:
                key = fold(ingredient.name)
                unrecognised[key] += 1
                example.setdefault(key, (ingredient.name, found.suggestions))
    elapsed = time.perf_counter() - started

    total = sum(via.values())
    print(f"corpus: {args.csv} ({len(rows)} rows)")
    print(f"inventory: {len(inventory)} CosIng names, loaded in {loaded:.2f} s")
    print(f"lists read: {len(lengths)}; no list: {sum(no_list.values())}; "
          f"errors: {sum(errors.values())}; time {elapsed:.1f} s")
    for reason, count in no_list.most_common():
        print(f"  no list ({count}): {reason}")
    for kind, count in errors.most_common():
        print(f"  error ({count}): {kind}")
    print("\n".join(shown))
    if lengths:
        print(f"ingredients per list: mean {statistics.mean(lengths):.1f}, "
              f"median {statistics.median(lengths):g}, max {max(lengths)}")
    if total:
        recognised = total - via["none"]
        print(f"recognised: {recognised} of {total} ({100 * recognised / total:.1f}%)")
        for form, count in via.most_common():
            print(f"  via {form}: {count} ({100 * count / total:.1f}%)")
    print(f"{args.top} most common unrecognised names ({len(unrecognised)} distinct):")
    for key, count in unrecognised.most_common(args.top):
        name, suggestions = example[key]
        hint = suggestions[0] if suggestions else "-"
        print(f"  {count:4d}  {name}  → {hint}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

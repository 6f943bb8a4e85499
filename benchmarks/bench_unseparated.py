"""How well skincheck recovers lists printed without separators (issue 14).

Usage: python benchmarks/bench_unseparated.py [--csv PATH]

Takes every corpus list the reader can read, joins its printed names with single
spaces (every comma, semicolon and line break gone; commas inside names such as
"1,2-Hexanediol" stay), analyses the joined text, and counts the ingredients that come
back exactly as printed and in order (the matching blocks of difflib's SequenceMatcher
over the two name lists). It also times each analysis of a joined list, the split
included, in a process that has already built its tables.

The count is strict: where the corpus row itself lost a comma ("Zinc Oxide Water"),
a right split still counts as a miss. Needs ../shared (the corpus); the tests do not.
"""

import argparse
import csv
import difflib
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from skincheck.core.analyse import analyse  # noqa: E402
from skincheck.core.errors import NoListError  # noqa: E402
from skincheck.core.reader import parse_list  # noqa: E402
from skincheck.services import get_context  # noqa: E402
from skincheck.services import prepare_worker  # noqa: E402

DEFAULT_CSV = REPO.parent / "shared" / "corpus" / "sephora-cosmetics.csv"
TARGET_SHARE = 0.95
TARGET_WORST_MS = 50.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV, help="corpus CSV")
    args = parser.parse_args(argv)
    with args.csv.open(encoding="utf-8-sig", newline="") as handle:
        texts = [row["Ingredients"] for row in csv.DictReader(handle)]

    prepare_worker()  # the tables a web worker builds at start-up, the splitter's included
    ctx = get_context()
    lists = 0
    total = recovered = 0
    refused = 0
    times: list[float] = []
    slowest = ""
    for text in texts:
        try:
            names = [ingredient.printed for ingredient in parse_list(text).ingredients]
        except NoListError:
            continue
        lists += 1
        joined = " ".join(names)
        started = time.thread_time()
        try:
            got = [ingredient.printed for ingredient in analyse(joined, ctx).parsed.ingredients]
        except NoListError:
            got = []
            refused += 1
        took = time.thread_time() - started
        if not times or took > max(times):
            slowest = joined
        times.append(took)
        matcher = difflib.SequenceMatcher(a=names, b=got, autojunk=False)
        total += len(names)
        recovered += sum(block.size for block in matcher.get_matching_blocks())

    share = recovered / total
    worst_ms = max(times) * 1000
    print(f"lists without separators: {lists} corpus lists, {total:,} ingredients")
    print(
        f"recovered exactly and in order: {recovered:,} of {total:,} ({share:.1%}); "
        f"target >= {TARGET_SHARE:.0%} {'met' if share >= TARGET_SHARE else 'MISSED'}"
    )
    print(f"lists refused (no known name): {refused}")
    print(
        f"time per list: median {statistics.median(times) * 1000:.2f} ms, "
        f"worst {worst_ms:.1f} ms; target worst < {TARGET_WORST_MS:.0f} ms "
        f"{'met' if worst_ms < TARGET_WORST_MS else 'MISSED'}"
    )
    print(f"slowest list ({len(slowest):,} characters): {slowest[:70]}...")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

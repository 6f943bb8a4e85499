"""Run skincheck.pages.extract over the real saved product pages and compare with their lists.

Usage: scripts/check_pages.py [--pages DIR]   (default: ../shared/fixtures/pages)

Each ``<name>.html`` there has a ``<name>.txt`` with the list as printed on the page
(``NONE`` for a page without one), per the folder's MANIFEST.md. The JSON files have no
.txt; their expected list is read from the place MANIFEST.md names (dm.de:
``descriptionGroups[header == "Inhaltsstoffe"].contentBlock[].texts[]``; the Shopify
product .json holds none). Items are compared after ``skincheck.core.normalise.fold``
over a split at top-level commas.

This script reads the shared folder; nothing in the package or its tests does. It
prints a table and exits 1 if any page is wrong.
"""

import argparse
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from skincheck.core.normalise import fold  # noqa: E402
from skincheck.pages.extract import extract  # noqa: E402

_LEADING_LABEL = re.compile(r"^\s*(?:ingredients|inci|inhaltsstoffe)\s*:\s*", re.I)


def items(text: str) -> list[str]:
    """Folded items at commas outside brackets, a leading label dropped."""
    text = _LEADING_LABEL.sub("", text.replace("\n", ", "))
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char in ",|" and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return [folded for part in parts if (folded := fold(part))]


def expected_for(path: Path) -> str | None:
    """The list the page holds according to the fixture folder, or None."""
    if path.suffix == ".html":
        truth = path.with_suffix(".txt").read_text(encoding="utf-8").strip()
        return None if truth == "NONE" else truth
    data = json.loads(path.read_text(encoding="utf-8"))
    for group in data.get("descriptionGroups", []) if isinstance(data, dict) else []:
        if group.get("header") == "Inhaltsstoffe":
            return "\n".join(
                text for block in group.get("contentBlock", []) for text in block.get("texts", [])
            )
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=REPO.parent / "shared/fixtures/pages")
    args = parser.parse_args(argv)
    pages = sorted(
        path
        for path in args.pages.iterdir()
        if path.suffix == ".json" or (path.suffix == ".html" and path.with_suffix(".txt").exists())
    )
    rows = []
    wrong = 0
    for path in pages:
        document = path.read_text(encoding="utf-8", errors="replace")
        content_type = "application/json" if path.suffix == ".json" else "text/html"
        result = extract(document, content_type=content_type)
        expected = expected_for(path)
        if expected is None:
            ok = result.text is None
            verdict = "yes (no list)" if ok else "NO (found a list)"
        elif result.text is None:
            ok, verdict = False, "NO (no list)"
        else:
            got, want = items(result.text), items(expected)
            ok = got == want
            verdict = "yes" if ok else f"NO ({len(got)} items vs {len(want)})"
        wrong += not ok
        shades = f"{len(result.shades)} shades" if result.shades else ""
        rows.append(
            (path.name, result.source, f"{result.confidence:.2f}", verdict, shades,
             (result.product_name or "")[:40])
        )
    header = ("page", "source found", "conf", "match", "shades", "product name")
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))
    print(f"\n{len(rows) - wrong} of {len(rows)} pages right")
    return 1 if wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())

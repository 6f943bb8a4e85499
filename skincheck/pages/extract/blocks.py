"""Strategy 4: a scored scan of list-like text blocks, line by line, for a page that
labels no list. The bar is higher than for a labelled block (SCAN_THRESHOLD), and
blocks in navigation or under a "Key ingredients" label are passed over.
"""

from skincheck.core.budget import check
from skincheck.pages.extract.lists import clean_list
from skincheck.pages.extract.lists import IsKnown
from skincheck.pages.extract.lists import list_score
from skincheck.pages.extract.lists import SCAN_THRESHOLD
from skincheck.pages.extract.lists import split_shades
from skincheck.pages.extract.page import Page
from skincheck.pages.extract.result import ExtractionSource
from skincheck.pages.extract.result import Found
from skincheck.pages.extract.tree import inside
from skincheck.pages.extract.tree import is_decoy
from skincheck.pages.extract.tree import SKIP_ANCESTORS

#: The most lines the scan scores. A long real page offers a few hundred lines with five
#: commas; 40,000 paragraphs of made-up names cost 1.3 s to score them all.
_MAX_SCAN_LINES = 3_000


def from_scored_blocks(page: Page, is_known: IsKnown | None) -> Found | None:
    best: tuple[float, str] | None = None
    scored = 0
    for block, text in page.blocks():
        # Line by line: a paragraph may hold prose, then "INGREDIENTS", then the list.
        for line in text.split("\n"):
            # list_score wants five commas or semicolons (commas_needed below).
            if len(line) < 30 or line.count(",") + line.count(";") < 5:
                continue
            scored += 1
            if scored > _MAX_SCAN_LINES:
                break
            check()
            cleaned = clean_list(line)
            score = list_score(cleaned, is_known, commas_needed=5, threshold=SCAN_THRESHOLD)
            if (
                score >= SCAN_THRESHOLD
                and (best is None or score > best[0])
                and not inside(block, SKIP_ANCESTORS)
                and not is_decoy(block)
            ):
                best = (score, cleaned)
    if best is None:
        return None
    score, text = best
    return Found(
        text=text,
        source=ExtractionSource.SCORED_BLOCK,
        confidence=round(0.7 * score, 2),
        shades=split_shades(text, is_known),
    )

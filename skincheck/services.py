"""Use cases shared by the web views, the JSON API and the CLI.

Each function takes plain input, runs the core (and, for URLs, the fetcher and the
extractor) and returns the analysis JSON. No Flask and no database here: storing a
report is the web layer's job (skincheck.store).
"""

from functools import lru_cache

from skincheck import paths
from skincheck.core.analyse import analyse
from skincheck.core.analyse import Context
from skincheck.core.analyse import InputInfo
from skincheck.core.errors import NoListError
from skincheck.core.knowledge import KnowledgeBase
from skincheck.core.limits import MAX_CLAIMS_CHARS
from skincheck.core.limits import MAX_TEXT_CHARS
from skincheck.core.render import as_dict


@lru_cache(maxsize=1)
def get_context() -> Context:
    """The knowledge base, CosIng inventory and annexes, loaded once per process."""
    return Context.load(paths.DATA)


def get_knowledge() -> KnowledgeBase:
    return get_context().knowledge


def analyse_text(text: str, *, name: str | None = None, claims: str | None = None) -> dict:
    """Analyse a pasted list. ``name`` (a product name) and ``claims`` (marketing text)
    are both read for the claim check. Raises NoListError when no list is found."""
    if len(text) > MAX_TEXT_CHARS:
        raise NoListError(
            f"The text is {len(text):,} characters long; skincheck reads up to "
            f"{MAX_TEXT_CHARS:,}. Paste only the ingredient list."
        )
    claim_text = " ".join(part for part in (name, claims) if part)[:MAX_CLAIMS_CHARS] or None
    analysis = analyse(
        text, get_context(), claims=claim_text, product_name=name, source=InputInfo()
    )
    return as_dict(analysis)

"""Render an analysis: as_dict() is the one serialiser (the JSON of API and CLI);
as_text() and as_markdown() turn that JSON into something a person reads.

Import these names from here (skincheck.core.render), not from the modules that hold
them: ``json_dict`` builds the JSON from an Analysis, ``text`` writes text and Markdown
from the JSON. Nothing here decides anything: every grade, label and sentence comes from
the analysis, which took it from data/.
"""

from skincheck.core.render.json_dict import as_dict
from skincheck.core.render.json_dict import evidence_scale
from skincheck.core.render.json_dict import grade_scale
from skincheck.core.render.json_dict import ranking_note
from skincheck.core.render.text import as_markdown
from skincheck.core.render.text import as_text
from skincheck.core.render.text import KIND_WORDS

__all__ = [
    "KIND_WORDS",
    "as_dict",
    "as_markdown",
    "as_text",
    "evidence_scale",
    "grade_scale",
    "ranking_note",
]

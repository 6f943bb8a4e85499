"""The list reader: parse_list() finds the ingredient list in a pasted text and reads it.

The pipeline is described step by step in skincheck.core.reader.pipeline; the words it
looks for, per language, are in skincheck.core.reader.vocabulary.
"""

from skincheck.core.reader.items import clean_name
from skincheck.core.reader.pipeline import parse_list

__all__ = ["clean_name", "parse_list"]

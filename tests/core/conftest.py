"""Helpers shared by the reader's tests."""

from skincheck.core import parse


def split_the_long_way(text: str, lines: bool, commas: set[int]) -> tuple[str, ...]:
    """What parse._split_top_level() gives, worked out separator by separator:
    ``commas`` are the commas to check for belonging to a name; with ``lines``, line
    breaks separate too and a bullet opening a line is dropped."""
    candidates = parse._LINE_SEPARATOR_CHARS if lines else parse._SEPARATOR_CHARS
    pieces = parse._split_checking_commas(text, candidates, parse._Outside(text), commas)
    if lines:
        pieces = [
            parse._LINE_BULLET.sub("", p, count=1) if parse._LINE_BULLET.match(p) else p
            for p in pieces
        ]
    return tuple(pieces)

"""The errors the core raises. Outer layers translate them into messages and statuses."""


class SkincheckError(Exception):
    """Base of every error skincheck raises on purpose."""


class NoListError(SkincheckError):
    """The text holds no ingredient list. ``reason`` says why, in plain words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class DataError(SkincheckError):
    """A file under data/ is missing or breaks its own rules (bad class, unknown reference)."""

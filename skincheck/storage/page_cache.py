"""Fetched product pages kept for a day: the database side of services.PageCache.

Runs inside an app context. It fetches nothing (skincheck.pages.fetch does) and keeps
only successful fetches.
"""

import hashlib
from datetime import datetime
from datetime import timedelta
from datetime import UTC

from flask import current_app
from sqlalchemy.exc import IntegrityError

from skincheck.core.model import Fetched
from skincheck.storage.db import db
from skincheck.storage.models import FetchedPage

#: The fetcher's body cap (skincheck.pages.fetch.fetch's max_bytes). Decoded text is at most
#: one character per byte, so a longer text did not come from the fetcher: not kept.
MAX_CACHED_CHARS = 5_000_000


def _aware(moment: datetime) -> datetime:
    # SQLite hands DateTime(timezone=True) back without its zone; we only ever store UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class PageCacheStore:
    """skincheck.services.PageCache on the database: a page fetched for an address is
    reused for that exact address while it is younger than ``max_age`` (the setting
    FETCH_CACHE_SECONDS, one day by default). Only successful fetches are kept.

    Runs inside an app context, like the rest of this module.
    """

    def __init__(self, max_age: timedelta | None = None) -> None:
        if max_age is None:
            max_age = timedelta(seconds=int(current_app.config["FETCH_CACHE_SECONDS"]))
        self.max_age = max_age

    @staticmethod
    def _key(url: str) -> str:
        return hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, url: str) -> Fetched | None:
        """The page kept for ``url`` if it is fresh enough, else None."""
        row = db.session.get(FetchedPage, self._key(url))
        page = None
        if row is not None and row.url == url and self._fresh(row.fetched_at):
            page = Fetched(
                requested_url=row.url,
                final_url=row.final_url,
                status=row.status,
                content_type=row.content_type,
                charset=row.charset,
                text=row.text,
            )
        # End the read transaction: on a miss the caller now fetches for up to 10 s, and
        # must not hold a database connection (or SQLite's lock) all that time.
        db.session.commit()
        return page

    def put(self, url: str, page: Fetched) -> None:
        """Keep ``page`` as the answer for ``url``, replacing an older one; also drop
        every entry that has gone stale, so the table does not grow without end."""
        if not 200 <= page.status < 300 or len(page.text) > MAX_CACHED_CHARS:
            return
        now = datetime.now(UTC)
        stale = db.delete(FetchedPage).where(FetchedPage.fetched_at < now - self.max_age)
        db.session.execute(stale)
        values = {
            "url": url,
            "final_url": page.final_url,
            "status": page.status,
            "content_type": page.content_type,
            "charset": page.charset,
            "text": page.text,
            "fetched_at": now,
        }
        key = self._key(url)
        row = db.session.get(FetchedPage, key)
        if row is None:
            db.session.add(FetchedPage(url_sha256=key, **values))
        else:
            for column, value in values.items():
                setattr(row, column, value)
        try:
            db.session.commit()
        except IntegrityError:
            # Two requests fetched the same new address at once and the other one
            # stored it first; its copy is as fresh as ours.
            db.session.rollback()

    def _fresh(self, fetched_at: datetime) -> bool:
        return datetime.now(UTC) - _aware(fetched_at) < self.max_age


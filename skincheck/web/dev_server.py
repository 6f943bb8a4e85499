"""The development server's request log (``skincheck serve``), without what identifies
what a person looked at: werkzeug's handler, with query strings and report ids taken
out of every line it writes.

Werkzeug logs each request line as sent: '"GET /r/Xq3...Zt HTTP/1.1" 200 -' put every
report's secret link into the terminal and any file it was piped to. It changes only
what is logged, never what is served; gunicorn's access log is off unless configured.
"""

import re
from typing import Any

from werkzeug.serving import WSGIRequestHandler

#: A query string, up to the space or quote that ends the request target.
_QUERY = re.compile(r"\?[^\s\"']*")
#: A report id in /r/<id>, /r/<id>.json, /r/<id>.md and /api/v1/reports/<id>.
_REPORT_ID = re.compile(r"(/r/|/api/v1/reports/)[^/\s\"'?.]+")


def redact(line: str) -> str:
    """``line`` without query strings and with report ids replaced by <id>."""
    return _REPORT_ID.sub(r"\1<id>", _QUERY.sub("", line))


class RedactingRequestHandler(WSGIRequestHandler):
    """WSGIRequestHandler whose every log line goes through redact()."""

    def log(self, type: str, message: str, *args: Any) -> None:
        text = message % args if args else message
        super().log(type, "%s", redact(text))

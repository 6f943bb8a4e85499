"""Make one piece of text safe to put inside a line of Markdown: inline() turns it
into Markdown that renders as exactly that text, on one line, with no markup of its own.

The Markdown export (skincheck.core.render.as_markdown) writes what people typed or what
a page printed: a product name, ingredient names, notes quoting the list. Written raw,
the product name "x\\n# Heading" started a heading, "[click](javascript:alert(1))" made
a link, "![](https://tracker.example/p.png)" an image, and "<img src=x onerror=...>" went
through as HTML to any renderer that passes HTML on. It does not decide what is user
text (the renderer calls it on every value it interpolates) and it does not write links.
"""

import re

#: Line breaks (\\r, \\n and the Unicode line and paragraph separators), tabs and the
#: other C0 and C1 control characters: each becomes a space, so a field stays on its line
#: and no terminal escape sequence reaches the file.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_SPACES = re.compile(r" {2,}")

#: Characters that start markup anywhere in a line (CommonMark section 2.4 lets any
#: ASCII punctuation be escaped with a backslash): emphasis and code (* _ ` ~), links
#: and images ([ ] and the ! before them), tables (|), and @, which begins an e-mail
#: autolink (GFM). Parentheses, colons and # stay as printed: without a "[" before
#: them they make no link, and the export is read as text by people too ("Aqua (Water)"
#: came out as "Aqua \(Water\)" when every punctuation mark was escaped).
_INLINE = re.compile(r"([\\`*_\[\]!|~@])")
#: A bare address is a link in GFM ("https://x.example", "www.x.example"): the colon of
#: a scheme and the dot after "www" are escaped to keep it text.
_SCHEME = re.compile(r"(?i)(?<=[a-z0-9])(:)(?=//)")
_WWW = re.compile(r"(?i)(?<![\w.])(www)\.")
#: Markers that start a block only at the start of a line: a list item (- + or "1." /
#: "1)"), a quotation (>), a setext underline (=). Fields are written after a prefix, but
#: a field that opens a line must not open a block either (# a heading).
_LINE_START = re.compile(r"^([-+=>#]|\d+(?=[.)]))")
#: Raw HTML and entity references: written as entities, which render as the character.
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def inline(text: object) -> str:
    """``text`` as Markdown that renders as the same characters on one line: control
    characters and line breaks become single spaces, HTML characters become entities,
    and Markdown punctuation is escaped with a backslash."""
    flat = _SPACES.sub(" ", _CONTROL.sub(" ", str(text))).strip()
    escaped = "".join(_HTML.get(char, char) for char in flat)
    escaped = _INLINE.sub(r"\\\1", escaped)
    escaped = _SCHEME.sub(r"\\\1", escaped)
    escaped = _WWW.sub(r"\1\\.", escaped)
    match = _LINE_START.match(escaped)
    if match and match.group(1)[0].isdigit():
        return escaped[: match.end()] + "\\" + escaped[match.end() :]
    return _LINE_START.sub(r"\\\1", escaped) if match else escaped


#: A knowledge-base key ("senescent_risk", "controlled_trial"): no markup can start in it
#: (an underscore inside a word opens no emphasis), and the renderer looks words up by
#: it, so it is kept as it is.
_KEY = re.compile(r"[a-z][a-z0-9_]*")
#: A link the export may write as a link: http or https, nothing that ends an autolink.
_SAFE_URL = re.compile(r"https?://[^\s<>\x00-\x1f\x7f-\x9f]+", re.IGNORECASE)


def link(url: str) -> str:
    """An http(s) address as a CommonMark autolink (<https://...>); anything else, a
    javascript: address included, as plain text."""
    if _SAFE_URL.fullmatch(url):
        return f"<{url}>"
    return inline(url)


def escaped(node: object, key: str | None = None) -> object:
    """A copy of an analysis (the JSON dict) with every string made inline() text,
    except knowledge-base keys, and addresses under a "url" key made link()s. Dict keys,
    numbers and booleans are kept."""
    if isinstance(node, dict):
        return {k: escaped(v, k) for k, v in node.items()}
    if isinstance(node, list):
        return [escaped(item, key) for item in node]
    if isinstance(node, str):
        if key == "url":
            return link(node)
        return node if _KEY.fullmatch(node) else inline(node)
    return node

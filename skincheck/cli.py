"""The ``skincheck`` command line: analyse lists, run batches, prepare the database, serve.

A thin layer: it reads input, calls skincheck.services or the app factory, and
prints. It rates nothing itself. Exit codes:

0  a list was analysed (for ``batch``: the run completed)
2  nothing could be analysed: no list in the text, unreadable input, a failed fetch,
   a photo that cannot be read; for ``init-db`` and ``serve``: the database cannot be
   used (one line says why)
"""

import json
import os
import sys
from pathlib import Path

import click

from skincheck import __version__
from skincheck.storage.errors import DatabaseUnavailable

EXIT_OK = 0
EXIT_NO_LIST = 2


def _fail(message: str) -> "click.exceptions.Exit":
    click.echo(f"skincheck: {message}", err=True)
    return click.exceptions.Exit(EXIT_NO_LIST)


def _read_input(source: str) -> str:
    if source == "-":
        data = sys.stdin.buffer.read()
    else:
        path = Path(source)
        if not path.is_file():
            raise _fail(f"cannot read {source}: no such file")
        data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _fail(
            f"{source} is not UTF-8 text; save the list as plain text and try again"
        ) from None


def _read_image(source: str) -> bytes:
    from skincheck.ocr import MAX_IMAGE_BYTES

    path = Path(source)
    if not path.is_file():
        raise _fail(f"cannot read {source}: no such file")
    with path.open("rb") as handle:
        # One byte past the limit is enough for the reader to say the photo is too large.
        return handle.read(MAX_IMAGE_BYTES + 1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="skincheck")
def cli() -> None:
    """skincheck: what the exosome and conditioned-media ingredients in a product are."""


@cli.command()
@click.argument("source", required=False, default=None)
@click.option("--url", help="Fetch this product page and analyse the list found on it.")
@click.option(
    "--image",
    type=click.Path(dir_okay=False),
    help="Read the ingredient list off this photo of a label (JPEG, PNG, WebP, HEIC).",
)
@click.option("--claims", help="Product name or marketing text to check against the list.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
)
def analyze(
    source: str | None, url: str | None, image: str | None, claims: str | None, fmt: str
) -> None:
    """Analyse the ingredient list in SOURCE (a file, or - for standard input), on the
    product page at --url, or in the photo at --image."""
    from skincheck import services
    from skincheck.config import yes
    from skincheck.core import render
    from skincheck.core.errors import SkincheckError

    if sum(given is not None for given in (source, url, image)) != 1:
        raise _fail("give one of a FILE (or - for standard input), --url URL or --image PATH")
    try:
        if image is not None:
            analysis = services.analyse_image(_read_image(image), name=claims)
        elif url is not None:
            analysis = services.analyse_url(
                url,
                claims=claims,
                allow_private=yes(os.environ.get("SKINCHECK_ALLOW_PRIVATE_URLS")),
            )
        else:
            analysis = services.analyse_text(_read_input(source), name=claims)
    except SkincheckError as exc:
        raise _fail(str(exc)) from None
    if fmt == "json":
        click.echo(json.dumps(analysis, ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        click.echo(render.as_markdown(analysis))
    else:
        click.echo(render.as_text(analysis))


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--column", help="CSV column or JSON field holding the lists.")
@click.option("--jobs", default=1, show_default=True, type=click.IntRange(1, 64))
@click.option(
    "--out",
    type=click.Path(dir_okay=False, writable=True),
    help="JSON Lines output (default: standard output).",
)
def batch(files: tuple[str, ...], column: str | None, jobs: int, out: str | None) -> None:
    """Analyse every list in FILES (CSV, JSON Lines, or blank-line-separated text)."""
    from skincheck import batch as batch_mod

    items: list = []
    try:
        for name in files:
            items.extend(batch_mod.read_items(Path(name), column))
    except batch_mod.BatchInputError as exc:
        raise _fail(str(exc)) from None
    summary = batch_mod.BatchSummary()
    sink = open(out, "w", encoding="utf-8") if out else sys.stdout  # noqa: SIM115
    try:
        with click.progressbar(
            batch_mod.run(items, jobs), length=len(items), label="analysing", file=sys.stderr
        ) as results:
            for number, result in results:
                summary.add(number, result)
                sink.write(batch_mod.json_line(number, result))
    finally:
        if out:
            sink.close()
    click.echo(_summary_text(summary), err=True)


def _summary_text(summary) -> str:
    lines = [
        f"lists: {summary.lists}, analysed: {summary.analysed}, failed: {len(summary.failures)}",
        f"lists with an EV ingredient: {summary.lists_with_ev}; look-alikes: {summary.look_alikes}",
        "EV ingredients by source class: "
        + (
            ", ".join(f"{key} {count}" for key, count in summary.ev_ingredients.most_common())
            or "none"
        ),
    ]
    reasons = {}
    for _, reason in summary.failures:
        reasons[reason] = reasons.get(reason, 0) + 1
    lines += [
        f"  failed ({count}): {reason}"
        for reason, count in sorted(reasons.items(), key=lambda kv: -kv[1])[:10]
    ]
    return "\n".join(lines)


@cli.command("init-db")
def init_db() -> None:
    """Create or upgrade the database and load the knowledge base (safe to repeat)."""
    from skincheck.database import init_database
    from skincheck.storage import errors as db_errors
    from skincheck.web.app import create_app

    # Not set up by the factory as well: it would log its own count ("227 rows added")
    # before this command found nothing left to add ("0 rows added ... 227 unchanged").
    app = create_app(init_db=False)
    with app.app_context(), db_errors.translated(app.config["SQLALCHEMY_DATABASE_URI"]):
        summary = init_database()
    click.echo(f"skincheck: database ready ({summary})")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--debug", is_flag=True, help="Reload on change and show the debugger (local use).")
def serve(host: str, port: int, debug: bool) -> None:
    """Serve the app for local use (use gunicorn in production, see README)."""
    from skincheck.web.app import create_app
    from skincheck.web.dev_server import RedactingRequestHandler

    # The request log leaves out query strings and report ids (dev_server).
    create_app().run(host=host, port=port, debug=debug, request_handler=RedactingRequestHandler)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    try:
        # Outside standalone mode click returns the code of an Exit raised by a
        # command (``_fail``) instead of raising it; a finished command returns None.
        code = cli.main(args=argv, prog_name="skincheck", standalone_mode=False)
        if isinstance(code, int):
            return code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except DatabaseUnavailable as exc:
        # init-db and serve: which database, what is wrong; no traceback (db_errors).
        click.echo(f"skincheck: {exc}", err=True)
        return EXIT_NO_LIST
    except click.ClickException as exc:
        exc.show()
        return EXIT_NO_LIST if exc.exit_code == 1 else exc.exit_code
    except click.exceptions.Abort:
        click.echo("skincheck: aborted", err=True)
        return 1
    return EXIT_OK

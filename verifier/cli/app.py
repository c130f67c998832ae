"""The ``verifier`` command group and what every command needs: friendly errors, settings, the
library, output files, and text from sources made safe for a terminal.

The command line must start at once (``verifier --help`` and ``verifier extract`` under 0.4 s,
measured by ``make bench``: ``bench/startup.py``), so it is plain click, not Typer (whose
pydantic-based option parsing costs a tenth of a second at every start), and it imports the
database layer, httpx and trafilatura only inside the commands that use them.
"""

from __future__ import annotations

import functools
import io
import re
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from rich.console import Console, RenderableType
from rich.text import Text

from ..errors import ConfigError, InputError, VerifierError
from ..settings import Settings

if TYPE_CHECKING:
    from rich.table import Table

    from db import Store


@click.group(name="verifier", no_args_is_help=True, context_settings={"help_option_names": ["-h", "--help"]})
def app() -> None:
    """Check a story's claims against what other outlets reported."""


err_console = Console(stderr=True, highlight=False)

F = TypeVar("F", bound=Callable[..., Any])

# Width of a table written to a file with --output: wide enough for a sentence per line in an editor.
FILE_WIDTH = 160

# Characters a terminal obeys instead of showing: C0 controls but tab and newline (ESC starts the
# escape codes that recolour, move the cursor or retitle the window), DEL, the C1 controls (0x9b is
# a one-byte CSI), and a carriage return not followed by a newline, which lets a line overwrite what
# was printed before it (a verdict, say).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")


def report_types() -> str:
    """What to give when a folder holds no reports."""
    from ..intake import REPORT_SUFFIXES

    return "reports are " + ", ".join(sorted(REPORT_SUFFIXES)) + " files"


def new_table(*columns: str, **options: Any) -> Table:
    """A Rich table; rich.table is imported here, when a command prints one, not at start-up."""
    from rich.table import Table

    return Table(*columns, **options)


def terminal_safe(text: str) -> str:
    r"""``text`` with every character a terminal would act on written as a ``\uXXXX`` escape.

    The escape is JSON's own, so JSON stays valid and means the same after this; in a table, CSV
    or Markdown the editor sees that something odd was in the source instead of the terminal
    obeying it.

    >>> terminal_safe("killed 5\x1b[2K\rkilled 50")
    'killed 5\\u001b[2K\\u000dkilled 50'
    """
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def untrusted(text: str | None) -> Text:
    """Text from a story, a source, a title or a file name, for the terminal: never read as Rich
    markup (``[/x]`` in a headline is text, not a closing tag) and never able to send escape codes.
    Every command prints such text through here."""
    return Text(terminal_safe(text or ""))


def friendly_errors(func: F) -> F:
    """Print a VerifierError as one actionable line and exit 1, instead of a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except VerifierError as exc:
            message = Text.assemble(("error", "bold red"), " ", (exc.code, "dim"), " ", untrusted(str(exc)))
            err_console.print(message, soft_wrap=True)  # one line: a path or URL in it stays whole
            raise click.exceptions.Exit(1) from exc

    return wrapper  # type: ignore[return-value]


def load_settings(db: str | None = None, editor: str | None = None) -> Settings:
    """Settings from the environment, with a command-line database URL and editor taking precedence."""
    settings = Settings.from_env()
    if db:
        settings = replace(settings, database_url=db)
    if editor is not None and editor.strip():
        settings = replace(settings, editor=" ".join(editor.split()))
    return settings


editor_option = click.option(
    "--editor",
    metavar="NAME",
    help="Who makes this change, for the audit log and decisions (default: $VERIFIER_EDITOR).",
)


def open_store(settings: Settings) -> Store:
    """The library in ``settings``; a SQLite file whose folder does not exist is refused.

    Only the default location (the user's data folder) is created on first use: a typo in
    ``--db sqlite:///...`` must not quietly start a new, empty library in new folders.
    """
    from db import Store

    if settings.database_url != Settings().database_url:
        _refuse_missing_folder(settings.database_url)
    return Store.open(settings)


def _refuse_missing_folder(url: str) -> None:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url.strip())
    except ArgumentError:
        return  # Store.open says what is wrong with the URL
    database = parsed.database or ""
    if parsed.get_backend_name() != "sqlite" or database in ("", ":memory:") or parsed.query.get("mode") == "memory":
        return
    folder = Path(database).expanduser().parent
    if not folder.is_dir():
        raise ConfigError(
            f"the database {url} would be in {folder}, a folder that does not exist; check the path, "
            "or create the folder first to start a new library there"
        )


def check_output(output: Path | None) -> None:
    """Refuse an --output that cannot be written before any work is done (and any check is saved)."""
    if output is None:
        return
    if output.is_dir():
        raise InputError(f"--output {output} is a folder; give a file name, e.g. {output / 'report.html'}")
    if not output.parent.is_dir():
        raise InputError(
            f"--output {output}: the folder {output.parent} does not exist; create it or choose another file"
        )


def write_output(text: str, output: Path | None) -> None:
    """``text`` to the --output file as it is, or to standard output with control characters escaped.

    A CSV's byte-order mark is for the spreadsheet that opens the file, not for a terminal.
    """
    if output is None:
        text = terminal_safe(text.removeprefix("\ufeff"))
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    try:
        output.write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise InputError(f"cannot write {output}: {exc.strerror or exc}") from exc
    err_console.print(Text.assemble("wrote ", untrusted(str(output))))


def warn(what: str, text: str) -> None:
    """One yellow line on stderr about something not used ("skipped ..."), the text made safe."""
    err_console.print(Text.assemble((what, "yellow"), " ", untrusted(text)), soft_wrap=True)


def print_table(renderable: RenderableType, output: Path | None = None) -> None:
    """A table (or other Rich renderable) on the terminal, or as plain text in the --output file."""
    if output is None:
        # Created per call so output goes to whatever sys.stdout is now (tests swap it).
        Console(highlight=False).print(renderable)
        return
    buffer = io.StringIO()
    Console(file=buffer, width=FILE_WIDTH, highlight=False, color_system=None).print(renderable)
    write_output(buffer.getvalue(), output)

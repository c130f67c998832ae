"""The ``verifier`` command line: extract, check, sources, library, feeds, review, checks, log."""

from __future__ import annotations

from . import commands as _commands  # noqa: F401  (registers extract and check)
from . import desk as _desk  # noqa: F401  (registers review, checks and log)
from . import explain as _explain  # noqa: F401  (registers explain)
from . import feeds as _feeds  # noqa: F401  (registers feeds and watch)
from . import library as _library  # noqa: F401  (registers sources and library)
from .app import app


def main() -> None:
    app()


__all__ = ["app", "main"]

"""The ``verifier`` command line: extract, check, sources, library."""

from __future__ import annotations

from . import commands as _commands  # noqa: F401  (registers extract and check)
from .app import app


def main() -> None:
    app()


__all__ = ["app", "main"]

"""The shared Typer application and the one place that turns VerifierError into a friendly exit."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import typer
from rich.console import Console

from ..errors import VerifierError
from ..settings import Settings

app = typer.Typer(
    name="verifier",
    help="Check a story's claims against what other outlets reported.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err_console = Console(stderr=True)

F = TypeVar("F", bound=Callable[..., Any])


def friendly_errors(func: F) -> F:
    """Print a VerifierError as one actionable line and exit 1, instead of a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except VerifierError as exc:
            err_console.print(f"[bold red]error[/] [dim]{exc.code}[/] {exc}", highlight=False, markup=True)
            raise typer.Exit(1) from exc

    return wrapper  # type: ignore[return-value]


def load_settings(db: str | None = None) -> Settings:
    """Settings from the environment, with a command-line database URL taking precedence."""
    from dataclasses import replace

    settings = Settings.from_env()
    return replace(settings, database_url=db) if db else settings

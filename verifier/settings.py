"""The one place that reads ``VERIFIER_*`` environment variables.

Everything else receives a ``Settings`` object, so tests and the app can run with their own values
without touching the process environment.
"""

from __future__ import annotations

import functools
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from platformdirs import user_data_dir

from .dates import DATE_ORDERS, DEFAULT_DATE_ORDER, DateOrder
from .errors import ConfigError


@functools.cache
def _default_database_url() -> str:
    """The library in the user's data folder; asked once per process (platformdirs looks at the
    environment and the file system, and ``Settings.from_env`` runs for every text analysed)."""
    path = Path(user_data_dir("verifier", appauthor=False)) / "verifier.db"
    return f"sqlite:///{path}"


def _bool(name: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ConfigError(f"{name}={raw!r} is not a yes/no value; use 1 or 0")


def _number(name: str, raw: str, kind: type[int] | type[float]) -> float:
    try:
        value = kind(raw)
    except ValueError as exc:
        raise ConfigError(f"{name}={raw!r} is not a number") from exc
    _check_positive(name, value)
    return value


def _check_positive(name: str, value: float) -> None:
    """Timeouts and caps bound work, so each must be a finite number above zero ("inf" bounds nothing)."""
    if not math.isfinite(value) or value <= 0:
        raise ConfigError(f"{name} must be a finite number above zero, got {value!r}")


@dataclass(frozen=True)
class Settings:
    """Runtime configuration; copy with ``replace()`` rather than mutating."""

    database_url: str = field(default_factory=_default_database_url)
    fetch_timeout: float = 15.0
    fetch_max_bytes: int = 5_000_000
    fetch_max_redirects: int = 5
    allow_private_addresses: bool = False
    user_agent: str = "verifier/0.1 (+newsroom fact-check assistant)"
    max_input_chars: int = 2_000_000
    # How numeric dates (04/03/2025) are read, in files and in the app's forms; see ``verifier.dates``.
    date_order: DateOrder = DEFAULT_DATE_ORDER
    # Seconds between two requests to one host during ``verifier watch`` (a robots.txt Crawl-delay
    # asks for more); 0 only for tests against a local server.
    watch_host_delay: float = 1.0
    # Who makes the changes from this process (VERIFIER_EDITOR): the audit log's "who" and the name
    # on decisions. The command line's --editor overrides it; the app asks the editor instead.
    editor: str = ""

    def __post_init__(self) -> None:
        for name in ("fetch_timeout", "fetch_max_bytes", "fetch_max_redirects", "max_input_chars"):
            _check_positive(name, getattr(self, name))
        if not math.isfinite(self.watch_host_delay) or self.watch_host_delay < 0:
            raise ConfigError(f"watch_host_delay must be a finite number of seconds, got {self.watch_host_delay!r}")
        if self.date_order not in DATE_ORDERS:
            raise ConfigError(f"date_order must be one of {', '.join(DATE_ORDERS)}, got {self.date_order!r}")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        settings = cls()
        updates: dict[str, object] = {}
        if "VERIFIER_DATABASE_URL" in env and env["VERIFIER_DATABASE_URL"].strip():
            updates["database_url"] = env["VERIFIER_DATABASE_URL"].strip()
        if "VERIFIER_FETCH_TIMEOUT" in env:
            updates["fetch_timeout"] = float(_number("VERIFIER_FETCH_TIMEOUT", env["VERIFIER_FETCH_TIMEOUT"], float))
        if "VERIFIER_FETCH_MAX_BYTES" in env:
            updates["fetch_max_bytes"] = int(_number("VERIFIER_FETCH_MAX_BYTES", env["VERIFIER_FETCH_MAX_BYTES"], int))
        if "VERIFIER_FETCH_MAX_REDIRECTS" in env:
            updates["fetch_max_redirects"] = int(
                _number("VERIFIER_FETCH_MAX_REDIRECTS", env["VERIFIER_FETCH_MAX_REDIRECTS"], int)
            )
        if "VERIFIER_ALLOW_PRIVATE_ADDRESSES" in env:
            updates["allow_private_addresses"] = _bool(
                "VERIFIER_ALLOW_PRIVATE_ADDRESSES", env["VERIFIER_ALLOW_PRIVATE_ADDRESSES"]
            )
        if "VERIFIER_USER_AGENT" in env and env["VERIFIER_USER_AGENT"].strip():
            updates["user_agent"] = env["VERIFIER_USER_AGENT"].strip()
        if "VERIFIER_MAX_INPUT_CHARS" in env:
            updates["max_input_chars"] = int(_number("VERIFIER_MAX_INPUT_CHARS", env["VERIFIER_MAX_INPUT_CHARS"], int))
        if "VERIFIER_WATCH_HOST_DELAY" in env:
            updates["watch_host_delay"] = float(_number("VERIFIER_WATCH_HOST_DELAY", env["VERIFIER_WATCH_HOST_DELAY"], float))
        if "VERIFIER_EDITOR" in env:
            updates["editor"] = " ".join(env["VERIFIER_EDITOR"].split())
        if "VERIFIER_DATE_ORDER" in env and env["VERIFIER_DATE_ORDER"].strip():
            order = env["VERIFIER_DATE_ORDER"].strip().upper()
            if order not in DATE_ORDERS:
                raise ConfigError(f"VERIFIER_DATE_ORDER={order!r} is not a date order; use DMY (day first) or MDY")
            updates["date_order"] = order
        return replace(settings, **updates)  # type: ignore[arg-type]

"""Opening a library whose schema this version does not know is a StoreError that says what to do."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from db import Store
from verifier import StoreError

APP = str(Path(__file__).resolve().parents[1] / "ui" / "app.py")


def _library_from_the_future(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        conn.execute("INSERT INTO alembic_version VALUES ('9999_from_a_newer_verifier')")
    return f"sqlite:///{path}"


def test_an_unknown_schema_revision_is_a_store_error(tmp_path: Path) -> None:
    url = _library_from_the_future(tmp_path / "future.db")
    with pytest.raises(StoreError, match="upgrade verifier"):
        Store.open(url)


def test_the_app_says_so_instead_of_a_redacted_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VERIFIER_DATABASE_URL", _library_from_the_future(tmp_path / "future.db"))
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=60).run()
    st.cache_resource.clear()
    assert not at.exception
    assert any("upgrade verifier" in e.value for e in at.error)

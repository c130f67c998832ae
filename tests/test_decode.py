"""Decoding: encodings, byte-order marks, newlines, and binary files refused with a reason."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.samples import PNG_MAGIC
from verifier.decode import declared_charset, decode_bytes, parse_content_type
from verifier.errors import InputError


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param("café — 12 killed".encode(), "café — 12 killed", id="utf-8"),
        pytest.param("café".encode("utf-8-sig"), "café", id="utf-8-sig"),
        pytest.param("café".encode("cp1252"), "café", id="cp1252-short"),
        pytest.param(
            "He said “it’s over” — 12 dead".encode("cp1252"),
            "He said “it’s over” — 12 dead",
            id="cp1252-quotes",
        ),
        pytest.param(
            "Zürich: 3 Verletzte, Straße gesperrt".encode("latin-1"),
            "Zürich: 3 Verletzte, Straße gesperrt",
            id="latin-1",
        ),
        pytest.param("naïve 40% rise".encode("utf-16"), "naïve 40% rise", id="utf-16-bom"),
        pytest.param(codecs.BOM_UTF16_BE + "Straße".encode("utf-16-be"), "Straße", id="utf-16-be-bom"),
        pytest.param("Kyiv — Київ".encode("utf-32"), "Kyiv — Київ", id="utf-32-bom"),
        pytest.param(
            "Привет мир, это тест нашей системы".encode("cp1251"),
            "Привет мир, это тест нашей системы",
            id="cp1251",
        ),
        pytest.param(b"one\r\ntwo\rthree\n", "one\ntwo\nthree\n", id="newlines"),
    ],
)
def test_decode_bytes_reads_common_encodings(data: bytes, expected: str) -> None:
    assert decode_bytes(data) == expected


def test_decode_bytes_uses_declared_charset_when_utf8_fails() -> None:
    data = "Šibenik: 5 ranjenih".encode("cp1250")
    assert decode_bytes(data, encoding="cp1250") == "Šibenik: 5 ranjenih"


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        pytest.param(b"", "upload.txt is empty", id="empty"),
        pytest.param(codecs.BOM_UTF8, "upload.txt is empty", id="bom-only"),
        pytest.param(PNG_MAGIC, "looks like a PNG image", id="png"),
        pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "looks like a PDF document", id="pdf"),
        pytest.param(b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive", id="zip-docx"),
        pytest.param(b"Ten people\x00were killed", "contains NUL bytes", id="nul"),
        pytest.param(bytes(range(1, 32)) * 4, "looks like a binary file", id="control-bytes"),
        pytest.param(codecs.BOM_UTF16_LE + b"\x00\xd8", "not valid UTF-16", id="bad-utf-16"),
    ],
)
def test_decode_bytes_refuses_with_a_reason(data: bytes, fragment: str) -> None:
    with pytest.raises(InputError, match=fragment) as info:
        decode_bytes(data, name="upload.txt")
    if "binary" in fragment or "looks like" in fragment:
        assert "plain text" in str(info.value)  # says what to give instead


@given(st.binary(max_size=512))
def test_decode_bytes_returns_text_or_input_error(data: bytes) -> None:
    try:
        result = decode_bytes(data)
    except InputError:
        return
    assert isinstance(result, str)
    assert "\r" not in result


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1))
def test_decode_bytes_round_trips_utf8_text(text: str) -> None:
    assert decode_bytes(text.encode("utf-8")) == text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("text/html; charset=utf-8", ("text/html", "utf-8")),
        ('Text/Plain; Charset="windows-1252"', ("text/plain", "windows-1252")),
        ("text/html; charset=made-up", ("text/html", None)),
        ("", ("", None)),
    ],
)
def test_parse_content_type_keeps_only_known_charsets(value: str, expected: tuple[str, str | None]) -> None:
    assert parse_content_type(value) == expected


def test_declared_charset_reads_the_meta_tag() -> None:
    assert declared_charset(b'<html><head><meta charset="windows-1252">') == "windows-1252"
    assert (
        declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2">')
        == "iso-8859-2"
    )
    assert declared_charset(b'<meta charset="nonsense">') is None
    assert declared_charset(b"<p>no declaration</p>") is None

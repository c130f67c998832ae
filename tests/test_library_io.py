"""The library's JSONL line format, without a database (export and import through ``Store`` are in
``test_store``)."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import pytest

from db.library_io import LibraryLine, export_line, import_library, parse_library_line
from db.records import IngestResult
from verifier.errors import SourceFormatError
from verifier.types import Claim, Document, Range

T0 = datetime(2020, 11, 21, 8, 0, tzinfo=UTC)


def test_a_line_reads_back_as_it_was_written() -> None:
    claim = Claim(
        id="c1", kind="killed", value=Range(8, None, "at_least", "at least eight"), sentence="s", span=(0, 1)
    )
    doc = Document("Eight killed.", "Title", "https://e.org/x", "AP", T0)
    line = export_line(doc, outlet_domain="e.org", reliability=0.5, fetched_at=T0, hash_="h", claims=(claim,))
    record = parse_library_line(line, path="lib.jsonl", number=3)
    assert record.document == Document(
        "Eight killed.", "Title", "https://e.org/x", "AP", T0, origin="lib.jsonl:3"
    )
    assert (record.outlet_domain, record.reliability, record.fetched_at, record.claims) == (
        "e.org",
        0.5,
        T0,
        (claim,),
    )


@pytest.mark.parametrize(
    "line",
    ["{broken", "[1, 2]", json.dumps({"text": ""}), json.dumps({"text": "x", "reliability": 3})],
)
def test_unusable_lines_are_source_format_errors(line: str) -> None:
    with pytest.raises(SourceFormatError) as info:
        parse_library_line(line, path="lib.jsonl", number=7)
    assert (info.value.path, info.value.line) == ("lib.jsonl", 7)


def test_import_hands_good_lines_on_and_counts_what_became_of_them() -> None:
    seen: list[tuple[str, int]] = []

    def add(record: LibraryLine, number: int) -> IngestResult:
        seen.append((record.document.text, number))
        return IngestResult("duplicate" if number == 4 else "added")

    lines = [json.dumps({"text": "One."}), "{broken", "", json.dumps({"text": "Two."})]
    result = import_library(io.StringIO("\n".join(lines)), add)
    assert seen == [("One.", 1), ("Two.", 4)]
    assert (result.added, result.duplicates, [e.line for e in result.errors]) == (1, 1, [2])


@pytest.mark.parametrize("field", ["published", "fetched_at"])
def test_a_time_out_of_range_is_a_bad_line(field: str) -> None:
    line = json.dumps({"text": "One.", field: "0001-01-01T00:00:00+05:00"})
    with pytest.raises(SourceFormatError, match="out of range") as info:
        parse_library_line(line, path="lib.jsonl", number=3)
    assert info.value.line == 3

"""The library's JSONL line format, without a database (export and import through ``Store`` are in
``test_store``)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


class Recorder:
    """Stands in for the store: takes every good line at once, as one transaction would."""

    def __init__(self) -> None:
        self.batches: list[list[tuple[str, int]]] = []

    def __call__(self, records: Iterable[tuple[LibraryLine, int]]) -> list[IngestResult]:
        batch = [(record.document.text, number) for record, number in records]
        self.batches.append(batch)
        return [IngestResult("duplicate" if number == 4 else "added", line=number) for _, number in batch]


class Unseekable(io.StringIO):
    def seekable(self) -> bool:
        return False


@pytest.mark.parametrize("stream", [io.StringIO, Unseekable])
def test_import_validates_every_line_then_hands_the_good_ones_on_at_once(stream: type[io.StringIO]) -> None:
    lines = [json.dumps({"text": "One."}), "{broken", "", json.dumps({"text": "Two."})]
    add = Recorder()
    result = import_library(stream("\n".join(lines)), add)
    assert add.batches == [[("One.", 1), ("Two.", 4)]]
    assert (result.added, result.duplicates, [e.line for e in result.errors]) == (1, 1, [2])


def test_a_file_without_good_lines_stores_nothing() -> None:
    add = Recorder()
    result = import_library(io.StringIO("{broken\n[1]\n"), add)
    assert add.batches == [] and [e.line for e in result.errors] == [1, 2]


def _line(**changes: Any) -> str:
    record: dict[str, Any] = {
        "outlet": "AP",
        "text": "Eight people were killed.",
        "claims": [{"id": "c1", "kind": "killed", "value": {"low": 8, "high": 8, "qualifier": "exact", "text": "Eight"},
                    "sentence": "Eight people were killed.", "span": [0, 5], "sentence_span": [0, 25]}],
    }
    for key, value in changes.items():
        if key.startswith("claim_"):
            record["claims"][0][key.removeprefix("claim_")] = value
        elif key.startswith("value_"):
            record["claims"][0]["value"][key.removeprefix("value_")] = value
        else:
            record[key] = value
    return json.dumps(record)


# Lines that stopped an import half-way, or would have (issue 11, item 13): each is one bad line.
BAD_LINES = [
    pytest.param(_line(claim_span=[1]), "span", id="span-of-one"),
    pytest.param(_line(claim_span=[3, 1]), "span", id="span-backwards"),
    pytest.param(_line(claim_span=[0, 500]), "span", id="span-past-the-text"),
    pytest.param(_line(claim_span=[0, 2**63]), "span", id="span-past-64-bits"),
    pytest.param(_line(value_low="abc"), "low", id="low-not-a-number"),
    pytest.param('{"text": "Eight.", "claims": [{"kind": "killed", "value": {"low": 1e400}}]}', "low", id="low-infinite"),
    pytest.param(_line(value_low=1e300), "low", id="low-over-the-cap"),
    pytest.param(_line(value_low=9, value_high=8), "low", id="low-above-high"),
    pytest.param(_line(claim_kind="k" * 65), "kind", id="kind-too-long-for-its-column"),
    pytest.param(_line(claim_stance="s" * 65), "stance", id="stance-too-long"),
    pytest.param(_line(value_qualifier="q" * 65), "qualifier", id="qualifier-too-long"),
    pytest.param(_line(outlet_domain="d" * 256), "outlet_domain", id="domain-too-long"),
    pytest.param(_line(claim_kind=None), "kind", id="kind-missing"),
    pytest.param(_line(claims="many"), "claims", id="claims-not-a-list"),
    pytest.param(_line(title=["a"]), "title", id="title-not-text"),
    pytest.param(_line(reliability="high"), "reliability", id="reliability-not-a-number"),
    pytest.param(_line(reliability=float("nan")), "reliability", id="reliability-nan"),
    pytest.param(_line(text="x" * 101), "text", id="text-over-the-input-limit"),
]


@pytest.mark.parametrize(("line", "field"), BAD_LINES)
def test_bad_lines_name_the_line_and_the_field(line: str, field: str) -> None:
    with pytest.raises(SourceFormatError, match=field) as info:
        parse_library_line(line, path="lib.jsonl", number=9, max_chars=100)
    assert (info.value.path, info.value.line) == ("lib.jsonl", 9)


def test_a_good_line_is_good() -> None:
    record = parse_library_line(_line(), path="lib.jsonl", number=1, max_chars=100)
    assert record.claims is not None and record.claims[0].value == Range(8, 8, "exact", "Eight")


good_lines = st.builds(lambda text: json.dumps({"outlet": "AP", "text": text}), st.text(min_size=1, max_size=30).filter(str.strip))
bad_lines = st.sampled_from([p.values[0] for p in BAD_LINES] + ["{broken", "[]", "null", '"text"', json.dumps({"text": " "})])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.booleans(), good_lines, bad_lines), max_size=20))
def test_import_keeps_exactly_the_good_lines_and_names_every_bad_one(picks: list[tuple[bool, str, str]]) -> None:
    lines = [good if is_good else bad for is_good, good, bad in picks]
    add = Recorder()
    result = import_library(io.StringIO("\n".join(lines)), add, max_chars=100)
    good_numbers = [n for n, (is_good, _, _) in enumerate(picks, 1) if is_good]
    assert [n for batch in add.batches for _, n in batch] == good_numbers
    assert len(add.batches) == (1 if good_numbers else 0)
    assert [e.line for e in result.errors] == [n for n, (is_good, _, _) in enumerate(picks, 1) if not is_good]


@pytest.mark.parametrize("field", ["published", "fetched_at"])
def test_a_time_out_of_range_is_a_bad_line(field: str) -> None:
    line = json.dumps({"text": "One.", field: "0001-01-01T00:00:00+05:00"})
    with pytest.raises(SourceFormatError, match="out of range") as info:
        parse_library_line(line, path="lib.jsonl", number=3)
    assert info.value.line == 3

"""Extraction throughput: ``verifier.extract_claims`` beside quantulum3 on the same generated articles.

quantulum3 is the common off-the-shelf quantity parser, so it is the baseline: both run in this
process, one core, on the same texts, and the ratio of their words per second is the figure that
compares across machines. quantulum3 is ~50x slower, so it reads a subset.

The extractor keeps what it made of the sentences and lines it read lately (``claims.clear_caches``),
and generated copy repeats itself, so the headline figure (``verifier``, the one compared with
quantulum3) empties those caches before every pass: a pass gains only from what repeats within it.
``verifier_warm`` is the same texts read again with the caches full; ``wire`` is the newsroom
generator's wire copy (``newsroom.library``, ~570 words, what the ingest benchmark stores), caches
emptied before each pass.
"""

from __future__ import annotations

import multiprocessing
import re
import warnings
from typing import Any

from verifier import analyse, extract_claims, find_numbers
from verifier.claims import clear_caches

from . import corpus, machine_line, newsroom, timed

# Phrases of the seed story whose reading tells the tools apart: qualifiers, clock times, dates.
PROBES = ("at least eight", "wounded 30", "About 20 mortars", "2,000 troops", "09:00 (04:30 GMT)",
          "November 21, 2020", "no-one had been wounded", "nearly 50")  # fmt: skip
BIG_TIMEOUT_S = 300.0
WIRE_REPORTS = 400
WIRE_SEED = 77  # the ingest benchmark's (``retrieval.ingest``)


def _quantulum() -> Any:
    """quantulum3's parser, warmed up: its first call loads unit tables (~2 s) that are not parsing."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import parser

        parser.parse("warm up with 3 metres")
    return parser


def throughput(texts: list[str], parse: Any, repeats: int = 1, *, before_pass: Any = None) -> dict[str, float]:
    """Articles and words per second of ``parse`` over ``texts``, after the caller's warm-up.

    The fastest of ``repeats`` passes counts: on a shared machine noise only ever adds time.
    ``before_pass`` (untimed) runs before each pass: ``clear_caches`` for a pass that starts cold.
    """
    words = sum(len(t.split()) for t in texts)

    def one_pass() -> float:
        if before_pass is not None:
            before_pass()
        return timed(lambda: [parse(t) for t in texts])[0]

    seconds = min(one_pass() for _ in range(repeats))
    return {"articles": len(texts), "words": words, "seconds": seconds, "repeats": repeats,
            "articles_per_s": len(texts) / seconds, "words_per_s": words / seconds}  # fmt: skip


def _big_child(text: str, queue: Any) -> None:
    # over the input limit (VERIFIER_MAX_INPUT_CHARS) on purpose: this measures how the stages scale
    seconds, analysis = timed(lambda: analyse(text, max_chars=len(text)))
    queue.put((seconds, len(analysis.claims)))


def big_input(texts: list[str], megabytes: float) -> dict[str, Any]:
    """One ``megabytes`` input through ``extract_claims`` in a child process, killed after BIG_TIMEOUT_S
    so that superlinear behaviour shows as a bounded "did not finish" instead of a hung benchmark."""
    size = int(megabytes * 1_000_000)
    parts: list[str] = []
    total = 0
    while total < size:
        for t in texts:
            parts.append(t)
            total += len(t.encode()) + 2
            if total >= size:
                break
    text = "\n\n".join(parts)
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    child = ctx.Process(target=_big_child, args=(text, queue))
    child.start()
    child.join(BIG_TIMEOUT_S)
    result: dict[str, Any] = {"bytes": len(text.encode()), "words": len(text.split()), "timeout_s": BIG_TIMEOUT_S}
    if child.is_alive():
        child.terminate()
        child.join()
        return {**result, "finished": False}
    seconds, claims = queue.get(timeout=5)
    return {**result, "finished": True, "seconds": seconds, "claims": claims, "words_per_s": result["words"] / seconds}


def _span_of(text: str, probe: str) -> tuple[int, int]:
    at = text.find(probe)
    return (at, at + len(probe)) if at >= 0 else (-1, -1)


def _fmt_range(low: float | None, high: float | None) -> str:
    def one(x: float | None) -> str:
        return "open" if x is None else f"{x:g}"

    return one(low) if low == high else f"{one(low)}..{one(high)}"


def qualitative(story: str, parser: Any) -> list[dict[str, str]]:
    """For each probe phrase of the seed story, what each tool read there (empty when it read nothing)."""
    mentions = find_numbers(story)
    quantities = parser.parse(story) if parser is not None else []
    claims = extract_claims(story)
    rows = []
    for probe in PROBES:
        start, end = _span_of(story, probe)
        if start < 0:
            continue
        ours = [m for m in mentions if m.start < end and start < m.end]
        kinds = [c.kind for m in ours for c in claims if c.value and c.value.text == m.text]
        verifier_reading = "; ".join(
            f"'{m.text}' {m.category} {_fmt_range(m.value.low, m.value.high)} ({m.value.qualifier})" for m in ours
        )
        if kinds:
            verifier_reading += f" -> claim {'/'.join(dict.fromkeys(kinds))}"
        theirs = [q for q in quantities if q.span[0] < end and start < q.span[1]]
        rows.append({
            "phrase": probe,
            "verifier": verifier_reading or "(nothing)",
            "quantulum3": "; ".join(f"'{q.surface}' {q.value:g} {q.unit.name}" for q in theirs) or "(nothing)",
        })  # fmt: skip
    return rows


def run(
    *, articles: int = 1000, quantulum_articles: int = 50, big_mb: float = 10.0, repeats: int = 3, seed: int = corpus.DEFAULT_SEED
) -> dict[str, Any]:
    """The extraction benchmark; ``quantulum_articles=0`` skips the baseline (for smoke tests)."""
    texts = [a.text for a in corpus.articles(articles, seed)]
    extract_claims(texts[0])
    ours = throughput(texts, extract_claims, repeats, before_pass=clear_caches)
    warm = throughput(texts, extract_claims, repeats)
    wire_texts = [d.text for d in newsroom.library(WIRE_REPORTS, seed=WIRE_SEED)]
    wire = throughput(wire_texts, extract_claims, repeats, before_pass=clear_caches)
    result: dict[str, Any] = {"machine": machine_line(), "verifier": ours, "verifier_warm": warm, "wire": wire}
    parser = _quantulum() if quantulum_articles else None
    if parser is not None:
        theirs = throughput(texts[:quantulum_articles], parser.parse, repeats)
        result["quantulum3"] = theirs
        result["ratio_words_per_s"] = ours["words_per_s"] / theirs["words_per_s"]
    story, origin = corpus.seed_story()
    result["seed_story"] = origin
    result["qualitative"] = qualitative(story, parser)
    if big_mb > 0:
        clear_caches()
        result["big_input"] = big_input(texts, big_mb)
    return result


def report(result: dict[str, Any]) -> str:
    """The figures as text for the terminal and the README."""
    ours = result["verifier"]
    lines = [
        f"machine: {result['machine']}",
        f"verifier.extract_claims: {ours['articles']} articles, {ours['words']:,} words in {ours['seconds']:.2f} s"
        f" = {ours['articles_per_s']:,.0f} articles/s, {ours['words_per_s']:,.0f} words/s (one core, best of {ours['repeats']},"
        " kept readings emptied before each pass)",
    ]
    if "verifier_warm" in result:
        warm, wire = result["verifier_warm"], result["wire"]
        lines += [
            f"  the same articles read again, kept readings warm: {warm['articles_per_s']:,.0f} articles/s, {warm['words_per_s']:,.0f} words/s",
            f"  wire copy (newsroom.library, {wire['articles']} reports of ~{wire['words'] / wire['articles']:.0f} words), kept readings emptied"
            f" before each pass: {wire['articles_per_s']:,.0f} reports/s, {wire['words_per_s']:,.0f} words/s",
        ]
    if "quantulum3" in result:
        theirs = result["quantulum3"]
        ratio = result["ratio_words_per_s"]
        lines += [
            f"quantulum3 parser.parse: {theirs['articles']} articles, {theirs['words']:,} words in {theirs['seconds']:.2f} s"
            f" = {theirs['articles_per_s']:,.1f} articles/s, {theirs['words_per_s']:,.0f} words/s (best of {theirs['repeats']})",
            f"ratio verifier/quantulum3 words/s: {ratio:.1f}x (target >= 50x: {'met' if ratio >= 50 else 'MISSED'})",
        ]
    big = result.get("big_input")
    if big:
        size = f"{big['bytes'] / 1e6:.1f} MB ({big['words']:,} words)"
        if big["finished"]:
            lines.append(f"one {size} input: {big['seconds']:.2f} s, {big['words_per_s']:,.0f} words/s, {big['claims']:,} claims")
        else:
            lines.append(f"one {size} input: did not finish within {big['timeout_s']:.0f} s")
    lines.append(f"seed story ({result['seed_story']}):")
    lines.append("| phrase | verifier | quantulum3 |")
    lines.append("| --- | --- | --- |")
    for row in result["qualitative"]:
        cells = [re.sub(r"\|", "/", row[k]) for k in ("phrase", "verifier", "quantulum3")]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)

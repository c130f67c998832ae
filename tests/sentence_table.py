"""Score the extractor on the table of single sentences in the styles of real reporting.

``tests/data/sentences/real_style.jsonl`` was written and annotated blind (the annotator did not read
the extractor); each row holds a sentence and every claim of the six scored kinds an editor expects.
A gold claim is found when a claim of the same kind carries the same bounds (or, for ``approx``,
finite bounds around the figure no wider than it) or, for responsibility, the same stance and an
actor containing the gold actor: the rules of ``../shared/eval/score.py``.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from verifier import extract_claims
from verifier.types import Claim

TABLE = Path(__file__).parent / "data" / "sentences" / "real_style.jsonl"
KINDS = {"killed", "injured", "arrested", "troops", "munitions", "responsibility"}


def _bound(a: float | None, b: float | None) -> bool:
    if a is None or b is None or (isinstance(a, float) and math.isinf(a)):
        return a is None and b is None
    return abs(a - b) <= max(0.5, 0.02 * max(abs(a), abs(b)))


def matches(claim: Claim, gold: dict) -> bool:
    if claim.kind != gold["kind"]:
        return False
    if gold["kind"] == "responsibility":
        actor = " ".join(claim.actor.lower().split())
        want = " ".join(str(gold.get("actor", "")).lower().split())
        return claim.stance == gold.get("stance") and bool(actor) and (want in actor or actor in want)
    if claim.value is None:
        return False
    low, high = claim.value.low, claim.value.high
    if "approx" in gold:
        n = float(gold["approx"])
        return low is not None and high is not None and low <= n <= high and high - low <= n
    return _bound(low, gold.get("low")) and _bound(high, gold.get("high"))


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    extra: int = 0
    rows: int = 0
    clean_rows: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.found / (self.found + self.extra) if self.found + self.extra else 1.0


def score(path: Path = TABLE) -> dict[str, Tally]:
    """Per phenomenon and in ``"all"``: gold claims found, extra claims, rows read exactly."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        claims = [c for c in extract_claims(row["sentence"]) if c.kind in KINDS]
        used: set[int] = set()
        found = 0
        for g in row["claims"]:
            hit = next((i for i, c in enumerate(claims) if i not in used and matches(c, g)), None)
            if hit is None:
                for t in (tallies[row["phenomenon"]], tallies["all"]):
                    t.misses.append(f"{row['id']} missed {g}")
                continue
            used.add(hit)
            found += 1
        extra = len(claims) - len(used)
        for t in (tallies[row["phenomenon"]], tallies["all"]):
            t.gold += len(row["claims"])
            t.found += found
            t.extra += extra
            t.rows += 1
            t.clean_rows += found == len(row["claims"]) and extra == 0
            if extra:
                t.misses.extend(f"{row['id']} extra {c.kind} {c.value.text if c.value else c.actor}" for i, c in enumerate(claims) if i not in used)
    return dict(tallies)


if __name__ == "__main__":
    import sys

    result = score()
    for name, t in sorted(result.items()):
        print(f"{name:<15} rows {t.rows:>3}  exact {t.clean_rows / t.rows:.2f}  recall {t.recall:.3f}  precision {t.precision:.3f}")
    if "-v" in sys.argv:
        print("\n".join(result["all"].misses))

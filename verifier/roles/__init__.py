"""The role reader: which figures and people of a sentence are casualties or arrests, and why.

A small facade over ``lexicon`` (cue words with every inflection), ``decide`` (the decision per figure
and person) and ``merge`` (joining the decisions to what the frames read). ``claims.analyse`` runs
it on every sentence; ``explain`` shows each decision.
"""

from __future__ import annotations

from .decide import read
from .lexicon import Cue, CueHit, Lexicon, compile_lexicon, default_lexicon
from .merge import merge
from .words import Decision

__all__ = ["Cue", "CueHit", "Decision", "Lexicon", "compile_lexicon", "default_lexicon", "merge", "read"]

"""`verifier extract` and `verifier check`. (Being written.)"""

from __future__ import annotations

from .app import app


@app.command()
def extract() -> None:
    """Extract checkable claims from a story."""

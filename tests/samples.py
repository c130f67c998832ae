"""Sample inputs shared by the intake tests: an article body, a whole news page, a PNG header.

The same page is decoded, extracted, served over HTTP and read as a reference file, so it is
written once here rather than in each test module.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from verifier.settings import Settings

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"

ARTICLE_BODY = "".join(
    f"<p>Paragraph {n}: officials said {n * 3} people were hurt in the storm that hit the coast on Monday.</p>"
    for n in range(1, 6)
)

PAGE = (
    '<html><head><title>Storm | Coast Gazette</title><meta property="og:site_name" content="Coast Gazette">'
    '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Storm hits coast",'
    ' "datePublished": "2021-03-04T08:00:00Z"}</script></head>'
    f"<body><nav><a href='/'>Home</a></nav><article>{ARTICLE_BODY}</article></body></html>"
)


def local(**overrides: object) -> Settings:
    """Settings for tests that talk to the loopback test server."""
    return Settings(allow_private_addresses=True, **overrides)  # type: ignore[arg-type]


def eval_path(*parts: str) -> Path:
    path = EVAL.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"eval data not found at {path}")
    return path

"""Fixtures of the lint tests: the shared corpus, the seed persona and the persona library."""

from __future__ import annotations

from pathlib import Path

import pytest

_MAIN = Path(__file__).resolve().parents[3]
_SHARED = _MAIN.parent / "shared"


@pytest.fixture(scope="session")
def corpus_files() -> list[Path]:
    """The real-world files of ../shared/corpus (read in place, never copied)."""
    files = [
        path for path in sorted((_SHARED / "corpus").glob("*.md")) if path.name != "SOURCES.md"
    ]
    if not files:
        pytest.skip("the shared corpus is not available")
    return files


@pytest.fixture(scope="session")
def seed_path() -> Path:
    path = _SHARED / "seeds" / "backend.chatmode.md"
    if not path.is_file():
        pytest.skip("the seed persona is not available")
    return path


@pytest.fixture(scope="session")
def library_files() -> list[Path]:
    files = sorted((_MAIN / "personas").glob("*.chatmode.md"))
    assert files, "the persona library is empty"
    return files

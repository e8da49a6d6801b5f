"""Shared fixtures: a fresh VNARCHIVE_HOME per test and the read-only material beside the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = REPO / "corpus"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty data directory, set as VNARCHIVE_HOME for the test."""
    data = tmp_path / "home"
    data.mkdir()
    monkeypatch.setenv("VNARCHIVE_HOME", str(data))
    return data


def shared_path(*parts: str) -> Path:
    """A path under ../shared; tests that need it skip with a reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not present beside the repository")
    return path

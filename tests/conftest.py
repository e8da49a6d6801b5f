"""Shared fixtures: a fresh VNARCHIVE_HOME per test (paths to the repository are in repo_paths)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty data directory, set as VNARCHIVE_HOME for the test."""
    data = tmp_path / "home"
    data.mkdir()
    monkeypatch.setenv("VNARCHIVE_HOME", str(data))
    return data


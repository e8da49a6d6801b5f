"""Where the repository and the read-only material beside it are, for tests in any folder.

A module of its own (not `conftest`), because several conftest.py files live under tests/ and
`import conftest` finds whichever comes first on sys.path.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = REPO / "corpus"


def shared_path(*parts: str) -> Path:
    """A path under ../shared; tests that need it skip with a reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not present beside the repository")
    return path

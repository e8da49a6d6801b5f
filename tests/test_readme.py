"""The README documents every command and every setting, and shows the two set-up commands first."""

from __future__ import annotations

import pytest
from repo_paths import REPO

from archive.settings import SETTINGS
from cli.main import cli

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_first_screen_shows_the_two_setup_commands():
    first_screen = "\n".join(README.splitlines()[:25])
    assert "make run" in first_screen
    assert "make test" in first_screen


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_is_documented(name):
    assert f"vnarchive {name}" in README, f"README does not mention `vnarchive {name}`"


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_documented_with_its_default(setting):
    rows = [line for line in README.splitlines() if f"`{setting.env}`" in line]
    assert rows, f"README has no row for {setting.env}"
    assert f"`{setting.default}`" in rows[0], f"README row for {setting.env} lacks {setting.default!r}"

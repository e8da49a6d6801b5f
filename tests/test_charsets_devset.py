"""The synthetic dev cases decode exactly to their gold text when their charset is given."""

from __future__ import annotations

import json
import unicodedata

import pytest
from repo_paths import SHARED

from converters import charsets

DEV = SHARED / "eval" / "dev"
# Variants that are one charset applied to the gold text; the others (lost letters, mixed spans,
# double UTF-8, HTML entities) need the repair steps, not just a table.
PLAIN = {"tcvn3_raw", "vni_raw", "viscii_raw", "vps_raw", "cp1258_raw", "viqr", "utf8_nfd", "utf8_clean",
         "utf16_bom", "control_utf8", "control_cp1252"}
MOJIBAKE = {"tcvn3_moji", "vni_moji"}  # legacy bytes read as cp1252 and saved as UTF-8


def _cases(variants: set[str]) -> list[dict]:
    if not (DEV / "manifest.json").exists():
        return []
    return [c for c in json.loads((DEV / "manifest.json").read_text()) if c["variant"] in variants]


def _gold(case: dict) -> str:
    return unicodedata.normalize("NFC", (DEV / f"{case['id']}.truth.txt").read_text(encoding="utf-8"))


@pytest.mark.skipif(not DEV.exists(), reason="../shared/eval/dev is not beside the repository")
@pytest.mark.parametrize("case", _cases(PLAIN), ids=lambda c: f"{c['id']}-{c['variant']}")
def test_plain_case_decodes_exactly(case: dict) -> None:
    data = (DEV / case["file"]).read_bytes()
    assert charsets.decode(data, case["charset"]) == _gold(case)


@pytest.mark.skipif(not DEV.exists(), reason="../shared/eval/dev is not beside the repository")
@pytest.mark.parametrize("case", _cases(MOJIBAKE), ids=lambda c: f"{c['id']}-{c['variant']}")
def test_mojibake_case_decodes_exactly_through_its_bytes(case: dict) -> None:
    seen = (DEV / case["file"]).read_bytes().decode("utf-8")
    data = charsets.cp1252_text_to_bytes(seen)
    assert data is not None
    assert charsets.decode(data, case["charset"]) == _gold(case)

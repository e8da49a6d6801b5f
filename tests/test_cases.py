"""Golden conversion cases (tests/cases/*.json), each checked for output, replay, idempotence and one
extra round of damage.

- in_the_wild.json: excerpts of the seed report 000 (TCVN3 read as cp1252, soft hyphens stripped);
  expected texts were checked by reading them.
- synthetic.json: one damage each (legacy read as cp1252, lost ư, twice-decoded UTF-8, NFD, HTML
  references, VIQR, mixed words, mixed inside a word, PDF U+2212, legacy read as cp1252 twice, UTF-8
  decoded three times, a short legacy line).
- negative.json: French, German, English, code, URLs, numbers, clean Vietnamese and short lines in other
  languages: must come back byte-identical (`expected` is the input).
- known_failures.json: strict xfail, so a case that starts passing must be promoted.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from converters import convert_text
from converters.charsets import encode
from converters.pipeline import replay

CASES = Path(__file__).parent / "cases"


def _load(name: str, *marks: pytest.MarkDecorator) -> list:
    cases = json.loads((CASES / name).read_text(encoding="utf-8"))
    return [
        pytest.param(case["input"], case.get("expected", case["input"]), id=f"{name[:-5]}: {case['name']}",
                     marks=marks)
        for case in cases
    ]


ALL = (
    _load("in_the_wild.json")
    + _load("synthetic.json")
    + _load("negative.json")
    + _load("known_failures.json", pytest.mark.xfail(strict=True, reason="known failure"))
)


def _tcvn3_mojibake(text: str) -> str:
    """Another round of the commonest damage: the text saved as TCVN3 and read back as cp1252
    (characters TCVN3 has no code for, such as typographic quotes, pass through as they are)."""
    out = []
    for ch in text:
        try:
            data = encode(ch, "tcvn3")
        except UnicodeEncodeError:
            out.append(ch)
            continue
        out += [chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252") for b in data]
    return "".join(out)


@pytest.mark.parametrize(("source", "expected"), ALL)
def test_case(source: str, expected: str) -> None:
    result = convert_text(source)
    assert result.text == expected
    assert replay(source, result.steps, result.encoding) == result.text
    assert convert_text(result.text).text == result.text  # idempotent
    if source == expected:
        assert result.steps == () and result.repairs == ()
    else:
        assert convert_text(_tcvn3_mojibake(expected)).text == expected

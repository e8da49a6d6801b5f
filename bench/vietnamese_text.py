"""Megabytes of real Vietnamese for the throughput benchmarks, with no line repeated.

Documents repeat words and short lines (headings, signatures), and the converter rightly reuses its work
for those; but repeating one document until the size is reached would let it reuse whole lines and
flatter the figure. So the text is every distinct line of the real Unicode sources (the corpus/ seeds 003
and 004, the dev gold texts and the real-corpus transcripts beside the repository when present), shuffled,
followed, until the size is reached, by new lines spliced from two random lines (the first half of one,
the second half of another), each kept only if it is new.
"""

from __future__ import annotations

import json
import random
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))

from converters import charsets  # noqa: E402


def source_lines() -> list[str]:
    """Distinct non-blank lines of real Vietnamese, NFC, in a fixed order."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "corpus").glob("00[34]_*.txt"))]
    dev = SHARED / "eval" / "dev"
    if (dev / "manifest.json").exists():
        texts += [(dev / f"{case['id']}.truth.txt").read_text(encoding="utf-8")
                  for case in json.loads((dev / "manifest.json").read_text())
                  if not case["variant"].startswith("control_")]
    transcripts = sorted((SHARED / "realcorpus" / "ground-truth").glob("*.txt"))
    texts += [p.read_text(encoding="utf-8") for p in transcripts]
    lines = (unicodedata.normalize("NFC", line.strip()) for text in texts for line in text.splitlines())
    return list(dict.fromkeys(line for line in lines if line))


def distinct_text(mb: float, seed: int = 1) -> str:
    """At least `mb` MB (UTF-8) of lines, none of them repeated."""
    rng = random.Random(seed)
    lines = source_lines()
    rng.shuffle(lines)
    seen = set(lines)
    out, size, target = [], 0, mb * 1024 * 1024
    for line in lines:
        if size >= target:
            break
        out.append(line)
        size += len(line.encode()) + 1
    while size < target:
        a, b = rng.choice(lines).split(), rng.choice(lines).split()
        line = " ".join(a[: len(a) // 2 + 1] + b[len(b) // 2:])
        if line not in seen:
            seen.add(line)
            out.append(line)
            size += len(line.encode()) + 1
    return "\n".join(out)


def repeated_lines(text: str) -> float:
    """Share of lines that occur earlier in `text` (0.0 for `distinct_text`)."""
    lines = text.split("\n")
    return 1 - len(set(lines)) / max(len(lines), 1)


def writable(text: str, label: str) -> str:
    """`text` as `label` can write it: capitals it lacks in small letters (TCVN3 has 12 capitals only
    in its capitals-only fonts, and typists wrote them so), other missing characters (“ ” in TCVN3) as '?'."""

    def fits(ch: str) -> bool:
        try:
            charsets.encode(ch, label)
        except UnicodeEncodeError:
            return False
        return True

    missing = [ch for ch in set(text) if not fits(ch)]
    return text.translate({ord(ch): ch.lower() if fits(ch.lower()) else "?" for ch in missing})

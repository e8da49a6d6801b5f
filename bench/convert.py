#!/usr/bin/env python3
"""Conversion speed per charset on >= 5 MB of real Vietnamese text: `python bench/convert.py`.

The text is corpus/003*, corpus/004* and the gold texts of ../shared/eval/dev (when present), repeated
until each charset's bytes reach --mb. For every charset it times
  decode    converters.charsets.decode(data, label)            (the table alone)
  --from    converters.convert_bytes(data, source_encoding=...) (what `vnarchive convert --from` runs)
  auto      converters.convert_bytes(data)                      (detection + repairs)
and, when the `viparse` package is importable, viparse.fix() on the same bytes (read as cp1252, the
way its tables expect) with the charset given, and how many times longer viparse took than our
decode and than --from (above 1x: we are faster).
"exact" is the share of lines that came back identical to the source text (spacing folded).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from converters import charsets, convert_bytes  # noqa: E402

DEV = REPO.parent / "shared" / "eval" / "dev"
BENCH_LABELS = ("tcvn3", "vni", "viscii", "vps", "cp1258", "viqr", "utf-8", "utf-16")
VIPARSE_LABELS = ("tcvn3", "vni", "viscii", "vps")


def source_text() -> str:
    """Real Vietnamese prose and man pages: the two Unicode seeds and the dev gold texts."""
    parts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "corpus").glob("00[34]_*.txt"))]
    if (DEV / "manifest.json").exists():
        seen: set[str] = set()
        for case in json.loads((DEV / "manifest.json").read_text()):
            if case["variant"].startswith("control_"):
                continue
            gold = (DEV / f"{case['id']}.truth.txt").read_text(encoding="utf-8")
            if gold not in seen:
                seen.add(gold)
                parts.append(gold)
    return unicodedata.normalize("NFC", "\n".join(parts))


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


def best_seconds(run: Callable[[], object], repeat: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def exact_lines(got: str, want: str) -> float:
    """Share of lines identical to the source, spacing folded (viparse trims every line)."""
    g, w = got.split("\n"), want.split("\n")
    return sum(a.split() == b.split() for a, b in zip(g, w, strict=False)) / max(len(w), 1)


def viparse_fix() -> Callable[[bytes, str], str] | None:
    try:
        import viparse
    except ImportError:
        return None
    return lambda data, label: viparse.fix(charsets.decode(data, "cp1252"), encoding=label)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="bytes per charset, in MB (default 5)")
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs for the table decode")
    parser.add_argument("--labels", default=",".join(BENCH_LABELS), help="comma-separated charsets")
    args = parser.parse_args()

    base = source_text()
    other = viparse_fix()
    rows = []
    for label in args.labels.split(","):
        text = writable(base, label)
        unit = charsets.encode(text, label)
        copies = int(args.mb * 1024 * 1024 // len(unit)) + 1
        text = "\n".join([text] * copies)
        data = charsets.encode(text, label)
        mb = len(data) / 1024 / 1024
        t_decode, decoded = best_seconds(lambda d=data, lb=label: charsets.decode(d, lb), args.repeat)
        t_from, conv_from = best_seconds(lambda d=data, lb=label: convert_bytes(d, source_encoding=lb), 1)
        t_auto, conv_auto = best_seconds(lambda d=data: convert_bytes(d), 1)
        row = [label, f"{mb:.1f}", f"{mb / t_decode:.1f}", f"{exact_lines(decoded, text):.3f}",
               f"{mb / t_from:.1f}", f"{exact_lines(conv_from.text, text):.3f}",
               f"{mb / t_auto:.1f}", conv_auto.encoding, f"{exact_lines(conv_auto.text, text):.3f}"]
        if other is not None and label in VIPARSE_LABELS:
            t_vp, vp_text = best_seconds(lambda d=data, lb=label: other(d, lb), 1)
            row += [f"{mb / t_vp:.1f}", f"{exact_lines(vp_text, text):.3f}", f"{t_vp / t_decode:.0f}x",
                    f"{t_vp / t_from:.1f}x"]
        else:
            row += ["-", "-", "-", "-"]
        rows.append(row)
        print(f"  {label}: done", file=sys.stderr)

    header = ["charset", "MB", "decode MB/s", "exact", "--from MB/s", "exact", "auto MB/s", "auto label",
              "exact", "viparse MB/s", "exact", "decode vs viparse", "--from vs viparse"]
    if other is None:
        print("(viparse is not installed: `pip install -e .[bench]` to compare)", file=sys.stderr)
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Conversion speed per charset on >= 5 MB of real Vietnamese text: `python bench/convert.py`.

The text is real Vietnamese with no line repeated (bench/vietnamese_text.py: the Unicode seeds, the dev
gold texts and the real-corpus transcripts, then lines spliced from them), --mb of it per charset.
For every charset it times
  decode    converters.charsets.decode(data, label)            (the table alone)
  --from    converters.convert_bytes(data, source_encoding=...) (what `vnarchive convert --from` runs)
  auto      converters.convert_bytes(data)                      (detection + repairs)
and, when the `viparse` package is importable, viparse.fix() on the same bytes (read as cp1252, the
way its tables expect) with the charset given, and how many times longer viparse took than our
decode, --from and auto (above 1x: we are faster). Times are CPU time (the machine is often shared).
"exact" is the share of lines that came back identical to the source text (spacing folded).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from vietnamese_text import distinct_text, repeated_lines, writable  # noqa: E402

from converters import charsets, convert_bytes  # noqa: E402

BENCH_LABELS = ("tcvn3", "vni", "viscii", "vps", "cp1258", "viqr", "utf-8", "utf-16")
VIPARSE_LABELS = ("tcvn3", "vni", "viscii", "vps")


def best_seconds(run: Callable[[], object], repeat: int) -> tuple[float, object]:
    """The least CPU time of `repeat` runs (CPU time: the machine is often shared) and the result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.process_time()
        result = run()
        best = min(best, time.process_time() - start)
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

    base = distinct_text(args.mb)
    size = len(base.encode()) / 2**20
    print(f"  {size:.1f} MB of Vietnamese, {repeated_lines(base):.1%} of lines repeated", file=sys.stderr)
    other = viparse_fix()
    rows = []
    for label in args.labels.split(","):
        text = writable(base, label)
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
                    f"{t_vp / t_from:.1f}x", f"{t_vp / t_auto:.1f}x"]
        else:
            row += ["-", "-", "-", "-", "-"]
        rows.append(row)
        print(f"  {label}: done", file=sys.stderr)

    header = ["charset", "MB", "decode MB/s", "exact", "--from MB/s", "exact", "auto MB/s", "auto label",
              "exact", "viparse MB/s", "exact", "decode vs viparse", "--from vs viparse", "auto vs viparse"]
    if other is None:
        print("(viparse is not installed: `pip install -e .[bench]` to compare)", file=sys.stderr)
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()

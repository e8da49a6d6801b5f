"""Auto-detect + repair throughput on legacy text that was already read as cp1252 (the seed-000 damage).

    python bench/repair.py [--mb 5]

The input is --mb of real Vietnamese with no line repeated (bench/vietnamese_text.py) damaged the way
corpus/000 is: TCVN3 read as cp1252 with every ư (byte 0xAD, the soft hyphen) lost and 1 word in 40 left
in Unicode; the same text as plain TCVN3 read as cp1252 (nothing lost, no Unicode word); and as VNI read
as cp1252. It times `converters.convert_bytes` (no
charset given: detection, per-word decisions, lost-ư restoration and the change records) and, when
the `viparse` package is installed, `viparse.fix(text)` on the same text in the same run. Both wall
time and CPU time are shown: on a shared machine CPU time is the fairer figure. The change records
(`Conversion.repairs`) are worked out on first use; "with records" adds the CPU time of listing them.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from vietnamese_text import distinct_text, writable  # noqa: E402

from converters import convert_bytes  # noqa: E402
from converters.charsets import encode  # noqa: E402

UNICODE_SHARE = 1 / 40  # words already in Unicode among the legacy ones, about as often as in corpus/000


def timed(run: Callable[[], object]) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def read_as_cp1252(data: bytes) -> str:
    """Bytes as a Windows editor showed them; the five bytes cp1252 leaves undefined pass through."""
    undefined = (0x81, 0x8D, 0x8F, 0x90, 0x9D)
    return "".join(chr(b) if b in undefined else bytes([b]).decode("cp1252") for b in data)


def tcvn3_damaged(text: str, rng: random.Random) -> str:
    """Each word TCVN3 read as cp1252 with its soft hyphens (ư) stripped, or, now and then, still Unicode."""
    def word(w: str) -> str:
        if rng.random() < UNICODE_SHARE:
            return w
        return read_as_cp1252(encode(w, "tcvn3")).replace("\xad", "")
    return "\n".join(" ".join(word(w) for w in line.split(" ")) for line in text.split("\n"))


def inputs(mb: float, seed: int = 1) -> dict[str, str]:
    text = distinct_text(mb, seed)
    rng = random.Random(7)
    tcvn3 = writable(text, "tcvn3")
    return {"tcvn3 read as cp1252, lost ư, 1 word in 40 Unicode": tcvn3_damaged(tcvn3, rng),
            "tcvn3 read as cp1252": read_as_cp1252(encode(tcvn3, "tcvn3")),
            "vni read as cp1252": read_as_cp1252(encode(writable(text, "vni"), "vni"))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="MB of text per input (default 5)")
    args = parser.parse_args()
    try:
        import viparse
    except ImportError:
        viparse = None
        print("(viparse is not installed: `pip install -e .[bench]` to compare)", file=sys.stderr)
    # Loading the language model and the charset tables happens once per process, not per MB: both
    # tools first convert a few lines of other text damaged the same ways.
    for text in inputs(0.02, seed=2).values():
        len(convert_bytes(text.encode()).repairs)
        if viparse is not None:
            viparse.fix(text)
    print("| input | MB | vnarchive MB/s (wall) | vnarchive MB/s (CPU) | with records (CPU) "
          "| viparse MB/s (wall) | viparse MB/s (CPU) | CPU ratio |")
    print("|---|---|---|---|---|---|---|---|")
    for name, text in inputs(args.mb).items():
        data = text.encode()
        mb = len(data) / 1024 / 1024
        wall, cpu, conversion = timed(lambda d=data: convert_bytes(d))
        _, listing, _ = timed(lambda c=conversion: len(c.repairs))
        row = [name, f"{mb:.1f}", f"{mb / wall:.2f}", f"{mb / cpu:.2f}", f"{mb / (cpu + listing):.2f}"]
        if viparse is not None:
            v_wall, v_cpu, _ = timed(lambda t=text: viparse.fix(t))
            row += [f"{mb / v_wall:.2f}", f"{mb / v_cpu:.2f}", f"{v_cpu / cpu:.1f}x"]
        else:
            row += ["-", "-", "-"]
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()

"""Auto-detect + repair throughput on legacy text that was already read as cp1252 (the seed-000 damage).

    python bench/repair.py [--mb 5]

The input is corpus/000 (TCVN3 read as cp1252, lost ư, some Unicode words) and the same Vietnamese
re-damaged as VNI read as cp1252, each repeated to --mb. It times `converters.convert_bytes` (no
charset given: detection, per-word decisions, lost-ư restoration and the change records) and, when
the `viparse` package is installed, `viparse.fix(text)` on the same text in the same run. Both wall
time and CPU time are shown: on a shared machine CPU time is the fairer figure.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from converters import convert_bytes, convert_text  # noqa: E402
from converters.charsets import encode  # noqa: E402


def timed(run: Callable[[], object]) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def inputs(mb: float) -> dict[str, str]:
    seed = next((REPO / "corpus").glob("000_*.txt")).read_text(encoding="utf-8")
    clean = convert_text(seed).text.replace("“", '"').replace("”", '"')
    vni = "".join(chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252")
                  for b in encode(clean, "vni"))
    out = {}
    for name, text in (("tcvn3 read as cp1252, lost ư (seed 000)", seed), ("vni read as cp1252", vni)):
        copies = int(mb * 1024 * 1024 // len(text.encode())) + 1
        out[name] = "\n".join([text] * copies)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="MB of text per input (default 5)")
    args = parser.parse_args()
    try:
        import viparse
    except ImportError:
        viparse = None
        print("(viparse is not installed: `pip install -e .[bench]` to compare)", file=sys.stderr)
    convert_bytes(b"warm up the language model")
    print("| input | MB | vnarchive MB/s (wall) | vnarchive MB/s (CPU) | viparse MB/s (wall) "
          "| viparse MB/s (CPU) | CPU ratio |")
    print("|---|---|---|---|---|---|---|")
    for name, text in inputs(args.mb).items():
        data = text.encode()
        mb = len(data) / 1024 / 1024
        wall, cpu, _ = timed(lambda d=data: convert_bytes(d))
        row = [name, f"{mb:.1f}", f"{mb / wall:.2f}", f"{mb / cpu:.2f}"]
        if viparse is not None:
            v_wall, v_cpu, _ = timed(lambda t=text: viparse.fix(t))
            row += [f"{mb / v_wall:.2f}", f"{mb / v_cpu:.2f}", f"{v_cpu / cpu:.1f}x"]
        else:
            row += ["-", "-", "-"]
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()

"""Score the converter on ../shared/eval/dev: per variant char / diacritic / syllable, and control identity.

Runs every case twice: auto-detect (no charset given) and with the manifest's charset (`--from`).
Prints one table (markdown) per mode. Usage: python bench/devset.py [--failures]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
DEV = REPO.parent / "shared" / "eval" / "dev"
SCORE = REPO.parent / "shared" / "eval" / "score.py"

from converters import convert_file  # noqa: E402


def scorer():
    """score(pred, truth) -> dict from ../shared/eval/score.py."""
    spec = importlib.util.spec_from_file_location("score", SCORE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score


def run(mode: str, cases: list[dict], score, failures: bool) -> list[str]:
    rows: dict[str, list[dict]] = defaultdict(list)
    for case in cases:
        truth = (DEV / f"{case['id']}.truth.txt").read_text(encoding="utf-8")
        charset = case["charset"] if mode == "from" else None
        conversion = convert_file(DEV / case["file"], source_encoding=charset).conversion
        result = score(conversion.text, truth)
        result["identical"] = conversion.text == truth
        result["label_ok"] = label_ok(conversion.encoding, case["charset"], case["variant"],
                                      (DEV / case["file"]).read_bytes())
        rows[case["variant"]].append(result)
        bad = result["diacritic"] < 0.999 or result["syllable"] < 0.999
        if failures and (bad or (case["variant"].startswith("control") and not result["identical"])):
            print(f"  {mode} {case['id']} {case['variant']} -> {conversion.encoding}: {result}")
    return table(mode, rows)


def label_ok(label: str, expected: str, variant: str, data: bytes) -> bool:
    """True when `label` is the case's charset, or ascii for a control text with no byte above 127
    (rightly so, whatever made it)."""
    return label == expected or (label == "ascii" and variant.startswith("control") and data.isascii())


def table(mode: str, rows: dict[str, list[dict]]) -> list[str]:
    """Markdown table of the mean scores per variant; each row dict has char, diacritic, syllable,
    identical and label_ok."""
    lines = [
        f"| variant ({mode}) | cases | char | diacritic | syllable | identical | label ok |",
        "|---|---|---|---|---|---|---|",
    ]
    for variant in sorted(rows):
        group = rows[variant]
        n = len(group)
        mean = {k: sum(r[k] for r in group) / n for k in ("char", "diacritic", "syllable")}
        lines.append(
            f"| {variant} | {n} | {mean['char']:.4f} | {mean['diacritic']:.4f} | {mean['syllable']:.4f} "
            f"| {sum(r['identical'] for r in group)}/{n} | {sum(r['label_ok'] for r in group)}/{n} |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="list every case below 0.999")
    parser.add_argument("--mode", choices=("auto", "from", "both"), default="both")
    args = parser.parse_args()
    if not DEV.exists():
        sys.exit(f"{DEV} is not present beside the repository")
    cases = json.loads((DEV / "manifest.json").read_text(encoding="utf-8"))
    score = scorer()
    for mode in ("auto", "from") if args.mode == "both" else (args.mode,):
        start = time.perf_counter()
        lines = run(mode, cases, score, args.failures)
        print("\n".join(lines))
        print(f"\n{len(cases)} cases, {time.perf_counter() - start:.1f} s\n")


if __name__ == "__main__":
    main()

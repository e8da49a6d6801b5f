"""Ingest throughput and memory: the 81 real-corpus files and 10,000 generated text files.

Each scenario runs in its own process with a fresh temporary VNARCHIVE_HOME, so peak RSS is that
scenario's alone. Prints a table.

    .venv/bin/python bench/ingest.py                 # both scenarios
    .venv/bin/python bench/ingest.py --files 2000    # fewer generated files
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REAL = REPO.parent / "shared" / "realcorpus" / "files"
VOCABULARY = ("báo cáo quyết định nghị định thông tư công văn kế hoạch ủy ban nhân dân tỉnh thành phố huyện "
         "xã phường bộ tài chính xây dựng nội vụ đô thị quy hoạch đất đai rừng thuế ngân sách đầu tư "
         "phát triển kinh tế xã hội năm tháng ngày số về việc ban hành chương trình thực hiện hướng dẫn "
         "cải cách hành chính giao thông môi trường dân số giáo dục y tế nông nghiệp công nghiệp")
WORDS = tuple(VOCABULARY.split())


def generate(folder: Path, count: int, seed: int = 6) -> None:
    """`count` distinct Vietnamese text files of about 2 KB, in folders of 500."""
    rng = random.Random(seed)
    for i in range(count):
        sub = folder / f"batch-{i // 500:03}"
        sub.mkdir(parents=True, exist_ok=True)
        body = " ".join(rng.choice(WORDS) for _ in range(300))
        year = 1990 + i % 30
        heading = f"Số: {i}/{year}/QĐ-UBND\nngày {i % 28 + 1} tháng {i % 12 + 1} năm {year}\n"
        (sub / f"vb-{i:05}.txt").write_text(heading + "QUYẾT ĐỊNH\n" + body + "\n", encoding="utf-8")


def run_one(source: Path, home: Path) -> dict:
    """Ingest `source` twice into `home` (inside this process) and report timings and peak RSS."""
    from archive.settings import Settings
    from service import Service

    svc = Service(Settings({"home": str(home)}))
    first = svc.ingest([source], recursive=True)
    started = time.monotonic()
    second = svc.ingest([source], recursive=True)
    again = time.monotonic() - started
    check_started = time.monotonic()
    check = svc.check()
    check_seconds = time.monotonic() - check_started
    return {
        "files": len(first.outcomes), "added": first.count("added"), "linked": first.count("linked"),
        "failed": first.count("failed"), "seconds": first.seconds, "files_per_second": first.files_per_second,
        "again_seconds": again, "again_unchanged": second.count("unchanged"), "check_seconds": check_seconds,
        "check_ok": check.ok,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "children_peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def scenario(name: str, source: Path) -> dict:
    # ignore_cleanup_errors: a failed clean-up of the temporary home must not lose a long run's numbers
    with tempfile.TemporaryDirectory(prefix="vnarchive-bench-", ignore_cleanup_errors=True) as tmp:
        out = subprocess.run([sys.executable, __file__, "--one", str(source), str(Path(tmp) / "home")],
                             capture_output=True, text=True, cwd=REPO)
        if out.returncode != 0:
            sys.exit(f"{name}: the run failed:\n{out.stderr[-3000:]}")
        result = {"scenario": name, **json.loads(out.stdout.splitlines()[-1])}
        print(json.dumps(result), file=sys.stderr)  # each row as soon as it is measured
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000, help="generated text files (default 10000)")
    parser.add_argument("--skip-real", action="store_true", help="skip the real-corpus scenario")
    parser.add_argument("--one", nargs=2, metavar=("SOURCE", "HOME"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        sys.path.insert(0, str(REPO))
        print(json.dumps(run_one(Path(args.one[0]), Path(args.one[1]))))
        return
    rows = []
    if not args.skip_real:
        if REAL.is_dir():
            rows.append(scenario("real corpus (81 office files)", REAL))
        else:
            print(f"skipping the real corpus: {REAL} is not present", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="vnarchive-gen-", ignore_cleanup_errors=True) as tmp:
        generate(Path(tmp), args.files)
        rows.append(scenario(f"generated text ({args.files:,} files)", Path(tmp)))
    print(f"{'scenario':<34} {'files':>6} {'failed':>6} {'seconds':>8} {'files/s':>8} {'again s':>8} "
          f"{'check s':>8} {'peak RSS MB':>11} {'children MB':>11}")
    for r in rows:
        print(f"{r['scenario']:<34} {r['files']:>6} {r['failed']:>6} {r['seconds']:>8.1f} "
              f"{r['files_per_second']:>8.1f} {r['again_seconds']:>8.1f} {r['check_seconds']:>8.1f} "
              f"{r['peak_rss_mb']:>11.0f} {r['children_peak_rss_mb']:>11.0f}")


if __name__ == "__main__":
    main()

"""Peak memory and time of extraction on large files: a 200-page PDF and a ~50 MB spreadsheet.

    .venv/bin/python bench/formats_memory.py              # builds the files in a temporary directory
    .venv/bin/python bench/formats_memory.py --pages 50 --rows 200000

The PDF is written by python-docx and printed by LibreOffice; the .xlsx by openpyxl in write-only mode
(random numbers and Vietnamese text, so it does not compress away). Each extraction runs in a fresh
Python process and reports its own peak resident memory (ru_maxrss), so the figures do not mix.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SENTENCE = ("Căn cứ Nghị định số 178/CP ngày 28 tháng 10 năm 1994 của Chính phủ quy định chức năng, nhiệm vụ "
            "và tổ chức bộ máy của Bộ Tài chính; theo đề nghị của Vụ trưởng Vụ chế độ kế toán. ")
MEASURE = """
import json, resource, sys, time
from pathlib import Path
from converters.formats import extract
started = time.perf_counter()
extraction = extract(Path(sys.argv[1]), timeout=3600, max_mb=1024)
chars = sum(len(run.text) for run in extraction.runs)
print(json.dumps({"seconds": time.perf_counter() - started, "peak_mb": resource.getrusage(
    resource.RUSAGE_SELF).ru_maxrss / 1024, "pages": extraction.pages, "chars": chars}))
"""


def make_pdf(folder: Path, pages: int) -> Path:
    import docx

    from converters.formats.libreoffice import converted

    document = docx.Document()
    for _ in range(pages * 15 // 2):  # about 7.5 of these 4-line paragraphs fill a page at 11 pt
        document.add_paragraph(SENTENCE * 2)
    source = folder / "long.docx"
    document.save(source)
    with converted(source, "pdf", timeout=3600) as pdf:
        target = folder / "long.pdf"
        shutil.copyfile(pdf, target)
    return target


def make_xlsx(folder: Path, rows: int) -> Path:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Bieu")
    rng = random.Random(5)
    words = SENTENCE.split()
    for r in range(rows):
        sheet.append([r, *(rng.random() * 1e6 for _ in range(14)), " ".join(rng.sample(words, 4)),
                      rng.choice(words), rng.randint(0, 10**9)])
    target = folder / "big.xlsx"
    book.save(target)
    return target


def measure(path: Path) -> dict:
    result = subprocess.run([sys.executable, "-c", MEASURE, str(path)], capture_output=True, text=True,
                            cwd=REPO, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=200, help="pages of the PDF (default 200)")
    parser.add_argument("--rows", type=int, default=450_000, help="rows of the .xlsx (default ≈ 50 MB)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="vnarchive-bench-") as tmp:
        folder = Path(tmp)
        print("| file | size | pages/sheets | characters | seconds | peak RSS |")
        print("|---|---|---|---|---|---|")
        for label, build in ((f"{args.pages}-page PDF", lambda: make_pdf(folder, args.pages)),
                             (f"{args.rows:,}-row .xlsx", lambda: make_xlsx(folder, args.rows))):
            started = time.perf_counter()
            path = build()
            built = time.perf_counter() - started
            figures = measure(path)
            print(f"| {label} (built in {built:.0f} s) | {path.stat().st_size / 1048576:.1f} MB | "
                  f"{figures['pages']} | {figures['chars']:,} | {figures['seconds']:.1f} | "
                  f"{figures['peak_mb']:.0f} MB |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

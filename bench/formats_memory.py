"""Peak memory and time of extraction on large files: a 200-page PDF, a ~50 MB .xls and a .xlsx.

    .venv/bin/python bench/formats_memory.py              # builds the files in a temporary directory
    .venv/bin/python bench/formats_memory.py --pages 50 --xls-rows 50000 --rows 0

The PDF is written by python-docx and printed by LibreOffice; the .xls by xlwt (the `bench` extra) with
TCVN3 text in `.VnTime` cells, 65,000 rows a sheet; the .xlsx by openpyxl in write-only mode (random
numbers and Vietnamese text, so neither compresses away). Each extraction runs in a fresh Python process
that samples the proportional resident memory (PSS: pages shared with a forked child count once) of
itself and its children (a PDF is read in a child process) every 20 ms and reports the peak, so the
figures do not mix.
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
XLS_SHEET_ROWS = 65_000  # BIFF8 allows 65,536 rows a sheet
sys.path.insert(0, str(REPO))

SENTENCE = ("Căn cứ Nghị định số 178/CP ngày 28 tháng 10 năm 1994 của Chính phủ quy định chức năng, nhiệm vụ "
            "và tổ chức bộ máy của Bộ Tài chính; theo đề nghị của Vụ trưởng Vụ chế độ kế toán. ")
MEASURE = """
import json, sys, threading, time
from pathlib import Path
import psutil
from converters.formats import extract

peak, done = 0, threading.Event()
def sample():
    global peak
    me = psutil.Process()
    while not done.is_set():
        total = 0
        for process in [me, *me.children(recursive=True)]:
            try:
                total += process.memory_full_info().pss  # shared pages of forked children count once
            except psutil.Error:
                pass
        peak = max(peak, total)
        done.wait(0.02)

sampler = threading.Thread(target=sample, daemon=True)
sampler.start()
started = time.perf_counter()
extraction = extract(Path(sys.argv[1]), timeout=3600, max_mb=1024)
seconds = time.perf_counter() - started
chars = sum(len(run.text) for run in extraction.runs)
done.set()
sampler.join()
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the process that started this one
hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
peak = max(peak, int(hwm.split()[1]) * 1024)
print(json.dumps({"seconds": seconds, "peak_mb": peak / 1048576, "pages": extraction.pages, "chars": chars}))
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


def make_xls(folder: Path, rows: int) -> Path:
    import xlwt

    from converters.charsets import encode

    book = xlwt.Workbook()
    legacy = xlwt.easyxf("font: name .VnTime")
    rng = random.Random(5)
    words = [encode(word, "tcvn3").decode("cp1252") for word in SENTENCE.split()]
    for first in range(0, rows, XLS_SHEET_ROWS):
        sheet = book.add_sheet(f"Bieu {first // XLS_SHEET_ROWS + 1}")
        for r in range(min(XLS_SHEET_ROWS, rows - first)):
            sheet.write(r, 0, first + r)
            for c in range(1, 15):
                sheet.write(r, c, rng.random() * 1e6)
            sheet.write(r, 15, " ".join(rng.sample(words, 4)), legacy)
            sheet.write(r, 16, rng.choice(words), legacy)
            sheet.write(r, 17, rng.randint(0, 10**9))
    target = folder / "big.xls"
    book.save(str(target))
    return target


def measure(path: Path) -> dict:
    result = subprocess.run([sys.executable, "-c", MEASURE, str(path)], capture_output=True, text=True,
                            cwd=REPO, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=200, help="pages of the PDF (default 200)")
    parser.add_argument("--xls-rows", type=int, default=160_000, help="rows of the .xls (default ≈ 50 MB)")
    parser.add_argument("--rows", type=int, default=60_000, help="rows of the .xlsx (default ≈ 13 MB)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="vnarchive-bench-") as tmp:
        folder = Path(tmp)
        print("| file | size | pages/sheets | characters | seconds | peak RSS |")
        print("|---|---|---|---|---|---|")
        for label, build in ((f"{args.pages}-page PDF", lambda: make_pdf(folder, args.pages)),
                             (f"{args.xls_rows:,}-row .xls", lambda: make_xls(folder, args.xls_rows)),
                             (f"{args.rows:,}-row .xlsx", lambda: make_xlsx(folder, args.rows))):
            if label[0] == "0":
                continue
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

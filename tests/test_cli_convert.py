"""`vnarchive convert` and `vnarchive detect`: files written, lines printed, exit codes, exact errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from pdf_files import ENDLESS_PAGE, pdf_with_page_content
from repo_paths import REPO

from cli.convert_report import Outcome, diff_lines
from cli.main import cli
from converters import Conversion, Repair

VIET = "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\n"
TCVN3_BYTES = (b"C\xe9ng h\xdfa x\xb7 h\xe9i ch\xf1 ngh\xdca Vi\xd6t Nam\n"
               b"\xa7\xe9c l\xcbp - T\xf9 do - H\xb9nh ph\xf3c\n")


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner(mix_stderr=False).invoke(cli, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def files(tmp_path: Path) -> Path:
    """src/ with a UTF-8 NFD file, a TCVN3 file and sub/nested.txt."""
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "nfd.txt").write_bytes(unicodedata.normalize("NFD", VIET).encode())
    (src / "tcvn3.txt").write_bytes(TCVN3_BYTES)
    (src / "sub" / "nested.txt").write_text("Hà Nội\n", encoding="utf-8")
    return src


def test_output_dir_gets_one_nfc_utf8_file_per_input(files: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, stderr = run("convert", files / "nfd.txt", "-o", out)
    assert (code, stderr) == (0, "")
    assert (out / "nfd.txt").read_text(encoding="utf-8") == VIET
    line = stdout.strip()
    assert line.startswith(f"{files / 'nfd.txt'}  utf-8  ") and line.endswith(f"  -> {out / 'nfd.txt'}")
    # the original is untouched
    assert (files / "nfd.txt").read_bytes() == unicodedata.normalize("NFD", VIET).encode()


def test_from_label_decodes_legacy_bytes(files: Path, tmp_path: Path) -> None:
    code, _, stderr = run("convert", files / "tcvn3.txt", "--from", "tcvn3", "-o", tmp_path / "out")
    assert (code, stderr) == (0, "")
    assert (tmp_path / "out" / "tcvn3.txt").read_text(encoding="utf-8") == VIET


def test_a_file_mojibaked_twice_is_converted_and_named_by_its_charset(tmp_path: Path) -> None:
    # TCVN3 read as cp1252 and saved as UTF-8, then that read as cp1252 and saved as UTF-8 again
    twice = TCVN3_BYTES.decode("cp1252").encode().decode("cp1252", errors="replace")
    src = tmp_path / "twice.txt"
    src.write_bytes(twice.encode())
    code, stdout, stderr = run("convert", src, "-o", tmp_path / "out", "--json")
    assert (code, stderr) == (0, "")
    assert (tmp_path / "out" / "twice.txt").read_text(encoding="utf-8") == VIET
    [file] = json.loads(stdout)["files"]
    assert file["encoding"] == "tcvn3"
    assert file["steps"][:2] == ["peel_utf8_layers", "undo_legacy_mojibake"]


def test_without_output_the_text_goes_to_stdout_and_the_line_to_stderr(files: Path) -> None:
    code, stdout, stderr = run("convert", files / "nfd.txt")
    assert code == 0
    assert stdout == VIET + "\n"
    assert stderr.startswith(f"{files / 'nfd.txt'}  utf-8  ")


def test_folders_give_their_files_and_recurse_with_r(files: Path, tmp_path: Path) -> None:
    flat, deep = tmp_path / "flat", tmp_path / "deep"
    assert run("convert", files, "-o", flat)[0] == 0
    assert sorted(p.relative_to(flat).as_posix() for p in flat.rglob("*.txt")) == ["nfd.txt", "tcvn3.txt"]
    assert run("convert", "-r", files, "-o", deep)[0] == 0
    assert (deep / "sub" / "nested.txt").read_text(encoding="utf-8") == "Hà Nội\n"


def test_an_output_folder_inside_the_input_is_not_converted_again(files: Path) -> None:
    out = files / "converted"
    assert run("convert", "-r", files, "-o", out)[0] == 0
    code, stdout, _ = run("convert", "-r", files, "-o", out)
    assert code == 0
    converted = [line.split("  ")[0] for line in stdout.splitlines()]
    assert converted == [str(files / "nfd.txt"), str(files / "sub" / "nested.txt"), str(files / "tcvn3.txt")]


def test_notepad_utf8_with_bom_holding_tcvn3_read_as_cp1252(tmp_path: Path) -> None:
    src = tmp_path / "notepad.txt"
    src.write_bytes(TCVN3_BYTES.decode("cp1252").encode("utf-8-sig"))
    code, stdout, stderr = run("convert", src, "-o", tmp_path / "out")
    assert (code, stderr) == (0, "")
    assert (tmp_path / "out" / "notepad.txt").read_text(encoding="utf-8") == VIET
    assert f"{src}  tcvn3  " in stdout


def test_utf16_without_a_bom_is_a_text_file(tmp_path: Path) -> None:
    src = tmp_path / "export.txt"
    src.write_bytes(VIET.encode("utf-16-le"))
    code, stdout, stderr = run("convert", src, "-o", tmp_path / "out")
    assert (code, stderr) == (0, "")
    assert (tmp_path / "out" / "export.txt").read_text(encoding="utf-8") == VIET
    assert f"{src}  utf-16  " in stdout


def test_missing_file_fails_alone_with_exit_1(files: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    code, _, stderr = run("convert", missing, files / "nfd.txt", "-o", tmp_path / "out")
    assert code == 1
    assert stderr == f"failed: {missing}: no such file\n"
    assert (tmp_path / "out" / "nfd.txt").exists()


def test_corrupt_file_gets_one_line_reason(tmp_path: Path) -> None:
    bad = tmp_path / "report.docx"
    bad.write_bytes(b"this is not a zip archive")
    code, stdout, stderr = run("convert", bad, "-o", tmp_path / "out")
    assert code == 1
    assert stderr == f"failed: {bad}: corrupt or truncated .docx file (its content is not in that format)\n"
    assert stdout == "" and not (tmp_path / "out" / "report.txt").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_gets_one_line_reason(files: Path, tmp_path: Path) -> None:
    locked = files / "nfd.txt"
    locked.chmod(0)
    try:
        code, _, stderr = run("convert", locked, "-o", tmp_path / "out")
    finally:
        locked.chmod(0o644)
    assert code == 1
    assert stderr == f"failed: {locked}: cannot read (permission denied)\n"


def test_bytes_that_are_not_the_given_charset_fail_with_the_offset(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"abc\xff def")
    code, stdout, stderr = run("convert", bad, "--from", "utf-8", "-o", tmp_path / "out")
    assert (code, stdout) == (1, "")
    assert stderr == f"failed: {bad}: not utf-8 (byte 0xFF at offset 3)\n"


def test_unknown_from_label_is_a_usage_error(files: Path) -> None:
    code, stdout, stderr = run("convert", files / "nfd.txt", "--from", "tcvn")
    assert code == 2
    assert stderr.splitlines()[-1] == (
        "Error: Invalid value for '--from': 'tcvn' is not one of 'tcvn3', 'vni', 'viscii', 'vps', 'viqr', "
        "'cp1258', 'utf-8', 'utf-16', 'cp1252', 'ascii'."
    )


@pytest.mark.parametrize(("args", "message"), [
    (["-o", "x", "--in-place"], "Error: use either -o OUTDIR or --in-place, not both"),
    (["--backup"], "Error: --backup goes with --in-place"),
])
def test_conflicting_options_are_usage_errors(files: Path, args: list[str], message: str) -> None:
    code, _, stderr = run("convert", files / "nfd.txt", *args)
    assert code == 2
    assert stderr.splitlines()[-1] == message


def test_in_place_with_backup_replaces_only_after_writing(files: Path) -> None:
    target = files / "tcvn3.txt"
    code, _, stderr = run("convert", target, "--from", "tcvn3", "--in-place", "--backup")
    assert (code, stderr) == (0, "")
    assert target.read_text(encoding="utf-8") == VIET
    assert (files / "tcvn3.txt.bak").read_bytes() == TCVN3_BYTES
    assert sorted(p.name for p in files.iterdir()) == ["nfd.txt", "sub", "tcvn3.txt", "tcvn3.txt.bak"]


def test_in_place_never_overwrites_an_earlier_backup(files: Path) -> None:
    target = files / "tcvn3.txt"
    assert run("convert", target, "--from", "tcvn3", "--in-place", "--backup")[0] == 0
    code, _, stderr = run("convert", target, "--in-place", "--backup")
    assert code == 1
    assert stderr == f"failed: {target}: {target}.bak already exists; move it away to keep a new backup\n"
    assert (files / "tcvn3.txt.bak").read_bytes() == TCVN3_BYTES


def test_output_never_overwrites_an_original(files: Path) -> None:
    code, _, stderr = run("convert", files / "nfd.txt", "-o", files)
    assert code == 1
    assert stderr == f"failed: {files / 'nfd.txt'}: -o would overwrite the original; use --in-place\n"
    assert (files / "nfd.txt").read_bytes() == unicodedata.normalize("NFD", VIET).encode()


def test_two_inputs_with_one_name_do_not_overwrite_each_other(files: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "nfd.txt").write_text("khác\n", encoding="utf-8")
    out = tmp_path / "out"
    code, _, stderr = run("convert", files / "nfd.txt", other / "nfd.txt", "-o", out)
    assert code == 1
    first, second = files / "nfd.txt", other / "nfd.txt"
    assert stderr == f"failed: {second}: {out / 'nfd.txt'} is already written from {first}\n"
    assert (out / "nfd.txt").read_text(encoding="utf-8") == VIET


def test_dry_run_writes_nothing(files: Path, tmp_path: Path) -> None:
    code, stdout, _ = run("convert", files, "-o", tmp_path / "out", "--dry-run")
    assert code == 0
    assert len(stdout.splitlines()) == 2
    assert not (tmp_path / "out").exists()


def test_json_and_report_list_every_file(files: Path, tmp_path: Path) -> None:
    missing = tmp_path / "gone.txt"
    report = tmp_path / "report.json"
    code, stdout, _ = run("convert", files / "tcvn3.txt", missing, "--from", "tcvn3", "--json",
                          "--report", report)
    assert code == 1
    data = json.loads(stdout)
    assert (data["converted"], data["failed"]) == (1, 1)
    first, second = data["files"]
    assert (first["file"], first["status"], first["encoding"], first["text"]) == (
        str(files / "tcvn3.txt"), "ok", "tcvn3", VIET)
    assert second == {"file": str(missing), "status": "failed", "error": f"{missing}: no such file"}
    saved = json.loads(report.read_text(encoding="utf-8"))
    assert saved["files"][1] == second and "text" not in saved["files"][0]


def test_markdown_report(files: Path, tmp_path: Path) -> None:
    report = tmp_path / "r.md"
    assert run("convert", files / "nfd.txt", "-o", tmp_path / "out", "--report", report)[0] == 0
    lines = report.read_text(encoding="utf-8").splitlines()
    assert lines[:4] == ["# Conversion report", "", "| file | encoding | confidence | repairs | to review |",
                         "|---|---|---|---|---|"]
    assert lines[4].startswith(f"| {files / 'nfd.txt'} | utf-8 | ")


def test_report_that_cannot_be_written_is_one_error_line(files: Path, tmp_path: Path) -> None:
    report = tmp_path / "no" / "such" / "dir" / "r.json"
    code, _, stderr = run("convert", files / "nfd.txt", "-o", tmp_path / "out", "--report", report)
    assert code == 1
    assert stderr == f"Error: cannot write the report {report} (No such file or directory)\n"
    assert (tmp_path / "out" / "nfd.txt").exists()


def test_diff_shows_each_repaired_line_before_and_after() -> None:
    text = "Báo cáo\nnăm tới và trước"
    repairs = (Repair(0, 3, "B¸o", "Báo", "decoded tcvn3", 0.97),
               Repair(4, 7, "c¸o", "cáo", "decoded tcvn3", 0.97),
               Repair(12, 15, "tíi", "tới", "lost ư", 0.7), Repair(19, 24, "tríc", "trước", "lost ư", 0.9))
    outcome = Outcome(Path("a.txt"), Conversion(text, "tcvn3", 0.9, repairs))
    assert diff_lines(outcome) == [
        "--- a.txt", "+++ a.txt (converted)",
        "@@ line 1 @@", "-B¸o c¸o", "+Báo cáo", "  decoded tcvn3 (2)",
        "@@ line 2 @@", "-năm tíi và tríc", "+năm tới và trước", "  lost ư (1)",
        "  to review: lost ư: tíi -> tới (0.70)",
    ]
    assert diff_lines(Outcome(Path("b.txt"), Conversion("x", "ascii", 1.0))) == []


def test_detect_prints_label_confidence_runner_up(files: Path, tmp_path: Path) -> None:
    code, stdout, _ = run("detect", files / "nfd.txt")
    assert code == 0
    path, label, confidence, runner = stdout.rstrip("\n").split("  ")
    assert (path, label) == (str(files / "nfd.txt"), "utf-8")
    assert 0 <= float(confidence) <= 1 and runner.startswith("runner-up ")
    code, stdout, stderr = run("detect", tmp_path / "none.txt", "--json")
    assert code == 1 and json.loads(stdout) == [{"file": str(tmp_path / "none.txt"),
                                                 "error": f"{tmp_path / 'none.txt'}: no such file"}]


@pytest.mark.parametrize("command", ["convert", "detect"])
def test_help_has_an_example(command: str) -> None:
    code, stdout, _ = run(command, "--help")
    assert code == 0 and "Example:" in stdout and f"vnarchive {command} " in stdout


def test_installed_command_converts_files_end_to_end(files: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    command = [str(Path(sys.executable).with_name("vnarchive"))]  # the console script of this environment
    proc = subprocess.run([*command, "convert", "--from", "tcvn3", str(files / "tcvn3.txt"), "-o", str(out)],
                          capture_output=True, text=True, timeout=120, cwd=REPO)
    assert (proc.returncode, proc.stderr) == (0, "")
    assert (out / "tcvn3.txt").read_text(encoding="utf-8") == VIET
    proc = subprocess.run([*command, "convert", "--from", "klingon", str(files)], capture_output=True,
                          text=True, timeout=120, cwd=REPO)
    assert proc.returncode == 2 and proc.stdout == ""


def test_a_pdf_page_that_never_ends_fails_within_the_office_timeout(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNARCHIVE_OFFICE_TIMEOUT", "2")
    path = pdf_with_page_content(tmp_path / "endless.pdf", ENDLESS_PAGE)
    code, _, err = run("convert", path, "-o", tmp_path / "out")
    assert code == 1
    reason = "gave up after 2 s without finishing a page (a damaged or pathological file)"
    assert err == f"failed: {path}: {reason}\n"


def test_a_bad_office_timeout_is_one_error_line(files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNARCHIVE_OFFICE_TIMEOUT", "soon")
    code, _, err = run("detect", files / "tcvn3.txt")
    assert code == 1
    assert err.startswith("Error: ") and "office_timeout" in err and err.count("\n") == 1


def test_a_file_with_utf8_appended_to_tcvn3_bytes(tmp_path: Path) -> None:
    appended = "Báo cáo bổ sung của hiệp hội\nNgười lập biểu: Trần Văn Nam\n"
    path = tmp_path / "mixed.txt"
    path.write_bytes(TCVN3_BYTES + appended.encode())
    report = tmp_path / "report.json"
    code, stdout, stderr = run("convert", path, "-o", tmp_path / "out", "--report", report)
    assert (code, stderr) == (0, "")
    assert stdout.startswith(f"{path}  tcvn3  ")
    assert (tmp_path / "out" / "mixed.txt").read_text(encoding="utf-8") == VIET + appended
    repairs = json.loads(report.read_text(encoding="utf-8"))["files"][0]["repairs"]
    assert {r["reason"] for r in repairs} == {"decoded utf-8"}
    assert "Báo cáo bổ sung" in " ".join(r["after"] for r in repairs)


def test_a_french_letter_in_utf8_appended_to_tcvn3_bytes_comes_out_as_written(tmp_path: Path) -> None:
    quoted = "Le président a présenté le budget de l’année prochaine — « très bien », dit-il.\n"
    path = tmp_path / "letter.txt"
    path.write_bytes(TCVN3_BYTES + quoted.encode())
    code, stdout, stderr = run("convert", path, "-o", tmp_path / "out")
    assert (code, stderr) == (0, "")
    assert stdout.startswith(f"{path}  tcvn3  ")
    assert (tmp_path / "out" / "letter.txt").read_bytes() == (VIET + quoted).encode()

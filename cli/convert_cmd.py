"""`vnarchive convert` and `vnarchive detect`: legacy Vietnamese files in, NFC Unicode out.

Each command gathers the files, calls `converters.convert_file` once per file (the command decodes
nothing itself) and renders the result; `convert` also writes the text where it was asked to.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import click

from archive.settings import SettingError, Settings
from cli.convert_report import Outcome, diff_lines, report_dict, summary_line, write_report
from cli.errors import one_line_errors
from converters import convert_file
from converters.charsets import LABELS
from converters.formats.base import ExtractionError


def gather(paths: tuple[Path, ...], recursive: bool, skip: Path | None = None) -> Iterator[tuple[Path, Path]]:
    """(file, its path relative to the folder it was found under), in a stable order.

    A folder gives its files (and, with `recursive`, its subfolders' files); hidden files, `.bak`
    backups and anything under `skip` (the output folder) are left out. A path that does not exist is
    passed on and fails with its own message.
    """
    skip = skip.resolve() if skip is not None else None
    for path in paths:
        if not path.is_dir():
            yield path, Path(path.name)
            continue
        found = path.rglob("*") if recursive else path.glob("*")
        for file in sorted(found):
            rel = file.relative_to(path)
            if skip is not None and file.resolve().is_relative_to(skip):
                continue
            if file.is_file() and not any(p.startswith(".") for p in rel.parts) and file.suffix != ".bak":
                yield file, rel


def convert_one(path: Path, source_encoding: str | None, limits: tuple[int, int] = (120, 100)) -> Outcome:
    """Run the converter on one file; every failure becomes a one-line reason naming the file.

    `limits` are the seconds one extraction step may take and the largest file in MB.
    """
    if not path.exists():
        return Outcome(path, error=f"{path}: no such file")
    try:
        timeout, max_mb = limits
        result = convert_file(path, source_encoding=source_encoding, timeout=timeout, max_mb=max_mb)
    except ExtractionError as exc:
        return Outcome(path, error=f"{path}: {_reason(str(exc), path)}")
    except PermissionError:
        return Outcome(path, error=f"{path}: cannot read (permission denied)")
    except OSError as exc:
        return Outcome(path, error=f"{path}: cannot read ({exc.strerror or exc})")
    except UnicodeDecodeError as exc:
        return Outcome(path, error=f"{path}: not {source_encoding or exc.encoding} "
                                   f"(byte 0x{exc.object[exc.start]:02X} at offset {exc.start})")
    return Outcome(path, result.conversion, format=result.extraction.format,
                   warnings=list(result.extraction.warnings))


def extraction_limits() -> tuple[int, int]:
    """The `office_timeout` and `max_upload_mb` settings (environment, then the home's config.toml)."""
    settings = Settings()
    return int(settings.office_timeout), int(settings.max_upload_mb)


def _reason(message: str, path: Path) -> str:
    """An ExtractionError already starts with the file name; keep just the reason."""
    return message.removeprefix(f"{path.name}: ")


def write_atomically(target: Path, text: str, *, backup: bool = False) -> None:
    """Write `text` (UTF-8) next to `target`, then rename it over `target`; the old file stays whole
    until the new one is complete. `backup` first keeps the old file as `target.bak`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():
            shutil.copymode(target, tmp)
            if backup:
                shutil.copy2(target, target.with_name(target.name + ".bak"))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _place(outcome: Outcome, rel: Path, outdir: Path | None, in_place: bool, backup: bool,
           taken: dict[Path, Path]) -> None:
    """Decide where the text goes (or fail the file: never over an original or an earlier backup,
    never twice to one file)."""
    if in_place:
        bak = outcome.path.with_name(outcome.path.name + ".bak")
        if outcome.format != "txt":
            outcome.error = (f"{outcome.path}: --in-place rewrites plain text files only, "
                             f"this is {outcome.format}; use -o OUTDIR")
        elif backup and bak.exists():
            outcome.error = f"{outcome.path}: {bak} already exists; move it away to keep a new backup"
        else:
            outcome.output = outcome.path
        return
    if outdir is None:
        return
    target = outdir / rel.with_suffix(".txt")
    resolved = target.resolve()
    if resolved == outcome.path.resolve():
        outcome.error = f"{outcome.path}: -o would overwrite the original; use --in-place"
    elif resolved in taken:
        outcome.error = f"{outcome.path}: {target} is already written from {taken[resolved]}"
    else:
        taken[resolved] = outcome.path
        outcome.output = target


@click.command("convert")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False, path_type=Path),
              metavar="OUTDIR",
              help="Write OUTDIR/NAME.txt (UTF-8) for each input; folders keep their layout.")
@click.option("--in-place", is_flag=True,
              help="Replace each text file with its conversion (temp file + rename).")
@click.option("--backup", is_flag=True, help="With --in-place: keep the original as FILE.bak.")
@click.option("--from", "source", type=click.Choice(LABELS), metavar="LABEL",
              help=f"Source charset instead of detecting it: {', '.join(LABELS)}.")
@click.option("--dry-run", is_flag=True, help="Convert and report, write nothing.")
@click.option("--diff", "show_diff", is_flag=True, help="Show each repair as a before/after line.")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.option("-r", "--recursive", is_flag=True, help="Also convert the files in subfolders.")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path),
              help="Write every file's repairs to FILE (JSON, or Markdown if FILE ends in .md).")
@one_line_errors(SettingError)
def convert(paths: tuple[Path, ...], outdir: Path | None, in_place: bool, backup: bool, source: str | None,
            dry_run: bool, show_diff: bool, as_json: bool, recursive: bool, report: Path | None) -> None:
    """Convert legacy Vietnamese files (TCVN3, VNI, VISCII, VPS, VIQR, CP1258, mojibake) to Unicode.

    Without -o or --in-place the text is printed. One line per file gives the file, the charset,
    the confidence and the number of repairs. Exit 0 when every file converted, 1 when some failed
    (each with its reason), 2 on a usage error. Originals are never changed without --in-place.

    \b
    Example:
        vnarchive convert corpus/000_cf02e17cb00853f7.txt
        vnarchive convert -r old/ -o converted/ --report repairs.md
        vnarchive convert --from vni --in-place --backup notes.txt
    """
    if outdir is not None and in_place:
        raise click.UsageError("use either -o OUTDIR or --in-place, not both")
    if backup and not in_place:
        raise click.UsageError("--backup goes with --in-place")
    to_stdout = outdir is None and not in_place and not dry_run and not as_json

    files = list(gather(paths, recursive, skip=outdir))
    limits = extraction_limits()
    outcomes: list[Outcome] = []
    taken: dict[Path, Path] = {}
    for path, rel in _progress(files):
        outcome = convert_one(path, source, limits)
        if not outcome.error:
            _place(outcome, rel, outdir, in_place, backup, taken)
        if not outcome.error and outcome.output and not dry_run:
            try:
                write_atomically(outcome.output, outcome.conversion.text, backup=backup)
            except OSError as exc:
                outcome.error = f"{path}: cannot write {outcome.output} ({exc.strerror or exc})"
        outcomes.append(outcome)
        if outcome.error:
            _say(summary_line(outcome), err=True)
            continue
        if not as_json:
            for line in [summary_line(outcome), *(diff_lines(outcome) if show_diff else ())]:
                _say(line, err=to_stdout)
        if to_stdout:
            _say(outcome.conversion.text)
    if as_json:
        click.echo(json.dumps(report_dict(outcomes, with_text=outdir is None and not in_place),
                              ensure_ascii=False, indent=2))
    if report is not None:
        try:
            write_report(report, outcomes)
        except OSError as exc:
            raise click.ClickException(f"cannot write the report {report} ({exc.strerror or exc})") from None
    if any(o.error for o in outcomes):
        sys.exit(1)


@click.command("detect")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-r", "--recursive", is_flag=True, help="Also look at the files in subfolders.")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@one_line_errors(SettingError)
def detect(paths: tuple[Path, ...], recursive: bool, as_json: bool) -> None:
    """Name the charset of each file, how sure the converter is, and the runner-up.

    \b
    Example:
        vnarchive detect corpus/*.txt
        vnarchive detect -r old/ --json
    """
    limits = extraction_limits()
    outcomes = [convert_one(path, None, limits) for path, _ in _progress(list(gather(paths, recursive)))]
    if as_json:
        rows = [{"file": str(o.path), "error": o.error} if o.error else
                {"file": str(o.path), "encoding": o.conversion.encoding,
                 "confidence": round(o.conversion.confidence, 3), "runner_up": o.conversion.runner_up}
                for o in outcomes]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    for o in outcomes:
        if o.error:
            _say(summary_line(o), err=True)
        elif not as_json:
            _say(f"{o.path}  {o.conversion.encoding}  {o.conversion.confidence:.2f}  "
                       f"runner-up {o.conversion.runner_up or '-'}")
    if any(o.error for o in outcomes):
        sys.exit(1)


def _say(line: str, *, err: bool = False) -> None:
    """Print one line; on a terminal, first wipe the progress bar drawn on the current line."""
    if sys.stderr.isatty() and (sys.stderr if err else sys.stdout).isatty():
        line = "\r\033[K" + line
    click.echo(line, err=err)


def _progress(files: list[tuple[Path, Path]]) -> Iterator[tuple[Path, Path]]:
    """The files, with a progress bar on stderr when it is a terminal and there is more than one."""
    if len(files) < 2 or not sys.stderr.isatty():
        yield from files
        return
    with click.progressbar(files, label="converting", file=sys.stderr, show_pos=True,
                           item_show_func=lambda item: str(item[0])[-40:] if item else "") as bar:
        yield from bar


COMMANDS: list = [convert, detect]

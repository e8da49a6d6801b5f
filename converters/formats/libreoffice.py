"""Convert a legacy binary office file (.doc, .ppt, .xls) to OOXML with LibreOffice headless.

One conversion at a time (a process-wide lock plus a file lock, because two `soffice` instances sharing a
machine trip over each other), each in a private profile directory that is thrown away afterwards, with a
timeout after which the whole process group is killed.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from converters.formats.base import ExtractionError

_LOCK = threading.Lock()
_LOCK_FILE = Path(tempfile.gettempdir()) / "vnarchive-soffice.lock"


def soffice_binary() -> str | None:
    """The LibreOffice executable on PATH, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


@contextmanager
def converted(path: Path, target: str, *, timeout: int = 120) -> Iterator[Path]:
    """Yield `path` converted to `target` ("docx", "xlsx", "pptx") in a temporary directory.

    Raises ExtractionError naming the file when LibreOffice is missing, fails, or times out.
    """
    binary = soffice_binary()
    if binary is None:
        raise ExtractionError(f"{path.name}: LibreOffice is needed to read .{path.suffix.lstrip('.')} files")
    with tempfile.TemporaryDirectory(prefix="vnarchive-lo-") as tmp:
        work = Path(tmp)
        # LibreOffice picks the import filter from the extension; give it a plain name it can parse.
        source = work / ("input" + (path.suffix.lower() or ".bin"))
        shutil.copyfile(path, source)
        outdir = work / "out"
        args = [
            binary,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless", "--norestore", "--nolockcheck", "--nodefault",
            "--convert-to", target, "--outdir", str(outdir), str(source),
        ]
        with _single_instance():
            _run(args, path, timeout)
        result = outdir / f"input.{target}"
        if not result.is_file() or result.stat().st_size == 0:
            raise ExtractionError(f"{path.name}: LibreOffice could not convert it (corrupt or unsupported)")
        yield result


@contextmanager
def _single_instance() -> Iterator[None]:
    with _LOCK, open(_LOCK_FILE, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _run(args: list[str], path: Path, timeout: int) -> None:
    env = dict(os.environ, SAL_USE_VCLPLUGIN="svp", HOME=str(Path(args[1].split("file://", 1)[1]).parent))
    proc = subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True
    )
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        message = f"{path.name}: LibreOffice could not convert it (timeout after {timeout} s)"
        raise ExtractionError(message) from None
    if proc.returncode != 0:
        reason = err.decode("utf-8", "replace").strip().splitlines()
        detail = reason[-1] if reason else f"exit status {proc.returncode}"
        raise ExtractionError(f"{path.name}: LibreOffice could not convert it ({detail})")

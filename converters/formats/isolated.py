"""Run an in-process reader in a child process under a time limit, so a pathological file cannot hang us.

pdfminer has no time limit of its own: a crafted PDF (a page whose content stream inflates to millions
of operators, a form that draws itself again and again) keeps it busy for as long as it likes. The
reader runs in a child forked from multiprocessing's fork server (a clean process, so forking is safe
from a threaded web server; ~20 ms a file once the server runs). The child reports after each unit of
work (a page); when no report comes within the limit the child is killed and the caller gets a
one-line ExtractionError naming the file. A long document is no problem as long as its pages come.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

from converters.formats.base import Extraction, ExtractionError

# reader(path, timeout=…, progress=…) -> Extraction; `progress()` is called after each unit of work.
Reader = Callable[..., Extraction]

_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["converters.formats.pdf"])


def run_isolated(reader: Reader, path: Path, *, timeout: float, unit: str = "page") -> Extraction:
    """`reader(path)` in a child process; ExtractionError when no `unit` is finished within `timeout` s."""
    receive, send = _CONTEXT.Pipe(duplex=False)
    child = _CONTEXT.Process(target=_child, args=(reader, path, timeout, send), daemon=True)
    child.start()
    send.close()  # the child holds the only sending end: its death ends the pipe
    try:
        while True:
            if not receive.poll(timeout):
                raise ExtractionError(f"{path.name}: gave up after {timeout:g} s without finishing a {unit} "
                                      "(a damaged or pathological file)")
            kind, value = receive.recv()
            if kind == "done":
                return value
            if kind == "error":
                raise ExtractionError(value)
    except EOFError:
        child.join(5)
        message = f"{path.name}: the reader stopped unexpectedly (exit code {child.exitcode})"
        raise ExtractionError(message) from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()


def _child(reader: Reader, path: Path, timeout: float, send: Connection) -> None:
    try:
        result = reader(path, timeout=timeout, progress=lambda: send.send(("progress", None)))
    except ExtractionError as exc:
        send.send(("error", str(exc)))
    except Exception as exc:  # a reader's bug still reaches the caller as one line naming the file
        detail = str(exc).splitlines()[0] if str(exc) else ""
        send.send(("error", f"{path.name}: could not be read ({type(exc).__name__}: {detail})"))
    else:
        send.send(("done", result))

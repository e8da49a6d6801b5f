"""What `vnarchive convert` prints and writes about each file: the summary line, the diff, the report."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from converters import Conversion, Repair


@dataclass
class Outcome:
    """One input file: its conversion, where the text went, or why it failed."""

    path: Path
    conversion: Conversion | None = None
    output: Path | None = None
    error: str | None = None
    format: str | None = None
    warnings: list[str] = field(default_factory=list)

    def to_dict(self, *, with_text: bool = False) -> dict:
        out: dict = {"file": str(self.path), "status": "failed" if self.error else "ok"}
        if self.error:
            out["error"] = self.error
            return out
        assert self.conversion is not None
        out["format"] = self.format
        out["output"] = str(self.output) if self.output else None
        out.update(self.conversion.to_dict(with_text=with_text))
        out["warnings"] = [*self.warnings, *out["warnings"]]
        return out


def summary_line(outcome: Outcome) -> str:
    """`file  encoding  confidence  N repairs (K to review)  -> output`."""
    if outcome.error:
        return f"failed: {outcome.error}"
    conv = outcome.conversion
    assert conv is not None
    repairs = f"{len(conv.repairs)} repair{'' if len(conv.repairs) == 1 else 's'}"
    if conv.review:
        repairs += f" ({len(conv.review)} to review)"
    line = f"{outcome.path}  {conv.encoding}  {conv.confidence:.2f}  {repairs}"
    return f"{line}  -> {outcome.output}" if outcome.output else line


def diff_lines(outcome: Outcome) -> list[str]:
    """The repairs as a line diff of the output: `-` the line as it was before the repairs, `+` after,
    then how many repairs of each kind made that change, and each one a person should review."""
    conv = outcome.conversion
    if conv is None or not conv.repairs:
        return []
    text = conv.text
    by_line: dict[int, list[Repair]] = {}
    for repair in conv.repairs:
        by_line.setdefault(text.count("\n", 0, repair.start), []).append(repair)
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    out = [f"--- {outcome.path}", f"+++ {outcome.path} (converted)"]
    for number in sorted(by_line):
        after, start = lines[number], starts[number]
        before = after
        for repair in sorted(by_line[number], key=lambda r: r.start, reverse=True):
            lo, hi = repair.start - start, repair.end - start
            before = before[:lo] + repair.before + before[hi:]
        out += [f"@@ line {number + 1} @@", f"-{before}", f"+{after}"]
        out += _reasons(by_line[number])
    return out


def _reasons(repairs: list[Repair]) -> list[str]:
    """`  reason (N)` for the sure repairs of a line, one line with its words per repair to review."""
    counts: dict[str, int] = {}
    for r in repairs:
        if not r.needs_review:
            counts[r.reason] = counts.get(r.reason, 0) + 1
    out = [f"  {reason} ({n})" for reason, n in counts.items()]
    return out + [f"  to review: {r.reason}: {r.before} -> {r.after} ({r.confidence:.2f})"
                  for r in repairs if r.needs_review]


def write_report(path: Path, outcomes: list[Outcome]) -> None:
    """Per-file results with their repairs: JSON, or Markdown when `path` ends in .md."""
    if path.suffix.lower() == ".md":
        text = _markdown(outcomes)
    else:
        text = json.dumps(report_dict(outcomes), ensure_ascii=False, indent=2) + "\n"
    path.write_text(text, encoding="utf-8")


def report_dict(outcomes: list[Outcome], *, with_text: bool = False) -> dict:
    failed = sum(1 for o in outcomes if o.error)
    return {
        "files": [o.to_dict(with_text=with_text) for o in outcomes],
        "converted": len(outcomes) - failed,
        "failed": failed,
    }


def _markdown(outcomes: list[Outcome]) -> str:
    out = ["# Conversion report", "", "| file | encoding | confidence | repairs | to review |",
           "|---|---|---|---|---|"]
    for o in outcomes:
        if o.error:
            out.append(f"| {_cell(str(o.path))} | failed: {_cell(o.error)} | | | |")
        else:
            c = o.conversion
            assert c is not None
            out.append(f"| {_cell(str(o.path))} | {c.encoding} | {c.confidence:.2f} | {len(c.repairs)} "
                       f"| {len(c.review)} |")
    for o in outcomes:
        if o.conversion is None or not o.conversion.repairs:
            continue
        out += ["", f"## {o.path}", "", "| at | before | after | reason | confidence |",
                "|---|---|---|---|---|"]
        out += [f"| {r.start}-{r.end} | {_cell(r.before)} | {_cell(r.after)} | {_cell(r.reason)} "
                f"| {r.confidence:.2f}{' (review)' if r.needs_review else ''} |"
                for r in o.conversion.repairs]
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "\\n")

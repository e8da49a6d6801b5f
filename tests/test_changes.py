"""Change records: what the repair steps changed, per line, with each record pointing at its text."""

from __future__ import annotations

from converters.changes import Changes


def _records(changes: Changes) -> list[tuple[int, int, str, str, str, float]]:
    return [(r.start, r.end, r.before, r.after, r.reason, r.confidence) for r in changes.repairs()]


def test_repeated_lines_give_the_same_records_at_their_own_place() -> None:
    line, fixed = "B¸o c¸o cña Néi vô nh vËy", "Báo cáo của Nội vụ như vậy"
    changes = Changes("\n".join([line] * 3))
    changes.step("undo_legacy_mojibake", "decoded tcvn3", "\n".join([fixed.replace("như", "nh")] * 3))
    changes.step("restore_lost_u", "restored ư", "\n".join([fixed] * 3))
    text = changes.texts[-1]
    records = changes.repairs()
    assert all(text[r.start : r.end] == r.after for r in records)
    # a line's sure changes are one record; `vô` -> `vụ` (valid either way) stands alone for review;
    # a line's last word shares a chunk with the next line's first word
    assert [(r.before, r.after, r.confidence) for r in records] == [
        ("B¸o c¸o cña Néi", "Báo cáo của Nội", 0.97), ("vô", "vụ", 0.7), ("nh", "như", 0.97),
        ("vËy\nB¸o", "vậy\nBáo", 0.97), ("c¸o cña Néi", "cáo của Nội", 0.97), ("vô", "vụ", 0.7),
        ("nh", "như", 0.97), ("vËy\nB¸o", "vậy\nBáo", 0.97), ("c¸o cña Néi", "cáo của Nội", 0.97),
        ("vô", "vụ", 0.7), ("nh vËy", "như vậy", 0.97),
    ]
    assert records[-1].reason == "restored ư; decoded tcvn3"


def test_a_change_undone_by_a_later_step_is_no_record() -> None:
    changes = Changes("a b c")
    changes.step("normalize_nfc", "composed", "a x c")
    changes.step("restore_lost_u", "restored", "a b c")
    assert changes.repairs() == ()


def test_a_step_that_moves_a_space_records_the_text_as_one_piece() -> None:
    changes = Changes("®îc nh\nvËy")
    changes.step("undo_legacy_mojibake", "decoded tcvn3", "đợc nh\nvậy")
    changes.step("restore_lost_u", "restored ư", "được như\nvậy ")
    assert _records(changes) == [(0, 13, "®îc nh\nvËy", "được như\nvậy ", "decoded tcvn3; restored ư", 0.97)]


def test_a_line_break_in_another_chunk_after_a_step_makes_both_chunks_stand_alone() -> None:
    changes = Changes("®îc nh\nvËy ®îc")
    changes.step("undo_legacy_mojibake", "decoded tcvn3", "được như vậy\nđược")
    assert _records(changes) == [
        (0, 4, "®îc", "được", "decoded tcvn3", 0.97),
        (5, 8, "nh\nvËy", "như", "decoded tcvn3", 0.97),
        (9, 17, "®îc", "vậy\nđược", "decoded tcvn3", 0.97),
    ]

"""Grades into the LMS: the gradebook CSV an LMS exports, read and checked before any grading.

`read_roster` finds everything that can be wrong with the file before a student is graded:
not CSV, no key column matching the submissions' names, duplicate keys, a grade column that
already holds grades or that the LMS computes itself. What it returns (`roster_file.Roster`)
is written back with one grade column added or filled and every other byte kept; the cells
come from `roster_grades`. Students are matched to submissions by the key column.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

# RosterError: used by grader.cli too, which imports it from here
from grader.classroom.roster_csv import QUOTE, Record, RosterError, decode, read_records
from grader.classroom.roster_file import Roster, is_points_possible, normalized

# The default key: the first that matches a submission. Canvas (SIS Login ID, ID: the user id its
# download names files by), Blackboard (Username), Moodle's grading worksheet (Identifier,
# "Participant 1234"), Gradescope (SID, Email), GitHub Classroom's roster (github_username).
KEY_CANDIDATES = ("SIS Login ID", "Login", "ID", "Username", "Identifier", "SID", "github_username", "Student",
                  "Email", "Email address")
READ_ONLY = "(read only)"  # Canvas's computed columns say so in that row
# Canvas heads an existing assignment's column "Name (12345)"; Blackboard "Name [Total Pts: 50 Score] |123"
_CANVAS_ID = re.compile(r"(.*) \(\d+\)")
_BLACKBOARD_COLUMN = re.compile(r"(.*?) \[Total Pts:.*", re.I)


def _find_column(header: list[str], name: str) -> list[int]:
    """Columns headed `name`, or Canvas's `name (12345)` for an existing assignment."""
    wanted = normalized(name)
    found = []
    for i, cell in enumerate(header):
        canvas = _CANVAS_ID.fullmatch(cell.strip()) or _BLACKBOARD_COLUMN.fullmatch(cell.strip())
        if normalized(cell) == wanted or (canvas is not None and normalized(canvas.group(1)) == wanted):
            found.append(i)
    return found


def _split_meta(records: list[Record]) -> tuple[list[Record], list[Record]]:
    """Canvas's rows under the header ("Points Possible", a "Manual Posting" row whose first
    cell is empty), then the students."""
    leading = 0
    for record in records[1:]:
        if not (is_points_possible(record) or not record.cells[0].strip()):
            break
        leading += 1
    points = [i for i, record in enumerate(records[1:1 + leading]) if is_points_possible(record)]
    meta = records[1:2 + points[-1]] if points else []  # up to the last Points Possible row
    return meta, records[1 + len(meta):]


def _choose_key(roster_name: str, header: list[str], students: list[Record], key: str | None,
                student_ids: list[str]) -> int:
    ids = {normalized(s) for s in student_ids}

    def matches(column: int) -> int:
        return sum(normalized(r.cells[column]) in ids for r in students)

    if key is not None:
        found = _find_column(header, key)
        if not found:
            raise RosterError(f"{roster_name} has no column {key!r} for --roster-key; its columns: "
                              + ", ".join(repr(h.strip()) for h in header))
        if len(found) > 1:
            raise RosterError(f"{roster_name} has {len(found)} columns headed {key!r}: the key must be one column")
        if not matches(found[0]):
            raise RosterError(f"no value of the key column {key!r} in {roster_name} matches a submission name "
                              f"(such as {sorted(student_ids)[0]!r}){_suggestion(header, matches, found[0])}")
        return found[0]
    for candidate in KEY_CANDIDATES:
        found = _find_column(header, candidate)
        if len(found) == 1 and matches(found[0]):
            return found[0]
    raise RosterError(f"{roster_name} has no usable key column: none of "
                      + ", ".join(KEY_CANDIDATES) + " holds a submission name (such as "
                      f"{sorted(student_ids)[0]!r}){_suggestion(header, matches, None)}")


def _suggestion(header: list[str], matches, tried: int | None) -> str:
    counts = {i: matches(i) for i in range(len(header)) if i != tried}
    best = max(counts.values(), default=0)
    if best == 0:
        return "; name the column that holds the students' submission names with --roster-key NAME"
    names = [repr(header[i].strip()) for i, count in counts.items() if count == best][:3]
    if len(names) == 1:
        return f"; the column {names[0]} matches {best} submission(s): pass --roster-key {names[0]}"
    return (f"; the columns {', '.join(names)} each match {best} submission(s): pass --roster-key with the "
            "one that holds the names the submissions carry")


def _check_duplicates(roster_name: str, key_name: str, students: list[Record], key: int) -> None:
    lines: dict[str, list[int]] = {}
    for record in students:
        value = normalized(record.cells[key])
        if value:
            lines.setdefault(value, []).append(record.line)
    duplicates = {value: where for value, where in lines.items() if len(where) > 1}
    if duplicates:
        said = "; ".join(f"{value!r} on lines {', '.join(map(str, where))}" for value, where in
                         list(duplicates.items())[:5])
        raise RosterError(f"{roster_name}: the key column {key_name!r} holds duplicate keys ({said}): each "
                          "student must have a key of their own (choose another with --roster-key)")


def read_roster(path: Path, student_ids: list[str], columns: list[str], key: str | None = None,
                overwrite: bool = False) -> Roster:
    """Read and check the roster before any grading: a CSV, a key column matching submission
    names, no duplicate keys, grade columns that can be added or filled."""
    path = Path(path)
    name = path.name
    seen: dict[str, str] = {}
    for student in student_ids:
        other = seen.setdefault(normalized(student), student)
        if other != student:
            raise RosterError(f"the submissions {other!r} and {student!r} differ only in case or spaces: a roster "
                              "key could not tell them apart; rename one")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RosterError(f"{path}: cannot be read ({exc.strerror})") from None
    if not raw.strip():
        raise RosterError(f"{name} is empty: export the gradebook from the LMS as CSV")
    bom, codec, text = decode(raw, name)
    delimiter, records = read_records(text, name)
    header = records[0].cells
    meta, students = _split_meta(records)
    key_column = _choose_key(name, header, students, key, student_ids)
    _check_duplicates(name, header[key_column].strip(), students, key_column)
    roster = Roster(path, bom, codec, text, delimiter, all(text.startswith(QUOTE, s) for s, _ in records[0].spans),
                    records, meta, students, key_column, list(columns))
    for column in columns:
        roster.targets.append(_grade_column(roster, column, overwrite))
    existing = [t for t in roster.targets if t is not None]
    if len(set(existing)) < len(existing):
        raise RosterError(f"{name}: two grade columns would be written into the same column")
    for column in columns:
        if not _encodes(column, codec):
            raise RosterError(f"{name} is saved as {codec}, which cannot hold the column name {column!r}: "
                              "choose another with --roster-column")
    return roster


def _encodes(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
        return True
    except UnicodeEncodeError:
        return False


def _grade_column(roster: Roster, column: str, overwrite: bool) -> int | None:
    """The index of the column to fill, or None to add it; refuses a column holding grades."""
    name = roster.path.name
    found = _find_column(roster.header, column)
    if len(found) > 1:
        raise RosterError(f"{name} has {len(found)} columns headed {column!r}: name one with --roster-column")
    if not found:
        return None
    index = found[0]
    if index == roster.key:
        raise RosterError(f"{name}: the grade column {column!r} is the key column")
    points = next((r for r in roster.meta if is_points_possible(r)), None)
    if points is not None and points.cells[index].strip().casefold() == READ_ONLY:
        raise RosterError(f"{name}: the column {roster.header[index].strip()!r} is read-only in the LMS "
                          "(computed by it): choose another with --roster-column")
    held = [r for r in roster.students if r.cells[index].strip()]
    if held and not overwrite:
        example, rows = held[0], "row" if len(held) == 1 else "rows"
        raise RosterError(f"{name}: the column {roster.header[index].strip()!r} already holds grades "
                          f"({len(held)} {rows}, e.g. {example.cells[index].strip()!r} on line {example.line}); "
                          "pass --roster-overwrite to replace them, or --roster-column NAME for a new column")
    return index


def close_names(name: str, known: list[str]) -> str:
    """' (did you mean …?)' for a name that is not known, or ''."""
    close = difflib.get_close_matches(name, known, n=3)
    return f" (did you mean {', '.join(close)}?)" if close else ""

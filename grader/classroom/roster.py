"""Grades into the LMS: the gradebook CSV an LMS exports, with one grade column added or filled.

The file goes back to the LMS, so everything but the grade cells is kept byte for byte: the
encoding (a UTF-8 byte-order mark included), the delimiter, the quoting, each row's own line
ending. The text is never re-written by a CSV writer: grade cells are spliced into the original
text at the places a small tokenizer found (and the csv module confirmed). Canvas puts a
"Points Possible" row (and sometimes a "Manual Posting" row) under the header: those rows are
kept and the grade column's maximum goes into the first. Students are matched to submissions
by a key column; whoever is on one side only is reported, never dropped.

Everything that can be wrong with the file is found by `read_roster`, before any grading.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from grader.core.results import _number

# The default key: the first that matches a submission. Canvas (SIS Login ID, ID: the user id its
# download names files by), Blackboard (Username), Moodle's grading worksheet (Identifier,
# "Participant 1234"), Gradescope (SID, Email), GitHub Classroom's roster (github_username).
KEY_CANDIDATES = ("SIS Login ID", "Login", "ID", "Username", "Identifier", "SID", "github_username", "Student",
                  "Email", "Email address")
MAXIMUM_COLUMNS = ("maximum grade", "max points")  # Moodle's worksheet, Gradescope: the maximum on every row
_BLACKBOARD_POINTS = re.compile(r"\[total pts:\s*(\d+(?:\.\d+)?)", re.I)  # "HW 1 [Total Pts: 100 Score] |123"
POINTS_POSSIBLE = "points possible"  # Canvas's second header row
READ_ONLY = "(read only)"  # Canvas's computed columns say so in that row
DELIMITERS = (",", ";", "\t")
QUOTE = '"'
_CANVAS_ID = re.compile(r"(.*) \(\d+\)")
# Canvas heads an existing assignment's column "Name (12345)"; Blackboard "Name [Total Pts: 50 Score] |123"
_BLACKBOARD_COLUMN = re.compile(r"(.*?) \[Total Pts:.*", re.I)


class RosterError(Exception):
    """The roster cannot be used as given: the message says why and what to do."""


@dataclass
class _Record:
    """One CSV record as it sits in the text: its cells' spans and its own line ending."""

    start: int
    end: int  # where its line ending starts
    terminator: str  # "\r\n", "\n", "\r", or "" at the end of the file
    spans: list[tuple[int, int]]
    cells: list[str]  # the values, unquoted
    line: int  # 1-based line where it starts

    @property
    def blank(self) -> bool:
        return self.start == self.end  # an empty line (csv reads it as no row at all)


@dataclass
class RosterMatch:
    """Who is on one side only."""

    without_submission: list[str]  # roster students (as the roster names them) with no submission
    without_roster_row: list[str]  # submissions (student ids) with no roster row


@dataclass
class Roster:
    path: Path
    bom: bytes
    codec: str
    text: str
    delimiter: str
    quote_all: bool  # every header cell is quoted: new cells are quoted too
    records: list[_Record]  # non-blank records: the header first
    meta: list[_Record]  # rows between the header and the students (Canvas: Points Possible, Manual Posting)
    students: list[_Record]
    key: int  # the key column
    columns: list[str] = field(default_factory=list)  # the grade columns asked for
    targets: list[int | None] = field(default_factory=list)  # their index, None: to be added

    @property
    def header(self) -> list[str]:
        return self.records[0].cells

    @property
    def key_name(self) -> str:
        return self.header[self.key].strip()

    def student_key(self, record: _Record) -> str:
        return normalized(record.cells[self.key])

    def match(self, student_ids: list[str]) -> RosterMatch:
        known = {normalized(s) for s in student_ids}
        keys = {self.student_key(r) for r in self.students}
        return RosterMatch([self._label(r) for r in self.students if self.student_key(r) not in known],
                           [s for s in student_ids if normalized(s) not in keys])

    def _label(self, record: _Record) -> str:
        key = record.cells[self.key].strip()
        name = record.cells[0].strip()
        if not key:
            return f"{name or '(no name)'} (line {record.line}, no {self.key_name})"
        return key if self.key == 0 or not name else f"{key} ({name})"

    def filled(self, values: dict[str, list[str]], maxima: list[str]) -> bytes:
        """The roster with the grade columns filled: `values` maps a student id to one cell per
        grade column; `maxima` goes into Canvas's Points Possible row. Rows without a
        submission keep their cells (an added column is left empty for them)."""
        by_key = {normalized(s): cells for s, cells in values.items()}
        meta = {id(r) for r in self.meta}
        edits: list[tuple[int, int, str]] = []  # (start, end, new text) in the original text
        for record in self.records:
            if record is self.records[0]:  # an existing column keeps its header ("Name (12345)")
                new, fill = list(self.columns), False
            elif id(record) in meta:  # Points Possible: the maximum, where the LMS left it empty
                points = _is_points_possible(record)
                new, fill = (list(maxima) if points else [""] * len(self.columns)), points
            else:
                new = by_key.get(self.student_key(record))
                fill = new is not None
            appended = []
            for i, target in enumerate(self.targets):
                value = new[i] if new is not None else ""
                if target is None:
                    appended.append(self._cell(value))
                elif fill and not (id(record) in meta and record.cells[target].strip()) \
                        and record.cells[target] != value:
                    start, end = record.spans[target]
                    edits.append((start, end, self._cell(value, self.text.startswith(QUOTE, start))))
            if appended:
                edits.append((record.end, record.end, "".join(self.delimiter + cell for cell in appended)))
        out, at = [], 0
        for start, end, text in sorted(edits):
            out += [self.text[at:start], text]
            at = end
        out.append(self.text[at:])
        return self.bom + "".join(out).encode(self.codec)

    def points_possible(self, i: int) -> float | None:
        """The maximum the LMS states for the i-th grade column: Canvas's Points Possible row,
        Blackboard's "[Total Pts: N ...]" header, a "Maximum Grade"/"Max Points" column holding one
        number on every row (Moodle's worksheet, Gradescope); None for a column the LMS states none for."""
        target = self.targets[i]
        if target is not None:
            for record in self.meta:
                if _is_points_possible(record):
                    value = _float(record.cells[target])
                    if value is not None:
                        return value
            found = _BLACKBOARD_POINTS.search(self.header[target])
            if found:
                return float(found[1])
        for column, name in enumerate(self.header):
            if name.strip().casefold() in MAXIMUM_COLUMNS or name.strip().casefold().endswith(" - max points"):
                values = {_float(r.cells[column]) for r in self.students if r.cells[column].strip()}
                if len(values) == 1 and None not in values:
                    return values.pop()
        return None

    def _cell(self, value: str, quoted: bool | None = None) -> str:
        needs = any(c in value for c in (self.delimiter, QUOTE, "\r", "\n")) or value != value.strip()
        if quoted or (quoted is None and self.quote_all) or needs:
            return QUOTE + value.replace(QUOTE, QUOTE * 2) + QUOTE
        return value


def normalized(key: str) -> str:
    """Keys compare without case, surrounding spaces or Unicode composition differences; Moodle's
    worksheet says "Participant 1234" for the participant id its download names folders by."""
    key = unicodedata.normalize("NFC", key).strip().casefold()
    return key[len("participant "):].strip() if key.startswith("participant ") else key


def _float(text: str) -> float | None:
    try:
        value = float(text.strip().replace(",", ".")) if text.strip() else None
    except ValueError:
        return None
    return value if value is not None and value > 0 else None


def _is_points_possible(record: _Record) -> bool:
    return record.cells[0].strip().casefold() == POINTS_POSSIBLE


# ---------------------------------------------------------------- reading the file

def _decode(raw: bytes, name: str) -> tuple[bytes, str, str]:
    """(byte-order mark, codec, text), such that bom + text.encode(codec) == raw."""
    if raw.startswith(b"PK\x03\x04") or raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise RosterError(f"{name} is a spreadsheet workbook (.xlsx/.xls), not CSV: export or save the "
                          "gradebook as CSV")
    boms = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
    candidates = [(bom, codec) for bom, codec in boms if raw.startswith(bom)] or \
        [(b"", "utf-8"), (b"", "cp1252"), (b"", "latin-1")]
    for bom, codec in candidates:
        try:
            text = raw[len(bom):].decode(codec)
        except UnicodeDecodeError:
            continue
        if bom + text.encode(codec) == raw:
            if "\x00" in text:
                break
            return bom, codec, text
    raise RosterError(f"{name} is not a CSV text file (binary content)")


def _tokenize(text: str, delimiter: str) -> list[_Record]:
    """Every record with its cells' spans, as the csv module (default dialect) reads them: a
    quote opens a quoted cell only at the cell's start; a doubled quote inside is one quote.
    A quote anywhere else (RFC 4180 allows none) means the text is not CSV: JSON, say."""
    records, i, n, line = [], 0, len(text), 1
    while i < n:
        start, spans, cells, record_line = i, [], [], line
        cell_start, value, quoted = i, [], False
        while True:
            if i >= n:
                if quoted:
                    raise RosterError(f"a quoted cell starting on line {record_line} never ends")
                terminator = ""
                break
            c = text[i]
            if quoted:
                if c == QUOTE:
                    if text.startswith(QUOTE, i + 1):
                        value.append(QUOTE)
                        i += 2
                        continue
                    quoted = False
                    if i + 1 < n and text[i + 1] not in (delimiter, "\r", "\n"):
                        raise RosterError(f"line {line} has text after a quoted cell's closing quote")
                else:
                    value.append(c)
                    line += c == "\n"
                i += 1
                continue
            if c == QUOTE:
                if i != cell_start:
                    raise RosterError(f"line {line} has a quote inside a cell that is not quoted")
                quoted = True
                i += 1
                continue
            if c == delimiter:
                spans.append((cell_start, i))
                cells.append("".join(value))
                i += 1
                cell_start, value = i, []
                continue
            if c in "\r\n":
                terminator = "\r\n" if text.startswith("\r\n", i) else c
                break
            value.append(c)
            i += 1
        spans.append((cell_start, i))
        cells.append("".join(value))
        records.append(_Record(start, i, terminator, spans, cells, record_line))
        i += len(terminator)
        line += 1
    return records


def _delimiter(text: str) -> str:
    """The delimiter that splits the header line most (outside quotes); a comma when none does."""
    counts = {d: 0 for d in DELIMITERS}
    quoted = False
    for c in text:
        if c == QUOTE:
            quoted = not quoted  # a doubled quote toggles twice
        elif not quoted and c in "\r\n":
            break
        elif not quoted and c in counts:
            counts[c] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _parse(text: str, name: str) -> tuple[str, list[_Record]]:
    delimiter = _delimiter(text)
    try:
        records = _tokenize(text, delimiter)
        expected = [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar=QUOTE,
                                              strict=False)]
    except (RosterError, csv.Error) as exc:
        raise RosterError(f"{name} is not a readable CSV file: {exc}") from None
    found = [r.cells for r in records if not r.blank]
    if found != [row for row in expected if row]:  # a file the two readers disagree on is not plain CSV
        raise RosterError(f"{name} is not a plain CSV file (its quoting could not be read unambiguously)")
    records = [r for r in records if not r.blank]
    if not records:
        raise RosterError(f"{name} is empty: export the gradebook from the LMS as CSV")
    width = len(records[0].cells)
    if width < 2:
        raise RosterError(f"{name} does not look like a gradebook CSV: its header has one column "
                          f"({records[0].cells[0][:60]!r}); export the gradebook from the LMS as CSV")
    for record in records[1:]:
        if len(record.cells) != width:
            raise RosterError(f"{name} is not a gradebook CSV a column can be added to: line {record.line} has "
                              f"{len(record.cells)} cells, the header {width}")
    return delimiter, records


def _find_column(header: list[str], name: str) -> list[int]:
    """Columns headed `name`, or Canvas's `name (12345)` for an existing assignment."""
    wanted = normalized(name)
    found = []
    for i, cell in enumerate(header):
        canvas = _CANVAS_ID.fullmatch(cell.strip()) or _BLACKBOARD_COLUMN.fullmatch(cell.strip())
        if normalized(cell) == wanted or (canvas is not None and normalized(canvas.group(1)) == wanted):
            found.append(i)
    return found


def _split_meta(records: list[_Record]) -> tuple[list[_Record], list[_Record]]:
    """Canvas's rows under the header ("Points Possible", a "Manual Posting" row whose first
    cell is empty), then the students."""
    leading = 0
    for record in records[1:]:
        if not (_is_points_possible(record) or not record.cells[0].strip()):
            break
        leading += 1
    points = [i for i, record in enumerate(records[1:1 + leading]) if _is_points_possible(record)]
    meta = records[1:2 + points[-1]] if points else []  # up to the last Points Possible row
    return meta, records[1 + len(meta):]


def _choose_key(roster_name: str, header: list[str], students: list[_Record], key: str | None,
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


def _check_duplicates(roster_name: str, key_name: str, students: list[_Record], key: int) -> None:
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
    bom, codec, text = _decode(raw, name)
    delimiter, records = _parse(text, name)
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
    points = next((r for r in roster.meta if _is_points_possible(r)), None)
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


@dataclass
class Scale:
    """How one grade column is filled: raw points out of `raw`, or scaled to `points`."""

    column: str
    raw: float  # the course's maximum for it
    points: float | None  # the column's points possible (None: raw points are written)
    source: str  # where the points possible came from

    def __call__(self, score: float) -> float:
        return score if self.points is None or not self.raw else round(score * self.points / self.raw, 2)

    def describe(self) -> str:
        if self.points is None:
            return (f"{self.column!r} states no points possible: raw points written (out of {_number(self.raw)}); "
                    "pass --points-possible N to scale them")
        if self.points == self.raw:
            return f"{self.column!r} is out of {_number(self.points)} ({self.source}), as the course: no scaling"
        example = self.raw / 2
        return (f"{self.column!r} is out of {_number(self.points)} ({self.source}): grades scaled from "
                f"{_number(self.raw)} points (×{_number(round(self.points / self.raw, 4))}: "
                f"{_number(example)}/{_number(self.raw)} becomes {_number(self(example))})")


def scales(roster: Roster, records: list[dict], exercise_names: list[str], per_exercise: bool,
           points_possible: float | None) -> list[Scale]:
    """One Scale per grade column: `--points-possible` first, else what the roster states."""
    if per_exercise:
        raws = [max((e["max_score"] for r in records for e in r["exercises"] if e["exercise"] == n), default=0)
                for n in exercise_names]
    else:
        raws = [max((r["max_score"] for r in records), default=0)]
    found = []
    for i, (column, raw) in enumerate(zip(roster.columns, raws)):
        if points_possible is not None:
            found.append(Scale(column, raw, points_possible, "--points-possible"))
        else:
            points = roster.points_possible(i)
            found.append(Scale(column, raw, points, f"as {roster.path.name} states"))
    return found


def grade_values(records: list[dict], exercise_names: list[str], per_exercise: bool, column_scales: list[Scale],
                 final=None) -> tuple[dict, list[str]]:
    """(student id -> the cells to write, the maxima for Points Possible). `final(record, score,
    max_score)`: the score after a late penalty (default: the score)."""
    final = final or (lambda record, score, max_score: score)
    values = {}
    for record in records:
        if per_exercise:
            results = {e["exercise"]: e for e in record["exercises"]}
            cells = []
            for name, scale in zip(exercise_names, column_scales):
                result = results.get(name)
                score = final(record, result["score"], result["max_score"]) if result else 0
                cells.append(str(_number(scale(score))))
            values[record["student"]] = cells
        else:
            values[record["student"]] = [str(_number(column_scales[0](final(record, record["score"],
                                                                            record["max_score"]))))]
    maxima = [str(_number(scale.points if scale.points is not None else scale.raw)) for scale in column_scales]
    return values, maxima


def close_names(name: str, known: list[str]) -> str:
    """' (did you mean …?)' for a name that is not known, or ''."""
    close = difflib.get_close_matches(name, known, n=3)
    return f" (did you mean {', '.join(close)}?)" if close else ""

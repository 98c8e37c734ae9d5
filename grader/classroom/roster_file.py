"""A roster as read: the gradebook CSV's text and records, its key column and the grade
columns to write, matched against the submissions and written back with the grades.

The file goes back to the LMS, so everything but the grade cells is kept byte for byte: the
encoding (a UTF-8 byte-order mark included), the delimiter, the quoting, each row's own line
ending: grade cells are spliced into the original text (`roster_csv` found where). Canvas puts
a "Points Possible" row (and sometimes a "Manual Posting" row) under the header: those rows are
kept and the grade column's maximum goes into the first. Whoever is on one side only is
reported, never dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from grader.classroom.roster_csv import QUOTE, Record

MAXIMUM_COLUMNS = ("maximum grade", "max points")  # Moodle's worksheet, Gradescope: the maximum on every row
_BLACKBOARD_POINTS = re.compile(r"\[total pts:\s*(\d+(?:\.\d+)?)", re.I)  # "HW 1 [Total Pts: 100 Score] |123"
POINTS_POSSIBLE = "points possible"  # Canvas's second header row


@dataclass
class RosterMatch:
    """Who is on one side only."""

    without_submission: list[str]  # roster students (as the roster names them) with no submission
    without_roster_row: list[str]  # submissions (student ids) with no roster row


@dataclass
class Roster:
    """The roster `roster.read_roster` read and checked: its text as the LMS wrote it and the
    records found in it, the key column and the grade columns to fill or add."""

    path: Path
    bom: bytes
    codec: str
    text: str
    delimiter: str
    quote_all: bool  # every header cell is quoted: new cells are quoted too
    records: list[Record]  # non-blank records: the header first
    meta: list[Record]  # rows between the header and the students (Canvas: Points Possible, Manual Posting)
    students: list[Record]
    key: int  # the key column
    columns: list[str] = field(default_factory=list)  # the grade columns asked for
    targets: list[int | None] = field(default_factory=list)  # their index, None: to be added

    @property
    def header(self) -> list[str]:
        return self.records[0].cells

    @property
    def key_name(self) -> str:
        return self.header[self.key].strip()

    def student_key(self, record: Record) -> str:
        return normalized(record.cells[self.key])

    def match(self, student_ids: list[str]) -> RosterMatch:
        known = {normalized(s) for s in student_ids}
        keys = {self.student_key(r) for r in self.students}
        return RosterMatch([self._label(r) for r in self.students if self.student_key(r) not in known],
                           [s for s in student_ids if normalized(s) not in keys])

    def _label(self, record: Record) -> str:
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
                points = is_points_possible(record)
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
                if is_points_possible(record):
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


def is_points_possible(record: Record) -> bool:
    return record.cells[0].strip().casefold() == POINTS_POSSIBLE

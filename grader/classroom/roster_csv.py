"""A gradebook CSV as text that can be written back byte for byte: decoded (its byte-order
mark and codec kept), its delimiter sniffed, and every record found with its cells' spans and
its own line ending by a small tokenizer, which the csv module must agree with. Grade cells
are later spliced into this text (`roster_file.Roster.filled`), never re-written by a CSV writer.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

DELIMITERS = (",", ";", "\t")
QUOTE = '"'


class RosterError(Exception):
    """The roster cannot be used as given: the message says why and what to do."""


@dataclass
class Record:
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


def decode(raw: bytes, name: str) -> tuple[bytes, str, str]:
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


def _tokenize(text: str, delimiter: str) -> list[Record]:
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
        records.append(Record(start, i, terminator, spans, cells, record_line))
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


def read_records(text: str, name: str) -> tuple[str, list[Record]]:
    """(delimiter, the non-blank records, the header first) of a gradebook CSV: refused unless
    both readers agree on it and every record has the header's width. `name` names the file."""
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


"""Text measured and wrapped as a terminal shows it, and made safe to show.

Widths are display columns: colour codes take none, wide (CJK, emoji) characters two.
Text that came from student code is shown, never obeyed: `printable` escapes its control
characters (ANSI escapes, carriage returns, bidi overrides).
"""

from __future__ import annotations

import re
import shutil
import unicodedata

DEFAULT_WIDTH = 80  # a pipe or a file, unless $COLUMNS says otherwise
TEXT_MAX_WIDTH = 100  # prose wider than this is hard to read, however wide the terminal
MIN_WIDTH = 30  # narrower than this, lines may overflow rather than become one word each

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
# Bidirectional overrides can make text read differently from what it is: shown escaped.
_BIDI = set("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def terminal_width() -> int:
    """The terminal's width; $COLUMNS or 80 for a pipe or a file."""
    return max(MIN_WIDTH, shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)


def _char_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Columns the text takes on a terminal (colour codes none, CJK and emoji two)."""
    return sum(_char_width(ch) for ch in _ANSI.sub("", text))


def pad(text: str, width: int, right: bool = False) -> str:
    """`text` padded with spaces to `width` columns (on the left when aligned `right`)."""
    room = " " * max(0, width - display_width(text))
    return room + text if right else text + room


def printable(text: str) -> str:
    """Text from student code made safe to print: control characters (ANSI escapes, carriage
    returns, line separators other than \\n) and bidi overrides shown escaped, tabs expanded."""
    text = text.replace("\r\n", "\n").expandtabs(4)
    return "".join(ch.encode("unicode_escape").decode("ascii")
                   if ch != "\n" and (unicodedata.category(ch) in ("Cc", "Zl", "Zp") or ch in _BIDI) else ch
                   for ch in text)


_BREAK_AFTER = set("/\\,;:._-)]}>=")


def cut(word: str, room: int) -> tuple[str, str]:
    """Split a word too long for `room` columns (one that fits a line is never split: it moves to
    the next). A path is broken after its last `/` that fits, never inside a name; any other word
    at the last natural break (after , . _ ...) in its second half, else wherever it must; at
    least one character, so wrapping ends."""
    used, end = 0, 0
    for ch in word:
        if used + _char_width(ch) > room and end > 0:
            break
        used += _char_width(ch)
        end += 1
    after_slash = _after_last_slash(word, end)
    if after_slash is not None:
        return word[:after_slash], word[after_slash:]
    natural = max((i + 1 for i in range(end // 2, end - 1) if word[i] in _BREAK_AFTER), default=end)
    return word[:natural], word[natural:]


def _after_last_slash(word: str, end: int) -> int | None:
    """Where a path may be broken within its first `end` characters: after its last `/` there
    (not its first character: a line holding only `/` says nothing)."""
    return max((i + 1 for i in range(1, min(end, len(word) - 1)) if word[i] == "/"), default=None)


def _path_head(word: str, room: int) -> str | None:
    """The folders of a path that fit in `room` columns, ending with `/`; None when none fit."""
    if " " in word or room < 2:
        return None
    used, end = 0, 0
    for ch in word:
        used += _char_width(ch)
        if used > room:
            break
        end += 1
    after_slash = _after_last_slash(word, end)
    return None if after_slash is None else word[:after_slash]


_OPERATORS = {"@", "+", "-", "*", "/", "**", "+=", "-=", "->", "→", "×", "·"}
GLUED_MAX = 24  # a formula longer than this may be broken at its operators


def _units(paragraph: str) -> list[str]:
    """The paragraph's words, an operator kept with the words on both sides of it, so that
    `x @ W1.T` stays on one line when it is short enough."""
    units: list[str] = []
    glue_next = False
    for word in paragraph.split():
        glue = glue_next or word in _OPERATORS
        if units and glue and display_width(units[-1]) + 1 + display_width(word) <= GLUED_MAX:
            units[-1] += " " + word
        else:
            units.append(word)
        glue_next = word in _OPERATORS
    return units


def _fill(paragraph: str, first_room: int, room: int, cut_words: bool = True) -> list[str]:
    """Greedy word wrap by display width: the first line holds `first_room` columns, the
    others `room`. Words longer than a line are cut (`cut_words`) or left whole."""
    lines: list[str] = []
    line, used, limit = "", 0, first_room
    pending = _units(paragraph)
    pending.reverse()
    while pending:
        word = pending.pop()
        width = display_width(word)
        if line and used + 1 + width <= limit:
            line, used = f"{line} {word}", used + 1 + width
            continue
        head = _path_head(word, limit - used - 1) if cut_words and line and width > room else None
        if head is not None:  # a path too long for any line begins here, with the folders that fit
            lines.append(f"{line} {head}")
            line, used, limit = "", 0, room
            pending.append(word[len(head):])
            continue
        if line:
            lines.append(line)
            line, used, limit = "", 0, room
        if width > limit and " " in word:  # a glued formula that fits no line: its words one by one
            pending += reversed(word.split(" "))
            continue
        while cut_words and width > limit:
            head, word = cut(word, limit)
            lines.append(head)
            limit, width = room, width - display_width(head)
        line, used = word, width
    return lines + [line] if line or not lines else lines


def wrap(text: str, width: int, first: str = "", rest: str | None = None, hang: str = "",
         cut_words: bool = True) -> list[str]:
    """Every paragraph of `text` (lines split at \\n) wrapped to `width` on its own: its first
    line after `first`, its next lines after `rest` + `hang` (later paragraphs start at `rest`)."""
    rest = " " * display_width(first) if rest is None else rest
    out: list[str] = []
    for number, paragraph in enumerate(printable(text).split("\n")):
        start = first if number == 0 else rest
        if display_width(start + paragraph) <= width:  # kept as it is: its own spacing may mean something
            out.append(start + paragraph)
            continue
        lead = " " * min(len(paragraph) - len(paragraph.lstrip(" ")), 8)  # keep a paragraph's own indent
        room = max(1, width - display_width(rest + hang + lead))
        filled = _fill(paragraph, max(1, width - display_width(start + lead)), room, cut_words)
        out += [(start if i == 0 else rest + hang) + lead + line for i, line in enumerate(filled)]
    return [line.rstrip() for line in out]

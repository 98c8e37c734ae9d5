"""What `grade verify` hands back for a surviving mutant: its `[[equivalent]]` block, ready to
paste into `assignments/<ex>/equivalent_mutants.toml`.

The block quotes the mutant's id and description exactly as verify matches them, and a reason
that is only a placeholder: verify fails while a reason still starts with "TODO", so pasting
is not justifying. The author writes why the mutant is as correct as the reference, or, when
it is not, writes the check that kills it and leaves the block out.
"""

from __future__ import annotations

import json
import textwrap

TODO = "TODO"
TODO_REASON = f"{TODO}: why this is as correct as the reference"
BLOCK_WIDTH = 78  # the block's lines, as pasted from a pipe or a file (verify passes the terminal's)


def is_todo(reason: str) -> bool:
    """A reason not written yet: the pasted placeholder, or any reason starting with TODO."""
    return reason.strip().upper().startswith(TODO)


def toml_string(text: str) -> str:
    """`text` as a TOML basic string (JSON's escapes are TOML's; DEL is a control character
    TOML wants escaped too)."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def toml_entry(key: str, text: str, width: int = BLOCK_WIDTH) -> str:
    """`key = "text"` in lines of at most `width` where spaces allow, the string unchanged: a
    line too long becomes a multi-line basic string whose lines end in a backslash, which TOML
    joins again (the backslash, the newline and the next line's indent are dropped; the space
    before the backslash is kept). A line is broken only before a character that is not
    whitespace, which the join would drop too."""
    single = f"{key} = {toml_string(text)}"
    if len(single) <= width:
        return single
    body = toml_string(text)[1:-1]
    pieces, start = [], 0  # each piece ends with a space that a non-space follows
    for index in range(len(body) - 1):
        if body[index] == " " and not body[index + 1].isspace():
            pieces.append(body[start:index + 1])
            start = index + 1
    pieces.append(body[start:])
    lines, line, empty = [], f'{key} = """', True
    for number, piece in enumerate(pieces):
        end = 3 if number == len(pieces) - 1 else 1  # the closing quotes, or the backslash
        if not empty and len(line) + len(piece) + end > width:
            lines.append(line + "\\")
            line = "  "
        line += piece
        empty = False
    lines.append(line + '"""')
    return "\n".join(lines)


def equivalent_block(mutant, width: int = BLOCK_WIDTH) -> str:
    """The `[[equivalent]]` entry of one surviving mutant (automatic or attack-class), its lines
    within `width` where the description's spaces allow."""
    return "".join(f"{line}\n" for line in ["[[equivalent]]", toml_entry("id", mutant.id, width),
                                             toml_entry("description", mutant.description, width),
                                             toml_entry("reason", TODO_REASON, width)])


def paste_text(exercise: str, survivors: list, file: str = "equivalent_mutants.toml",
               width: int = BLOCK_WIDTH) -> str:
    """Every survivor's block under one TOML comment naming the file: pasted whole, the comment
    is harmless. Lines within `width` (the terminal's), the TOML the same at any width."""
    if not survivors:
        return ""
    head = (f"{exercise}: {len(survivors)} surviving mutant{'s' if len(survivors) != 1 else ''}. Kill each with "
            f"a check, or paste its block into assignments/{exercise}/{file} and replace the TODO with why it is "
            "as correct as the reference (verify fails while a reason says TODO).")
    comment = "".join(f"# {line}\n" for line in textwrap.wrap(head, width - 2, break_long_words=False,
                                                              break_on_hyphens=False))
    return comment + "\n" + "\n".join(equivalent_block(m, width) for m in survivors)

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
COMMENT_WIDTH = 78  # the heading comment's lines (the blocks' own lines are never cut: TOML)


def is_todo(reason: str) -> bool:
    """A reason not written yet: the pasted placeholder, or any reason starting with TODO."""
    return reason.strip().upper().startswith(TODO)


def toml_string(text: str) -> str:
    """`text` as a TOML basic string (JSON's escapes are TOML's; DEL is a control character
    TOML wants escaped too)."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def equivalent_block(mutant) -> str:
    """The `[[equivalent]]` entry of one surviving mutant (automatic or attack-class)."""
    return (f"[[equivalent]]\n"
            f"id = {toml_string(mutant.id)}\n"
            f"description = {toml_string(mutant.description)}\n"
            f"reason = {toml_string(TODO_REASON)}\n")


def paste_text(exercise: str, survivors: list, file: str = "equivalent_mutants.toml") -> str:
    """Every survivor's block under one TOML comment naming the file: pasted whole, the comment
    is harmless."""
    if not survivors:
        return ""
    head = (f"{exercise}: {len(survivors)} surviving mutant{'s' if len(survivors) != 1 else ''}. Kill each with "
            f"a check, or paste its block into assignments/{exercise}/{file} and replace the TODO with why it is "
            "as correct as the reference (verify fails while a reason says TODO).")
    comment = "".join(f"# {line}\n" for line in textwrap.wrap(head, COMMENT_WIDTH, break_long_words=False,
                                                              break_on_hyphens=False))
    return comment + "\n" + "\n".join(equivalent_block(m) for m in survivors)

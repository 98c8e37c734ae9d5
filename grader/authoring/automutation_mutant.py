"""One automatic mutant: a site's edit made on a copy of the reference, and said in one line.

The line is what `grade verify` prints for a survivor and what equivalent_mutants.toml quotes:
the code before and after the edit, shown with enough around a short expression to find it
(`range(1, n)` -> `range(2, n)`, not `1` -> `2`) and cut around the change when long.
"""

from __future__ import annotations

import ast
import copy
import os
from dataclasses import dataclass

from grader.authoring.automutation_sites import Site, Step

SNIPPET_CHARS = 72  # a description's before and after are cut around the change beyond this
CLIP_CONTEXT = 24  # characters kept on each side of the change when cutting
CONTEXT_CHARS = 20  # a changed expression shorter than this is shown with what encloses it


@dataclass(frozen=True)
class Mutant:
    id: str  # "forward:drop_transpose:1"
    function: str
    operator: str
    line: int  # in the original source
    before: str
    after: str
    source: str  # the whole mutated module

    @property
    def change(self) -> str:
        """What was changed, without the line number (which moves with unrelated edits)."""
        return f"`{self.before}` -> `{self.after}`"

    @property
    def description(self) -> str:
        return f"line {self.line}: {self.change}"


def _locate(tree: ast.AST, path: tuple[Step, ...]) -> tuple[ast.AST, Step]:
    node = tree
    for field, index in path[:-1]:
        node = getattr(node, field) if index is None else getattr(node, field)[index]
    return node, path[-1]


def _apply(tree: ast.Module, site: Site) -> ast.Module:
    mutated = copy.deepcopy(tree)
    parent, (field, index) = _locate(mutated, site.path)
    old = getattr(parent, field) if index is None else getattr(parent, field)[index]
    new = site.rewrite(old)
    if index is None:
        setattr(parent, field, new)
    else:
        items = getattr(parent, field)
        items[index:index + 1] = new if isinstance(new, list) else [new]
    return ast.fix_missing_locations(mutated)


def _node_at(tree: ast.AST, path: tuple[Step, ...]) -> ast.AST:
    parent, (field, index) = _locate(tree, path)
    return getattr(parent, field) if index is None else getattr(parent, field)[index]


def _one_line(node: ast.AST) -> str:
    """A node's source on one line: the header only for a compound statement."""
    if isinstance(node, ast.With):
        return "with " + ", ".join(ast.unparse(item) for item in node.items) + ": …"
    lines = ast.unparse(node).splitlines()
    return lines[0] + (" …" if len(lines) > 1 else "")


def _context_path(tree: ast.Module, path: tuple[Step, ...]) -> tuple[Step, ...]:
    """The site, or for a short expression (`1`, `W1.T`) the smallest enclosing expression
    long enough to show where it is: `range(1, n)` -> `range(2, n)`, not `1` -> `2`."""
    while len(path) > 1 and len(_one_line(_node_at(tree, path))) < CONTEXT_CHARS \
            and not isinstance(_node_at(tree, path), ast.stmt) \
            and isinstance(_node_at(tree, path[:-1]), (ast.expr, ast.keyword)):
        path = path[:-1]
    return path


def _clip(before: str, after: str) -> tuple[str, str]:
    """Both texts cut to the part around what differs, when they are long."""
    if max(len(before), len(after)) <= SNIPPET_CHARS:
        return before, after
    prefix = len(os.path.commonprefix([before, after]))
    suffix = len(os.path.commonprefix([before[prefix:][::-1], after[prefix:][::-1]]))
    start = max(0, prefix - CLIP_CONTEXT)

    def cut(text: str) -> str:
        stop = min(len(text), len(text) - suffix + CLIP_CONTEXT)
        text = ("…" if start else "") + text[start:stop] + ("…" if stop < len(text) else "")
        return text if len(text) <= SNIPPET_CHARS else text[:SNIPPET_CHARS - 1] + "…"

    return cut(before), cut(after)


def mutant_at(tree: ast.Module, function: str, ordinal: int, site: Site) -> Mutant | None:
    """The mutant at one site (the `ordinal`-th of its operator in `function`), or None when
    the edit does not compile."""
    mutated = _apply(tree, site)
    source = ast.unparse(mutated) + "\n"
    try:
        compile(source, "<mutant>", "exec")
    except (SyntaxError, ValueError):
        return None
    context = _context_path(tree, site.path)
    before = _one_line(_node_at(tree, context))
    if isinstance(site.node, ast.With) and isinstance(site.rewrite(copy.deepcopy(site.node)), list):
        after = "(its body, without the with)"
    else:
        after = _one_line(_node_at(mutated, context))
    return Mutant(f"{function}:{site.operator}:{ordinal}", function, site.operator, site.node.lineno,
                  *_clip(before, after), source)

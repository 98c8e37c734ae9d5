"""Where the automatic mutation operators apply in a reference: its sites.

A site is one operator's rewrite at one node, found by walking each top-level function (and
each method of a top-level class) in source order. Only code inside functions is visited:
module-level constants are data the checks compare whole. A site keeps the path from the
module down to its node, so the edit can be made again on a fresh copy of the tree.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Iterator

from grader.authoring.automutation_operators import OPERATORS
from grader.authoring.automutation_syntax import Context, Rewrite, is_text

Step = tuple[str, "int | None"]  # (field, index in a list field, or None)

_LEAVES = (ast.expr_context, ast.operator, ast.cmpop, ast.boolop, ast.unaryop)  # no operator edits them alone


@dataclass(frozen=True)
class Site:
    operator: str
    path: tuple[Step, ...]
    node: ast.AST
    rewrite: Rewrite


def _children(node: ast.AST, path: tuple[Step, ...]) -> Iterator[tuple[ast.AST, tuple[Step, ...]]]:
    for field, value in ast.iter_fields(node):
        if isinstance(value, ast.AST) and not isinstance(value, _LEAVES):
            yield value, path + ((field, None),)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, ast.AST) and not isinstance(item, _LEAVES):
                    yield item, path + ((field, i),)


def _walk(node: ast.AST, path: tuple[Step, ...], parent: ast.AST | None = None):
    """Every node under `node` with its path and parent, in source (pre-)order."""
    yield node, path, parent
    for child, child_path in _children(node, path):
        yield from _walk(child, child_path, node)


def _functions(tree: ast.Module) -> Iterator[tuple[str, ast.AST, tuple[Step, ...]]]:
    """Top-level functions and methods of top-level classes, with their paths."""
    for i, node in enumerate(tree.body):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node.name, node, (("body", i),)
        elif isinstance(node, ast.ClassDef):
            for j, item in enumerate(node.body):
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    yield f"{node.name}.{item.name}", item, (("body", i), ("body", j))


def _torch_names(tree: ast.Module) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.asname or alias.name.split(".")[0] for alias in node.names
                      if alias.name.split(".")[0] == "torch"}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "torch":
            names |= {alias.asname or alias.name for alias in node.names}
    return names


def _params(function: ast.AST) -> set[str]:
    args = function.args
    return {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs + [args.vararg, args.kwarg] if a}


def _is_docstring(node: ast.AST, parent: ast.AST | None) -> bool:
    return isinstance(node, ast.Expr) and is_text(node.value) and parent is not None \
        and getattr(parent, "body", [None])[0] is node


def sites_by_function(tree: ast.Module, operators: list[str]) -> dict[str, list[Site]]:
    """function name -> its sites, ordered by operator (in `operators` order), then source order."""
    torch_names = _torch_names(tree)
    by_function = {}
    for name, function, path in _functions(tree):
        ctx = Context(_params(function), torch_names)
        sites = []
        for operator in operators:
            for node, node_path, parent in _walk(function, path):
                if node is function or _is_docstring(node, parent):
                    continue
                for rewrite in OPERATORS[operator](node, parent, ctx):
                    sites.append(Site(operator, node_path, node, rewrite))
        by_function[name] = sites
    return by_function

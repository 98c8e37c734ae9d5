"""Reading the student's source without running it: forbidden calls, with line numbers.

The contract forbids some calls (ex1's shape functions use no torch; ex5 uses no built-in
loss). These are found in the syntax tree, so they are reported even when the code is
never reached, and a check can say exactly where: "line 12: F.mse_loss".
"""

from __future__ import annotations

import ast
from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    line: int
    text: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.text}"


class SourceInfo:
    """The parsed submission, as checks see it through the `source` fixture."""

    def __init__(self, source: str, filename: str):
        self.source = source
        self.filename = filename
        self.tree = ast.parse(source, filename)
        self.lines = source.splitlines()

    def function(self, name: str) -> ast.FunctionDef | None:
        """The top-level definition of `name` in effect: the last one, as Python would use."""
        found = None
        for node in self.tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
                found = node
        return found

    def _snippet(self, node: ast.AST) -> str:
        try:
            return ast.unparse(node)[:80]
        except Exception:
            return self.lines[node.lineno - 1].strip()[:80]

    def module_aliases(self, module: str) -> set[str]:
        """Names bound anywhere in the file to `module` or anything imported from it."""
        names = set()
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name == module or alias.name.startswith(module + "."):
                        names.add((alias.asname or alias.name).split(".")[0])
            elif isinstance(node, ast.ImportFrom) and node.module and (
                    node.module == module or node.module.startswith(module + ".")):
                names.update(alias.asname or alias.name for alias in node.names)
        return names

    def uses_of_module(self, module: str, functions: list[str]) -> list[Finding]:
        """Every use of `module` (or a name imported from it) inside the given functions."""
        aliases = self.module_aliases(module) | {module}
        findings = []
        for name in functions:
            function = self.function(name)
            if function is None:
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Name) and node.id in aliases:
                    findings.append(Finding(node.lineno, f"{self._snippet(_outermost(function, node))} in {name}"))
                elif isinstance(node, (ast.Import, ast.ImportFrom)):
                    modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                    if any(m == module or m.startswith(module + ".") for m in modules):
                        findings.append(Finding(node.lineno, f"{self._snippet(node)} in {name}"))
                elif isinstance(node, ast.Constant) and node.value == module:
                    findings.append(Finding(node.lineno, f"{self._snippet(node)} in {name}"))
        return _unique(findings)

    def uses_of_names(self, names: set[str], functions: list[str] | None = None) -> list[Finding]:
        """Every attribute (`F.mse_loss`, `x.grad`), import or exact string ("mse_loss") equal to
        one of `names`, plus calls of a name imported that way. A student's own variable that
        happens to be called `grad` or `mse_loss` is not a use."""
        roots = [self.tree] if functions is None else [f for f in map(self.function, functions) if f]
        imported = {alias.asname or alias.name for node in ast.walk(self.tree) if isinstance(node, ast.ImportFrom)
                    for alias in node.names if alias.name in names}
        findings = []
        for root in roots:
            for node in ast.walk(root):
                hit = ((isinstance(node, ast.Attribute) and node.attr in names)
                       or (isinstance(node, ast.Name) and node.id in imported)
                       or (isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in names))
                if hit:
                    findings.append(Finding(node.lineno, self._snippet(node)))
                elif isinstance(node, ast.ImportFrom):
                    for alias in node.names:
                        if alias.name in names:
                            findings.append(Finding(node.lineno, self._snippet(node)))
        return _unique(findings)


def _outermost(function: ast.AST, target: ast.Name) -> ast.AST:
    """The attribute chain or call around a name: `torch.broadcast_shapes(a, b)` for `torch`."""
    parents = {}
    for node in ast.walk(function):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    node = target
    while node in parents and isinstance(parents[node], (ast.Attribute, ast.Call)) and (
            not isinstance(parents[node], ast.Call) or parents[node].func is node):
        node = parents[node]
    return node


def _unique(findings: list[Finding]) -> list[Finding]:
    seen, out = set(), []
    for finding in sorted(findings, key=lambda f: f.line):
        if finding.line not in seen:
            seen.add(finding.line)
            out.append(finding)
    return out

"""Reading the student's source without running it: forbidden calls, with line numbers.

The contract forbids some calls (ex1's shape functions use no torch; ex2's grad_by_hand no
autograd; ex5 uses no built-in loss). These are found in the syntax tree, so they are
reported even when the code is never reached, and a check can say exactly where: "line 12:
F.mse_loss". What the grader would never run is left out (a demo under
`if __name__ == "__main__":` may compare with torch's own functions), and a function's
helpers are read with it: a forbidden call moved into a helper is still that function's.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


@dataclass(frozen=True)
class Finding:
    """A use found in the source: its line and the code, shown as "line 12: F.mse_loss"."""

    line: int
    text: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.text}"


class SourceInfo:
    """The parsed submission, as checks see it through the `source` fixture."""

    def __init__(self, source: str, filename: str):
        self.source = source
        self.filename = filename
        self.tree = _without_main_block(ast.parse(source, filename))
        self.lines = source.splitlines()
        self._parents = {child: node for node in ast.walk(self.tree) for child in ast.iter_child_nodes(node)}

    def function(self, name: str) -> ast.FunctionDef | None:
        """The top-level definition of `name` in effect: the last one, as Python would use."""
        found = None
        for node in self.tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
                found = node
        return found

    def _definitions(self) -> dict[str, ast.AST]:
        """Top-level functions and classes, the last definition of each name winning."""
        return {node.name: node for node in self.tree.body if isinstance(node, _DEFINITIONS)}

    def reached(self, functions: list[str]) -> list[tuple[str, ast.AST, str]]:
        """The given top-level functions and every top-level function or class they use,
        transitively, as (name, definition, how it is reached: "f" or "helper h, used by f")."""
        definitions = self._definitions()
        found: dict[str, tuple[ast.AST, str]] = {}
        todo = [(name, name) for name in functions if name in definitions]
        while todo:
            name, how = todo.pop(0)
            if name in found:
                continue
            found[name] = (definitions[name], how)
            user = how.rsplit(" ", 1)[-1]
            todo += [(node.id, f"helper {node.id}, used by {user}") for node in ast.walk(definitions[name])
                     if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in definitions]
        return [(name, definition, how) for name, (definition, how) in found.items()]

    def _snippet(self, node: ast.AST) -> str:
        try:
            return ast.unparse(node)[:80]
        except Exception:
            return self.lines[node.lineno - 1].strip()[:80]

    def module_aliases(self, module: str) -> set[str]:
        """Names bound in the file to `module`, to anything imported from it, or (at the top
        level) to an expression using one of those: `bshapes = torch.broadcast_shapes`."""
        names = set()
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name == module or alias.name.startswith(module + "."):
                        names.add((alias.asname or alias.name).split(".")[0])
            elif isinstance(node, ast.ImportFrom) and node.module and (
                    node.module == module or node.module.startswith(module + ".")):
                names.update(alias.asname or alias.name for alias in node.names)
        names.add(module)
        grew = True
        while grew:  # aliases of aliases
            grew = False
            for node in self.tree.body:
                if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None and any(
                        isinstance(n, ast.Name) and n.id in names for n in ast.walk(node.value)):
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    new = {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)} - names
                    names |= new
                    grew = grew or bool(new)
        return names

    def uses_of_module(self, module: str, functions: list[str]) -> list[Finding]:
        """Every use of `module` (or a name bound to it) inside the given functions and the
        helpers they call. A type test (`isinstance(a, torch.Size)`) is not a use."""
        aliases = self.module_aliases(module)
        findings = []
        for _name, definition, where in self.reached(functions):
            for node in ast.walk(definition):
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in aliases \
                        and not self._is_local(node) and not self._in_type_test(node):
                    findings.append(Finding(node.lineno, f"{self._snippet(self._outermost(node))} in {where}"))
                elif isinstance(node, (ast.Import, ast.ImportFrom)):
                    modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                    if any(m == module or m.startswith(module + ".") for m in modules):
                        findings.append(Finding(node.lineno, f"{self._snippet(node)} in {where}"))
                elif isinstance(node, ast.Constant) and node.value == module:
                    findings.append(Finding(node.lineno, f"{self._snippet(node)} in {where}"))
        return _unique(findings)

    def uses_of_names(self, names: set[str], functions: list[str] | None = None) -> list[Finding]:
        """Every attribute (`F.mse_loss`, `x.grad`), import or exact string ("mse_loss") equal to
        one of `names`, plus uses of a name imported that way, in the whole file or in the given
        functions and their helpers. A student's own variable, function or class that happens
        to be called `grad` or `mse_loss` is not a use."""
        roots = [(self.tree, None)] if functions is None else [
            (definition, None if name in functions else how) for name, definition, how in self.reached(functions)]
        imported = {alias.asname or alias.name for node in ast.walk(self.tree) if isinstance(node, ast.ImportFrom)
                    for alias in node.names if alias.name in names}
        own = set(self._definitions()) | {"self", "cls"}
        findings = []
        for root, how in roots:
            where = f" (in {how})" if how else ""
            for node in ast.walk(root):
                hit = ((isinstance(node, ast.Attribute) and node.attr in names and _root_name(node) not in own)
                       or (isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in imported
                           and not self._is_local(node))
                       or (isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in names))
                if hit:
                    findings.append(Finding(node.lineno, self._snippet(node) + where))
                elif isinstance(node, ast.ImportFrom):
                    for alias in node.names:
                        if alias.name in names:
                            findings.append(Finding(node.lineno, self._snippet(node) + where))
        return _unique(findings)

    # ------------------------------------------------------------ scopes

    def _enclosing_function(self, node: ast.AST) -> ast.AST | None:
        while node in self._parents:
            node = self._parents[node]
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                return node
        return None

    def _is_local(self, name: ast.Name) -> bool:
        """Whether `name` is a variable of the function it is read in (Python makes a name
        local to the whole function when the function assigns it anywhere)."""
        function = self._enclosing_function(name)
        while function is not None:
            if name.id in _local_names(function):
                return True
            function = self._enclosing_function(function)
        return False

    def _in_type_test(self, name: ast.Name) -> bool:
        node = self._outermost(name)
        parent = self._parents.get(node)
        if isinstance(parent, ast.Tuple):
            node, parent = parent, self._parents.get(parent)
        return (isinstance(parent, ast.Call) and isinstance(parent.func, ast.Name)
                and parent.func.id in ("isinstance", "issubclass") and len(parent.args) == 2
                and parent.args[1] is node)

    def _outermost(self, target: ast.Name) -> ast.AST:
        """The attribute chain or call around a name: `torch.broadcast_shapes(a, b)` for `torch`."""
        node = target
        while node in self._parents and isinstance(self._parents[node], (ast.Attribute, ast.Call)) and (
                not isinstance(self._parents[node], ast.Call) or self._parents[node].func is node):
            node = self._parents[node]
        return node


def top_level_names(statements: list[ast.stmt], blocks: tuple = (ast.If, ast.Try)) -> set[str]:
    """The names `statements` define at a module's top level: functions, classes, assignments and
    imports, also inside the compound statements of `blocks` (a module's conditional definitions
    under if/try; a notebook's cells define names inside with/for/while too)."""
    names: set[str] = set()
    for node in statements:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
        elif isinstance(node, blocks):
            for body in ("body", "orelse", "finalbody"):
                names |= top_level_names(getattr(node, body, []), blocks)
            for handler in getattr(node, "handlers", []):
                names |= top_level_names(handler.body, blocks)
    return names


def _local_names(function: ast.AST) -> set[str]:
    arguments = function.args
    names = {a.arg for a in arguments.posonlyargs + arguments.args + arguments.kwonlyargs}
    names |= {a.arg for a in (arguments.vararg, arguments.kwarg) if a is not None}
    declared_global = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, _DEFINITIONS) and node is not function:
            names.add(node.name)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            declared_global.update(node.names)
    return names - declared_global


def _root_name(node: ast.AST) -> str | None:
    """`Losses` for `Losses.mse_loss`, `self` for `self.losses.mse_loss`; None through a call
    or an index (`f(x).backward` is an attribute of what `f` returned)."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _is_main_guard(node: ast.AST) -> bool:
    """`if __name__ == "__main__":` (either way round)."""
    if not isinstance(node, ast.If) or not isinstance(node.test, ast.Compare) or len(node.test.ops) != 1 \
            or not isinstance(node.test.ops[0], ast.Eq):
        return False
    sides = [node.test.left, node.test.comparators[0]]
    return any(isinstance(s, ast.Name) and s.id == "__name__" for s in sides) and any(
        isinstance(s, ast.Constant) and s.value == "__main__" for s in sides)


def _without_main_block(tree: ast.Module) -> ast.Module:
    """The module as the grader imports it: the demo under the main guard never runs."""
    body = []
    for node in tree.body:
        body += node.orelse if _is_main_guard(node) else [node]
    tree.body = body
    return tree


def _unique(findings: list[Finding]) -> list[Finding]:
    seen, out = set(), []
    for finding in sorted(findings, key=lambda f: f.line):
        if finding.line not in seen:
            seen.add(finding.line)
            out.append(finding)
    return out

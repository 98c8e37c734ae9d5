"""Edits no check can ever see, by their nature: the automatic mutants that are not generated.

Two kinds, both equivalent to the reference whatever the checks do, so an author would only
have to justify them by hand:

- an edit inside the message of a raised exception (`raise ValueError(f"... {t.shape[0]}")`
  -> `t.shape[-1]`): the grader judges the kind of error a function raises, never its words;
- `.detach()` added to a value that carries no autograd graph: a bool mask or an integer
  tensor (`return torch.ones(n, n, dtype=torch.bool).tril()`), a comparison, a tensor built
  from constants alone (`torch.arange(n) + 1`). Detaching it changes nothing.

Both are read from the syntax tree alone and only where they are certain: a value that may
carry a graph (an argument, anything unknown) is taken as differentiable, and its mutant stays.
"""

from __future__ import annotations

import ast

from grader.authoring.automutation_sites import Site, Step
from grader.authoring.automutation_syntax import called_name

# Dtypes autograd never differentiates (torch.<name>), and Python's `bool`/`int` as dtype=.
INTEGRAL_DTYPES = {"bool", "long", "int", "int64", "int32", "int16", "int8", "uint8", "short"}
# Calls whose result is a bool or integer tensor (or a Python bool or int), whatever they are given.
INTEGRAL_CALLS = {"bool", "long", "int", "short", "byte", "char", "argmax", "argmin", "argsort", "nonzero",
                  "isnan", "isinf", "isfinite", "isneginf", "isposinf", "isclose", "eq", "ne", "lt", "le", "gt", "ge",
                  "logical_and", "logical_or", "logical_not", "logical_xor", "any", "all", "randint", "randperm",
                  "tril_indices", "triu_indices", "bucketize", "searchsorted", "count_nonzero", "bincount", "len",
                  "numel", "dim", "size"}
# Factories: a new tensor that requires no grad (unless asked with requires_grad=True), whatever
# they are given (torch.tensor(t) copies t's values without its graph).
FACTORIES = {"ones", "zeros", "full", "empty", "eye", "arange", "linspace", "logspace", "rand", "randn", "tensor",
             "ones_like", "zeros_like", "full_like", "empty_like", "rand_like", "randn_like", "new_ones",
             "new_zeros", "new_full", "new_empty", "new_tensor"}
# Keyword arguments that say how a result is made, not what it is made from.
SETTINGS = {"dtype", "device", "layout", "memory_format", "pin_memory", "non_blocking", "copy"}
BITWISE = (ast.BitAnd, ast.BitOr, ast.BitXor, ast.LShift, ast.RShift, ast.Invert)


def _is_integral_dtype(node: ast.AST) -> bool:
    """torch.bool, torch.long, ..., or the Python types bool and int."""
    if isinstance(node, ast.Attribute):
        return node.attr in INTEGRAL_DTYPES
    return isinstance(node, ast.Name) and node.id in ("bool", "int")


class _Locals:
    """What each local name of a function holds, for the names bound only by `name = value`."""

    def __init__(self, function: ast.AST | None):
        self.values: dict[str, list[ast.expr]] = {}
        self.other: set[str] = set()  # bound some other way too (parameter, loop, unpacking...): unknown
        if function is None:
            return
        plain = [n for n in ast.walk(function) if isinstance(n, ast.Assign)
                 and all(isinstance(t, ast.Name) for t in n.targets)]
        for assign in plain:
            for target in assign.targets:
                self.values.setdefault(target.id, []).append(assign.value)
        plain_targets = {id(t) for assign in plain for t in assign.targets}
        args = function.args
        self.other = {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs + [args.vararg, args.kwarg] if a}
        self.other |= {n.id for n in ast.walk(function) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
                       and id(n) not in plain_targets}


def carries_no_graph(node: ast.AST, names: _Locals, depth: int = 0) -> bool:
    """Whether `node` certainly evaluates to something without an autograd graph (a bool or
    integer tensor, a comparison, a number, a tensor made from those alone). False when it
    cannot tell."""
    if depth > 20:
        return False
    again = lambda n: carries_no_graph(n, names, depth + 1)  # noqa: E731
    if isinstance(node, ast.Constant):
        return node.value is None or type(node.value) in (bool, int, float)
    if isinstance(node, ast.Compare):
        return True
    if isinstance(node, ast.UnaryOp):
        return isinstance(node.op, BITWISE + (ast.Not,)) or again(node.operand)
    if isinstance(node, ast.BinOp):
        return isinstance(node.op, BITWISE) or (again(node.left) and again(node.right))
    if isinstance(node, (ast.BoolOp, ast.Tuple, ast.List)):
        return all(again(v) for v in (node.values if isinstance(node, ast.BoolOp) else node.elts))
    if isinstance(node, ast.Name):
        values = names.values.get(node.id)
        return node.id not in names.other and bool(values) and all(again(v) for v in values)
    if isinstance(node, ast.Subscript):
        return again(node.value)
    if isinstance(node, ast.Attribute):
        return node.attr == "shape" or (node.attr in ("T", "mT") and again(node.value))
    if isinstance(node, ast.Call):
        return _call_carries_no_graph(node, names, again)
    return False


def _call_carries_no_graph(call: ast.Call, names: _Locals, again) -> bool:
    name = called_name(call)
    keywords = {k.arg: k.value for k in call.keywords if k.arg is not None}
    if "requires_grad" in keywords or name == "requires_grad_":
        return False
    if _is_integral_dtype(keywords.get("dtype")) or (name in ("to", "type") and call.args
                                                     and _is_integral_dtype(call.args[0])):
        return True
    if name in INTEGRAL_CALLS:
        return True
    operands = list(call.args) + [v for k, v in keywords.items() if k not in SETTINGS] + \
        [k.value for k in call.keywords if k.arg is None]
    owner = call.func.value if isinstance(call.func, ast.Attribute) else None
    is_module = isinstance(owner, ast.Name) and owner.id not in names.values and owner.id not in names.other
    if is_module:  # torch.tril(mask), F.pad(mask, ...): made from its operands alone
        return name in FACTORIES or (bool(operands) and all(again(a) for a in operands))
    if owner is not None:  # mask.tril(), mask.float(), mask.masked_fill(other, 0.0)
        return (name in FACTORIES or again(owner)) and all(again(a) for a in operands)
    return False


def _along(tree: ast.Module, path: tuple[Step, ...]) -> list[ast.AST]:
    """The nodes from the module down to a site, the site's own last."""
    nodes, node = [], tree
    for field, index in path:
        node = getattr(node, field) if index is None else getattr(node, field)[index]
        nodes.append(node)
    return nodes


def _in_exception_message(tree: ast.Module, path: tuple[Step, ...]) -> bool:
    """The site lies in the arguments of the exception a `raise` statement builds."""
    node = tree
    for position, (field, index) in enumerate(path):
        node = getattr(node, field) if index is None else getattr(node, field)[index]
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            rest = path[position + 1:]
            return len(rest) >= 2 and rest[0] == ("exc", None) and rest[1][0] in ("args", "keywords")
    return False


def inert(tree: ast.Module, site: Site) -> bool:
    """Whether the edit at `site` is one no check can see (see the module's docstring)."""
    if _in_exception_message(tree, site.path):
        return True
    if site.operator == "detach_result" and isinstance(site.node, ast.Return):
        function = next((n for n in reversed(_along(tree, site.path))
                         if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))), None)
        return carries_no_graph(site.node.value, _Locals(function))
    return False

"""Automatic mutants of a reference solution: small syntax-tree edits, generated deterministically.

`grade verify` grades every mutant as if a student had handed it in. A mutant that keeps
full marks is either a hole in the checks or equivalent to the reference; the equivalent
ones are listed, each with its reason, in `assignments/<ex>/equivalent_mutants.toml`.

A mutant's id is "<function>:<operator>:<n>": the n-th place in that function where that
operator applies (in source order), so edits elsewhere in the file leave the id alone. Only
code inside functions is mutated (module-level constants are data the checks compare whole).
"""

from __future__ import annotations

import ast
import copy
import os
from dataclasses import dataclass
from typing import Callable, Iterator

MAX_MUTANTS = 40
SMALL_INT = 1000  # integer literals up to this size get off-by-one mutants (epoch counts included)
SNIPPET_CHARS = 72  # a description's before and after are cut around the change beyond this
CLIP_CONTEXT = 24  # characters kept on each side of the change when cutting
CONTEXT_CHARS = 20  # a changed expression shorter than this is shown with what encloses it

# Methods and functions with a `dim` argument, for changing a positional one.
DIM_FUNCTIONS = {"sum", "mean", "std", "var", "prod", "max", "min", "amax", "amin", "argmax", "argmin", "softmax",
                 "log_softmax", "cumsum", "cumprod", "logsumexp", "squeeze", "unsqueeze", "cat", "concat", "stack",
                 "all", "any", "median", "sort", "argsort", "norm"}
# Tensor methods that have an in-place twin with a trailing underscore.
INPLACE_TWINS = {"abs", "relu", "sigmoid", "tanh", "exp", "log", "sqrt", "neg", "clamp", "clamp_min", "clamp_max",
                 "add", "sub", "mul", "div", "pow", "square", "squeeze", "unsqueeze", "sin", "cos", "floor", "ceil",
                 "round", "sign", "reciprocal", "t", "transpose"}
# A BinOp on an argument becomes this in-place method on the argument itself.
INPLACE_OF_BINOP = {ast.Add: "add_", ast.Sub: "sub_", ast.Mult: "mul_", ast.Div: "div_", ast.Pow: "pow_"}
ARITH_SWAPS = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult, ast.Pow: ast.Mult,
               ast.MatMult: ast.Mult, ast.FloorDiv: ast.Div}
COMPARE_SWAPS = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
                 ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is}
NEGATING_SWAPS = {ast.Eq, ast.NotEq, ast.In, ast.NotIn, ast.Is, ast.IsNot}  # their swap is the negation
DTYPE_SWAPS = {"float64": "float32", "float32": "float64", "double": "float", "float": "double"}
TRANSPOSES = {"T", "mT"}
# What a returned value cannot be a tensor after (so .detach() or .float() on it is no mutant).
NOT_TENSOR_CALLS = {"float", "int", "bool", "str", "tuple", "list", "dict", "set", "len", "range", "sorted",
                    "reversed", "max", "min", "sum", "abs", "round", "isinstance", "print"}
NOT_TENSOR_METHODS = {"item", "tolist", "numpy", "size", "dim", "numel", "keys", "values", "items", "format",
                      "join", "count", "index"}
QUIET_CALLS = {"print"}  # a dropped print changes nothing a check can see


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


@dataclass
class _Context:
    """What an operator may need to know about the function it is mutating."""

    params: set[str]
    torch_names: set[str]  # names the module binds to torch or its submodules (torch, nn, F)

    @property
    def uses_torch(self) -> bool:
        return bool(self.torch_names)


# A rewrite gets the node (in a fresh copy of the tree) and returns what replaces it:
# an expression, a statement, or a list of statements.
Rewrite = Callable[[ast.AST], "ast.AST | list[ast.stmt]"]
Step = tuple[str, "int | None"]  # (field, index in a list field, or None)


@dataclass(frozen=True)
class _Site:
    operator: str
    path: tuple[Step, ...]
    node: ast.AST
    rewrite: Rewrite


# ---------------------------------------------------------------- helpers


def _int_value(node: ast.AST) -> int | None:
    """The value of an integer literal, `-3` included; None for anything else (bools too)."""
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant) \
            and type(node.operand.value) is int:
        return -node.operand.value
    return None


def _int_literal(value: int) -> ast.expr:
    return ast.Constant(value) if value >= 0 else ast.UnaryOp(ast.USub(), ast.Constant(-value))


def _method(value: ast.expr, name: str, args=(), keywords=()) -> ast.Call:
    return ast.Call(ast.Attribute(value, name, ast.Load()), list(args), list(keywords))


def _is_module_call(call: ast.Call, ctx: _Context) -> bool:
    """torch.relu(x), F.relu(x): a function of a torch module, not a method of a value."""
    return isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Name) \
        and call.func.value.id in ctx.torch_names


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    if isinstance(call.func, ast.Name):
        return call.func.id
    return None


def _is_text(node: ast.AST) -> bool:
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)))


def _is_transposed(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr in TRANSPOSES) or \
        (isinstance(node, ast.Call) and _called_name(node) == "t" and not node.args)


def _looks_like_tensor(node: ast.AST) -> bool:
    """A returned expression that may be a tensor (a name may be a model, a call may be
    float(...)): the only ones .detach() and .float() are tried on."""
    if isinstance(node, (ast.BinOp, ast.UnaryOp, ast.Subscript)):
        return True
    if isinstance(node, ast.Attribute):
        return node.attr in TRANSPOSES
    if isinstance(node, ast.Call):
        name = _called_name(node)
        if isinstance(node.func, ast.Name):
            return name not in NOT_TENSOR_CALLS
        return name not in NOT_TENSOR_METHODS
    return False


def _replace(node: ast.AST, **fields) -> ast.AST:
    new = copy.copy(node)
    for name, value in fields.items():
        setattr(new, name, value)
    return new


# ---------------------------------------------------------------- operators
# Each takes (node, parent, ctx) and returns the rewrites it offers at that node (often none).


def _arith_swap(node, parent, ctx) -> list[Rewrite]:
    if isinstance(node, ast.BinOp) and type(node.op) in ARITH_SWAPS and not (_is_text(node.left)
                                                                             or _is_text(node.right)):
        return [lambda n: _replace(n, op=ARITH_SWAPS[type(n.op)]())]
    if isinstance(node, ast.AugAssign) and type(node.op) in ARITH_SWAPS:
        return [lambda n: _replace(n, op=ARITH_SWAPS[type(n.op)]())]
    return []


def _compare_swap(node, parent, ctx) -> list[Rewrite]:
    if not isinstance(node, ast.Compare):
        return []

    def swap(index):
        return lambda n: _replace(n, ops=[COMPARE_SWAPS[type(op)]() if i == index else op
                                          for i, op in enumerate(n.ops)])

    return [swap(i) for i, op in enumerate(node.ops) if type(op) in COMPARE_SWAPS]


def _bool_swap(node, parent, ctx) -> list[Rewrite]:
    if isinstance(node, ast.BoolOp):
        return [lambda n: _replace(n, op=ast.Or() if isinstance(n.op, ast.And) else ast.And())]
    return []


def _drop_not(node, parent, ctx) -> list[Rewrite]:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return [lambda n: n.operand]
    return []


def _drop_transpose(node, parent, ctx) -> list[Rewrite]:
    if isinstance(node, ast.Attribute) and node.attr in TRANSPOSES and isinstance(node.ctx, ast.Load):
        return [lambda n: n.value]
    if isinstance(node, ast.Call) and _is_transposed(node) and isinstance(node.func, ast.Attribute):
        return [lambda n: n.func.value]
    return []


def _add_transpose(node, parent, ctx) -> list[Rewrite]:
    if not (isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult)):
        return []

    def transpose(side):
        return lambda n: _replace(n, **{side: ast.Attribute(getattr(n, side), "T", ast.Load())})

    return [transpose(side) for side in ("left", "right") if not _is_transposed(getattr(node, side))]


def _other_dim(value: int) -> int:
    return -1 if value == 0 else 0


def _swapped_in(items: list, index: int, new) -> list:
    return [new if i == index else item for i, item in enumerate(items)]


def _change_dim(node, parent, ctx) -> list[Rewrite]:
    """dim=0 <-> dim=-1 (keyword or positional); keepdim is flip_bool_keyword's."""
    if not isinstance(node, ast.Call):
        return []
    rewrites = []
    for i, keyword in enumerate(node.keywords):
        value = _int_value(keyword.value)
        if keyword.arg in ("dim", "axis") and value is not None:
            new = ast.keyword(keyword.arg, _int_literal(_other_dim(value)))
            rewrites.append(lambda n, i=i, new=new: _replace(n, keywords=_swapped_in(n.keywords, i, new)))
    position = 1 if _is_module_call(node, ctx) else 0  # torch.sum(x, 0) or x.sum(0)
    if _called_name(node) in DIM_FUNCTIONS and isinstance(node.func, ast.Attribute) and len(node.args) > position:
        value = _int_value(node.args[position])
        if value is not None:
            new = _int_literal(_other_dim(value))
            rewrites.append(lambda n: _replace(n, args=_swapped_in(n.args, position, new)))
    return rewrites


def _flip_bool_keyword(node, parent, ctx) -> list[Rewrite]:
    """keepdim=True -> False, requires_grad=True -> False, ..."""
    if not isinstance(node, ast.keyword):
        return []
    if isinstance(node.value, ast.Constant) and isinstance(node.value.value, bool):
        return [lambda n: ast.keyword(n.arg, ast.Constant(not n.value.value))]
    return []


def _off_by_one(node, parent, ctx) -> list[Rewrite]:
    """n -> n + 1 and n -> n - 1, for integer literals up to SMALL_INT (epoch counts too)."""
    if isinstance(parent, ast.UnaryOp) and isinstance(parent.op, ast.USub):
        return []  # `-1` is one literal: mutated at the minus sign
    value = _int_value(node)
    if value is None or abs(value) > SMALL_INT:
        return []
    return [lambda n: _int_literal(value + 1), lambda n: _int_literal(value - 1)]


def _float_scale(node, parent, ctx) -> list[Rewrite]:
    """0.1 -> 0.01: a learning rate or tolerance ten times smaller."""
    if isinstance(node, ast.Constant) and type(node.value) is float and node.value != 0.0:
        return [lambda n: ast.Constant(n.value / 10)]
    return []


def _inplace_argument(node, parent, ctx) -> list[Rewrite]:
    """Arithmetic that overwrites the caller's tensor: `p = p + b` -> `p += b`, `p - b` -> `p.sub_(b)`."""
    if not ctx.uses_torch:
        return []
    if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
            and node.targets[0].id in ctx.params and isinstance(node.value, ast.BinOp) \
            and isinstance(node.value.left, ast.Name) and node.value.left.id == node.targets[0].id \
            and type(node.value.op) in INPLACE_OF_BINOP:
        return [lambda n: ast.AugAssign(ast.Name(n.targets[0].id, ast.Store()), n.value.op, n.value.right)]
    if isinstance(node, ast.BinOp) and isinstance(node.left, ast.Name) and node.left.id in ctx.params \
            and type(node.op) in INPLACE_OF_BINOP and not _is_text(node.right):
        if isinstance(parent, ast.Assign) and any(isinstance(t, ast.Name) and t.id == node.left.id
                                                  for t in parent.targets):
            return []  # `p = p + b`: offered above as `p += b`
        return [lambda n: _method(n.left, INPLACE_OF_BINOP[type(n.op)], [n.right])]
    return []


def _inplace_method(node, parent, ctx) -> list[Rewrite]:
    """`.relu()` -> `.relu_()`, `torch.relu(x)` -> `x.relu_()`."""
    if not (ctx.uses_torch and isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in INPLACE_TWINS):
        return []
    if _is_module_call(node, ctx):
        if not node.args or isinstance(node.args[0], ast.Starred):
            return []
        return [lambda n: _method(n.args[0], n.func.attr + "_", n.args[1:], n.keywords)]
    return [lambda n: _replace(n, func=_replace(n.func, attr=n.func.attr + "_"))]


def _detach_result(node, parent, ctx) -> list[Rewrite]:
    if ctx.uses_torch and isinstance(node, ast.Return) and node.value is not None and _looks_like_tensor(node.value):
        return [lambda n: ast.Return(_method(n.value, "detach"))]
    return []


def _float_result(node, parent, ctx) -> list[Rewrite]:
    """A float64 result silently turned into float32."""
    if ctx.uses_torch and isinstance(node, ast.Return) and node.value is not None and _looks_like_tensor(node.value):
        return [lambda n: ast.Return(_method(n.value, "float"))]
    return []


def _dtype_swap(node, parent, ctx) -> list[Rewrite]:
    """torch.float64 <-> torch.float32."""
    if isinstance(node, ast.Attribute) and node.attr in DTYPE_SWAPS and isinstance(node.value, ast.Name) \
            and node.value.id in ctx.torch_names and isinstance(node.ctx, ast.Load):
        return [lambda n: _replace(n, attr=DTYPE_SWAPS[n.attr])]
    return []


def _is_no_grad(item: ast.withitem) -> bool:
    call = item.context_expr
    return isinstance(call, ast.Call) and _called_name(call) in ("no_grad", "inference_mode")


def _drop_no_grad(node, parent, ctx) -> list[Rewrite]:
    if not (isinstance(node, ast.With) and any(_is_no_grad(item) for item in node.items)):
        return []

    def drop(n):
        items = [item for item in n.items if not _is_no_grad(item)]
        return _replace(n, items=items) if items else n.body

    return [drop]


def _mean_sum(node, parent, ctx) -> list[Rewrite]:
    if ctx.uses_torch and isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr in ("mean", "sum"):
        return [lambda n: _replace(n, func=_replace(n.func, attr="sum" if n.func.attr == "mean" else "mean"))]
    return []


def _drop_abs(node, parent, ctx) -> list[Rewrite]:
    if not (isinstance(node, ast.Call) and _called_name(node) == "abs"):
        return []
    if isinstance(node.func, ast.Attribute) and not _is_module_call(node, ctx) and not node.args:
        return [lambda n: n.func.value]  # x.abs()
    if len(node.args) == 1 and not node.keywords:
        return [lambda n: n.args[0]]  # abs(x), torch.abs(x)
    return []


def _swap_returned(node, parent, ctx) -> list[Rewrite]:
    if not (isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple)
            and not any(isinstance(e, ast.Starred) for e in node.value.elts)):
        return []

    def swap(i):
        def rewrite(n):
            elts = list(n.value.elts)
            elts[i], elts[i + 1] = elts[i + 1], elts[i]
            return ast.Return(_replace(n.value, elts=elts))
        return rewrite

    return [swap(i) for i in range(len(node.value.elts) - 1)]


def _drop_raise(node, parent, ctx) -> list[Rewrite]:
    return [lambda n: ast.Pass()] if isinstance(node, ast.Raise) else []


def _negate_raise_condition(node, parent, ctx) -> list[Rewrite]:
    """`if bad: raise ...` -> `if not bad: raise ...` (the site is the condition). Left out
    where compare_swap already gives the negation (`a != b` -> `a == b`)."""
    if not (isinstance(parent, ast.If) and node is parent.test and any(isinstance(s, ast.Raise) for s in parent.body)):
        return []
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in NEGATING_SWAPS:
        return []
    return [lambda n: ast.UnaryOp(ast.Not(), n)]


def _drop_call(node, parent, ctx) -> list[Rewrite]:
    """A statement that is only a call (`optimizer.zero_grad()`, `out.append(x)`) left out."""
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and _called_name(node.value) not in QUIET_CALLS:
        return [lambda n: ast.Pass()]
    return []


# In priority order: when a function offers more mutants than the limit, each operator gets
# its turn in this order (see `_spread`).
OPERATORS: dict[str, Callable] = {
    "arith_swap": _arith_swap,
    "compare_swap": _compare_swap,
    "drop_transpose": _drop_transpose,
    "add_transpose": _add_transpose,
    "change_dim": _change_dim,
    "drop_raise": _drop_raise,
    "negate_raise_condition": _negate_raise_condition,
    "drop_call": _drop_call,
    "drop_no_grad": _drop_no_grad,
    "mean_sum": _mean_sum,
    "drop_abs": _drop_abs,
    "inplace_argument": _inplace_argument,
    "inplace_method": _inplace_method,
    "detach_result": _detach_result,
    "float_result": _float_result,
    "dtype_swap": _dtype_swap,
    "bool_swap": _bool_swap,
    "drop_not": _drop_not,
    "flip_bool_keyword": _flip_bool_keyword,
    "swap_returned": _swap_returned,
    "off_by_one": _off_by_one,
    "float_scale": _float_scale,
}


# ---------------------------------------------------------------- sites


_LEAVES = (ast.expr_context, ast.operator, ast.cmpop, ast.boolop, ast.unaryop)  # no operator edits them alone


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
    return isinstance(node, ast.Expr) and _is_text(node.value) and parent is not None \
        and getattr(parent, "body", [None])[0] is node


def _sites(tree: ast.Module, operators: list[str]) -> dict[str, list[_Site]]:
    """function name -> its sites, ordered by operator (in `operators` order), then source order."""
    torch_names = _torch_names(tree)
    by_function = {}
    for name, function, path in _functions(tree):
        ctx = _Context(_params(function), torch_names)
        sites = []
        for operator in operators:
            for node, node_path, parent in _walk(function, path):
                if node is function or _is_docstring(node, parent):
                    continue
                for rewrite in OPERATORS[operator](node, parent, ctx):
                    sites.append(_Site(operator, node_path, node, rewrite))
        by_function[name] = sites
    return by_function


# ---------------------------------------------------------------- mutants


def _locate(tree: ast.AST, path: tuple[Step, ...]) -> tuple[ast.AST, Step]:
    node = tree
    for field, index in path[:-1]:
        node = getattr(node, field) if index is None else getattr(node, field)[index]
    return node, path[-1]


def _apply(tree: ast.Module, site: _Site) -> ast.Module:
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


def _mutant(tree: ast.Module, function: str, ordinal: int, site: _Site) -> Mutant | None:
    """The mutant at one site, or None when the edit does not compile."""
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


def _spread(groups: list[list[Mutant]], limit: int) -> list[Mutant]:
    """Up to `limit` mutants, taken in turns from each (function, operator) group, so that a
    limit leaves out the tail of the biggest groups rather than whole operators."""
    chosen, turn = [], 0
    while len(chosen) < limit and any(turn < len(group) for group in groups):
        chosen += [group[turn] for group in groups if turn < len(group)][:limit - len(chosen)]
        turn += 1
    return chosen


def _capped(groups: list[list[Mutant]], caps: dict[str, int | None]) -> list[list[Mutant]]:
    """The first `caps[operator]` mutants of each operator (functions in source order)."""
    taken: dict[str, int] = {}
    capped = []
    for group in groups:
        operator = group[0].operator
        cap = caps.get(operator)
        room = len(group) if cap is None else max(0, cap - taken.get(operator, 0))
        taken[operator] = taken.get(operator, 0) + min(room, len(group))
        if room:
            capped.append(group[:room])
    return capped


def generate_mutants(source: str, operators: dict[str, int | None] | None = None,
                     limit: int | None = MAX_MUTANTS) -> list[Mutant]:
    """The mutants of a module's source, deterministically: same source, same mutants and ids.

    `operators` maps the operators to use to how many mutants each may give at most (None:
    no cap); None uses them all. At most `limit` mutants in all (see `_spread`). Edits that
    change nothing, repeat an earlier mutant or do not compile are left out; ids count every
    site, so leaving one out renumbers nothing.
    """
    caps = dict.fromkeys(OPERATORS) if operators is None else dict(operators)
    unknown = sorted(set(caps) - set(OPERATORS))
    if unknown:
        raise ValueError(f"unknown mutation operators: {', '.join(unknown)} (known: {', '.join(OPERATORS)})")
    tree = ast.parse(source)
    seen = {ast.unparse(tree) + "\n"}
    groups = []
    for function, sites in _sites(tree, [op for op in OPERATORS if op in caps]).items():
        ordinals: dict[str, int] = {}
        by_operator: dict[str, list[Mutant]] = {}
        for site in sites:
            ordinals[site.operator] = ordinals.get(site.operator, 0) + 1
            mutant = _mutant(tree, function, ordinals[site.operator], site)
            if mutant is not None and mutant.source not in seen:
                seen.add(mutant.source)
                by_operator.setdefault(site.operator, []).append(mutant)
        groups += by_operator.values()
    groups = _capped(groups, caps)
    chosen = {m.id for m in _spread(groups, len(seen) if limit is None else limit)}
    return [m for group in groups for m in group if m.id in chosen]


__all__ = ["Mutant", "OPERATORS", "MAX_MUTANTS", "generate_mutants"]

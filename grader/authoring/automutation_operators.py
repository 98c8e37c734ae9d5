"""The automatic mutation operators: each finds, at one node of a reference's syntax tree, the
small edits a student could plausibly have made there (a swapped operator, a dropped `.T`, a
changed dim, an off-by-one constant, an in-place variant, a lost `no_grad`...).

An operator takes (node, parent, ctx) and returns the rewrites it offers at that node, often
none; `OPERATORS` names them in priority order (automutation.py gives each its turn in that
order when a function offers more mutants than the limit). What the operators share about
the tree is in automutation_syntax.py.
"""

from __future__ import annotations

import ast
from typing import Callable

from grader.authoring.automutation_syntax import (TRANSPOSES, Rewrite, called_name, int_literal, int_value,
                                                  is_module_call, is_text, is_transposed, looks_like_tensor,
                                                  method_call, replaced)

SMALL_INT = 1000  # integer literals up to this size get off-by-one mutants (epoch counts included)

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
QUIET_CALLS = {"print"}  # a dropped print changes nothing a check can see


def _arith_swap(node, parent, ctx) -> list[Rewrite]:
    if isinstance(node, ast.BinOp) and type(node.op) in ARITH_SWAPS and not (is_text(node.left)
                                                                            or is_text(node.right)):
        return [lambda n: replaced(n, op=ARITH_SWAPS[type(n.op)]())]
    if isinstance(node, ast.AugAssign) and type(node.op) in ARITH_SWAPS:
        return [lambda n: replaced(n, op=ARITH_SWAPS[type(n.op)]())]
    return []


def _compare_swap(node, parent, ctx) -> list[Rewrite]:
    if not isinstance(node, ast.Compare):
        return []

    def swap(index):
        return lambda n: replaced(n, ops=[COMPARE_SWAPS[type(op)]() if i == index else op
                                          for i, op in enumerate(n.ops)])

    return [swap(i) for i, op in enumerate(node.ops) if type(op) in COMPARE_SWAPS]


def _bool_swap(node, parent, ctx) -> list[Rewrite]:
    if isinstance(node, ast.BoolOp):
        return [lambda n: replaced(n, op=ast.Or() if isinstance(n.op, ast.And) else ast.And())]
    return []


def _drop_not(node, parent, ctx) -> list[Rewrite]:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return [lambda n: n.operand]
    return []


def _drop_transpose(node, parent, ctx) -> list[Rewrite]:
    if isinstance(node, ast.Attribute) and node.attr in TRANSPOSES and isinstance(node.ctx, ast.Load):
        return [lambda n: n.value]
    if isinstance(node, ast.Call) and is_transposed(node) and isinstance(node.func, ast.Attribute):
        return [lambda n: n.func.value]
    return []


def _add_transpose(node, parent, ctx) -> list[Rewrite]:
    if not (isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult)):
        return []

    def transpose(side):
        return lambda n: replaced(n, **{side: ast.Attribute(getattr(n, side), "T", ast.Load())})

    return [transpose(side) for side in ("left", "right") if not is_transposed(getattr(node, side))]


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
        value = int_value(keyword.value)
        if keyword.arg in ("dim", "axis") and value is not None:
            new = ast.keyword(keyword.arg, int_literal(_other_dim(value)))
            rewrites.append(lambda n, i=i, new=new: replaced(n, keywords=_swapped_in(n.keywords, i, new)))
    position = 1 if is_module_call(node, ctx) else 0  # torch.sum(x, 0) or x.sum(0)
    if called_name(node) in DIM_FUNCTIONS and isinstance(node.func, ast.Attribute) and len(node.args) > position:
        value = int_value(node.args[position])
        if value is not None:
            new = int_literal(_other_dim(value))
            rewrites.append(lambda n: replaced(n, args=_swapped_in(n.args, position, new)))
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
    value = int_value(node)
    if value is None or abs(value) > SMALL_INT:
        return []
    return [lambda n: int_literal(value + 1), lambda n: int_literal(value - 1)]


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
            and type(node.op) in INPLACE_OF_BINOP and not is_text(node.right):
        if isinstance(parent, ast.Assign) and any(isinstance(t, ast.Name) and t.id == node.left.id
                                                  for t in parent.targets):
            return []  # `p = p + b`: offered above as `p += b`
        return [lambda n: method_call(n.left, INPLACE_OF_BINOP[type(n.op)], [n.right])]
    return []


def _inplace_method(node, parent, ctx) -> list[Rewrite]:
    """`.relu()` -> `.relu_()`, `torch.relu(x)` -> `x.relu_()`."""
    if not (ctx.uses_torch and isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in INPLACE_TWINS):
        return []
    if is_module_call(node, ctx):
        if not node.args or isinstance(node.args[0], ast.Starred):
            return []
        return [lambda n: method_call(n.args[0], n.func.attr + "_", n.args[1:], n.keywords)]
    return [lambda n: replaced(n, func=replaced(n.func, attr=n.func.attr + "_"))]


def _detach_result(node, parent, ctx) -> list[Rewrite]:
    if ctx.uses_torch and isinstance(node, ast.Return) and node.value is not None and looks_like_tensor(node.value):
        return [lambda n: ast.Return(method_call(n.value, "detach"))]
    return []


def _float_result(node, parent, ctx) -> list[Rewrite]:
    """A float64 result silently turned into float32."""
    if ctx.uses_torch and isinstance(node, ast.Return) and node.value is not None and looks_like_tensor(node.value):
        return [lambda n: ast.Return(method_call(n.value, "float"))]
    return []


def _dtype_swap(node, parent, ctx) -> list[Rewrite]:
    """torch.float64 <-> torch.float32."""
    if isinstance(node, ast.Attribute) and node.attr in DTYPE_SWAPS and isinstance(node.value, ast.Name) \
            and node.value.id in ctx.torch_names and isinstance(node.ctx, ast.Load):
        return [lambda n: replaced(n, attr=DTYPE_SWAPS[n.attr])]
    return []


def _is_no_grad(item: ast.withitem) -> bool:
    call = item.context_expr
    return isinstance(call, ast.Call) and called_name(call) in ("no_grad", "inference_mode")


def _drop_no_grad(node, parent, ctx) -> list[Rewrite]:
    if not (isinstance(node, ast.With) and any(_is_no_grad(item) for item in node.items)):
        return []

    def drop(n):
        items = [item for item in n.items if not _is_no_grad(item)]
        return replaced(n, items=items) if items else n.body

    return [drop]


def _mean_sum(node, parent, ctx) -> list[Rewrite]:
    if ctx.uses_torch and isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr in ("mean", "sum"):
        return [lambda n: replaced(n, func=replaced(n.func, attr="sum" if n.func.attr == "mean" else "mean"))]
    return []


def _drop_abs(node, parent, ctx) -> list[Rewrite]:
    if not (isinstance(node, ast.Call) and called_name(node) == "abs"):
        return []
    if isinstance(node.func, ast.Attribute) and not is_module_call(node, ctx) and not node.args:
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
            return ast.Return(replaced(n.value, elts=elts))
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
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and called_name(node.value) not in QUIET_CALLS:
        return [lambda n: ast.Pass()]
    return []


# In priority order: when a function offers more mutants than the limit, each operator gets
# its turn in this order (see automutation.py `_spread`).
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

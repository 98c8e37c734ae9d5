"""What the automatic mutation operators ask of a syntax tree, and how they build new nodes.

The operators (automutation_operators.py) are small predicates and rewrites over `ast` nodes:
this module holds the questions they share (is this an integer literal, a call of a torch
module's function, text, a transpose, something that may be a tensor?) and the few node
builders their rewrites use, so each operator reads as the edit it makes.
"""

from __future__ import annotations

import ast
import copy
from dataclasses import dataclass
from typing import Callable

TRANSPOSES = {"T", "mT"}
# What a returned value cannot be a tensor after (so .detach() or .float() on it is no mutant).
NOT_TENSOR_CALLS = {"float", "int", "bool", "str", "tuple", "list", "dict", "set", "len", "range", "sorted",
                    "reversed", "max", "min", "sum", "abs", "round", "isinstance", "print"}
NOT_TENSOR_METHODS = {"item", "tolist", "numpy", "size", "dim", "numel", "keys", "values", "items", "format",
                      "join", "count", "index"}

# A rewrite gets the node (in a fresh copy of the tree) and returns what replaces it:
# an expression, a statement, or a list of statements.
Rewrite = Callable[[ast.AST], "ast.AST | list[ast.stmt]"]


@dataclass
class Context:
    """What an operator may need to know about the function it is mutating."""

    params: set[str]
    torch_names: set[str]  # names the module binds to torch or its submodules (torch, nn, F)

    @property
    def uses_torch(self) -> bool:
        return bool(self.torch_names)


def int_value(node: ast.AST) -> int | None:
    """The value of an integer literal, `-3` included; None for anything else (bools too)."""
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant) \
            and type(node.operand.value) is int:
        return -node.operand.value
    return None


def int_literal(value: int) -> ast.expr:
    return ast.Constant(value) if value >= 0 else ast.UnaryOp(ast.USub(), ast.Constant(-value))


def method_call(value: ast.expr, name: str, args=(), keywords=()) -> ast.Call:
    """`value.name(*args, **keywords)` as a node."""
    return ast.Call(ast.Attribute(value, name, ast.Load()), list(args), list(keywords))


def is_module_call(call: ast.Call, ctx: Context) -> bool:
    """torch.relu(x), F.relu(x): a function of a torch module, not a method of a value."""
    return isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Name) \
        and call.func.value.id in ctx.torch_names


def called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    if isinstance(call.func, ast.Name):
        return call.func.id
    return None


def is_text(node: ast.AST) -> bool:
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)))


def is_transposed(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr in TRANSPOSES) or \
        (isinstance(node, ast.Call) and called_name(node) == "t" and not node.args)


def looks_like_tensor(node: ast.AST) -> bool:
    """A returned expression that may be a tensor (a name may be a model, a call may be
    float(...)): the only ones .detach() and .float() are tried on."""
    if isinstance(node, (ast.BinOp, ast.UnaryOp, ast.Subscript)):
        return True
    if isinstance(node, ast.Attribute):
        return node.attr in TRANSPOSES
    if isinstance(node, ast.Call):
        name = called_name(node)
        if isinstance(node.func, ast.Name):
            return name not in NOT_TENSOR_CALLS
        return name not in NOT_TENSOR_METHODS
    return False


def replaced(node: ast.AST, **fields) -> ast.AST:
    """A shallow copy of `node` with `fields` set (the original is left as it was)."""
    new = copy.copy(node)
    for name, value in fields.items():
        setattr(new, name, value)
    return new

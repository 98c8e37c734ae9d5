"""The contract's signatures, kept exactly: parameter names and order, read from the source.

"The names and signatures below are the contract: keep them exactly" (../shared/EXERCISES.md).
A check calls a function positionally and it works with any names; a caller who writes
`forward(x=x, W1=W1, ...)`, as the contract allows, gets a TypeError. So the stub's signature
(the contract's) is compared with the student's, both read as syntax trees in the grader's
own process (nothing the student's code does at run time can change the verdict):

- every parameter of the stub is there, under the same name, at the same position, of the
  same kind (positional or keyword-only), with a default exactly where the stub has one;
- the student may add parameters after them, if each has a default (or is *args/**kwargs):
  every call the contract allows still works.

For a class (ex9's HousePriceNet) its `__init__` is compared. A name the student's module
defines some other way (an assignment, an import) is not judged here: its checks judge it.
"""

from __future__ import annotations

import ast

POSITIONAL, KEYWORD_ONLY = "positional", "keyword-only"


def signatures(source: str) -> dict[str, list[tuple[str, str, bool]]]:
    """name -> [(parameter, kind, has_default)] for the module-level functions and classes of
    `source` (a class by its __init__, without self). Unparsable source: {}."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return {}
    found = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found[node.name] = _parameters(node.args)
        elif isinstance(node, ast.ClassDef):
            init = next((n for n in node.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"), None)
            if init is not None:
                found[node.name] = _parameters(init.args)[1:]  # without self
    return found


def _parameters(args: ast.arguments) -> list[tuple[str, str, bool]]:
    positional = args.posonlyargs + args.args
    first_default = len(positional) - len(args.defaults)
    result = [(a.arg, POSITIONAL, i >= first_default) for i, a in enumerate(positional)]
    if args.vararg is not None:
        result.append(("*" + args.vararg.arg, "varargs", True))
    result += [(a.arg, KEYWORD_ONLY, d is not None) for a, d in zip(args.kwonlyargs, args.kw_defaults)]
    if args.kwarg is not None:
        result.append(("**" + args.kwarg.arg, "varkw", True))
    return result


def _text(parameters: list[tuple[str, str, bool]]) -> str:
    parts, star = [], False
    for name, kind, default in parameters:
        if kind == KEYWORD_ONLY and not star:
            parts.append("*")
            star = True
        star = star or kind == "varargs"
        parts.append(name + ("=…" if default and kind in (POSITIONAL, KEYWORD_ONLY) else ""))
    return "(" + ", ".join(parts) + ")"


def mismatch(name: str, contract: list[tuple[str, str, bool]], student: list[tuple[str, str, bool]]) -> str | None:
    """Why `student`'s parameters break the contract's, in a sentence; None when they keep it."""
    wanted = f"{name}{_text(contract)}"
    for index, expected in enumerate(contract):
        got = student[index] if index < len(student) else None
        if got is None or got[:2] != expected[:2] or got[2] != expected[2]:
            return (f"{name} is defined as {name}{_text(student)}; the contract's signature is {wanted}: keep its "
                    "parameter names, order and defaults exactly, because callers may pass arguments by name "
                    f"({name}({', '.join(f'{p}={p}' for p, kind, _ in contract if kind == POSITIONAL and not p.startswith('*'))})).")
    for extra, kind, default in student[len(contract):]:
        if kind in (POSITIONAL, KEYWORD_ONLY) and not default:
            return (f"{name} is defined as {name}{_text(student)}; the contract's signature is {wanted}: a parameter "
                    f"you add ({extra}) needs a default, so that every call the contract allows still works.")
    return None


def problems(stub_source: str, student_source: str, names: list[str]) -> dict[str, str]:
    """name -> what is wrong with its signature, for the contract names both define."""
    contract, student = signatures(stub_source), signatures(student_source)
    found = {}
    for name in names:
        if name in contract and name in student:
            problem = mismatch(name, contract[name], student[name])
            if problem:
                found[name] = problem
    return found

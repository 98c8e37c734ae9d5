"""The grader <-> worker protocol, written down once: every request, every reply, every key.

Both sides import this module (the worker side too: it depends on nothing else of the
package), so a key is spelled in one place. Messages travel as wire frames (`wire.py`); the
TypedDicts here are what those frames hold. Requests are built by the functions below;
replies are read through `Reply` and `ErrorInfo`.

    grader                                  worker
    load(source, ...)            ──────►    Worker.load      -> LoadReply
    call(target, args, ...)      ──────►    Worker.call      -> CallReply
    call_many(target, calls)     ──────►    Worker.call_many -> CallManyReply
    value(name) / getattr(...)   ──────►    Worker.value / Worker.getattr -> {"value"}
    rules(function)              ──────►    Worker.rules     -> {"replayed"}
    EXIT                         ──────►    closes its output -> {"ok": True, "bye": True}
"""

from __future__ import annotations

from typing import Any, Literal, TypedDict

# The error type of a request the worker refused (a bug or a refused sandbox, not the student).
REFUSED = "GraderRequest"
# The error type of a value the student returned that the wire cannot carry.
UNSENDABLE = "UnsendableValue"


class Watch(TypedDict, total=False):
    """What the worker watches while contract functions run ([watch] in exercise.toml)."""

    guarded: list[str]  # functions that must not reach anything in `forbidden`
    forbidden: list[str]  # dotted names; a module forbids all of it
    training: list[str]  # functions whose backward passes are recorded


class Rules(TypedDict, total=False):
    """The contract's rules for every function (grader/remote/rules.py), as the worker applies them."""

    functions: list[str]  # the contract functions to observe
    may_change: dict[str, list[str]]  # function -> arguments it may change ("*": all) ([rules] in exercise.toml)
    skip: dict[str, list[str]]  # function -> rules not applied to it: "arguments", "global_state", "independent"
    seeding: bool  # False: seeding the global generator breaks the rules too ([rules] seeding = false)


class RuleViolation(TypedDict, total=False):
    """One breach of the contract's rules, as data: the grader words it (grader/core/contract.py)."""

    rule: Literal["arguments", "global_state", "independent", "imports"]
    function: str | None  # the contract function; None: the module (its import, or other code of it)
    call: str  # "add(x, y)": the function with its parameters' names
    # arguments: which argument ("x", "model.layer1.weight", "shapes[0]") and what changed
    argument: str
    change: Literal["values", "version", "requires_grad", "grad", "dtype", "shape", "strides", "replaced",
                    "parameters"]
    before: Any  # the change's old and new state: a version, a flag, a dtype's name, a shape, an element
    after: Any
    index: list[int]  # values: the first element that changed
    values_equal: bool  # values/version: equal as numbers (only bits changed: -0.0, NaN payloads; or none)
    versions: list[int]  # values: the version counter before and after
    # global_state: a setting's key ("default_dtype", "grad_enabled", ...), when it changed
    setting: str
    during: Literal["import", "call", "request"]
    label: str  # request: what ran (a model called, say)
    # imports: the top-level module, and how it was seen
    module: str
    how: str  # imports: "import" | "global"; independent: "fresh" | "repeat" | "recycled"
    name: str  # imports, "global": the module-level name holding it
    # independent: where the answers differ ("[1]", ".weight"), how, and the two answers (short)
    path: str
    kind: str  # "value", "length", "shape", "dtype", "type", "raised", "keys", "requires_grad"
    first: Any  # the example's answer
    again: Any  # the answer when called again
    callables: list[str]  # arguments that are functions (given as unhashable callables in the replays)


class RulesReport(TypedDict):
    """In every reply of a worker that applies the rules."""

    violations: list[RuleViolation]  # new since the last reply (each breach once)
    returned: list[str]  # contract functions that returned a value at least once in this worker
    placeholders: list[str]  # contract functions that raised the stub's NotImplementedError


class LoadRequest(TypedDict):
    op: Literal["load"]
    source: str
    cells: list[tuple[str, str]] | None  # a notebook's code cells, run in order
    filename: str
    module: str
    required_layers: list[str]  # sandbox layers the worker must have, or refuse
    watch: Watch
    rules: Rules | None  # None: the contract's rules are not watched


class RulesRequest(TypedDict):
    """Judge the rules now: the module's names scanned, and `function`'s first call replayed."""

    op: Literal["rules"]
    function: str | None


class CallRequest(TypedDict):
    op: Literal["call"]
    target: Any  # a contract name, a HandleRef, or a check's FunctionSource
    args: list
    kwargs: dict
    grad: dict | None  # {"wrt": [indices], "grad_output": tensor or None}: backpropagate in the worker
    return_args: bool  # also send the arguments back, as they are after the call
    with_module: bool  # a check's function: called as fn(module, *args)
    seed: int


class CallManyRequest(TypedDict):
    op: Literal["call_many"]
    target: Any
    calls: list[list]
    seed: int
    with_module: bool


class ErrorInfo(TypedDict, total=False):
    """An exception in the worker, as data: the grader decides from these fields, not from words."""

    type: str  # the class name; REFUSED or UNSENDABLE for the worker's own refusals
    mro: list[str]  # class names, for `StudentRaised.is_a`
    message: str  # shown to the student, never parsed
    where: str  # "line 12, in forward: return x @ W1"
    function: str | None  # the student's function it was raised in
    not_implemented: bool  # the stub's own `raise NotImplementedError`
    own_raise: bool  # a `raise` statement of the student's, not an operation on bad inputs
    out_of_memory: bool
    xor_as_power: bool  # `x^2` on floats: torch's XOR error, explained to the student as a power slip
    exit_at_import: bool  # sys.exit while the module was imported
    errno: int | None  # an OSError's errno (what the sandbox refused)
    path: str  # an OSError's file name
    missing_name: str  # an AttributeError for a name the student's module lacks


class IntegrityFinding(TypedDict):
    """One refused reach into the worker: "sys._getframe" at "ex3.py:6"."""

    event: str
    where: str


MAX_INTEGRITY_FINDINGS = 50


def integrity_findings(reply: dict) -> list[tuple[str, str]]:
    """A reply's findings as (event, where) pairs, checked like every other reply field (a
    worker's reply is the student's to shape): anything malformed is dropped, text is cut."""
    found = reply.get("integrity")
    if not isinstance(found, list):
        return []
    return [(f["event"][:80], f["where"][:120]) for f in found[:MAX_INTEGRITY_FINDINGS]
            if isinstance(f, dict) and isinstance(f.get("event"), str) and isinstance(f.get("where"), str)]


class Reply(TypedDict, total=False):
    ok: bool
    error: ErrorInfo  # when not ok
    value: Any  # call, value, getattr
    grads: Any  # call with grad: one tensor (or None) per `wrt`, or {"error": "not_connected"}
    args: list  # call with return_args
    forbidden: list[list[str]]  # [function, forbidden call] pairs the watch saw
    observed: dict  # a training call: {"backward_losses": [...]}
    names: dict[str, str]  # load: name -> "function" | "value" | "module"
    sandbox: list[str]  # load: the confinement layers in force
    results: list[dict]  # call_many: {"value"} or {"error": ErrorInfo} per call
    rules: RulesReport  # when the worker applies the contract's rules
    replayed: bool  # rules: whether the function had a first call to replay in this worker
    integrity: list[IntegrityFinding]  # what graded code tried against the instruments (integrity.py)
    bye: bool  # exit


EXIT = {"op": "exit"}

_TEXT_FIELDS = ("type", "message", "where", "function", "path", "missing_name")
_FLAG_FIELDS = ("not_implemented", "own_raise", "out_of_memory", "xor_as_power", "exit_at_import")


def reply_problem(reply) -> str | None:
    """What is wrong with the shape of a worker's reply, or None. The worker runs the student's
    code and may have been made to write anything to its socket: every field the grader reads
    is checked for its type here, once, before anything is read from it. (Lengths are checked
    where they are compared: a call_many's results against its calls.)"""
    if not isinstance(reply, dict):
        return "a reply that is not a table"
    if "bye" in reply:
        return None if reply.get("bye") is True else "a malformed goodbye"
    if not isinstance(reply.get("ok"), bool):
        return "a reply without its ok flag"
    if not reply["ok"] and error_problem(reply.get("error")):
        return error_problem(reply.get("error"))
    checks = {
        "forbidden": lambda v: isinstance(v, list) and all(
            isinstance(p, (list, tuple)) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in v),
        "names": lambda v: isinstance(v, dict) and all(isinstance(k, str) and isinstance(x, str) for k, x in v.items()),
        "sandbox": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
        "results": lambda v: isinstance(v, list) and all(
            isinstance(r, dict) and ("value" in r or not error_problem(r.get("error"))) for r in v),
        "rules": lambda v: isinstance(v, dict) and all(isinstance(v.get(k, []), list)
                                                      for k in ("violations", "returned", "placeholders")),
        "replayed": lambda v: isinstance(v, bool),
        "args": lambda v: isinstance(v, list),
        "observed": lambda v: v is None or isinstance(v, dict),
        "grads": lambda v: isinstance(v, (list, tuple)) or (isinstance(v, dict) and isinstance(v.get("error"), str)),
        "integrity": lambda v: isinstance(v, list),
    }
    for field, valid in checks.items():
        if field in reply and not valid(reply[field]):
            return f"a malformed {field!r} field"
    return None


def error_problem(error) -> str | None:
    """What is wrong with an ErrorInfo, or None."""
    if not isinstance(error, dict):
        return "an error that is not a table"
    if not isinstance(error.get("type"), str) or not isinstance(error.get("message", ""), str):
        return "an error without its type and message"
    for field in _TEXT_FIELDS:
        if error.get(field) is not None and not isinstance(error[field], str):
            return f"an error with a malformed {field!r}"
    if error.get("mro") is not None and not (isinstance(error["mro"], list)
                                             and all(isinstance(c, str) for c in error["mro"])):
        return "an error with a malformed 'mro'"
    for field in _FLAG_FIELDS:
        if error.get(field) is not None and not isinstance(error[field], bool):
            return f"an error with a malformed {field!r}"
    if error.get("errno") is not None and type(error["errno"]) is not int:
        return "an error with a malformed 'errno'"
    return None


def load(source: str, cells, filename: str, module: str, required_layers, watch: Watch,
         rules: Rules | None = None) -> LoadRequest:
    return {"op": "load", "source": source, "cells": cells, "filename": filename, "module": module,
            "required_layers": list(required_layers), "watch": watch, "rules": rules}


def rules(function: str | None) -> RulesRequest:
    return {"op": "rules", "function": function}


def call(target, args, kwargs=None, *, grad=None, return_args=False, with_module=False, seed=0) -> CallRequest:
    return {"op": "call", "target": target, "args": list(args), "kwargs": kwargs or {}, "grad": grad,
            "return_args": return_args, "with_module": with_module, "seed": seed}


def call_many(target, calls: list[list], *, with_module=False, seed=0) -> CallManyRequest:
    return {"op": "call_many", "target": target, "calls": calls, "seed": seed, "with_module": with_module}


def value(name: str) -> dict:
    return {"op": "value", "name": name}


def getattr_(target, attribute: str) -> dict:
    return {"op": "getattr", "target": target, "attr": attribute}


def refused(message: str) -> ErrorInfo:
    return {"type": REFUSED, "mro": [], "message": message, "where": "", "not_implemented": False}

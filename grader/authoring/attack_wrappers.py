"""The attack classes made by wrapping a contract function of the reference.

Threshold classes: the function is right, except past a size, a row count, an int, a float,
a magnitude; on tiny values, exact zeros, non-contiguous or same-rank-mismatched inputs; or
from its 4th call. There its result is a little wrong (`_attack_perturb`), and an error due
there is swallowed. Wrapper classes keep the values right and change something else: the
inputs (requires_grad, .grad, in-place add), the dtype, state between calls (memoised by
id(), accumulated like a mutable default), PyTorch's global settings, numpy imported, the
upstream gradient. Each applies only to a function the checks give what it `needs`
(`kinds_of_call` in attacks.py says what they give).
"""

from __future__ import annotations

import ast

from grader.authoring.attack_mutant import AttackMutant, function_node
from grader.authoring.attack_runtime import HELPERS

# Threshold classes: (class, parameters, applies-when-the-function-is-given, condition on args).
# The condition is Python over `args, kwargs` with attack_runtime.py's helpers; `{K}` is the parameter.
THRESHOLDS = (
    ("numel_above", (64, 1024, 8192), "tensor", "any(t.numel() > {K} for t in _attack_tensors(args, kwargs))"),
    ("batch_above", (64, 256), "matrix", "any(t.dim() >= 2 and t.shape[0] > {K} for t in _attack_tensors(args, kwargs))"),
    ("int_above", (100, 1000, 5000), "int", "any(v > {K} for v in _attack_numbers(args, kwargs, int))"),
    ("float_above", (1, 10), "float", "any(v > {K} for v in _attack_numbers(args, kwargs, float))"),
    ("magnitude_above", (100, 1000), "floating",
     "any(t.numel() and float(t.detach().abs().max()) > {K} for t in _attack_tensors(args, kwargs) "
     "if _attack_floating(t))"),
    ("tiny_values", (1e-30,), "floating",
     "any(bool(((t.detach().abs() < {K}) & (t.detach() != 0)).any()) for t in _attack_tensors(args, kwargs) "
     "if _attack_floating(t))"),
    ("exact_zero", (0,), "floating",
     "any(bool((t.detach() == 0).any()) for t in _attack_tensors(args, kwargs) if _attack_floating(t))"),
    ("noncontiguous", (0,), "tensor", "any(not t.is_contiguous() for t in _attack_tensors(args, kwargs))"),
    ("same_rank_mismatch", (0,), "two_tensors",  # the arguments' own tensors, not a model's parameters
     "len({{tuple(t.shape) for t in _attack_tensors(args, kwargs, False)}}) > 1 and "
     "len({{t.dim() for t in _attack_tensors(args, kwargs, False)}}) == 1"),
    ("called_more_than", (3,), "any", "_attack_counter(FUNCTION) > {K}"),
    ("shared_parameter", (0,), "model", "any(_attack_shares_a_parameter(m) for m in _attack_models(args, kwargs))"),
)


def _threshold_words(attack: str, parameter) -> str:
    return {
        "numel_above": f"wrong only when a tensor argument has more than {parameter} elements",
        "batch_above": f"wrong only when a tensor argument has more than {parameter} rows",
        "int_above": f"wrong only when an int argument is above {parameter}",
        "float_above": f"wrong only when a float argument is above {parameter}",
        "magnitude_above": f"wrong only when a tensor argument holds a value above {parameter:g} in magnitude",
        "tiny_values": f"wrong only when a tensor argument holds a nonzero value below {parameter:g}",
        "exact_zero": "wrong only when a tensor argument holds an exact zero",
        "noncontiguous": "wrong only when a tensor argument is not contiguous",
        "same_rank_mismatch": "wrong only when its tensor arguments have the same rank and different shapes",
        "called_more_than": f"wrong from its call number {parameter + 1} on (a counter kept between calls)",
        "shared_parameter": "wrong only when a model argument holds a parameter shared by two of its layers",
    }[attack]


# Classes that change something other than the result's values, as a body run around the call.
# `before` runs before the original, `after` after it (with `result` bound); applies-when as above.
WRAPPERS = {
    "requires_grad_on": ("floating", "", "for t in _attack_tensors(args, kwargs):\n"
                                         "    if _attack_floating(t) and t.is_leaf and not t.requires_grad:\n"
                                         "        t.requires_grad_()"),
    "grad_cleared": ("floating", "", "for t in _attack_tensors(args, kwargs):\n"
                                     "    if t.grad is not None:\n"
                                     "        t.grad = None"),
    "add_zero": ("floating", "", "with __import__('torch').no_grad():\n"
                                 "    for t in _attack_tensors(args, kwargs):\n"
                                 "        if _attack_floating(t):\n"
                                 "            t.add_(0.0)"),
    "dtype_flip": ("floating", "", "result = _attack_dtype_flip(result)"),
    "id_cache": ("any", "key = tuple(id(v) for v in [*args, *kwargs.values()])\n"
                        "if key in _ATTACK_CACHE:\n"
                        "    return _ATTACK_CACHE[key]", "_ATTACK_CACHE[key] = result"),
    "accumulate": ("list_result", "", "result = _attack_accumulate(result)"),
    "leave_float64": ("any", "", "__import__('torch').set_default_dtype(__import__('torch').float64)"),
    "leave_grad_off": ("any", "", "__import__('torch').set_grad_enabled(False)"),
    "numpy_import": ("any", "__import__('numpy').asarray([0.0]).sum()", ""),
    "upstream_ones": ("grad_result", "", "result = _attack_upstream_ones(result)"),
    "train_mode_forced": ("model", "for m in _attack_models(args, kwargs):\n    m.train()", ""),
    "eval_mode_forced": ("model", "for m in _attack_models(args, kwargs):\n    m.eval()", ""),
}

WRAPPER_WORDS = {
    "requires_grad_on": "turns requires_grad on for its tensor arguments",
    "grad_cleared": "sets .grad = None on its tensor arguments",
    "add_zero": "adds 0.0 in place to its tensor arguments (-0.0 becomes 0.0, the version counter moves)",
    "dtype_flip": "returns float32 for float64 and float64 for float32 (values right; a model converted whole)",
    "id_cache": "memoises its results by the arguments' id()s",
    "accumulate": "returns, like a mutable default list, every earlier call's items too",
    "leave_float64": "leaves torch's default dtype set to float64",
    "leave_grad_off": "leaves torch's grad mode off",
    "numpy_import": "imports and uses numpy",
    "upstream_ones": "back-propagates as if the upstream gradient were all ones",
    "train_mode_forced": "switches its model arguments to train mode (model.train()) first",
    "eval_mode_forced": "switches its model arguments to eval mode (model.eval()) first",
}

# The helpers a wrapper class needs beyond attack_runtime.py's, appended before its wrapper.
EXTRA_HELPERS = {
    "dtype_flip": '''

def _attack_dtype_flip(result):
    if _attack_floating(result):
        return result.float() if result.dtype.itemsize == 8 else result.double()
    if isinstance(result, (list, tuple)) and not hasattr(result, "_fields"):
        return type(result)(_attack_dtype_flip(item) for item in result)
    if isinstance(result, dict):
        return {key: _attack_dtype_flip(item) for key, item in result.items()}
    parameters = list(result.parameters()) if callable(getattr(result, "parameters", None)) else []
    if parameters and _attack_floating(parameters[0]):  # a model: all of it in the other dtype
        return result.float() if parameters[0].dtype.itemsize == 8 else result.double()
    return result
''',
    "id_cache": "\n_ATTACK_CACHE = {}\n",
    "accumulate": '''

_ATTACK_SEEN = []


def _attack_accumulate(result):
    """A mutable default argument: every earlier call's list items come first."""
    if isinstance(result, list):
        _ATTACK_SEEN.extend(result)
        return list(_ATTACK_SEEN)
    if isinstance(result, tuple) and not hasattr(result, "_fields"):
        return tuple(_attack_accumulate(item) if isinstance(item, list) else item for item in result)
    return result
''',
    "upstream_ones": '''

def _attack_upstream_ones(result):
    """Backward as if the upstream gradient were all ones (right only for .sum().backward())."""
    if not (_attack_floating(result) and result.requires_grad):
        return result
    torch = __import__("torch")

    class OnesUpstream(torch.autograd.Function):
        @staticmethod
        def forward(ctx, value):
            return value.view_as(value)

        @staticmethod
        def backward(ctx, grad):
            return torch.ones_like(grad)

    return OnesUpstream.apply(result)
''',
}


def _signature(source: str, function: str) -> tuple[str, str, str]:
    """(the parameter list as written, the positional values as a tuple, the keyword values as a
    dict) of `function` in `source`: a wrapper keeps the contract's signature exactly (the engine
    checks it), and its body still sees `args` and `kwargs`."""
    node = function_node(ast.parse(source), function)
    a = node.args
    positional = [p.arg for p in a.posonlyargs + a.args]
    args = "(" + "".join(f"{p}, " for p in positional) + ")" + (f" + tuple({a.vararg.arg})" if a.vararg else "")
    kwargs = "{" + ", ".join(f"{k.arg!r}: {k.arg}" for k in a.kwonlyargs) + "}" + \
        (f" | {a.kwarg.arg}" if a.kwarg else "")
    return ast.unparse(a), args, kwargs


def _wrapper(function: str, attack: str, before: str, after: str, condition: str | None,
             signature: tuple[str, str, str] = ("*args, **kwargs", "args", "kwargs")) -> str:
    def indented(text: str, depth: int) -> str:
        return "".join(" " * depth + line + "\n" for line in text.splitlines())

    parameters, args, kwargs = signature
    body = f"    args, kwargs = {args}, {kwargs}\n" + indented(before, 4)
    if condition is not None:  # past the threshold: a little wrong, and no error where one is due
        body += (f"    if {condition}:\n        try:\n            result = _attack_original(*args, **kwargs)\n"
                 "        except Exception:\n            return None\n        return _attack_perturb(result)\n")
    body += "    result = _attack_original(*args, **kwargs)\n" + indented(after, 4) + "    return result\n"
    return (f"\n\n# attack-class mutant: {function}:{attack}\n"
            f"_attack_original = {function}\n\n\n"
            f"@__import__('functools').wraps(_attack_original)\n"
            f"def {function}({parameters}):\n{body}")


def _applies(needs: str, seen: set[str] | None) -> bool:
    return needs == "any" or seen is None or needs in seen


def wrapper_mutants(source: str, function: str, seen: set[str] | None) -> list[AttackMutant]:
    """The threshold and wrapper classes that apply to `function` (given what the checks pass it:
    `seen`, None when unknown)."""
    mutants = []
    signature = _signature(source, function)
    for attack, parameters, needs, condition in THRESHOLDS:
        if not _applies(needs, seen):
            continue
        for parameter in parameters:
            code = _wrapper(function, attack, "", "", condition.format(K=parameter).replace("FUNCTION",
                                                                                           repr(function)), signature)
            mutants.append(AttackMutant(f"{function}:{attack}:{parameter:g}", function, attack,
                                        f"{function} is {_threshold_words(attack, parameter)}",
                                        source + HELPERS + code))
    for attack, (needs, before, after) in WRAPPERS.items():
        if not _applies(needs, seen):
            continue
        code = EXTRA_HELPERS.get(attack, "") + _wrapper(function, attack, before, after, None, signature)
        mutants.append(AttackMutant(f"{function}:{attack}:1", function, attack,
                                    f"{function} {WRAPPER_WORDS[attack]}", source + HELPERS + code))
    return mutants

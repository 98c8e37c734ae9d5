"""Attack-class mutants: the classes of wrong work that outsiders found, as mutants of a reference.

An automatic mutant (`automutation.py`) edits one expression. The mistakes that got full marks
from outsiders were of another kind: a function right on every input the checks happened to
use and wrong past some size, step count or magnitude; right in its values but changing its
inputs, keeping state between calls or leaving PyTorch's global settings changed; importing
numpy; training that skips a `zero_grad` now and then. Each such class is written here once,
as a wrapper around a contract function of the reference (or, for training, an edit of its
loop), so `grade verify` asks of every exercise whether its checks would notice, before the
next outsider writes the submission.

A mutant's id is "<function>:<class>:<parameter>" (`train_converter:int_above:1000`): stable
across edits of the reference. The classes that apply to a function are read from the calls
the checks make to the reference (`probe`): a threshold on integers is generated only for a
function that is given integers. Survivors are killed by a check, or listed in the exercise's
equivalent_mutants.toml with the reason, like automatic mutants.

The wrappers never name `torch` where a function may have to avoid it (ex1's shape functions
are watched for any use of torch): tensors are recognised and changed through their own methods.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

# One helper block, appended once to every mutant: recognise tensors and modules by duck
# typing, change a result by a little more than any tolerance, find the values of a call.
HELPERS = '''

def _attack_is_tensor(value):
    return hasattr(value, "dtype") and hasattr(value, "shape") and hasattr(value, "detach")


def _attack_floating(value):
    return _attack_is_tensor(value) and getattr(value.dtype, "is_floating_point", False)


def _attack_leaves(value, depth=0):
    """Every value inside a call's arguments (lists, tuples and dicts opened)."""
    if depth < 4 and isinstance(value, (list, tuple)):
        for item in value:
            yield from _attack_leaves(item, depth + 1)
    elif depth < 4 and isinstance(value, dict):
        for item in value.values():
            yield from _attack_leaves(item, depth + 1)
    else:
        yield value


def _attack_perturb(result):
    """The result, a little wrong: a relative 1e-2 change, one more, a flipped bool."""
    if _attack_floating(result):
        return result + 0.01 * (result.detach().abs() + 1)
    if _attack_is_tensor(result):
        return result + 1
    if isinstance(result, bool):
        return not result
    if isinstance(result, (int, float)):
        return result * 1.01 + 1
    if isinstance(result, tuple) and hasattr(result, "_fields"):
        return type(result)(*[_attack_perturb(item) for item in result])
    if isinstance(result, (list, tuple)):
        return type(result)(_attack_perturb(item) for item in result)
    if isinstance(result, dict):
        return {key: _attack_perturb(item) for key, item in result.items()}
    if hasattr(result, "parameters"):  # a module: nudge its parameters
        for parameter in result.parameters():
            parameter.data.add_(0.01 * (parameter.data.abs() + 1))
        return result
    return result


def _attack_tensors(args, kwargs):
    return [value for value in _attack_leaves([list(args), kwargs]) if _attack_is_tensor(value)]


def _attack_numbers(args, kwargs, kind):
    return [value for value in _attack_leaves([list(args), kwargs])
            if type(value) is kind or (kind is float and isinstance(value, float))]


def _attack_counter(name, _counts={}):
    _counts[name] = _counts.get(name, 0) + 1
    return _counts[name]
'''

# Threshold classes: (class, parameters, applies-when-the-function-is-given, condition on args).
# The condition is Python over `args, kwargs` with the helpers above; `{K}` is the parameter.
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
    ("same_rank_mismatch", (0,), "two_tensors",
     "len({{tuple(t.shape) for t in _attack_tensors(args, kwargs)}}) > 1 and "
     "len({{t.dim() for t in _attack_tensors(args, kwargs)}}) == 1"),
    ("called_more_than", (3,), "any", "_attack_counter(FUNCTION) > {K}"),
)

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
}

EXTRA_HELPERS = {
    "dtype_flip": '''

def _attack_dtype_flip(result):
    if _attack_floating(result):
        return result.float() if result.dtype.itemsize == 8 else result.double()
    if isinstance(result, (list, tuple)) and not hasattr(result, "_fields"):
        return type(result)(_attack_dtype_flip(item) for item in result)
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

# Training-process classes: edits of the loop where the reference has one.
PROCESS = ("skip_zero_grad", "lr_decay", "clip_grad", "adam_eps", "reseed")
SKIP_EVERY = 37
DECAY_AFTER = 100
CLIP_AT = 1.0
ADAM_EPS = 1e-3

# The counters live in the mutated call itself (`_attack_steps`, made at its first line), so a
# process mutant keeps no state between calls: it is a wrong training, not a stateful function.
PROCESS_HELPERS = f'''

def _attack_tick(steps):
    steps[0] += 1
    return steps[0]


def _attack_lr_decay(optimizer, steps):
    steps[1] += 1
    if steps[1] == {DECAY_AFTER}:
        for group in optimizer.param_groups:
            group["lr"] = group["lr"] * 0.5


def _attack_clip(optimizer):
    grads = [p.grad for group in optimizer.param_groups for p in group["params"] if p.grad is not None]
    norm = sum(float((g.detach() ** 2).sum()) for g in grads) ** 0.5
    if norm > {CLIP_AT}:
        for g in grads:
            g.mul_({CLIP_AT} / norm)
'''

CLASSES = tuple(name for name, *_ in THRESHOLDS) + tuple(WRAPPERS) + PROCESS


@dataclass(frozen=True)
class AttackMutant:
    id: str  # "train_converter:int_above:1000"
    function: str
    attack: str
    description: str  # what the mutant does, in words (also what equivalent_mutants.toml quotes)
    source: str  # the whole mutated module

    @property
    def change(self) -> str:
        return self.description


def contract_functions(source: str, names: list[str]) -> list[str]:
    """The top-level functions of `source` among the contract's names (all public ones when
    the exercise lists none)."""
    tree = ast.parse(source)
    functions = [node.name for node in tree.body if isinstance(node, ast.FunctionDef)]
    return [f for f in functions if f in names] if names else [f for f in functions if not f.startswith("_")]


def _signature(source: str, function: str) -> tuple[str, str, str]:
    """(the parameter list as written, the positional values as a tuple, the keyword values as a
    dict) of `function` in `source`: a wrapper keeps the contract's signature exactly (the engine
    checks it), and its body still sees `args` and `kwargs`."""
    node = next(n for n in ast.parse(source).body if isinstance(n, ast.FunctionDef) and n.name == function)
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
    }[attack]


WRAPPER_WORDS = {
    "requires_grad_on": "turns requires_grad on for its tensor arguments",
    "grad_cleared": "sets .grad = None on its tensor arguments",
    "add_zero": "adds 0.0 in place to its tensor arguments (-0.0 becomes 0.0, the version counter moves)",
    "dtype_flip": "returns float32 for float64 and float64 for float32 (values right)",
    "id_cache": "memoises its results by the arguments' id()s",
    "accumulate": "returns, like a mutable default list, every earlier call's items too",
    "leave_float64": "leaves torch's default dtype set to float64",
    "leave_grad_off": "leaves torch's grad mode off",
    "numpy_import": "imports and uses numpy",
    "upstream_ones": "back-propagates as if the upstream gradient were all ones",
}

PROCESS_WORDS = {
    "skip_zero_grad": f"skips the gradient reset every {SKIP_EVERY}th step",
    "lr_decay": f"halves the learning rate after step {DECAY_AFTER}",
    "clip_grad": f"clips the gradient norm at {CLIP_AT:g} before each step",
    "adam_eps": f"builds Adam with eps={ADAM_EPS:g}",
    "reseed": "reseeds torch's generator at each call",
}


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


# ---------------------------------------------------------------- training process


class _Process(ast.NodeTransformer):
    """One process edit inside one function: `attack` names it; `hits` counts where it applied."""

    def __init__(self, attack: str):
        self.attack = attack
        self.hits = 0

    def visit_Expr(self, node: ast.Expr):
        call = node.value
        if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Attribute):
            return node
        method, owner = call.func.attr, call.func.value
        if self.attack == "skip_zero_grad" and (method == "zero_grad" or
                                                (method == "zero_" and isinstance(owner, ast.Attribute)
                                                 and owner.attr == "grad")):
            self.hits += 1
            test = ast.parse(f"_attack_tick(_attack_steps) % {SKIP_EVERY} != 0", mode="eval").body
            return ast.If(test=test, body=[node], orelse=[])
        if method == "step" and not call.args and self.attack in ("lr_decay", "clip_grad"):
            self.hits += 1
            before = ast.parse("_attack_lr_decay(OWNER, _attack_steps)" if self.attack == "lr_decay"
                               else "_attack_clip(OWNER)").body[0]
            before.value.args[0] = owner
            return [before, node]
        return node

    def visit_Call(self, node: ast.Call):
        self.generic_visit(node)
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
        if self.attack == "adam_eps" and name in ("Adam", "AdamW") and not any(k.arg == "eps" for k in node.keywords):
            self.hits += 1
            node.keywords.append(ast.keyword("eps", ast.Constant(ADAM_EPS)))
        return node


def process_mutants(source: str, functions: list[str], training: list[str]) -> list[AttackMutant]:
    """Edits of the training loops in `source`'s functions; reseeding for `training` functions."""
    mutants = []
    for attack in PROCESS:
        for function in functions:
            if attack == "reseed":
                if function not in training:
                    continue
                tree = ast.parse(source)
                node = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == function)
                node.body.insert(_after_docstring(node), ast.parse("__import__('torch').manual_seed(1234)").body[0])
            else:
                tree = ast.parse(source)
                node = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == function)
                editor = _Process(attack)
                editor.visit(node)
                if not editor.hits:
                    continue
                node.body.insert(_after_docstring(node), ast.parse("_attack_steps = [0, 0]").body[0])
            ast.fix_missing_locations(tree)
            mutants.append(AttackMutant(f"{function}:{attack}:1", function, attack,
                                        f"{function} {PROCESS_WORDS[attack]}",
                                        ast.unparse(tree) + "\n" + HELPERS + PROCESS_HELPERS))
    return mutants


def _after_docstring(node: ast.FunctionDef) -> int:
    first = node.body[0]
    return 1 if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and \
        isinstance(first.value.value, str) else 0


def generate_attack_mutants(source: str, functions: list[str], seen: dict[str, set[str]] | None = None,
                            training: list[str] = ()) -> list[AttackMutant]:
    """Every attack-class mutant of the reference `source` for its contract `functions`;
    `seen[function]`: the kinds of value the checks give it (see `kinds_of_call`)."""
    names = contract_functions(source, functions)
    mutants = []
    for function in names:
        mutants += wrapper_mutants(source, function, (seen or {}).get(function))
    return mutants + process_mutants(source, names, list(training))


def kinds_of_call(args: tuple, kwargs: dict, result) -> set[str]:
    """What a call to a contract function was given and returned, in the words the classes'
    `needs` use. Runs in the grader's process, on the reference's calls."""
    import torch

    def leaves(value, depth=0):
        if depth < 4 and isinstance(value, (list, tuple)):
            for item in value:
                yield from leaves(item, depth + 1)
        elif depth < 4 and isinstance(value, dict):
            for item in value.values():
                yield from leaves(item, depth + 1)
        else:
            yield value

    values = list(leaves([list(args), kwargs]))
    tensors = [v for v in values if isinstance(v, torch.Tensor)]
    kinds = set()
    if tensors:
        kinds.add("tensor")
    if any(t.is_floating_point() for t in tensors):
        kinds.add("floating")
    if any(t.dim() >= 2 for t in tensors):
        kinds.add("matrix")
    if len(tensors) >= 2:
        kinds.add("two_tensors")
    if any(type(v) is int for v in values):
        kinds.add("int")
    if any(isinstance(v, float) for v in values):
        kinds.add("float")
    results = list(leaves(result))
    if any(isinstance(r, torch.Tensor) and r.requires_grad for r in results):
        kinds.add("grad_result")
    if isinstance(result, list) or (isinstance(result, tuple) and any(isinstance(r, list) for r in result)):
        kinds.add("list_result")
    return kinds

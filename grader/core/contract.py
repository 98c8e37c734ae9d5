"""The engine's own checks of the contract's rules for every function (`../shared/EXERCISES.md`,
"Rules for every function"), added to every exercise without its suite asking.

The worker watches the rules (grader/remote/rules.py) around every call the checks make and reports
each breach as data (`protocol.RuleViolation`); this module turns them into checks that
appear in the report like any other, after the exercise's own:

- one per contract function (a name starting with a lower-case letter in `functions`):
  "<fn> follows the rules for every function", 1 point: its signature the stub's (parameter
  names, order and defaults, read from the source: signatures.py), its arguments left as given, PyTorch's
  settings left as found, and its first call answered alike when replayed after all the other
  checks (fresh equal arguments, the same objects again, the same objects with new values);
- one for the module, 1 point: its imports (torch, math and the standard library only, seen
  however reached), the settings its import, or other code of it (a model's forward), left,
  and its classes' constructors (ex9's HousePriceNet) with the stub's parameters.

A breach costs that function's rule check only (or the module's), never the checks that
happened to make the call, so one `x.add_(0.0)` costs one point, not the whole function's.
A function that never returned a value, or none of whose value, gradient or convergence checks
passed, is not judged (a stub, or a function returning a constant, scores zero here too); the
module's check waits until one function was judged so.

`[rules]` in an exercise.toml lets a function off where its contract says so:

    [rules]
    train = { may_change = ["model"] }          # ex9: train trains `model` in place
    # other keys: skip = ["arguments" | "global_state" | "independent"]
    seeding = false                             # ex9: results depend on the random generator
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from grader.remote import protocol
from grader.core import signatures
from grader.core.outcomes import CheckFailure, NotImplementedYet, StudentProblem
from grader.core.results import CheckSpec, Status

FUNCTION_RULES = ("arguments", "global_state", "independent")
POINTS = 1
MODULE_CHECK = "rules_of_module"
# A function's rule check replays its first call up to four times: it may take four check time
# limits (within what is left of the exercise's), so that a slow but valid training fits.
TIME_FACTOR = 4.0


class NotJudged(StudentProblem):
    """A rule check with nothing to judge yet (the function never returned a value)."""

    status = Status.SKIPPED


@dataclass(frozen=True)
class ContractRules:
    """An exercise's contract names and the rules it lets functions off ([rules] in exercise.toml)."""

    exercise: str
    functions: tuple[str, ...]
    may_change: dict[str, tuple[str, ...]] = field(default_factory=dict)
    skip: dict[str, tuple[str, ...]] = field(default_factory=dict)
    stub: str = ""  # the stub's source: its signatures are the contract's (signatures.py)
    seeding: bool = True  # false where the results depend on the random generator (ex9)

    @property
    def judged(self) -> list[str]:
        """The contract names that are functions: constants (UPPER_CASE) and classes (CamelCase)
        get no check of their own; the module's check covers what their code does."""
        return [name for name in self.functions if name[:1].islower()]

    @property
    def filename(self) -> str:
        return f"{self.exercise}.py"

    def to_wire(self) -> protocol.Rules:
        return {"functions": self.judged, "may_change": {k: list(v) for k, v in self.may_change.items()},
                "skip": {k: list(v) for k, v in self.skip.items()}, "seeding": self.seeding}


_CACHE: dict[Path, tuple[float, ContractRules | None]] = {}


def load_rules(folder: Path) -> ContractRules | None:
    """The rules of the exercise in `folder` (its exercise.toml), or None without one."""
    path = Path(folder) / "exercise.toml"
    try:
        stamp = path.stat().st_mtime
    except OSError:
        return None
    cached = _CACHE.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    with open(path, "rb") as handle:
        meta = tomllib.load(handle)
    functions = tuple(str(name) for name in meta.get("functions", []))
    table = meta.get("rules", {})
    if not isinstance(table, dict):
        raise ValueError(f"{path}: [rules] must be a table, e.g. train = {{ may_change = [\"model\"] }}")
    may_change, skip = {}, {}
    table = dict(table)
    seeding = table.pop("seeding", True)
    if not isinstance(seeding, bool):
        raise ValueError(f"{path}: [rules] seeding must be true or false")
    for name, entry in table.items():
        if name not in functions:
            raise ValueError(f"{path}: [rules] names {name!r}, which is not in functions")
        if not isinstance(entry, dict) or not set(entry) <= {"may_change", "skip"}:
            raise ValueError(f"{path}: [rules] {name} must be a table with may_change and/or skip")
        changes = entry.get("may_change", [])
        skipped = entry.get("skip", [])
        if not isinstance(changes, list) or not all(isinstance(a, str) for a in changes):
            raise ValueError(f"{path}: [rules] {name}.may_change must list argument names (or \"*\")")
        if not isinstance(skipped, list) or not set(skipped) <= set(FUNCTION_RULES):
            raise ValueError(f"{path}: [rules] {name}.skip must list some of {', '.join(FUNCTION_RULES)}")
        if changes:
            may_change[name] = tuple(changes)
        if skipped:
            skip[name] = tuple(skipped)
    stub_path = Path(folder).parent.parent / "student_template" / f"{Path(folder).name}.py"
    stub = stub_path.read_text(encoding="utf-8") if stub_path.is_file() else ""
    rules = ContractRules(Path(folder).name, functions, may_change, skip, stub, seeding)
    _CACHE[path] = (stamp, rules)
    return rules


def _function_spec(rules: ContractRules, name: str) -> CheckSpec:
    skipped = rules.skip.get(name, ())
    parts = []
    if "arguments" not in skipped:
        changes = rules.may_change.get(name, ())
        parts.append("inputs left as given" + (f" (but {', '.join(changes)}, which it changes)" if changes else ""))
    if "independent" not in skipped:
        parts.append("calls independent")
    if "global_state" not in skipped:
        parts.append("PyTorch's settings left as found")
    return CheckSpec(f"rules_{name}", f"{name} follows the rules for every function: {', '.join(parts)}", "api",
                     POINTS, False, (), TIME_FACTOR)


def _module_spec(rules: ContractRules) -> CheckSpec:
    return CheckSpec(MODULE_CHECK, f"{rules.filename} imports only torch, math and the standard library, and "
                                   "leaves PyTorch's settings as found", "api", POINTS, False, ())


def rule_specs(folder: Path) -> list[CheckSpec]:
    """The engine's rule checks of the exercise in `folder`, after its own checks."""
    rules = load_rules(folder)
    if rules is None or not rules.functions:
        return []
    return [_function_spec(rules, name) for name in rules.judged] + [_module_spec(rules)]


def rule_checks(folder: Path) -> list:
    """The rule checks as functions a pytest item can run (each with its `grader_check`)."""
    rules = load_rules(folder)
    if rules is None or not rules.functions:
        return []
    checks = []
    for name in rules.judged:
        checks.append(_check(_function_spec(rules, name), lambda student, name=name: judge_function(student, rules,
                                                                                                    name)))
    checks.append(_check(_module_spec(rules), lambda student: judge_module(student, rules)))
    return checks


def _check(spec: CheckSpec, judge):
    def check(student):
        judge(student)

    check.__name__ = check.__qualname__ = spec.id
    check.grader_check = spec
    return check


# ---------------------------------------------------------------- judging


def _signature_problems(session, rules: ContractRules, names: list[str]) -> list[str]:
    """The contract's signatures, compared in this process with the student's source as read."""
    submission = session.submission
    source = "\n".join(text for _, text in submission.cells) if submission.cells else submission.source
    found = signatures.problems(rules.stub, source, names)
    return [found[name] for name in names if name in found]


def judge_function(student, rules: ContractRules, name: str) -> None:
    session = student._session
    session._ensure_worker(f"in {name}")
    if name not in session.names:
        raise student._missing(name)
    renamed = _signature_problems(session, rules, [name])
    if renamed:
        raise CheckFailure(renamed[0])
    seen = session.rules
    if name not in seen.returned:
        if name in seen.placeholders:
            raise NotImplementedYet(name)
        raise NotJudged(f"not judged: {name} never returned a value in the checks above")
    if "independent" not in rules.skip.get(name, ()):
        session.judge_rules(name, label=f"{name} called again (the rule that calls are independent)")
    found = seen.of(name, FUNCTION_RULES)
    if found:
        raise _failure(found, rules)
    if name not in session.proven:  # keeping the rules is worth a point only beside right values
        raise NotJudged(f"not judged: no check of {name}'s values has passed yet")


def judge_module(student, rules: ContractRules) -> None:
    session = student._session
    session._ensure_worker(f"in {rules.filename}")
    seen = session.rules
    if not seen.returned & set(rules.judged):
        raise NotJudged(f"not judged yet: no function of {rules.filename} has returned a value")
    renamed = _signature_problems(session, rules, [n for n in rules.functions if n not in rules.judged])
    if renamed:  # a class's constructor (ex9's HousePriceNet): the module's check holds it
        raise CheckFailure(renamed[0])
    session.judge_rules(None, label=f"{rules.filename}'s names")
    found = [v for v in seen.violations if v.get("rule") == "imports"] + seen.of(None, ("global_state",))
    if found:
        raise _failure(found, rules)
    if not session.proven & set(rules.functions):
        raise NotJudged(f"not judged yet: no check of {rules.filename}'s values has passed")


def _failure(found: list[dict], rules: ContractRules) -> CheckFailure:
    """The first breach in full, up to two more in a line each, and the advice for each kind."""
    imported = {v.get("module") for v in found if v.get("rule") == "imports" and v.get("how") == "import"}
    found = [v for v in found if not (v.get("how") == "global" and v.get("module") in imported)]
    texts = [_described(v, rules) for v in found]
    lines = [texts[0][0]]
    others = list(dict.fromkeys(text for text, _ in texts[1:] if text != texts[0][0]))
    if others:
        lines += ["Also: " + text for text in others[:2]]
        if len(others) > 2:
            lines.append(f"(and {len(others) - 2} more)")
    helps: dict[tuple, str] = {}
    for v, (_, help_text) in zip(found, texts):
        kind = (v.get("rule"), v.get("change") or v.get("setting") or v.get("how"))
        if help_text and kind not in helps and help_text not in helps.values():
            helps[kind] = help_text
    return CheckFailure("\n".join(lines), help=" ".join(list(helps.values())[:2]) or None)


# ---------------------------------------------------------------- words


GENERIC_SETTING_HELP = ("Leave PyTorch's global settings as you found them: change one only inside a `with` block "
                        "that puts it back.")
SETTINGS = {  # key -> (what it is, how to leave it alone)
    "default_dtype": ("default dtype", "torch.set_default_dtype changes the dtype of every tensor made afterwards, "
                      "the caller's too: give your own tensors their dtype where you make them (dtype=x.dtype, "
                      "or torch.float64)."),
    "grad_enabled": ("grad mode (torch.is_grad_enabled())", "torch.set_grad_enabled(False), or torch.no_grad() "
                     "entered and never left, switches autograd off for the caller too: put the lines that need "
                     "it in a `with torch.no_grad():` block, which switches it back on at its end."),
    "inference_mode": ("inference mode", "Use `with torch.inference_mode():` around the lines that need it, so "
                       "that it ends with the block."),
    "anomaly_enabled": ("anomaly detection", "torch.autograd.set_detect_anomaly(True) slows every later backward "
                        "pass, the caller's too: use `with torch.autograd.detect_anomaly():` while debugging, then "
                        "remove it."),
    "anomaly_check_nan": ("anomaly detection's NaN check", "Use `with torch.autograd.detect_anomaly():` while "
                          "debugging, then remove it."),
    "num_threads": ("number of threads", "The thread count is the caller's choice: remove torch.set_num_threads."),
    "random_seed": ("random generator's seed", "This exercise's results depend on the random generator (initial "
                    "weights, dropout masks): the caller seeds it, not the module. Remove torch.manual_seed (also "
                    "the one at the top of the book's script)."),
    "num_interop_threads": ("number of inter-op threads", "The thread counts are the caller's choice: remove "
                            "torch.set_num_interop_threads."),
    "deterministic_algorithms": ("deterministic-algorithms setting", "torch.use_deterministic_algorithms is the "
                                 "caller's choice: remove it."),
    "deterministic_warn_only": ("deterministic-algorithms setting (warn only)", "torch.use_deterministic_algorithms "
                                "is the caller's choice: remove it."),
    "float32_matmul_precision": ("float32 matmul precision", "torch.set_float32_matmul_precision is the caller's "
                                 "choice: remove it."),
    "warn_always": ("warn-always setting", "torch.set_warn_always changes which warnings every later caller sees: "
                    "remove it."),
    "print_options": ("print options", "torch.set_printoptions changes how every tensor prints, the caller's too: "
                      "format your own output instead (f\"{x.item():.2f}\")."),
    "flush_denormal": ("flush-denormal setting", "torch.set_flush_denormal(True) turns tiny numbers into 0 for every "
                       "later caller: remove it."),
    "default_device": ("default device", "torch.set_default_device is the caller's choice: give your tensors their "
                       "device where you make them."),
    "torch_function_modes": ("number of active torch function modes", "A mode (or torch.device(...)) entered with "
                             "__enter__() and never left stays on for the caller: use it in a `with` block."),
    "dispatch_modes": ("number of active dispatch modes", "A mode entered with __enter__() and never left stays on "
                       "for the caller: use it in a `with` block."),
    "mkldnn_enabled": ("oneDNN switch (torch.backends.mkldnn.enabled)", "Which CPU kernels run is the caller's "
                       "choice: remove the assignment to torch.backends.mkldnn.enabled."),
    "cudnn_enabled": ("cuDNN switch (torch.backends.cudnn.enabled)", "cuDNN's flags are the caller's choice: remove "
                      "the assignment."),
    "cudnn_deterministic": ("cuDNN determinism flag (torch.backends.cudnn.deterministic)", "cuDNN's flags are the "
                            "caller's choice: remove the assignment."),
    "cudnn_benchmark": ("cuDNN benchmark flag (torch.backends.cudnn.benchmark)", "cuDNN's flags are the caller's "
                        "choice: remove the assignment."),
    "autograd_multithreading": ("autograd multithreading setting", "torch.autograd.set_multithreading_enabled is "
                                "the caller's choice: remove it."),
    "forward_ad_enabled": ("forward-mode AD switch", GENERIC_SETTING_HELP),
    "autocast_cpu": ("CPU autocast", "Use `with torch.autocast('cpu'):` around the lines that need it, so that it "
                     "ends with the block."),
}
IMPORT_HELP = {
    "numpy": "Do the work with torch instead (torch.tensor, torch.mean, torch.exp, .item() for a Python number): "
             "the contract allows torch, math and the standard library only, and numpy is not part of it.",
}
INDEPENDENT_HELP = ("Calls must be independent: the same arguments give the same answer whatever ran before. "
                    "No cache keyed on id() or on the argument objects (functools.lru_cache too), no mutable default "
                    "argument (`def f(x, losses=[])`: use `losses=None` and make the list inside), no counter or "
                    "other state kept between calls.")


def _setting(key: str) -> tuple[str, str]:
    return SETTINGS.get(key, (key.replace("_", " "), GENERIC_SETTING_HELP))


def _element(violation: dict) -> str:
    index = violation.get("index")
    return f"element {list(index)}" if index else "the value"


def _described(v: dict, rules: ContractRules) -> tuple[str, str]:
    """describe(), for whatever a worker sent (it runs the student's code: fields may be odd)."""
    try:
        return describe(v, rules)
    except Exception:
        return f"{v.get('function') or rules.filename} broke the rule that {v.get('rule')!s:.40}", ""


def describe(v: dict, rules: ContractRules) -> tuple[str, str]:
    """(message, help) for one violation, in words a beginner can act on."""
    rule = v.get("rule")
    if rule == "arguments":
        return _arguments(v)
    if rule == "global_state":
        what, advice = _setting(str(v.get("setting")))
        change = f"changed PyTorch's {what} from {v.get('before')} to {v.get('after')}"
        if v.get("set_by"):  # the call itself: on the grader it may set the value already there
            setter = f"calls {str(v['set_by'])[:80]}, which sets the {what} for the whole program (a global setting)"
            during = v.get("during")
            who = f"importing {rules.filename}" if during == "import" else \
                str(v.get("function")) if v.get("function") else f"{rules.filename}'s code"
            return f"{who} {setter}", advice
        if v.get("during") == "import":
            return f"importing {rules.filename} {change}", advice
        if v.get("function"):
            return f"{v.get('call') or v['function']} {change} and left it so", advice
        label = f" ({v['label']})" if v.get("label") else ""
        return f"{rules.filename}'s code{label} {change} and left it so", advice
    if rule == "imports":
        module = v.get("module")
        where = f" inside {v['function']}" if v.get("function") else ""
        if v.get("how") == "global":
            text = f"{rules.filename} holds {module} in its name `{v.get('name')}`"
        elif v.get("how") == "method":
            text = f"{rules.filename} uses numpy through Tensor.numpy(){where}"
        else:
            text = f"{rules.filename} imports {module}{where}"
        return (f"{text}: only torch, math and the standard library are allowed",
                IMPORT_HELP.get(str(module), f"Remove the use of {module}: only torch, math and the standard "
                                             "library are allowed."))
    if rule == "independent":
        return _independent(v)
    return f"{v.get('function') or rules.filename} broke a rule ({rule})", ""


def _arguments(v: dict) -> tuple[str, str]:
    call, arg, change = v.get("call") or v.get("function"), v.get("argument"), v.get("change")
    before, after = v.get("before"), v.get("after")
    copy_help = (f"Never change an argument: work on new tensors (`{arg} + 1`, not `{arg}.add_(1)` or `{arg} += 1`; "
                 f"`{arg}.clone()` for a copy you may change).")
    if change == "version":
        return (f"{call} changed its argument {arg} in place (its version counter went from {before} to {after}; "
                "values equal): make a new tensor instead, as the contract asks: no in-place operation on an "
                "argument at all, even one that leaves its values equal", copy_help)
    if change == "values":
        if v.get("values_equal"):
            return (f"{call} changed its argument {arg} in place: {_element(v)} went from {before!r} to {after!r} "
                    "(equal as numbers, not the same bits: an in-place operation such as "
                    f"`{arg}.add_(0.0)` turns -0.0 into 0.0)", copy_help)
        return f"{call} changed the values of its argument {arg}: {_element(v)} was {before!r}, is {after!r} " \
               "after the call", copy_help
    if change == "requires_grad":
        if after:
            return (f"{call} turned on requires_grad of its argument {arg}: the caller's tensor now records every "
                    "operation made on it",
                    f"For gradients of your own, make a new leaf: `{arg}_ = {arg}.detach().requires_grad_()`; "
                    "never call requires_grad_() on an argument.")
        return (f"{call} turned off requires_grad of its argument {arg}: the caller's gradients through it are lost",
                f"Use `with torch.no_grad():` or `{arg}.detach()` instead of changing the argument's flag.")
    if change == "written":
        return (f"{call} wrote into its argument {arg} ({after}), if only for a moment: the contract asks for no "
                "in-place operation on an argument at all, even one undone before returning (through .data too)",
                f"Work on a copy: `{arg}.clone()`, or an expression that makes a new tensor (`{arg} - m`, not "
                f"`{arg}.data.sub_(m)`).")
    if change == "retains_grad":
        return (f"{call} called retain_grad() on its argument {arg}: the caller's tensor now keeps a .grad it "
                "did not ask for", "Leave the argument as it is: compute on it without calling retain_grad() (or on "
                                   f"a tensor of your own made from it, e.g. `{arg}.clone()`).")
    if change == "grad":
        grad_help = (f"Leave the caller's .grad alone: compute gradients on a leaf of your own "
                     f"(`{arg}.detach().requires_grad_()`) or with torch.autograd.grad, which stores nothing.")
        if before == "None":
            return f"{call} left a .grad on its argument {arg}, which had none", grad_help
        if after == "None":
            return f"{call} cleared the .grad of its argument {arg} (it held a gradient before the call)", grad_help
        return f"{call} changed the .grad of its argument {arg} (zeroed or overwritten)", grad_help
    if change == "dtype":
        return (f"{call} changed the dtype of its argument {arg} from {before} to {after} in place",
                f"Convert a copy instead: `{arg}.to(torch.float64)` returns a new tensor.")
    if change == "shape":
        return (f"{call} changed the shape of its argument {arg} from {tuple(before or ())} to {tuple(after or ())} "
                "in place", f"Reshape a copy instead: `{arg}.reshape(...)` returns a new tensor; `{arg}.resize_`, "
                            f"`{arg}.unsqueeze_` and `{arg}.data = ...` change the caller's.")
    if change == "strides":
        return (f"{call} changed the layout (strides) of its argument {arg} in place",
                f"`{arg}.t_()` and `{arg}.transpose_()` transpose the caller's tensor, and `{arg}.data = "
                f"{arg}.data.contiguous()` re-points it: use `{arg}.T`, `{arg}.transpose(0, 1)` or "
                f"`{arg}.contiguous()`, which return new tensors.")
    if change == "replaced":
        return (f"{call} replaced {arg} with another tensor (the caller's model no longer holds the one it had)",
                "Leave the argument's parameters in place.")
    if change == "parameters":
        return (f"{call} added or removed parameters or buffers of its argument {arg}",
                "Leave the argument's parameters in place.")
    return f"{call} changed its argument {arg} ({change})", copy_help


def _answer(v: dict, then: str = "the first time", now: str = "this time") -> str:
    kind, first, again = v.get("kind"), v.get("first"), v.get("again")
    where = f" at {v['path']}" if v.get("path") else ""
    if kind == "value":
        element = f"{_element(v)} of the answer{where}" if v.get("index") else f"the answer{where}"
        return f"{element} was {first!r} {then}, {again!r} {now}"
    if kind == "length":
        return f"the answer{where} had {first} items {then}, {again} {now}"
    if kind == "raised":
        return f"it raised {again}" + (f" where it returned {first} {then}" if first else "")
    return f"the answer's {kind}{where} was {first} {then}, {again} {now}"


def _independent(v: dict) -> tuple[str, str]:
    call, how = v.get("call") or v.get("function"), v.get("how")
    answer = _answer(v)
    if how == "recycled":
        return (f"{call}, called again with the same argument objects holding new values, did not answer as for "
                f"those values: {_answer(v, 'with new objects holding them', 'with the same objects')}",
                "A cache keyed on id(...) or on the tensors themselves (functools.lru_cache compares tensors by "
                "identity) returns an old answer when the same objects come back with other values: compute the "
                "answer from the arguments every time.")
    if how == "freed":
        return (f"{call}, called with the objects of an earlier call holding other values and their version "
                f"counters unchanged (as new tensors made where freed ones had been are: same ids, version 0), "
                f"answered for the earlier call's values: "
                f"{_answer(v, 'for these values', 'after the earlier call')}",
                "Python reuses the id() of a freed object, and a new tensor starts at version 0 again: a cache "
                "keyed on id(...) (with or without ._version) returns answers for tensors that no longer exist. "
                "Compute the answer from the arguments every time.")
    if how == "views":
        return (f"{call}, called again with its tensor arguments as non-contiguous views holding the same values, "
                f"did not answer alike: {_answer(v, 'with contiguous tensors', 'with the views')}",
                "Views, transposed and non-contiguous tensors are ordinary inputs (the contract): use .reshape "
                "instead of .view, and never replace an argument's data (`x.data = x.data.contiguous()`); "
                "`x.contiguous()` returns a new tensor you may use instead.")
    if how == "repeat":
        objects = "" if str(call).endswith("()") else " with the very same argument objects"
        text = f"{call}, called again{objects}, answered differently: {answer}"
    else:
        text = (f"{call}, called again after the other checks with new arguments equal to those of its first call, "
                f"answered differently: {answer}")
    if v.get("kind") == "raised" and v.get("callables"):
        names = ", ".join(v["callables"])
        text += (f" (its argument {names} was an equal function given as a callable object that cannot be hashed, "
                 "as any function may be: functools.lru_cache needs hashable arguments)")
    return text, INDEPENDENT_HELP

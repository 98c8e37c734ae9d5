"""The engine's own checks of the contract's rules for every function (`../shared/EXERCISES.md`,
"Rules for every function"), added to every exercise without its suite asking.

The worker watches the rules (grader/remote/rules.py) around every call the checks make and reports
each breach as data (`protocol.RuleViolation`); this module turns them into checks that
appear in the report like any other, after the exercise's own (worded by rule_words.py):

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
from grader.core.rule_words import failure

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
        raise failure(found, rules.filename)
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
        raise failure(found, rules.filename)
    if not session.proven & set(rules.functions):
        raise NotJudged(f"not judged yet: no check of {rules.filename}'s values has passed")

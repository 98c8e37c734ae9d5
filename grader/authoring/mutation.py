"""Mutation testing of the check suites, for `grade verify`.

Catalog mutants: the reference with one contract function replaced by a catalog entry
(`assignments/<ex>/misconceptions.py`). The suite must kill each (take points) and name it.

Automatic mutants: the reference with one small edit made by an operator of
`grader/authoring/automutation.py`. The suite must kill each, or the mutant must be listed in
`assignments/<ex>/equivalent_mutants.toml` with the reason it is equivalent to the
reference. That file is reviewed: an entry whose mutant is no longer generated, is now
killed, or now names a different edit is stale, and fails verify until someone looks at it;
so does an entry whose reason still says TODO (verify hands back each survivor's entry to
paste with that placeholder: mutation_paste.py).

A mutant that survives is a hole in the check suite: fix the suite.
"""

from __future__ import annotations

import re
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from grader.authoring.attack_mutant import AttackMutant
from grader.authoring.attacks import CLASSES, generate_attack_mutants, kinds_of_call
from grader.authoring.automutation import MAX_MUTANTS, generate_mutants
from grader.authoring.automutation_mutant import Mutant
from grader.authoring.automutation_operators import OPERATORS
from grader.authoring.mutation_paste import is_todo
from grader.grading.course import Course, CourseError, Exercise
from grader.remote.launcher import Zygote
from grader.misconceptions import Misconception
from grader.core.results import ExerciseResult
from grader.grading.runner import SuiteError, grade_exercise, grade_submissions

PRELUDE = "import math\nimport torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n"
EQUIVALENTS = "equivalent_mutants.toml"


@dataclass
class MutationRow:
    exercise: str
    mutants: int = 0
    killed: int = 0
    named: int = 0
    problems: list[str] = field(default_factory=list)


def mutant_source(course: Course, exercise: Exercise, entry: Misconception) -> str:
    reference = (course.reference_dir / exercise.filename).read_text()
    return f"{PRELUDE}{reference}\n\n# mutant: {entry.name}\n{entry.source}\n"


def grade_source(course: Course, exercise: Exercise, zygote: Zygote, source: str) -> ExerciseResult:
    """Grade `source` as the exercise's file, like a student's submission."""
    with tempfile.TemporaryDirectory(prefix="grader-mutant-") as folder:
        (Path(folder) / exercise.filename).write_text(source)
        return grade_exercise(course, exercise, Path(folder), zygote)


def unjudged(result: ExerciseResult, mutant: str) -> str | None:
    """Why a mutant's result says nothing about the checks, if it does not: no check ran, or a
    check broke (a grader bug loses points too, but it kills nothing)."""
    if not result.checks:
        return f"no check ran on {mutant}: {result.error or 'no checks collected'}"
    broken = result.internal_errors
    if broken:
        return f"'{broken[0].name}' broke on {mutant} (a grader bug, not a kill): {broken[0].message.splitlines()[0]}"
    return None


def run_mutation_tests(course: Course, zygote: Zygote, exercises: list[Exercise]) -> list[MutationRow]:
    rows = []
    for exercise in exercises:
        row = MutationRow(exercise.name)
        for entry in exercise.catalog():
            row.mutants += 1
            result = grade_source(course, exercise, zygote, mutant_source(course, exercise, entry))
            problem = unjudged(result, entry.name)
            if problem:
                row.problems.append(problem)
                continue
            feedback = "\n".join([result.error or ""] + [c.message for c in result.checks])
            if result.score < result.max_score:
                row.killed += 1
            else:
                row.problems.append(f"survived: {entry.name}")
                continue
            expected = entry.feedback_contains or entry.name
            if expected in feedback:
                row.named += 1
            else:
                row.problems.append(f"not named: {entry.name} ({why_not_named(entry, exercise.catalog(), feedback)})")
        rows.append(row)
    return rows


def why_not_named(entry, catalog, feedback: str) -> str:
    """Why a killed catalog entry was not named, as the author can act on it: another entry gave
    the same numbers on the failing checks' inputs, or none reproduced them there."""
    others = [e.name for e in catalog if e is not entry and (e.feedback_contains or e.name) in feedback]
    if others:
        return (f"the feedback names '{others[0]}' instead: both give the same results on the inputs of the "
                "check that failed; give a check inputs that tell them apart, and order checks so it fails first")
    return ("no known mistake was named: the checks that failed did not call the function this entry "
            "replaces, or the entry's code does not reproduce the results on their inputs")


# ---------------------------------------------------------------- automatic mutants


@dataclass(frozen=True)
class Equivalent:
    """A surviving automatic mutant judged equivalent to the reference, and why."""

    id: str
    description: str  # "line 8: `500` -> `501`", as the mutant described itself when judged
    reason: str

    @property
    def change(self) -> str:
        return re.sub(r"^line \d+: ", "", self.description)


@dataclass
class AutoMutationPlan:
    """An exercise's equivalent_mutants.toml: which operators to apply (name -> at most how
    many mutants; None: all of them), how many mutants in all, and the equivalent survivors."""

    operators: dict[str, int | None] | None = None
    max_mutants: int = MAX_MUTANTS
    equivalents: dict[str, Equivalent] = field(default_factory=dict)
    attacks: list[str] | None = None  # the attack classes to apply (None: all)
    # Survivors the authors know are holes, not equivalents ([[known_hole]], with the reason they
    # stay open): reported, not failing verify, and stale once killed (like a strict xfail).
    known_holes: dict[str, Equivalent] = field(default_factory=dict)


@dataclass
class AutoMutationRow:
    exercise: str
    mutants: int = 0
    killed: int = 0
    equivalent: int = 0
    seconds: float = 0.0
    survivors: list[Mutant] = field(default_factory=list)  # neither killed nor listed as equivalent
    known_holes: list[str] = field(default_factory=list)  # survivors listed as known holes
    stale: list[str] = field(default_factory=list)  # entries of the file that no longer hold
    unreasoned: list[str] = field(default_factory=list)  # entries whose reason is still TODO
    problems: list[str] = field(default_factory=list)  # mutants that could not be judged

    @property
    def failed(self) -> bool:
        return bool(self.survivors or self.stale or self.unreasoned or self.problems)

    @property
    def findings(self) -> list[str]:
        """What to fix in the file or the checks besides the survivors, one line each."""
        return self.stale + self.unreasoned + self.problems


def _parse_operators(value, path: Path) -> dict[str, int | None]:
    """`operators = ["drop_call", ...]` (all of each) or `[operators]` drop_call = 4 (at most 4)."""
    if isinstance(value, list):
        operators = dict.fromkeys(value)
    elif isinstance(value, dict) and all(type(cap) is int and cap >= 0 for cap in value.values()):
        operators = dict(value)
    else:
        raise CourseError(f"{path}: `operators` must be a list of operator names or a table name = count")
    unknown = sorted(set(operators) - set(OPERATORS))
    if unknown:
        raise CourseError(f"{path}: unknown mutation operators {', '.join(unknown)} (known: {', '.join(OPERATORS)})")
    return operators


def _parse_equivalent(entry, path: Path) -> Equivalent:
    if not isinstance(entry, dict) or not all(isinstance(entry.get(key), str) and entry[key].strip()
                                              for key in ("id", "description", "reason")):
        raise CourseError(f"{path}: every [[equivalent]] needs id, description and reason (non-empty text): {entry}")
    return Equivalent(entry["id"], entry["description"], entry["reason"].strip())


def load_plan(exercise: Exercise) -> AutoMutationPlan:
    path = exercise.folder / EQUIVALENTS
    if not path.exists():
        return AutoMutationPlan()
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise CourseError(f"{path}: {exc}") from None
    unknown = sorted(set(data) - {"operators", "max_mutants", "equivalent", "attacks", "known_hole"})
    if unknown:
        raise CourseError(f"{path}: unknown keys {', '.join(unknown)} (known: operators, max_mutants, equivalent, "
                          "known_hole, attacks)")
    holes = {e.id: e for e in (_parse_equivalent(entry, path) for entry in data.get("known_hole", []))}
    attacks = data.get("attacks")
    if attacks is not None and (not isinstance(attacks, list) or not set(attacks) <= set(CLASSES)):
        raise CourseError(f"{path}: `attacks` must be a list of attack classes (known: {', '.join(CLASSES)})")
    equivalents = [_parse_equivalent(entry, path) for entry in data.get("equivalent", [])]
    duplicates = sorted({e.id for e in equivalents if [f.id for f in equivalents].count(e.id) > 1})
    if duplicates:
        raise CourseError(f"{path}: listed twice: {', '.join(duplicates)}")
    max_mutants = data.get("max_mutants", MAX_MUTANTS)
    if type(max_mutants) is not int or max_mutants < 0:
        raise CourseError(f"{path}: max_mutants must be a whole number")
    operators = _parse_operators(data["operators"], path) if "operators" in data else None
    return AutoMutationPlan(operators, max_mutants, {e.id: e for e in equivalents}, attacks, holes)


def automatic_mutants(course: Course, exercise: Exercise, plan: AutoMutationPlan) -> list[Mutant]:
    source = (course.reference_dir / exercise.filename).read_text()
    return generate_mutants(source, plan.operators, plan.max_mutants)


def _kind_of_entry(entry_id: str) -> str:
    """"attack" for an attack-class mutant's id, "automatic" for an operator's."""
    parts = entry_id.split(":")
    return "attack" if len(parts) == 3 and parts[1] in CLASSES and parts[1] not in OPERATORS else "automatic"


def stale_entries(plan: AutoMutationPlan, mutants: list, killed: set[str], kind: str = "automatic") -> list[str]:
    """Entries of the equivalents file (of this `kind` of mutant) that no longer describe a
    surviving mutant."""
    by_id = {m.id: m for m in mutants}
    stale = []
    for entry in [*plan.equivalents.values(), *plan.known_holes.values()]:
        if _kind_of_entry(entry.id) != kind:
            continue
        mutant = by_id.get(entry.id)
        if mutant is None:
            stale.append(f"stale: {entry.id} is no longer generated (the reference or the operators changed): "
                         "remove its entry")
        elif mutant.change != entry.change:
            stale.append(f"stale: {entry.id} is now {mutant.description}, not {entry.change}: review its entry")
        elif entry.id in killed:
            stale.append(f"stale: {entry.id} is killed now: remove its entry (if it really is equivalent, the "
                         "check that kills it fails a correct solution)")
    return stale


def _entry(entries: dict[str, Equivalent], mutant) -> Equivalent | None:
    """The file's entry for this mutant, if it names this very edit."""
    entry = entries.get(mutant.id)
    return entry if entry is not None and entry.change == mutant.change else None


def _hold_survivor(plan: AutoMutationPlan, mutant, row: AutoMutationRow) -> None:
    """A mutant that kept full marks, held against the file: justified as equivalent, listed as
    a known hole, or a survivor; an entry whose reason is still TODO fails too."""
    equivalent, hole = _entry(plan.equivalents, mutant), _entry(plan.known_holes, mutant)
    if equivalent is not None:
        row.equivalent += 1
    elif hole is not None:
        row.known_holes.append(mutant.id)
    else:
        row.survivors.append(mutant)
        return
    if is_todo((equivalent or hole).reason):
        row.unreasoned.append(f"{mutant.id}: its reason in {EQUIVALENTS} still says TODO: write why it is as "
                              "correct as the reference (or kill it with a check and remove its entry)")


def judge_automatic_mutants(course: Course, zygote: Zygote, exercise: Exercise) -> AutoMutationRow:
    """Grade every automatic mutant of one exercise and hold the result against its file."""
    started = time.monotonic()
    plan = load_plan(exercise)
    mutants = automatic_mutants(course, exercise, plan)
    row = AutoMutationRow(exercise.name, mutants=len(mutants))
    results = {mutant.id: grade_source(course, exercise, zygote, mutant.source) for mutant in mutants}
    return _judged(row, plan, mutants, results, started, kind="automatic")


def _judged(row: AutoMutationRow, plan, mutants: list, results: dict, started: float, kind: str) -> AutoMutationRow:
    """`row` filled in from each mutant's result (by id): killed, held against the file as a
    survivor, or not judged (the suite failed, or the mutant's own problem)."""
    killed = set()
    for mutant in mutants:
        result = results.get(mutant.id)
        problem = str(result) if isinstance(result, SuiteError) or result is None else unjudged(result, mutant.id)
        if problem:
            row.problems.append(problem)
        elif result.score < result.max_score:
            killed.add(mutant.id)
        else:
            _hold_survivor(plan, mutant, row)
    row.killed = len(killed)
    row.stale = stale_entries(plan, mutants, killed, kind=kind)
    row.seconds = time.monotonic() - started
    return row


def run_auto_mutation_tests(course: Course, zygote: Zygote, exercises: list[Exercise]) -> list[AutoMutationRow]:
    return [judge_automatic_mutants(course, zygote, exercise) for exercise in exercises]


# ---------------------------------------------------------------- attack-class mutants


class _Probe:
    """The reference, recording what kinds of value the checks give each contract function."""

    def __init__(self, module, functions: list[str]):
        self._module, self._functions = module, set(functions)
        self.seen: dict[str, set[str]] = {}

    def __getattr__(self, name):
        value = getattr(self._module, name)
        if name not in self._functions or not callable(value) or isinstance(value, type):
            return value

        def recorded(*args, **kwargs):
            result = value(*args, **kwargs)
            self.seen.setdefault(name, set()).update(kinds_of_call(args, kwargs, result))
            return result

        return recorded


def _watching_requests(seen: dict[str, set[str]], functions: set[str]):
    """StudentSession.request, also noting what each call of a contract function was given and
    returned (the checks' calls to the graded file itself, which is the reference here)."""
    from grader.core.session import StudentSession

    original = StudentSession.request

    def request(session, message, label):
        reply = original(session, message, label)
        target = message.get("target")
        if target in functions and message.get("op") == "call":
            seen.setdefault(target, set()).update(kinds_of_call(tuple(message.get("args", ())),
                                                                message.get("kwargs") or {}, reply.get("value")))
        elif target in functions and message.get("op") == "call_many":
            for args, result in zip(message.get("calls", []), reply.get("results", [])):
                seen.setdefault(target, set()).update(kinds_of_call(tuple(args), {}, result.get("value")))
        return reply

    return original, request


def attack_mutants(course: Course, zygote: Zygote, exercise: Exercise,
                   classes: list[str] | None = None) -> list[AttackMutant]:
    """The attack-class mutants of an exercise's reference, for the kinds of value its checks
    pass: read by grading the reference once, noting the calls the checks make to it (as a
    submission, and as the reference they compare with)."""
    from grader.core.session import StudentSession

    source = (course.reference_dir / exercise.filename).read_text()
    probe = _Probe(course.reference(exercise), exercise.functions)
    original, watching = _watching_requests(probe.seen, set(exercise.functions))
    StudentSession.request = watching
    try:
        with tempfile.TemporaryDirectory(prefix="grader-probe-") as folder:
            (Path(folder) / exercise.filename).write_text(source)
            grade_exercise(course, exercise, Path(folder), zygote, reference=probe)
    finally:
        StudentSession.request = original
    mutants = generate_attack_mutants(source, exercise.functions, probe.seen, exercise.watch.get("training", []))
    return [m for m in mutants if classes is None or m.attack in classes]


def judge_attack_mutants(course: Course, zygote: Zygote, exercise: Exercise) -> AutoMutationRow:
    """Grade every attack-class mutant of one exercise in one pytest session (the checks are
    collected once) and hold the result against its equivalent_mutants.toml."""
    started = time.monotonic()
    plan = load_plan(exercise)
    mutants = attack_mutants(course, zygote, exercise, plan.attacks)
    row = AutoMutationRow(exercise.name, mutants=len(mutants))
    results: dict[str, ExerciseResult | SuiteError] = {}
    with tempfile.TemporaryDirectory(prefix="grader-attacks-") as root:
        jobs = []
        for index, mutant in enumerate(mutants):
            folder = Path(root) / str(index)
            folder.mkdir()
            (folder / exercise.filename).write_text(mutant.source)
            jobs.append((mutant.id, folder))
        grade_submissions(course, [exercise], jobs, zygote,
                          lambda key, graded: results.__setitem__(key, graded if isinstance(graded, SuiteError)
                                                                   else graded[0]))
    return _judged(row, plan, mutants, results, started, kind="attack")


def run_attack_mutation_tests(course: Course, zygote: Zygote, exercises: list[Exercise]) -> list[AutoMutationRow]:
    return [judge_attack_mutants(course, zygote, exercise) for exercise in exercises]

"""The pytest plugin that turns check suite runs into graded results.

One pytest session collects the check suites once and then grades any number of
submissions, one after another (`pytest_runtestloop`, the loop pytest-xdist's workers use):
the CLI grades one, a batch job slot grades every student it is handed. `GradingPlugin`
supplies the fixtures (`student`, `reference`, `source`) and hands each item to its
exercise's `ExerciseRun` for the submission being graded, which skips checks whose
dependencies did not pass, gives each check its deadline, and maps how each check ended to
one verdict. Nothing parses pytest's output.
"""

from __future__ import annotations

import dataclasses
import re
import time
import types
from dataclasses import dataclass
from typing import Callable, Iterable

import pytest

from grader.checks import CheckSpec
from grader.core.outcomes import (CheckFailure, ExerciseTimeUp, MissingName, NotImplementedYet,
                             StudentProblem, StudentRaised, StudentTimeout)
from grader.core.results import CheckResult, Status
from grader.core.session import CallRecord, StudentSession
from grader.core.student import StudentProxy
from grader.core.timebudget import WALL_SLACK
from grader.core.static import SourceInfo


def exercise_of(node) -> str:
    """The exercise a collected check belongs to: the name of its suite's folder."""
    return node.path.parent.name


def with_rule_checks(items: list) -> list:
    """The collected checks with the engine's rule checks of each exercise after its own, as
    items of the same suite (so that deadlines, skips and verdicts treat them alike)."""
    from grader.core.contract import rule_checks

    out, last = [], {}
    for item in items:
        last[exercise_of(item)] = item
    for item in items:
        out.append(item)
        if last.get(exercise_of(item)) is item:
            for function in rule_checks(item.path.parent):
                out.append(pytest.Function.from_parent(item.parent, name=function.__name__, callobj=function))
    return out


class GradingPlugin:
    """The one plugin registered with pytest: grades each job in turn, routing every hook
    to the item's exercise run for the current job.

    `jobs` yields whatever identifies a submission; `make_runs(job)` returns its
    {exercise name: ExerciseRun}; `on_graded(job, runs, errors)` receives them once every
    check ran (`errors`: why the check suites themselves could not run, if they could not).
    """

    def __init__(self, jobs: Iterable, make_runs: Callable[[object], dict],
                 on_graded: Callable[[object, dict, list[str]], None]):
        self.jobs = jobs
        self.make_runs = make_runs
        self.on_graded = on_graded
        self.job = None  # the job being graded: settled by the caller if pytest stops mid-way
        self.runs: dict[str, ExerciseRun] = {}
        self.items: list = []
        self.collection_errors: list[str] = []
        self._current = None

    def _run(self, node) -> "ExerciseRun":
        return self.runs[exercise_of(node)]

    @pytest.fixture
    def student(self, request) -> StudentProxy:
        return StudentProxy(self._run(request.node).session)

    @pytest.fixture
    def reference(self, request):
        return self._run(request.node).reference

    @pytest.fixture
    def source(self, request) -> SourceInfo:
        return self._run(request.node).source

    def pytest_collectreport(self, report):
        if report.failed:
            self.collection_errors.append(str(report.longrepr)[-2000:])

    def pytest_collection_modifyitems(self, items):
        # The engine's checks of the contract's rules follow each exercise's own (grader/core/contract.py).
        items[:] = with_rule_checks(items)
        self.items = list(items)

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session):
        for job in self.jobs:
            self.job = job
            self.runs = self.make_runs(job)
            errors = list(self.collection_errors)
            for name, run in self.runs.items():
                run.collect([item for item in self.items if exercise_of(item) == name])
                errors += run.collection_errors
            if not errors and not any(run.specs for run in self.runs.values()):
                errors.append("no checks were collected")
            if not errors:
                items = [item for item in self.items if exercise_of(item) in self.runs]
                for index, item in enumerate(items):
                    # The last item tears everything down: the next job starts from scratch.
                    following = items[index + 1] if index + 1 < len(items) else None
                    item.config.hook.pytest_runtest_protocol(item=item, nextitem=following)
                    if self._run(item).measure_again(item):
                        item.config.hook.pytest_runtest_protocol(item=item, nextitem=following)
            self._finish_current()
            self.on_graded(job, self.runs, errors)
            self.job = None
        return True

    def pytest_runtest_setup(self, item):
        run = self._run(item)
        if run is not self._current:  # the next exercise begins: the previous one's worker can go
            if self._current is not None:
                self._current.finish()
            run.begin()
            self._current = run
        run.setup(item)

    def pytest_sessionfinish(self):
        self._finish_current()

    def _finish_current(self) -> None:
        if self._current is not None:
            self._current.finish()
            self._current = None

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_makereport(self, item, call):
        # The verdict comes from the exception itself (`record`); pytest's own report would
        # render a traceback with source for every failure (~30 ms each), which nobody reads.
        report = _light_report(item, call)
        self._run(item).record(item, call, report)
        return report


class ExerciseRun:
    """One exercise of one submission: its worker session, its checks' verdicts."""

    def __init__(self, *, reference, check_time_limit: float, exercise_time_limit: float, start=None):
        self.session: StudentSession | None = None
        self.reference = reference
        self.source: SourceInfo | None = None
        self.load_error: str | None = None
        self.missing = False  # the load error is that no file was submitted
        self.check_time_limit = check_time_limit
        self.exercise_time_limit = exercise_time_limit
        self.checks_started = time.monotonic()  # reset when the first check begins
        self._start = start  # called at the exercise's first check: loads the submission
        self.specs: list[CheckSpec] = []
        self.results: dict[str, CheckResult] = {}
        self._decided: dict[str, CheckResult] = {}  # verdicts fixed before a check runs
        self._reported_missing: set[str] = set()
        # The dependency rule for dtypes: checks that failed only on a result's dtype (or were
        # folded into such a failure), by id, and the checks now running past one.
        self._dtype_only: dict[str, DtypeProblem] = {}
        self._running_past: dict[str, list[DtypeProblem]] = {}
        self.collection_errors: list[str] = []
        self.check_seconds = 0.0  # time inside checks (and the student code they call)
        self.catalog: list = []  # misconceptions, to name the mistake behind a failure
        self.history: list[CallRecord] = []  # the student's calls in earlier checks, to rule entries out
        self.output = ""
        self.started = self.finished = 0.0
        self.measured_twice: set[str] = set()  # checks that ran out of CPU time and were run again
        self._timed_out_attempt: str | None = None  # the check whose first attempt just did
        self._before_attempt = None  # (functions timed out, history) as the current check began

    def begin(self) -> None:
        self.started = time.monotonic()
        if self._start is not None:
            self._start(self)
        self.checks_started = time.monotonic()

    def finish(self) -> None:
        if self.session is not None and not self.finished:
            self.session.close()
            self.output = self.session.captured_output()
        self.finished = self.finished or time.monotonic()

    def collect(self, items) -> None:
        seen = set()
        for item in items:
            spec = getattr(getattr(item, "function", None), "grader_check", None)
            if spec is None:
                self.collection_errors.append(f"{item.name} has no @check decorator")
                continue
            unknown = [d for d in spec.depends if d not in seen]
            if unknown:
                self.collection_errors.append(f"{spec.id} depends on {unknown}, not defined before it")
            seen.add(spec.id)
            self.specs.append(spec)

    def setup(self, item):
        spec: CheckSpec = item.function.grader_check
        reason = self._reason_not_to_run(spec)
        if reason is not None:
            self._decided[spec.id] = reason
            pytest.skip(reason.message)
        past = [self._dtype_only[d] for d in spec.depends if d in self._dtype_only]
        if past:
            self._running_past[spec.id] = past
        if self.session is not None:
            self._before_attempt = (set(self.session.timed_out), list(self.history))
            self.session.set_deadline(min(self.check_time_limit * spec.time_factor, max(self._time_left(), 0.01)))
            self.session.calls.clear()

    def measure_again(self, item) -> bool:
        """Whether `item`'s check ran out of CPU time at its first attempt and is run once more;
        then that attempt is forgotten: its verdict, the CPU time it used, the functions it timed
        out. A worker's CPU time for the same work varies with the machine's load (caches, memory
        bandwidth, clock speed shared with the other cores), and only upwards: the lesser of two
        measures is the truer one, so a check at the edge of its limit gets the same verdict on a
        busy machine as on a quiet one (issue #22). Code that loops forever pays the limit twice."""
        spec: CheckSpec = item.function.grader_check
        if self._timed_out_attempt != spec.id:
            return False
        self._timed_out_attempt = None
        del self.results[spec.id]
        timed_out, self.history = self._before_attempt
        self.session.forget_attempt(timed_out)
        self.session.start_next_worker(max(self._time_left(), 0.01))
        self.measured_twice.add(spec.id)
        return True

    def _reason_not_to_run(self, spec: CheckSpec) -> CheckResult | None:
        def result(status: Status, message: str):
            return CheckResult(spec.id, spec.name, spec.kind, spec.points, status, message, spec.hidden)

        if self.load_error is not None:
            return result(Status.SKIPPED, f"not run: {self.load_error}")
        for dependency in spec.depends:
            done = self.results.get(dependency)
            # A dependency wrong only in its result's dtype does not stop this check: it runs
            # for its feedback (a bigger mistake must not hide behind a dtype), not its points.
            if done is None or (done.status != Status.PASSED and dependency not in self._dtype_only):
                name = done.name if done else dependency
                waiting = result(Status.SKIPPED, f"skipped: needs \"{name}\" to pass first")
                waiting.waits_for = dependency
                return waiting
        if self._time_left() <= 0:
            return result(Status.TIMEOUT, ExerciseTimeUp(self.exercise_time_limit).text())
        return None

    def _time_left(self) -> float:
        """Seconds left of the exercise's time limit: the CPU time its workers used (as each
        check's), or the wall clock where that cannot be read; once the workers have been waited
        for WALL_SLACK times the limit (not counting their waits for a core), none is left."""
        if self.session is None or not self.session.time_measured:
            return self.exercise_time_limit - (time.monotonic() - self.checks_started)
        if self.session.waited >= self.exercise_time_limit * WALL_SLACK:
            return 0.0
        return self.exercise_time_limit - self.session.cpu_used

    def record(self, item, call, report) -> None:
        spec: CheckSpec = item.function.grader_check
        if spec.id in self.results:
            return
        if call.when == "setup" and report.skipped:
            self.results[spec.id] = self._decided.pop(spec.id, None) or self._make(spec, Status.SKIPPED, _skip_text(call))
        elif call.when == "setup" and report.failed:
            self.results[spec.id] = self._make(spec, Status.ERROR, f"internal error setting up this check: "
                                                              f"{call.excinfo.exconly()[:300]}", internal=True)
        elif call.when == "call":
            self.check_seconds += call.duration
            self.results[spec.id] = self._apply_dtype_rule(spec, call, self._classify(spec, call))
            self._note_cpu_timeout(spec, call)
            if self.session is not None:
                self.history = (self.history + self.session.calls)[-200:]
                # `grade release` records the catalog on every call a check made (release_mistakes.py).
                observe = getattr(type(self.reference), "observe_student_calls", None)  # never a recorded value
                if observe is not None:
                    observe(self.reference, self.session.calls)
                if self.results[spec.id].status == Status.PASSED and spec.kind in PROVING_KINDS:
                    self.session.proven.update(record["function"] for record in self.session.calls)
                    self.session.proven.update(_named_in(item.function, set(self.session.names)))

    def _note_cpu_timeout(self, spec: CheckSpec, call) -> None:
        """A check that ran out of its CPU time is measured again once (`measure_again`), at most
        MEASURED_TWICE_PER_EXERCISE checks of an exercise; the second timeout says so. A timeout
        of the wall-clock backstop (code that sleeps) is not run again: it is no measuring error."""
        error = call.excinfo.value if call.excinfo is not None else None
        if not isinstance(error, StudentTimeout) or error.waited is not None or self.session is None:
            return
        if spec.id in self.measured_twice:
            result = self.results[spec.id]
            self.results[spec.id] = dataclasses.replace(
                result, message=f"{result.message}, and again when the check was run a second time "
                                f"(in case the machine was busy)")
        elif len(self.measured_twice) < MEASURED_TWICE_PER_EXERCISE:
            self._timed_out_attempt = spec.id

    def _make(self, spec: CheckSpec, status: Status, message: str, internal: bool = False,
              stub: bool = False) -> CheckResult:
        return CheckResult(spec.id, spec.name, spec.kind, spec.points, status, message, spec.hidden, internal, stub)

    def _classify(self, spec: CheckSpec, call) -> CheckResult:
        if call.excinfo is None:
            return self._make(spec, Status.PASSED, "")
        error = call.excinfo.value
        if isinstance(error, (NotImplementedYet, MissingName)):
            if error.function in self._reported_missing:
                why = "is not implemented yet" if isinstance(error, NotImplementedYet) else "is missing"
                return self._make(spec, Status.SKIPPED, f"skipped: `{error.function}` {why} (see above)")
            self._reported_missing.add(error.function)
            return self._make(spec, Status.FAILED, error.text(), stub=isinstance(error, NotImplementedYet))
        if isinstance(error, CheckFailure):
            # "No known mistake reproduces these numbers" only when numbers were compared.
            about_numbers = error.expected is not None and not isinstance(error.expected, str)
            return self._make(spec, Status.FAILED, self._with_diagnosis(spec, error.text(), quiet=not about_numbers),
                              stub=error.stub)
        if isinstance(error, StudentRaised):
            return self._make(spec, Status.FAILED, self._with_diagnosis(spec, error.text(), quiet=True))
        if isinstance(error, StudentProblem):
            return self._make(spec, error.status, error.text())
        if isinstance(error, AssertionError):
            return self._make(spec, Status.FAILED, str(error).splitlines()[0] if str(error) else "assertion failed")
        if call.excinfo.errisinstance(pytest.skip.Exception):
            return self._make(spec, Status.SKIPPED, _skip_text(call))
        return self._make(spec, Status.ERROR, f"internal error in this check: {call.excinfo.exconly()[:300]}",
                          internal=True)

    def _apply_dtype_rule(self, spec: CheckSpec, call, result: CheckResult) -> CheckResult:
        """A check that ran past a dependency wrong only in its dtype earns nothing (as when it
        was skipped: the dtype mistake costs what it always cost), and says so: passed apart from
        that, or the same dtype problem again (folded into a skip pointing at the first report),
        or its own failure, in full (the bigger mistake the dtype would have hidden)."""
        error = call.excinfo.value if call.excinfo is not None else None
        found = error.dtype_problem if isinstance(error, CheckFailure) and result.status == Status.FAILED else None
        past = self._running_past.pop(spec.id, [])
        same = next((p for p in past if found is not None and (p.returned, p.expected) == found), None)
        if past and result.status == Status.PASSED:
            first = past[0]
            self._dtype_only[spec.id] = first
            return self._make(spec, Status.SKIPPED, f"skipped: ran and passed; scored once \"{first.check}\" "
                                                    f"passes (which fails only on the dtype: {first.describe()})")
        if same is not None:
            self._dtype_only[spec.id] = same
            return self._make(spec, Status.SKIPPED, f"skipped: the same dtype problem as \"{same.check}\" "
                                                    f"({same.describe()})")
        if found is not None:
            self._dtype_only[spec.id] = DtypeProblem(*found, check=spec.name)
        return result

    def _with_diagnosis(self, spec: CheckSpec, text: str, quiet: bool = False) -> str:
        """Name the misconception that reproduces the student's result, or say none does
        (`quiet`: say nothing when none does, e.g. for an exception)."""
        if self.session is None or not self.session.calls or spec.kind == "convergence":
            return text
        functions = {call["function"] for call in self.session.calls}
        if not any(entry.function in functions for entry in self.catalog):
            return text
        from grader.misconceptions import identify

        calls = list(reversed(self.session.calls))
        earlier = self.history + self.session.calls[:-1]  # the failing call itself is judged apart
        found = identify(self.catalog, calls[:1], self.reference, earlier) or \
            identify(self.catalog, calls[1:], self.reference, earlier)
        if found is not None:
            return f"{text}\n{found.verdict()}"
        if quiet or spec.kind not in ("value", "gradient"):
            return text
        return f"{text}\nNo known mistake reproduces these numbers: compare them with what you expect by hand."

    def ordered_results(self) -> list[CheckResult]:
        out = []
        for spec in self.specs:
            out.append(self.results.get(spec.id) or self._make(spec, Status.ERROR, "the check did not run",
                                                               internal=True))
        return out


@dataclass(frozen=True)
class DtypeProblem:
    """A result of the wrong dtype whose values were right, as first reported by `check`."""

    returned: str
    expected: str
    check: str  # the name of the check that reported it

    def describe(self) -> str:
        return f"{self.returned} returned where {self.expected} is expected"


def _light_report(item, call) -> pytest.TestReport:
    """A TestReport with the outcome pytest needs to go on, and a one-line description."""
    excinfo = call.excinfo
    if excinfo is None:
        outcome, longrepr = "passed", None
    elif excinfo.errisinstance(pytest.skip.Exception):
        path, line = item.reportinfo()[:2]
        outcome, longrepr = "skipped", (str(path), (line or 0) + 1, _skip_text(call))
    else:
        outcome, longrepr = "failed", excinfo.exconly()[:300]
    return pytest.TestReport(item.nodeid, item.location, dict.fromkeys(item.keywords, 1), outcome, longrepr,
                             call.when, duration=call.duration, start=call.start, stop=call.stop)


# How many checks of one exercise that ran out of CPU time are run a second time (measure_again):
# an edge case is one check, or two; beyond that the code is slow, and waiting twice helps nobody.
MEASURED_TWICE_PER_EXERCISE = 2

# A passed check of these kinds shows that the functions it called compute something right;
# the engine's rule checks score a function only then (a constant function follows every rule).
PROVING_KINDS = ("value", "gradient", "convergence")


def _named_in(function, names: set[str]) -> set[str]:
    """The student's names a check's code reaches: attributes it reads (student.train), also in
    nested functions and in the worker functions it sends (module.train(...) in their source)."""
    found, codes, seen = set(), [getattr(function, "__code__", None)], set()
    namespace = getattr(function, "__globals__", {})
    while codes and len(seen) < 500:
        code = codes.pop()
        if code is None or code in seen:
            continue
        seen.add(code)
        found |= names & set(code.co_names)
        codes += [c for c in code.co_consts if isinstance(c, types.CodeType)]
        for name in code.co_names:
            value = namespace.get(name)
            if isinstance(value, types.FunctionType):  # a helper of the checks file: read it too
                codes.append(value.__code__)
            text = getattr(getattr(value, "source", None), "source", None)
            if isinstance(text, str):
                found |= {n for n in names if re.search(rf"\b{re.escape(n)}\b", text)}
    return found


def _skip_text(call) -> str:
    value = call.excinfo.value if call.excinfo else None
    return getattr(value, "msg", None) or "skipped"

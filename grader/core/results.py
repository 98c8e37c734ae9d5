"""Grading results and their JSON form (other tools read these keys: keep them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Status(StrEnum):
    """How a check ended. A str, so JSON and older records compare equal to it."""

    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"  # the submission crashed, or (internal) the check itself broke
    TIMEOUT = "timeout"
    SKIPPED = "skipped"


STATUSES = tuple(Status)


@dataclass(frozen=True)
class CheckSpec:
    """A check as its suite declares it (`@check` in grader/checks.py, or one of the engine's
    own rule checks, grader/core/contract.py)."""

    id: str  # the function name, used by `depends`
    name: str  # one line a student understands
    kind: str
    points: float
    hidden: bool
    depends: tuple[str, ...]
    # Of the exercise's check time limit, how many this check may take (the rule checks replay
    # a function's first call several times: a slow but valid training must fit).
    time_factor: float = 1.0


def _number(x: float):
    return int(x) if float(x).is_integer() else round(float(x), 4)


@dataclass
class CheckResult:
    id: str
    name: str
    kind: str
    max_score: float
    status: str
    message: str = ""
    hidden: bool = False
    internal: bool = False  # the check itself broke: a bug in the grader, not the student
    stub: bool = False  # failed only because the function is still the stub (or a placeholder value)
    waits_for: str = ""  # skipped because this check (its id) did not pass first

    @property
    def score(self) -> float:
        return self.max_score if self.status == Status.PASSED else 0

    def to_json(self) -> dict:
        data = {"name": self.name, "kind": self.kind, "score": _number(self.score),
                "max_score": _number(self.max_score), "status": self.status, "message": self.message,
                "hidden": self.hidden, "id": self.id}
        if self.internal:
            data["internal"] = True
        if self.stub:
            data["stub"] = True
        if self.waits_for:
            data["waits_for"] = self.waits_for
        return data

    @classmethod
    def from_json(cls, data: dict) -> "CheckResult":
        return cls(str(data["id"]), str(data["name"]), str(data["kind"]), float(data["max_score"]),
                   Status(data["status"]), str(data.get("message", "")), bool(data.get("hidden")),
                   bool(data.get("internal")), bool(data.get("stub")), str(data.get("waits_for", "")))


@dataclass
class ExerciseResult:
    exercise: str
    title: str
    file: str  # the file that was graded (or looked for)
    checks: list[CheckResult] = field(default_factory=list)
    error: str | None = None  # one verdict when the module could not be graded at all
    output: str = ""  # what the student's code printed (head and tail)
    seconds: float = 0.0
    check_seconds: float = 0.0  # of `seconds`, the part spent inside checks and student code
    sandbox: list[str] = field(default_factory=list)  # confinement layers the worker ran under
    notes: list[str] = field(default_factory=list)  # e.g. magics dropped from a notebook
    missing: bool = False  # no file was submitted for it (`error` says where it was looked for)
    # What its code tried against the grader's instruments, refused: [{"event", "where"}]. Never
    # points (a refusal costs what the failing code costs); shown to the instructor.
    integrity: list[dict] = field(default_factory=list)

    @property
    def score(self) -> float:
        return sum(c.score for c in self.checks)

    @property
    def max_score(self) -> float:
        return sum(c.max_score for c in self.checks)

    @property
    def all_passed(self) -> bool:
        return bool(self.checks) and all(c.status == Status.PASSED for c in self.checks)

    @property
    def not_started(self) -> bool:
        """Nothing passed and every failure is an untouched stub: one line is enough in a summary."""
        failures = [c for c in self.checks if c.status != Status.SKIPPED]
        return not self.error and bool(failures) and all(c.status == Status.FAILED and c.stub for c in failures)

    @property
    def internal_errors(self) -> list[CheckResult]:
        return [c for c in self.checks if c.internal]

    def to_json(self) -> dict:
        return {"exercise": self.exercise, "title": self.title, "score": _number(self.score),
                "max_score": _number(self.max_score), "checks": [c.to_json() for c in self.checks],
                "error": self.error, "missing": self.missing, "file": self.file, "sandbox": self.sandbox,
                "notes": self.notes, "integrity": self.integrity}

    def to_wire(self) -> dict:
        """Everything, for the grading server's reply (the JSON above leaves out output and timings)."""
        return dict(self.to_json(), output=self.output, seconds=self.seconds, check_seconds=self.check_seconds)

    @classmethod
    def from_json(cls, data: dict) -> "ExerciseResult":
        return cls(exercise=str(data["exercise"]), title=str(data["title"]), file=str(data["file"]),
                   checks=[CheckResult.from_json(c) for c in data["checks"]], error=data.get("error"),
                   output=str(data.get("output", "")), seconds=float(data.get("seconds", 0.0)),
                   check_seconds=float(data.get("check_seconds", 0.0)), sandbox=list(data.get("sandbox", [])),
                   notes=list(data.get("notes", [])), missing=bool(data.get("missing")),
                   integrity=[dict(f) for f in data.get("integrity", []) if isinstance(f, dict)])

    def verdict_key(self) -> list:
        """What must be identical between two runs of the same submission."""
        return [self.error] + [(c.id, c.status, c.message) for c in self.checks]

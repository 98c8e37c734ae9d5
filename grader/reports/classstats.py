"""Class statistics, computed once: summary.md, summary.html and results.json all show these.

A student who did not hand in an exercise is counted apart ("not submitted"), never folded
into its zeros: score statistics are over those who submitted it, and a check's failure share
is over those whose file was graded (it could be read and loaded). A check skipped because
another check failed is not counted as failed: its cause is. What to re-teach first: the
checks most failed among those graded, and the known mistakes the feedback named most often.

Not attempted is not failed: an exercise file identical to the stub the students were given, or
one whose every failing check failed only because its function still raises NotImplementedError,
is "not attempted": counted apart like a file not submitted, out of the score statistics. A
check that failed because its own function is still the stub is left out of that check's
counts (and so out of "What to re-teach first"). Each failed check and known mistake keeps
the students it concerns.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field

from grader.reports.wording import named_mistake
from grader.core.results import Status, _number

FAILING = (Status.FAILED, Status.ERROR, Status.TIMEOUT)
INTRODUCTION = ("Scores are over the students who attempted the exercise; those who did not submit it, or handed "
                "in the stub as given, are counted apart. A check's share failed is over the students whose file "
                "was graded (a check failing only because its function is still the stub is not counted).")
REACHED = ("Code that tried to reach the grader's instruments (frames, the garbage collector, the profile hook, "
           "ctypes, new processes): refused, never scored; worth a look.")
TOTAL = "total"


@dataclass
class ScoreStats:
    """One exercise (or the total) across the class."""

    exercise: str
    title: str
    max_score: float
    students: int
    submitted: int  # handed a file in (the total: handed in at least one exercise)
    errored: int  # of those: could not be graded, or a check errored or timed out
    full_marks: int
    scores: list[float] = field(default_factory=list)  # of those who attempted it, in student order
    not_attempted: list[str] = field(default_factory=list)  # submitted, but the stub as given

    @property
    def attempted(self) -> int:
        return self.submitted - len(self.not_attempted)

    @property
    def not_submitted(self) -> int:
        return self.students - self.submitted

    def figure(self, how: str) -> float | None:
        """mean, median, min or max of the scores of those who attempted it; None when nobody did."""
        if not self.scores:
            return None
        return {"mean": statistics.mean, "median": statistics.median, "min": min, "max": max}[how](self.scores)

    def to_json(self) -> dict:
        return {"exercise": self.exercise, "title": self.title, "max_score": _number(self.max_score),
                "students": self.students, "submitted": self.submitted, "not_submitted": self.not_submitted,
                "not_attempted": len(self.not_attempted), "not_attempted_students": self.not_attempted,
                "errored_or_timed_out": self.errored, "full_marks": self.full_marks,
                **{how: _rounded(self.figure(how)) for how in ("mean", "median", "min", "max")}}


@dataclass
class CheckStats:
    exercise: str
    check: str  # its name
    hidden: bool
    graded: int  # students whose file for this exercise was graded
    failed: int  # of those, the check ran and did not pass
    message: str = ""  # the most common first paragraph of its failure messages
    message_count: int = 0
    students: list[str] = field(default_factory=list)  # who failed it, in student order

    @property
    def share(self) -> float:
        return self.failed / self.graded if self.graded else 0.0

    def to_json(self) -> dict:
        return {"exercise": self.exercise, "check": self.check, "hidden": self.hidden, "graded": self.graded,
                "failed": self.failed, "share_failed": round(self.share, 4), "most_common_message": self.message,
                "most_common_message_count": self.message_count, "students": self.students}


@dataclass
class MistakeStats:
    exercise: str
    mistake: str  # as the feedback names it
    students: int  # whose feedback named it for this exercise
    checks: int  # failed checks that named it, all students together
    names: list[str] = field(default_factory=list)  # those students, in student order

    def to_json(self) -> dict:
        return {"exercise": self.exercise, "mistake": self.mistake, "students": self.students, "checks": self.checks,
                "student_names": self.names}


@dataclass
class Trouble:
    """A submission that errored or timed out, or reached into the grader: worth a look."""

    student: str
    exercise: str
    what: str

    def to_json(self) -> dict:
        return {"student": self.student, "exercise": self.exercise, "what": self.what}


@dataclass
class ClassStats:
    students: int
    submitted_nothing: list[str]  # students who handed in no exercise at all
    exercises: list[ScoreStats]
    total: ScoreStats
    checks: list[CheckStats]  # every check, in exercise and check order
    mistakes: list[MistakeStats]  # named at least once, most often named first
    errored: list[Trouble] = field(default_factory=list)  # errored or timed out
    reached: list[Trouble] = field(default_factory=list)  # reached into the grader's instruments
    totals: list[tuple[str, float, float]] = field(default_factory=list)  # (student, score, out of)

    @property
    def most_failed(self) -> list[CheckStats]:
        """Checks failed at least once, most failed first (share, then count, then course order)."""
        order = {id(c): i for i, c in enumerate(self.checks)}
        return sorted((c for c in self.checks if c.failed), key=lambda c: (-c.share, -c.failed, order[id(c)]))

    def to_json(self) -> dict:
        return {"students": self.students, "submitted_nothing": self.submitted_nothing,
                "exercises": [e.to_json() for e in self.exercises], "total": self.total.to_json(),
                "most_failed_checks": [c.to_json() for c in self.most_failed],
                "known_mistakes": [m.to_json() for m in self.mistakes],
                "checks": [c.to_json() for c in self.checks],
                "errored_or_timed_out": [t.to_json() for t in self.errored],
                "reached_into_the_grader": [t.to_json() for t in self.reached]}


def _rounded(value: float | None):
    return None if value is None else _number(round(value, 4))


def figure(value: float | None) -> str:
    """A statistic as both reports show it: at most two decimals, '—' when there is none."""
    return "—" if value is None else f"{round(value, 2):g}"


def percent(check: CheckStats) -> str:
    return f"{100 * check.share:.0f}%"


def submitted(exercise: dict) -> bool:
    return not exercise.get("missing")


def attempted(exercise: dict) -> bool:
    """Submitted and worked on: not the stub as given, nor only stubs still raising NotImplementedError."""
    if not submitted(exercise) or exercise.get("untouched"):
        return False
    if exercise.get("error"):
        return True
    failures = [c for c in exercise["checks"] if c["status"] != Status.SKIPPED]
    return not (failures and all(c["status"] == Status.FAILED and c.get("stub") for c in failures))


def score_cell(exercise: dict | None) -> str:
    """A student's score for one exercise, as summary.md and summary.html show it."""
    if exercise is None or not submitted(exercise):
        return "—"
    if not attempted(exercise):
        return "not attempted"
    return str(_number(exercise["score"]))


def graded(exercise: dict) -> bool:
    """The file was read and loaded: its checks ran (an exercise error means none did)."""
    return attempted(exercise) and not exercise.get("error")


def errored(exercise: dict) -> bool:
    return submitted(exercise) and (bool(exercise.get("error"))
                                    or any(c["status"] in (Status.ERROR, Status.TIMEOUT) for c in exercise["checks"]))


def first_paragraph(message: str) -> str:
    return message.split("\n", 1)[0].strip()


def class_stats(records: list[dict], exercise_names: list[str]) -> ClassStats:
    by_exercise = {name: [] for name in exercise_names}  # name -> (student, their result for it)
    for record in records:
        for exercise in record["exercises"]:
            if exercise["exercise"] in by_exercise:
                by_exercise[exercise["exercise"]].append((record["student"], exercise))
    exercises = [_exercise_stats(name, results, len(records)) for name, results in by_exercise.items()]
    nothing = [r["student"] for r in records if not any(submitted(e) for e in r["exercises"])]
    handed_in = [r for r in records if r["student"] not in nothing]
    worked = [r for r in handed_in if any(attempted(e) for e in r["exercises"])]
    total = ScoreStats(TOTAL, "", max((r["max_score"] for r in records), default=0), len(records), len(handed_in),
                       sum(any(errored(e) for e in r["exercises"]) for r in handed_in),
                       sum(r["score"] == r["max_score"] > 0 for r in worked), [r["score"] for r in worked],
                       [r["student"] for r in handed_in if r not in worked])
    checks = [c for name in exercise_names for c in _check_stats(name, by_exercise[name])]
    return ClassStats(len(records), nothing, exercises, total, checks, _mistakes(records, exercise_names),
                      *_trouble(records), totals=[(r["student"], r["score"], r["max_score"]) for r in records])


def _exercise_stats(name: str, results: list[tuple[str, dict]], students: int) -> ScoreStats:
    handed_in = [(who, e) for who, e in results if submitted(e)]
    worked = [e for _, e in handed_in if attempted(e)]
    maximum = max((e["max_score"] for _, e in results), default=0)
    title = results[0][1]["title"] if results else ""
    return ScoreStats(name, title, maximum, students, len(handed_in), sum(errored(e) for _, e in handed_in),
                      sum(e["score"] == e["max_score"] > 0 for e in worked), [e["score"] for e in worked],
                      [who for who, e in handed_in if not attempted(e)])


def _check_stats(name: str, results: list[tuple[str, dict]]) -> list[CheckStats]:
    stats: dict[str, CheckStats] = {}
    messages: dict[str, Counter] = {}
    for student, exercise in results:
        for check in exercise["checks"]:
            key = check.get("id", check["name"])
            if key not in stats:
                stats[key] = CheckStats(name, check["name"], bool(check.get("hidden")), 0, 0)
                messages[key] = Counter()
            if not graded(exercise) or check.get("stub"):  # its function not attempted: not a failure
                continue
            stats[key].graded += 1
            if check["status"] in FAILING:
                stats[key].failed += 1
                stats[key].students.append(student)
                messages[key][first_paragraph(check["message"])] += 1
    for key, check in stats.items():
        if messages[key]:
            check.message, check.message_count = messages[key].most_common(1)[0]  # ties: the first seen
    return list(stats.values())


def _mistakes(records: list[dict], exercise_names: list[str]) -> list[MistakeStats]:
    found: dict[tuple[str, str], MistakeStats] = {}
    for record in records:
        for exercise in record["exercises"]:
            named = set()
            for check in exercise["checks"]:
                failing = check["status"] in FAILING and not check.get("stub") and attempted(exercise)
                mistake = named_mistake(check["message"]) if failing else None
                if mistake is None:
                    continue
                key = (exercise["exercise"], mistake)
                entry = found.setdefault(key, MistakeStats(exercise["exercise"], mistake, 0, 0))
                entry.checks += 1
                if key not in named:
                    entry.students += 1
                    entry.names.append(record["student"])
                    named.add(key)
    order = {name: i for i, name in enumerate(exercise_names)}
    first_seen = {key: i for i, key in enumerate(found)}
    return sorted(found.values(), key=lambda m: (-m.students, -m.checks, order.get(m.exercise, len(order)),
                                                 first_seen[(m.exercise, m.mistake)]))


def _trouble(records: list[dict]) -> tuple[list[Trouble], list[Trouble]]:
    """(submissions that errored or timed out, code that reached into the grader's instruments)."""
    errors, reached = [], []
    for record in records:
        for exercise in record["exercises"]:
            if errored(exercise):
                if exercise.get("error"):
                    what = exercise["error"]
                else:
                    bad = next(c for c in exercise["checks"] if c["status"] in (Status.ERROR, Status.TIMEOUT))
                    what = f"{bad['status']}: {bad['message']}"
                errors.append(Trouble(record["student"], exercise["exercise"], what))
            if exercise.get("integrity"):
                reached.append(Trouble(record["student"], exercise["exercise"],
                                       ", ".join(f"{f.get('event')} at {f.get('where')}" for f in exercise["integrity"])))
    return errors, reached

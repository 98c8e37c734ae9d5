"""Class statistics, computed once: summary.md, summary.html and results.json all show these.

A student who did not hand in an exercise is counted apart ("not submitted"), never folded
into its zeros: score statistics are over those who submitted it, and a check's failure share
is over those whose file was graded (it could be read and loaded). A check skipped because
another check failed is not counted as failed: its cause is. What to re-teach first: the
checks most failed among those graded, and the known mistakes the feedback named most often.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field

from grader.report import named_mistake
from grader.results import Status, _number

FAILING = (Status.FAILED, Status.ERROR, Status.TIMEOUT)
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
    scores: list[float] = field(default_factory=list)  # of those who submitted, in student order

    @property
    def not_submitted(self) -> int:
        return self.students - self.submitted

    def figure(self, how: str) -> float | None:
        """mean, median, min or max of the submitters' scores; None when nobody submitted."""
        if not self.scores:
            return None
        return {"mean": statistics.mean, "median": statistics.median, "min": min, "max": max}[how](self.scores)

    def to_json(self) -> dict:
        return {"exercise": self.exercise, "title": self.title, "max_score": _number(self.max_score),
                "students": self.students, "submitted": self.submitted, "not_submitted": self.not_submitted,
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

    @property
    def share(self) -> float:
        return self.failed / self.graded if self.graded else 0.0

    def to_json(self) -> dict:
        return {"exercise": self.exercise, "check": self.check, "hidden": self.hidden, "graded": self.graded,
                "failed": self.failed, "share_failed": round(self.share, 4), "most_common_message": self.message,
                "most_common_message_count": self.message_count}


@dataclass
class MistakeStats:
    exercise: str
    mistake: str  # as the feedback names it
    students: int  # whose feedback named it for this exercise
    checks: int  # failed checks that named it, all students together

    def to_json(self) -> dict:
        return {"exercise": self.exercise, "mistake": self.mistake, "students": self.students, "checks": self.checks}


@dataclass
class ClassStats:
    students: int
    submitted_nothing: list[str]  # students who handed in no exercise at all
    exercises: list[ScoreStats]
    total: ScoreStats
    checks: list[CheckStats]  # every check, in exercise and check order
    mistakes: list[MistakeStats]  # named at least once, most often named first

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
                "checks": [c.to_json() for c in self.checks]}


def _rounded(value: float | None):
    return None if value is None else _number(round(value, 4))


def figure(value: float | None) -> str:
    """A statistic as both reports show it: at most two decimals, '—' when there is none."""
    return "—" if value is None else f"{round(value, 2):g}"


def percent(check: CheckStats) -> str:
    return f"{100 * check.share:.0f}%"


def submitted(exercise: dict) -> bool:
    return not exercise.get("missing")


def graded(exercise: dict) -> bool:
    """The file was read and loaded: its checks ran (an exercise error means none did)."""
    return submitted(exercise) and not exercise.get("error")


def errored(exercise: dict) -> bool:
    return submitted(exercise) and (bool(exercise.get("error"))
                                    or any(c["status"] in (Status.ERROR, Status.TIMEOUT) for c in exercise["checks"]))


def first_paragraph(message: str) -> str:
    return message.split("\n", 1)[0].strip()


def class_stats(records: list[dict], exercise_names: list[str]) -> ClassStats:
    by_exercise = {name: [] for name in exercise_names}  # name -> every student's result for it
    for record in records:
        for exercise in record["exercises"]:
            if exercise["exercise"] in by_exercise:
                by_exercise[exercise["exercise"]].append(exercise)
    exercises = [_exercise_stats(name, results, len(records)) for name, results in by_exercise.items()]
    nothing = [r["student"] for r in records if not any(submitted(e) for e in r["exercises"])]
    handed_in = [r for r in records if r["student"] not in nothing]
    total = ScoreStats(TOTAL, "", max((r["max_score"] for r in records), default=0), len(records), len(handed_in),
                       sum(any(errored(e) for e in r["exercises"]) for r in handed_in),
                       sum(r["score"] == r["max_score"] > 0 for r in handed_in), [r["score"] for r in handed_in])
    checks = [c for name in exercise_names for c in _check_stats(name, by_exercise[name])]
    return ClassStats(len(records), nothing, exercises, total, checks, _mistakes(records, exercise_names))


def _exercise_stats(name: str, results: list[dict], students: int) -> ScoreStats:
    handed_in = [e for e in results if submitted(e)]
    maximum = max((e["max_score"] for e in results), default=0)
    title = results[0]["title"] if results else ""
    return ScoreStats(name, title, maximum, students, len(handed_in), sum(errored(e) for e in handed_in),
                      sum(e["score"] == e["max_score"] > 0 for e in handed_in), [e["score"] for e in handed_in])


def _check_stats(name: str, results: list[dict]) -> list[CheckStats]:
    stats: dict[str, CheckStats] = {}
    messages: dict[str, Counter] = {}
    for exercise in results:
        for check in exercise["checks"]:
            key = check.get("id", check["name"])
            if key not in stats:
                stats[key] = CheckStats(name, check["name"], bool(check.get("hidden")), 0, 0)
                messages[key] = Counter()
            if not graded(exercise):
                continue
            stats[key].graded += 1
            if check["status"] in FAILING:
                stats[key].failed += 1
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
                mistake = named_mistake(check["message"]) if check["status"] in FAILING else None
                if mistake is None:
                    continue
                key = (exercise["exercise"], mistake)
                entry = found.setdefault(key, MistakeStats(exercise["exercise"], mistake, 0, 0))
                entry.checks += 1
                if key not in named:
                    entry.students += 1
                    named.add(key)
    order = {name: i for i, name in enumerate(exercise_names)}
    first_seen = {key: i for i, key in enumerate(found)}
    return sorted(found.values(), key=lambda m: (-m.students, -m.checks, order.get(m.exercise, len(order)),
                                                 first_seen[(m.exercise, m.mistake)]))

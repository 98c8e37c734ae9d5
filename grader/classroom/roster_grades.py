"""The grades written into a roster's grade columns: one cell per student and column, raw
points or scaled to the column's points possible (`--points-possible`, else what the LMS
states: `Roster.points_possible`), after any late penalty."""

from __future__ import annotations

from dataclasses import dataclass

from grader.classroom.roster_file import Roster
from grader.core.results import _number


@dataclass
class Scale:
    """How one grade column is filled: raw points out of `raw`, or scaled to `points`."""

    column: str
    raw: float  # the course's maximum for it
    points: float | None  # the column's points possible (None: raw points are written)
    source: str  # where the points possible came from

    def __call__(self, score: float) -> float:
        return score if self.points is None or not self.raw else round(score * self.points / self.raw, 2)

    def describe(self) -> str:
        if self.points is None:
            return (f"{self.column!r} states no points possible: raw points written (out of {_number(self.raw)}); "
                    "pass --points-possible N to scale them")
        if self.points == self.raw:
            return f"{self.column!r} is out of {_number(self.points)} ({self.source}), as the course: no scaling"
        example = self.raw / 2
        return (f"{self.column!r} is out of {_number(self.points)} ({self.source}): grades scaled from "
                f"{_number(self.raw)} points (×{_number(round(self.points / self.raw, 4))}: "
                f"{_number(example)}/{_number(self.raw)} becomes {_number(self(example))})")


def scales(roster: Roster, records: list[dict], exercise_names: list[str], per_exercise: bool,
           points_possible: float | None) -> list[Scale]:
    """One Scale per grade column: `--points-possible` first, else what the roster states."""
    if per_exercise:
        raws = [max((e["max_score"] for r in records for e in r["exercises"] if e["exercise"] == n), default=0)
                for n in exercise_names]
    else:
        raws = [max((r["max_score"] for r in records), default=0)]
    found = []
    for i, (column, raw) in enumerate(zip(roster.columns, raws)):
        if points_possible is not None:
            found.append(Scale(column, raw, points_possible, "--points-possible"))
        else:
            points = roster.points_possible(i)
            found.append(Scale(column, raw, points, f"as {roster.path.name} states"))
    return found


def grade_values(records: list[dict], exercise_names: list[str], per_exercise: bool, column_scales: list[Scale],
                 final=None) -> tuple[dict, list[str]]:
    """(student id -> the cells to write, the maxima for Points Possible). `final(record, score,
    max_score)`: the score after a late penalty (default: the score)."""
    final = final or (lambda record, score, max_score: score)
    values = {}
    for record in records:
        if per_exercise:
            results = {e["exercise"]: e for e in record["exercises"]}
            cells = []
            for name, scale in zip(exercise_names, column_scales):
                result = results.get(name)
                score = final(record, result["score"], result["max_score"]) if result else 0
                cells.append(str(_number(scale(score))))
            values[record["student"]] = cells
        else:
            values[record["student"]] = [str(_number(column_scales[0](final(record, record["score"],
                                                                            record["max_score"]))))]
    maxima = [str(_number(scale.points if scale.points is not None else scale.raw)) for scale in column_scales]
    return values, maxima

"""Late work: when a submission was handed in, and what a late policy takes off.

A time comes from the download's layout (a Blackboard attempt's time, Gradescope's
`:created_at:`) or from `--submitted-at TIMES.csv` (columns: student, submitted_at; it wins
over the layout). Without a time nothing is assumed: no penalty, and a submission an LMS marked
late (Canvas's `_late_`) is said to be so, with no penalty.

The policy is Canvas's: `--late-penalty 10%/day` takes that share of the points possible for
every day or part of a day past `--due` (`/hour` for hours), at most `--late-cap` of them,
never below zero; a submission within `--grace` of the due date is on time. Penalties are
worked out when the class files are written, from the raw scores, so changing the policy
never needs a regrade.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

from grader.core.results import _number


class LateError(Exception):
    """A late option or the times file cannot be used: the message says why."""


@dataclass
class LatePolicy:
    due: datetime  # aware
    share: float  # of the points possible, per period late
    period_hours: float  # 24 (per day) or 1 (per hour)
    cap: float | None  # at most this share in all
    grace: timedelta

    def to_json(self) -> dict:
        data = asdict(self)
        data.update(due=self.due.isoformat(), grace=self.grace.total_seconds())
        return data

    @classmethod
    def from_json(cls, data: dict) -> "LatePolicy":
        return cls(datetime.fromisoformat(data["due"]), float(data["share"]), float(data["period_hours"]),
                   None if data["cap"] is None else float(data["cap"]), timedelta(seconds=float(data["grace"])))

    def describe(self) -> str:
        period = "day" if self.period_hours == 24 else "hour"
        cap = f", at most {_percent(self.cap)}" if self.cap is not None else ""
        grace = f", {_duration(self.grace)} of grace" if self.grace else ""
        return f"due {self.due.isoformat(timespec='minutes')}: {_percent(self.share)} of the points per {period} " \
               f"late or part of one{cap}{grace}"


def _percent(share: float) -> str:
    return f"{_number(round(100 * share, 4))}%"


def _duration(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60} h {minutes % 60} min" if minutes >= 60 else f"{minutes} min"


def parse_time(text: str, what: str) -> datetime:
    """ISO 8601 (`2024-05-06T23:59`, `2024-05-06 23:59:00+02:00`); without a zone, this machine's."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise LateError(f"{what}: {text!r} is not a date and time such as 2024-05-06T23:59 "
                        "(ISO 8601; add +02:00 for a time zone)") from None
    return aware(moment)


def aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.astimezone()


def parse_policy(due: str | None, penalty: str | None, cap: str | None, grace: str | None) -> LatePolicy | None:
    if due is None:
        if penalty or cap or grace:
            raise LateError("--late-penalty, --late-cap and --grace need --due")
        return None
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*%\s*(?:/|per\s*)(day|hour)\s*", penalty or "0%/day")
    if match is None:
        raise LateError(f"--late-penalty {penalty!r}: write a share per day or hour, such as 10%/day or 2%/hour")
    share = float(match[1]) / 100
    cap_share = None
    if cap is not None:
        found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*%\s*", cap)
        if found is None:
            raise LateError(f"--late-cap {cap!r}: write the most a penalty may take, such as 50%")
        cap_share = float(found[1]) / 100
    grace_delta = timedelta()
    if grace is not None:
        found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(m|min|h|d)\s*", grace)
        if found is None:
            raise LateError(f"--grace {grace!r}: write a duration such as 15m, 2h or 1d")
        unit = {"m": "minutes", "min": "minutes", "h": "hours", "d": "days"}[found[2]]
        grace_delta = timedelta(**{unit: float(found[1])})
    return LatePolicy(parse_time(due, "--due"), share, 24 if match[2] == "day" else 1, cap_share, grace_delta)


def read_times(path: Path) -> dict[str, datetime]:
    """--submitted-at: a CSV of student id and time (a header row is recognised and skipped)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise LateError(f"--submitted-at {path}: cannot be read ({exc})") from None
    times: dict[str, datetime] = {}
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) < 2:
            raise LateError(f"--submitted-at {Path(path).name}, line {number}: expected two columns "
                            "(student, submitted_at)")
        if number == 1 and row[0].strip().casefold() in ("student", "id", "student id", "login"):
            continue
        times[row[0].strip()] = parse_time(row[1], f"--submitted-at {Path(path).name}, line {number}")
    return times


@dataclass
class Lateness:
    student: str
    submitted_at: datetime | None
    marked_late: bool  # by the LMS
    periods: int  # days (or hours) late, rounded up; 0 on time
    share: float  # of the points possible taken off

    def penalty(self, max_score: float) -> float:
        return round(self.share * max_score, 4)

    def row(self, max_score: float, period_hours: float = 24) -> dict:
        return {"student": self.student,
                "submitted_at": self.submitted_at.isoformat(timespec="minutes") if self.submitted_at else "",
                "days_late": self.periods if period_hours == 24 else round(self.periods / 24, 2),
                "penalty": _number(self.penalty(max_score))}

    def sentence(self, max_score: float, policy: LatePolicy | None) -> str | None:
        """The feedback's line about it, or None when there is nothing to say."""
        if self.submitted_at is None:
            return ("The LMS marks this submission late; no submission time was given, so no late penalty "
                    "was applied.") if self.marked_late else None
        when = self.submitted_at.isoformat(timespec="minutes")
        if policy is None:
            return None
        if not self.periods:
            return f"Handed in {when}: on time (due {policy.due.isoformat(timespec='minutes')})."
        unit = "day" if policy.period_hours == 24 else "hour"
        return (f"Handed in {when}, {self.periods} {unit}{'s' if self.periods != 1 else ''} late: "
                f"{_number(self.penalty(max_score))} points taken off ({policy.describe()}).")


def lateness(student: str, submitted_at: datetime | None, marked_late: bool, policy: LatePolicy | None) -> Lateness:
    if submitted_at is None or policy is None:
        return Lateness(student, submitted_at, marked_late, 0, 0.0)
    late_by = aware(submitted_at) - policy.due
    if late_by <= policy.grace:
        return Lateness(student, submitted_at, marked_late, 0, 0.0)
    periods = math.ceil(late_by.total_seconds() / 3600 / policy.period_hours)
    share = periods * policy.share
    if policy.cap is not None:
        share = min(share, policy.cap)
    return Lateness(student, submitted_at, marked_late, periods, min(share, 1.0))


def penalised(score: float, max_score: float, late: Lateness | None) -> float:
    """The score after the penalty (a share of the points possible), never below zero."""
    if late is None or not late.share:
        return score
    return max(0.0, round(score - late.penalty(max_score), 4))

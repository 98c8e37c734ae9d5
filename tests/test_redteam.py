"""A determined student's attempts at undeserved points (issue #23's red-team round).

An outsider given only the student release and the list of closed routes wrote 32 attempts
across ex1-ex9, each a pair in tests/redteam/<exN>_<name>/: `plain/exN.py`, a wrong or
forbidden solution, and `trick/exN.py`, the same code with a trick meant to rescue it
(tests/redteam/REPORT.md says what each tries and which grader code it beat at the time).
Graded on the instructor's side, hidden checks included, a trick must never earn more than
its plain version. The few that still do are the next work, each with its reason.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from grader.grading.runner import grade_submissions

ATTEMPTS = Path(__file__).parent / "redteam"
PAIRS = sorted(path.name for path in ATTEMPTS.iterdir() if (path / "trick").is_dir())

# Tricks that still earn more than their plain version, and why the grader cannot (or does not
# yet) tell. Strict: the day one is closed, it must leave this list.
STILL_OPEN: dict[str, str] = {
    "ex2_probe_detect": "the code recognises the one function whose autograd gradient differs from its slope "
                        "(by `detach` in its code) and uses autograd only there: a submission that tells the "
                        "grader's inputs from its own can behave well only when graded",
    "ex6_graded_detect": "descend recognises the grader's functions (their code is not the student's) and keeps "
                         "the graph from growing only for them: the same limit",
}
# Tricks whose extra points are deserved by what the trick code does right, while it still loses
# the point for what it does wrong (named here): an id cache that also keys on the version
# counter answers the grader's in-place probe correctly, and loses the rule point for the cache.
LOSES_INSTEAD = {"ex3_version_cache": "rules_forward"}


@pytest.fixture(scope="module")
def graded(course, zygote, tmp_path_factory):
    """Both files of every pair, graded once: one pytest session per exercise."""
    results = {}
    for ex in sorted({name.split("_")[0] for name in PAIRS}):
        jobs = []
        for name in PAIRS:
            if name.split("_")[0] != ex:
                continue
            for kind in ("plain", "trick"):
                folder = tmp_path_factory.mktemp(f"{name}-{kind}")
                shutil.copy(ATTEMPTS / name / kind / f"{ex}.py", folder / f"{ex}.py")
                jobs.append(((name, kind), folder))
        grade_submissions(course, [course.exercise(ex)], jobs, zygote,
                          lambda key, outcome: results.__setitem__(key, outcome[0]))
    return results


def test_the_round_is_as_large_as_the_issue_asks():
    assert len(PAIRS) >= 30
    assert len({name.split("_")[0] for name in PAIRS}) == 9  # every exercise


@pytest.mark.parametrize("name", [pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=STILL_OPEN[name]))
                                  if name in STILL_OPEN else name for name in PAIRS])
def test_a_trick_earns_nothing_its_plain_version_does_not(graded, name):
    plain, trick = graded[(name, "plain")], graded[(name, "trick")]
    if name in LOSES_INSTEAD:
        failed = {c.id for c in trick.checks if c.status == "failed"}
        assert LOSES_INSTEAD[name] in failed and trick.score < trick.max_score
        return
    assert trick.score <= plain.score, [(c.id, c.score) for c in trick.checks
                                        if c.score > next(p.score for p in plain.checks if p.id == c.id)]


def grade_json(folder: Path, exercise: str) -> dict:
    done = subprocess.run([sys.executable, "-m", "grader.cli", exercise, "--submission", str(folder), "--format",
                           "json"], capture_output=True, text=True, cwd=REPO, timeout=600)
    assert done.returncode in (0, 1), done.stderr[-2000:]
    return json.loads(done.stdout)


@pytest.mark.parametrize("name", ["ex5_rawthread", "ex9_lying_equal"])
def test_through_the_grade_command(name):
    """A thread the watch must follow, and a torch function replaced under the grader's feet:
    through `grade exN`, as an instructor grades one file."""
    ex = name.split("_")[0]
    plain, trick = (grade_json(ATTEMPTS / name / kind, ex) for kind in ("plain", "trick"))
    assert trick["score"] <= plain["score"] < plain["max_score"]

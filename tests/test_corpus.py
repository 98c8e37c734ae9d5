"""The outsider corpus: submissions written from the contract and the stubs alone, by
someone who had not read the check suites (tests/corpus/<ex>/{wrong,valid,lenient}/).

Every wrong one, each breaking the contract in one subtle way (edge shapes, aliasing,
unused inputs, values far from 0, dtype-dependent behaviour, forbidden calls reached
indirectly, training that is not training), must lose points; every valid one, in an
unusual style, must keep full marks. `lenient/` holds what the contract's wording condemns
but the grader accepts on purpose (see its README).
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

CORPUS = Path(__file__).parent / "corpus"


EXERCISES = sorted((p.name for p in CORPUS.iterdir() if p.is_dir()), key=lambda name: int(name[2:]))
CHAPTER = ("ex1", "ex2", "ex3", "ex4", "ex5")  # the book's own exercises; ex6-ex9 are the course's


def corpus_files(kind: str, exercises=EXERCISES) -> list[tuple[str, str]]:
    return [(ex, path.stem) for ex in exercises for path in sorted((CORPUS / ex / kind).glob("*.py"))]


@pytest.fixture(scope="module")
def graded(course, zygote, tmp_path_factory):
    """Every corpus file, graded once: one pytest session per exercise, as a batch slot does."""
    results = {}
    for ex in EXERCISES:
        jobs = []
        for kind in ("wrong", "valid", "lenient"):
            for path in sorted((CORPUS / ex / kind).glob("*.py")):
                folder = tmp_path_factory.mktemp(f"{ex}-{kind}-{path.stem}")
                shutil.copy(path, folder / f"{ex}.py")
                jobs.append(((ex, kind, path.stem), folder))
        grade_submissions(course, [course.exercise(ex)], jobs, zygote,
                          lambda key, outcome: results.__setitem__(key, outcome[0]))
    return results


def not_passed(result) -> dict[str, str]:
    return {c.id: c.message for c in result.checks if c.status != "passed"}


def test_the_corpus_is_the_size_the_issue_asks_for():
    assert len(corpus_files("wrong", CHAPTER)) >= 60
    assert len(corpus_files("valid", CHAPTER)) >= 30
    for ex in set(EXERCISES) - set(CHAPTER):
        assert len(corpus_files("wrong", [ex])) >= 8 and len(corpus_files("valid", [ex])) >= 4, ex
    for ex, stem in corpus_files("wrong") + corpus_files("valid"):
        first_line = (CORPUS / ex / ("wrong" if (CORPUS / ex / "wrong" / f"{stem}.py").exists() else "valid")
                      / f"{stem}.py").read_text().splitlines()[0]
        assert first_line.startswith(('"""WRONG', '"""VALID')), (ex, stem)


# Known holes, kept visible: strict xfails turn red the day a check catches them.
KNOWN_HOLES = {
    ("ex4", "lstsq_overwrite"): "a real but unconverged training whose weights are then overwritten with the "
                                "least-squares line: the losses are the run's own and the returned model is the "
                                "one trained; only comparing its accuracy with the last loss in the student's own "
                                "(normalised) units would tell, which the grader cannot read",
}


def wrong_cases():
    return [pytest.param(ex, stem, marks=pytest.mark.xfail(strict=True, reason=KNOWN_HOLES[(ex, stem)]))
            if (ex, stem) in KNOWN_HOLES else (ex, stem) for ex, stem in corpus_files("wrong")]


@pytest.mark.parametrize("exercise,variant", wrong_cases())
def test_every_subtly_wrong_submission_loses_points(graded, exercise, variant):
    result = graded[(exercise, "wrong", variant)]
    assert result.error is None or result.score == 0
    assert result.score < result.max_score, f"{variant} got full marks"
    assert all(c.status != "error" or not c.internal for c in result.checks), not_passed(result)


@pytest.mark.parametrize("exercise,variant", corpus_files("valid") + corpus_files("lenient"))
def test_every_valid_submission_keeps_full_marks(graded, exercise, variant):
    kind = "valid" if (CORPUS / exercise / "valid" / f"{variant}.py").exists() else "lenient"
    result = graded[(exercise, kind, variant)]
    assert not_passed(result) == {}
    assert result.score == result.max_score > 0


def test_a_failure_found_by_generation_shows_the_smallest_call_to_try(graded):
    message = not_passed(graded[("ex1", "wrong", "reshape_zero_division")])["check_edge_shapes"]
    assert "raised ZeroDivisionError, expected ValueError" in message
    assert "the smallest failing input found among" in message
    assert "reshape_shape((" in message


def test_a_forbidden_call_reached_indirectly_is_named(graded):
    message = not_passed(graded[("ex5", "wrong", "forbidden_getattr_F")])["check_no_built_in_loss"]
    assert "called torch.nn.functional.mse_loss" in message
    message = not_passed(graded[("ex1", "wrong", "broadcast_getattr_torch")])["check_no_torch"]
    assert "broadcast_shape called torch" in message


def test_invented_losses_and_closed_form_models_are_named(graded):
    invented = not_passed(graded[("ex4", "wrong", "invented_losses")])
    assert "check_losses_are_the_runs" in invented
    lookup = not_passed(graded[("ex4", "wrong", "interp_lookup")])
    assert "no trainable parameters" in lookup["check_model_has_parameters"]


@pytest.mark.parametrize("exercise, kind, variant, exit_code", [
    ("ex1", "wrong", "reshape_zero_division", 1),
    ("ex5", "wrong", "forbidden_torch_C_nn", 1),
    ("ex3", "valid", "einsum_load_state", 0),
])
def test_through_the_real_command(tmp_path, exercise, kind, variant, exit_code):
    """What a student runs: `grade exN --format json` in a subprocess, on a corpus file."""
    shutil.copy(CORPUS / exercise / kind / f"{variant}.py", tmp_path / f"{exercise}.py")
    done = subprocess.run([sys.executable, "-m", "grader.cli", exercise, "--submission", str(tmp_path),
                           "--format", "json"], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == exit_code, done.stderr[-2000:]
    report = json.loads(done.stdout)
    if exit_code:
        assert report["score"] < report["max_score"]
        assert any(c["status"] == "failed" and c["message"] for c in report["checks"])
    else:
        assert report["score"] == report["max_score"]

"""ex6-ex9 through the real command, as a student runs it: `grade all --format json` in a
subprocess on folders holding two differently written correct solutions of each, and one
holding a typical mistake of each, which must lose points with the mistake named."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from conftest import REPO, SUBMISSIONS

COURSE_EXERCISES = ("ex6", "ex7", "ex8", "ex9")
# Two correct solutions of each, written differently (loops, masks, indexing, dtypes).
FIRST = {"ex6": "correct_autograd_grad", "ex7": "correct_einsum", "ex8": "correct_gather_max_plus_lse",
         "ex9": "correct_closure_step"}
SECOND = {"ex6": "correct_float64_data", "ex7": "correct_loops", "ex8": "correct_one_hot_mask",
          "ex9": "correct_manual_mse"}
# A typical mistake of each, and words its feedback must contain.
WRONG = {
    "ex6": ("wrong_ascends", "check_book_values", "x +="),
    "ex7": ("wrong_bias_mean", "check_values_float32", "averaged over the batch (.mean(0)) instead of summed"),
    "ex8": ("wrong_log_of_softmax", "check_ce_large_logits", "the log of a probability that underflowed to 0"),
    "ex9": ("wrong_optimizer_in_loop", "check_train_one_adam", "optimizer re-created every epoch"),
}


def grade_all(tmp_path, picks: dict[str, str]) -> dict:
    folder = tmp_path / "submission"
    folder.mkdir()
    for exercise, variant in picks.items():
        shutil.copy(SUBMISSIONS / exercise / f"{variant}.py", folder / f"{exercise}.py")
    done = subprocess.run([sys.executable, "-m", "grader.cli", "all", "--submission", str(folder), "--format", "json"],
                          capture_output=True, text=True, cwd=REPO, timeout=600)
    assert done.returncode == 1, done.stderr[-2000:]  # ex1-ex5 are not in the folder
    assert "Traceback" not in done.stderr
    return {e["exercise"]: e for e in json.loads(done.stdout)["exercises"]}


@pytest.mark.parametrize("picks", [FIRST, SECOND], ids=["first", "second"])
def test_correct_solutions_written_differently_get_full_marks(tmp_path, picks):
    graded = grade_all(tmp_path, picks)
    for exercise in COURSE_EXERCISES:
        problems = {c["id"]: c["message"] for c in graded[exercise]["checks"] if c["status"] != "passed"}
        assert problems == {}, (exercise, picks[exercise])
        assert graded[exercise]["score"] == graded[exercise]["max_score"] > 0


def test_typical_mistakes_lose_points_and_are_named(tmp_path):
    graded = grade_all(tmp_path, {exercise: variant for exercise, (variant, _, _) in WRONG.items()})
    for exercise, (variant, check, words) in WRONG.items():
        result = graded[exercise]
        assert result["score"] < result["max_score"], variant
        messages = {c["id"]: c["message"] for c in result["checks"] if c["status"] == "failed"}
        assert words in messages[check], (variant, messages.get(check))

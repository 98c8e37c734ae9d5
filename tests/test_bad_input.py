"""Submissions that cannot be graded normally each get one clear verdict and zero points
for what they affect, never a traceback from the grader."""

import pytest

from conftest import failed

CORRECT_FORWARD = """
import torch
def forward(x, W1, b1, W2, b2):
    return torch.relu(x @ W1.T + b1) @ W2 + b2
"""


def test_missing_file(course, zygote, tmp_path):
    from grader.grading.runner import grade_exercise

    result = grade_exercise(course, course.exercise("ex3"), tmp_path, zygote)
    assert result.error.startswith("no ex3.py submitted")
    assert result.score == 0
    assert {c.status for c in result.checks} == {"skipped"}


def test_syntax_error_names_the_line(grade):
    result = grade("ex3", source="import torch\n\ndef forward(x, W1, b1, W2, b2)\n    return x\n")
    assert result.error.startswith("ex3.py has a syntax error on line 3")
    assert result.score == 0


def test_import_of_unavailable_module(grade):
    result = grade("ex3", source="import numpyy\n" + CORRECT_FORWARD)
    assert "could not be imported" in result.error and "numpyy" in result.error
    assert "line 1" in result.error


def test_exception_at_import_names_type_and_line(grade):
    result = grade("ex3", source=CORRECT_FORWARD + "\nW = torch.ones(2, 3) @ torch.ones(2, 3)\n")
    assert "raised RuntimeError while being imported" in result.error
    assert "line 6" in result.error


def test_exit_at_import(grade):
    result = grade("ex3", source="import sys\nsys.exit(3)\n")
    assert result.error == "the submission exited during import (sys.exit(3))"


def test_hard_exit_at_import(grade):
    result = grade("ex3", source="import os\nos._exit(0)\n")
    assert "exited" in result.error and "import" in result.error


def test_infinite_loop_at_import_times_out(grade):
    result = grade("ex3", source="while True:\n    pass\n")
    assert result.error.startswith("timed out after 10 s while importing ex3.py")


def test_misspelled_function_is_named_with_suggestion(grade):
    result = grade("ex3", source=CORRECT_FORWARD.replace("def forward", "def foward"))
    problems = failed(result)
    assert problems["check_forward_book_example"] == "no `forward` in ex3.py; found `foward`"
    # reported once: later checks are skipped with a pointer, not repeated
    assert problems["check_forward_shape"].startswith("skipped")
    assert result.score == 0


def test_wrong_return_type(grade):
    result = grade("ex3", source="def forward(x, W1, b1, W2, b2):\n    return (x @ W1.T).tolist()\n")
    message = failed(result)["check_forward_book_example"]
    assert message.startswith("forward on the book's example returned a list of 1 item, expected a torch.Tensor")


def test_missing_return_says_so(grade):
    result = grade("ex3", source="def forward(x, W1, b1, W2, b2):\n    y = x @ W1.T\n")
    assert "returned None (did you forget `return`?)" in failed(result)["check_forward_book_example"]


def test_exception_in_student_function_names_type_and_line(grade):
    source = "import torch\ndef forward(x, W1, b1, W2, b2):\n    return torch.relu(x @ W1 + b1) @ W2 + b2\n"
    message = failed(grade("ex3", source=source))["check_forward_shape"]
    assert "raised RuntimeError" in message and "line 3, in forward" in message


def test_infinite_loop_in_one_check_times_out_and_the_rest_still_run(grade):
    source = CORRECT_FORWARD + """
def build_model(W1, b1, W2, b2):
    while True:
        pass
"""
    result = grade("ex3", source=source)
    by_id = {c.id: c for c in result.checks}
    assert by_id["check_build_model_layers"].status == "timeout"
    assert by_id["check_build_model_layers"].message.startswith("timed out after 10 s")
    assert by_id["check_forward_values_float32"].status == "passed"


def test_segfault_gets_its_own_verdict_and_a_fresh_worker(grade):
    source = CORRECT_FORWARD + """
def build_model(W1, b1, W2, b2):
    import faulthandler
    faulthandler._sigsegv()  # a real crash (ctypes is refused before it can make one)
"""
    result = grade("ex3", source=source)
    by_id = {c.id: c for c in result.checks}
    assert by_id["check_build_model_layers"].status == "error"
    assert "crashed (segmentation fault)" in by_id["check_build_model_layers"].message
    assert by_id["check_forward_gradients"].status == "passed"


def test_tensor_subclass_is_not_trusted(grade):
    source = CORRECT_FORWARD.replace("def forward", "def _forward") + """
class Agreeable(torch.Tensor):
    def __eq__(self, other):
        return True

def forward(x, W1, b1, W2, b2):
    return torch.zeros(x.shape[0], W2.shape[1]).as_subclass(Agreeable)
"""
    message = failed(grade("ex3", source=source))["check_forward_book_example"]
    assert "returned a Agreeable, expected a torch.Tensor" in message


@pytest.mark.parametrize("text", ["def forward(:\n", "\x00\x01garbage"])
def test_unparseable_source(grade, text):
    result = grade("ex3", source=text)
    assert result.error and result.score == 0


def test_not_utf8(course, zygote, tmp_path):
    from grader.grading.runner import grade_exercise

    (tmp_path / "ex3.py").write_bytes(b"x = '\xff\xfe'\n")
    result = grade_exercise(course, course.exercise("ex3"), tmp_path, zygote)
    assert "is not UTF-8" in result.error


def test_symlink_outside_is_refused(course, zygote, tmp_path):
    from grader.grading.runner import grade_exercise

    outside = tmp_path / "secret.py"
    outside.write_text(CORRECT_FORWARD)
    folder = tmp_path / "student"
    folder.mkdir()
    (folder / "ex3.py").symlink_to(outside)
    result = grade_exercise(course, course.exercise("ex3"), folder, zygote)
    assert "symlink pointing outside" in result.error
    assert result.score == 0


def test_same_submission_same_verdicts(grade):
    source = CORRECT_FORWARD.replace("W1.T", "W1")
    assert grade("ex3", source=source).verdict_key() == grade("ex3", source=source).verdict_key()


def test_a_function_that_timed_out_is_not_run_again(grade):
    source = CORRECT_FORWARD.replace("    return torch.relu", "    while True:\n        pass\n    return torch.relu")
    result = grade("ex3", source=source)
    by_id = {c.id: c for c in result.checks}
    assert by_id["check_forward_book_example"].status == "timeout"
    assert by_id["check_forward_shape"].status == "skipped"
    assert by_id["check_forward_shape"].message == "skipped: `forward` timed out in an earlier check"
    assert result.seconds < 35  # one 10 s timeout measured twice (plugin.py: measure_again), not one per check


def test_a_broken_check_suite_is_a_grader_error_not_a_zero(course, zygote, tmp_path):
    import shutil

    from grader.grading.course import Course
    from grader.grading.runner import SuiteError, grade_exercise

    root = tmp_path / "course"
    shutil.copytree(course.root / "assignments" / "ex3", root / "assignments" / "ex3")
    shutil.copytree(course.root / "reference", root / "reference")
    (root / "course.toml").write_text('title = "a broken suite"\n')
    (root / "assignments" / "ex3" / "checks.py").write_text("def check_nothing(:\n")  # does not even parse
    broken = Course(root)
    with pytest.raises(SuiteError):
        grade_exercise(broken, broken.exercise("ex3"), course.root / "reference", zygote)


def test_a_value_that_cannot_travel_is_the_students_problem(grade):
    source = ("def forward(x, W1, b1, W2, b2):\n    value = []\n    for _ in range(100):\n"
              "        value = [value]\n    return value\n")
    result = grade("ex3", source=source)
    check = {c.id: c for c in result.checks}["check_forward_book_example"]
    assert check.status == "failed" and not check.internal
    assert "a value the grader cannot read" in check.message


def test_a_slow_start_of_the_grader_is_not_counted_against_the_import(tmp_path):
    """The import deadline starts once the zygote has imported torch: on a loaded machine that
    import takes seconds, and a student's one-line module must not time out for it."""
    from grader.remote.launcher import Zygote
    from grader.remote.sandbox import Limits
    from grader.core.session import StudentSession
    from grader.core.submission import read_submission

    (tmp_path / "ex5.py").write_text("MORE_OUTLIER_SENSITIVE = 'mse'\n")
    submission, _ = read_submission(tmp_path, "ex5.py")
    with Zygote() as zygote:  # just started: torch is still being imported (over a second)
        session = StudentSession(zygote, submission, Limits(), check_time_limit=0.5)
        session.start(0.5)
        assert session.worker is not None
        session.close()

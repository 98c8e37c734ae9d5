"""exercise.toml means what it says (grader/authoring/contract_names.py): `functions` names what
the stub and the reference define, every function the stub leaves to the student, and every
function the catalog replaces; `grade verify` says what does not match in one line and grades
nothing of that exercise."""

from __future__ import annotations

import pytest

from grader.authoring.contract_names import contract_problem
from grader.authoring.scaffold import scaffold_exercise
from grader.authoring.verify import verify_course
from grader.grading.course import Course, CourseError

WHERE = "assignments/scaling/exercise.toml: functions = "


def test_every_chapter_2_exercise_lists_what_its_files_define(course):
    assert {e.name: contract_problem(course, e) for e in course.exercises} == dict.fromkeys(
        [e.name for e in course.exercises])


def own_course(tmp_path, functions: str | None = '["scale"]', stub_extra: str = "", reference_extra: str = "") -> Course:
    root = tmp_path / "course"
    (root / "assignments").mkdir(parents=True)
    (root / "course.toml").write_text('title = "Mine"\nexercises = []\n')
    scaffold_exercise(root, "scaling")
    toml = root / "assignments" / "scaling" / "exercise.toml"
    lines = [line for line in toml.read_text().splitlines() if not line.startswith("functions")]
    toml.write_text("\n".join(lines + ([f"functions = {functions}"] if functions is not None else [])) + "\n")
    for path, extra in ((root / "student_template" / "scaling.py", stub_extra),
                        (root / "reference" / "scaling.py", reference_extra)):
        path.write_text(path.read_text() + extra)
    return Course(root)


def problem(course: Course) -> str | None:
    return contract_problem(course, course.exercise("scaling"))


def test_the_scaffold_lists_what_it_defines(tmp_path):
    assert problem(own_course(tmp_path)) is None


def test_a_misspelt_name_is_one_line_naming_every_mismatch(tmp_path):
    course = own_course(tmp_path, '["scal"]')
    assert problem(course) == (
        WHERE + '["scal"] does not match the code: `scal` is defined by neither student_template/scaling.py nor '
        "reference/scaling.py; the stub's `scale` is not listed (it raises NotImplementedError: the student writes "
        "it); misconceptions.py replaces `scale` (1 entry), not listed")


def test_verify_says_it_in_one_line_and_grades_nothing_of_that_exercise(tmp_path):
    course = own_course(tmp_path, '["scal"]')
    (row,) = verify_course(course, zygote=None)  # nothing is graded: no worker needed
    assert not row.graded and (row.reference, row.template) == ("-", "-")
    assert len(row.problems) == 1 and row.problems[0].startswith(WHERE + '["scal"] does not match the code')


def test_a_name_only_one_side_defines_is_said_with_its_file(tmp_path):
    course = own_course(tmp_path, '["scale", "LIMIT"]', reference_extra="\nLIMIT = 3\n")
    assert problem(course) == WHERE + '["scale", "LIMIT"] does not match the code: student_template/scaling.py ' \
                                      "does not define `LIMIT`"
    course = own_course(tmp_path / "2", '["scale", "LIMIT"]', stub_extra="\nLIMIT = None\n")
    assert problem(course).endswith("reference/scaling.py does not define `LIMIT`")


def test_constants_classes_and_imports_count_as_defined(tmp_path):
    extra = "\nLIMIT: int = 3\n\n\nclass Net:\n    pass\n\n\nif True:\n    from math import pi\n"
    assert problem(own_course(tmp_path, '["scale", "LIMIT", "Net", "pi"]', extra, extra)) is None


def test_a_function_left_to_the_student_must_be_listed(tmp_path):
    extra = "\n\ndef shift(x):\n    raise NotImplementedError('shift: add 1')\n"
    assert problem(own_course(tmp_path, stub_extra=extra, reference_extra=extra.replace(
        "raise NotImplementedError('shift: add 1')", "return x + 1"))).endswith(
        "the stub's `shift` is not listed (it raises NotImplementedError: the student writes it)")
    given = "\n\ndef helper(x):\n    return x\n"  # a helper the stub gives the student: not contract
    assert problem(own_course(tmp_path / "2", stub_extra=given)) is None


def test_an_empty_list_says_what_to_write(tmp_path):
    assert problem(own_course(tmp_path, "[]")) == (
        'assignments/scaling/exercise.toml lists no functions: name what the student\'s module must define, e.g. '
        'functions = ["..."] (the rule checks and the attack mutants work from that list)')
    assert problem(own_course(tmp_path / "2", None)).startswith("assignments/scaling/exercise.toml lists no functions")


@pytest.mark.parametrize("functions", ['"scale"', '[1, 2]', '["not a name"]'])
def test_a_list_that_is_no_list_of_names_is_a_course_error(tmp_path, functions):
    with pytest.raises(CourseError, match=r"exercise.toml: functions must be a list of the names the student's "
                                          r"module defines, e.g. functions = \["):
        own_course(tmp_path, functions)

"""One source per exercise (grader/authoring/stubgen.py): a reference's `# BEGIN SOLUTION` /
`# END SOLUTION` blocks make the student's stub, `grade verify` fails while the stub file
differs from it, `grade release` ships it; the chapter 2 course's converted exercises make
their committed stubs byte for byte, and a stub written by hand still works."""

from __future__ import annotations

import shutil
import textwrap

import pytest

from conftest import REPO
from grader.authoring.scaffold import scaffold_exercise
from grader.authoring.stubgen import (MarkerError, generated_stub, has_markers, stub_drift, stub_from_reference,
                                      write_generated_stubs, write_stub)
from grader.authoring.verify import verify_course
from grader.grading.course import Course

REFERENCE = textwrap.dedent('''\
    """Attention with a causal mask."""

    import torch
    # BEGIN SOLUTION
    import math
    # END SOLUTION


    def causal_mask(n):
        """A (n, n) bool mask, True where a position may look (itself and before)."""
        # BEGIN SOLUTION
        return torch.ones(n, n, dtype=torch.bool).tril()
        # END SOLUTION


    class Scaled:
        def __call__(self, q, k):
            """q @ k.T / sqrt(d)."""
            d = q.shape[-1]  # given: the student starts from here
            # BEGIN SOLUTION
            text = """a string
    # BEGIN SOLUTION
    is text, not a marker"""
            return q @ k.T / math.sqrt(d)
            # END SOLUTION
    ''')

STUB = textwrap.dedent('''\
    """Attention with a causal mask."""

    import torch


    def causal_mask(n):
        """A (n, n) bool mask, True where a position may look (itself and before)."""
        raise NotImplementedError


    class Scaled:
        def __call__(self, q, k):
            """q @ k.T / sqrt(d)."""
            d = q.shape[-1]  # given: the student starts from here
            raise NotImplementedError
    ''')


def test_a_block_becomes_a_bare_raise_at_its_indentation_and_docstrings_stay():
    assert has_markers(REFERENCE)
    assert stub_from_reference(REFERENCE) == STUB


def test_the_reference_with_markers_is_a_complete_solution_as_it_is():
    namespace = {}
    exec(compile(REFERENCE, "reference", "exec"), namespace)
    import torch

    assert namespace["causal_mask"](3).tolist() == [[True, False, False], [True, True, False], [True, True, True]]
    q = torch.ones(2, 4)
    assert torch.equal(namespace["Scaled"]()(q, q), torch.full((2, 2), 2.0))


def test_the_stub_raises_what_the_grader_calls_not_implemented_yet():
    namespace = {}
    exec(compile(stub_from_reference(REFERENCE), "stub", "exec"), namespace)
    with pytest.raises(NotImplementedError) as raised:
        namespace["causal_mask"](3)
    assert raised.value.args == ()  # bare, as the course's hand-written stubs raise


def test_a_reference_without_markers_has_no_generated_stub():
    assert not has_markers("def f(x):\n    return x  # END of the story\n")
    assert not has_markers('def f():\n    """# BEGIN SOLUTION"""\n    return 1\n')


@pytest.mark.parametrize("source, fragment", [
    ("def f():\n    # BEGIN SOLUTION\n    return 1\n", "line 2: # BEGIN SOLUTION is never closed"),
    ("def f():\n    return 1\n    # END SOLUTION\n", "line 3: # END SOLUTION without a # BEGIN SOLUTION"),
    ("def f():\n    # BEGIN SOLUTION\n    # BEGIN SOLUTION\n    return 1\n    # END SOLUTION\n",
     "line 3: # BEGIN SOLUTION inside the block opened on line 2"),
    ("def f():\n    # BEGIN SOLUTION\n    return 1\n# END SOLUTION\n", "line 4: # END SOLUTION is not indented as"),
    ("def f():\n    #BEGIN SOLUTION\n    return 1\n    # END SOLUTION\n", "line 2: '#BEGIN SOLUTION' is not a "
                                                                        "solution marker"),
    ("def f():\n    ### END SOLUTION\n", "is not a solution marker"),
    ("if True:\n    # BEGIN SOLUTION\n    x = 1\n    # END SOLUTION\nelse:\n    # BEGIN SOLUTION\n    y = 1\n"
     "    # END SOLUTION\nz = (\n", "not valid Python"),
    ("def f(x):\n    return (\n        # BEGIN SOLUTION\n        x\n        # END SOLUTION\n    )\n",
     "the stub made from its solution markers is not valid Python"),
])
def test_markers_that_make_no_stub_are_refused_with_the_line(source, fragment):
    with pytest.raises(MarkerError, match="reference/x.py") as refused:
        stub_from_reference(source, "reference/x.py")
    assert fragment in str(refused.value)


# ---------------------------------------------------------------- the chapter 2 course


@pytest.mark.parametrize("exercise", ["ex7", "ex8"])
def test_the_converted_exercises_make_their_committed_stubs_byte_for_byte(course, exercise):
    assert has_markers((REPO / "reference" / f"{exercise}.py").read_text())
    assert generated_stub(course, course.exercise(exercise)) == (REPO / "student_template" / f"{exercise}.py").read_text()


def test_no_stub_of_the_course_drifts_and_hand_written_ones_stay(course):
    assert [e.name for e in course.exercises if stub_drift(course, e)] == []
    assert generated_stub(course, course.exercise("ex3")) is None  # written by hand: verify grades the file


# ---------------------------------------------------------------- a course of one's own


@pytest.fixture
def own(tmp_path) -> Course:
    root = tmp_path / "course"
    (root / "assignments").mkdir(parents=True)
    (root / "course.toml").write_text('title = "Mine"\nexercises = []\n')
    scaffold_exercise(root, "scaling")
    return Course(root)


def test_grade_new_writes_one_source_and_the_stub_it_makes(own):
    exercise = own.exercise("scaling")
    reference = (own.reference_dir / "scaling.py").read_text()
    assert "# BEGIN SOLUTION" in reference and '"""Every element of x multiplied by factor.' in reference
    stub = (own.template_dir / "scaling.py").read_text()
    assert stub == stub_from_reference(reference) and "raise NotImplementedError\n" in stub
    assert stub_drift(own, exercise) is None


def test_an_edited_reference_makes_the_stub_stale_until_grade_stub_writes_it(own):
    exercise = own.exercise("scaling")
    path = own.reference_dir / "scaling.py"
    path.write_text(path.read_text().replace("Every element of x", "Each element of x"))
    drift = stub_drift(own, exercise)
    assert drift == ("student_template/scaling.py differs from the stub generated from reference/scaling.py "
                     "(from line 11): run `grade stub scaling` to write it, or edit the reference, which is the "
                     "one source")
    assert write_stub(own, exercise) is True
    assert "Each element of x" in (own.template_dir / "scaling.py").read_text()
    assert stub_drift(own, exercise) is None and write_stub(own, exercise) is False
    (own.template_dir / "scaling.py").unlink()
    assert stub_drift(own, exercise).startswith("student_template/scaling.py is missing (run `grade stub scaling`")


def test_a_hand_written_stub_still_works(own):
    exercise = own.exercise("scaling")
    reference = own.reference_dir / "scaling.py"
    reference.write_text(reference.read_text().replace("    # BEGIN SOLUTION\n", "").replace("    # END SOLUTION\n", ""))
    (own.template_dir / "scaling.py").write_text("def scale(x, factor):\n    raise NotImplementedError('mine')\n")
    assert generated_stub(own, exercise) is None and stub_drift(own, exercise) is None
    assert write_stub(own, exercise) is None  # nothing to write: the file is the author's


def test_release_ships_the_generated_stubs(own, tmp_path):
    (own.template_dir / "scaling.py").write_text("stale\n")
    out = tmp_path / "release" / "student_template"
    assert write_generated_stubs(own, out) == ["scaling"]
    assert (out / "scaling.py").read_text() == generated_stub(own, own.exercise("scaling"))


def test_verify_fails_a_drifted_stub_and_grades_the_rest(own, zygote):
    (own.template_dir / "scaling.py").write_text((own.template_dir / "scaling.py").read_text() + "# mine\n")
    (row,) = verify_course(own, zygote)
    earned, possible = row.reference.split("/")
    assert row.graded and earned == possible and row.template.startswith("0/")
    assert row.problems == ["student_template/scaling.py differs from the stub generated from reference/scaling.py "
                            "(from line 17): run `grade stub scaling` to write it, or edit the reference, which is "
                            "the one source"]


def test_verify_reports_markers_that_make_no_stub_in_its_row(own, zygote):
    reference = own.reference_dir / "scaling.py"
    reference.write_text(reference.read_text().replace("    # END SOLUTION\n", ""))
    (row,) = verify_course(own, zygote)
    assert not row.graded and row.problems == ["reference/scaling.py, line 16: # BEGIN SOLUTION is never closed "
                                               "with # END SOLUTION"]


def test_the_chapter_2_converted_exercise_verifies(tmp_path, zygote):
    """ex7 alone in a course: its reference with markers earns full marks, its stub zero."""
    root = tmp_path / "ch2"
    shutil.copytree(REPO / "assignments" / "ex7", root / "assignments" / "ex7",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for folder in ("reference", "student_template"):
        (root / folder).mkdir()
        shutil.copy(REPO / folder / "ex7.py", root / folder / "ex7.py")
    (root / "course.toml").write_text('title = "ex7 alone"\n')
    (row,) = verify_course(Course(root), zygote)
    assert row.problems == [] and row.template.startswith("0/")

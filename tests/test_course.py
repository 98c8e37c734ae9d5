"""A course is a folder: found by `--course`, $GRADER_COURSE, the nearest course.toml, the
workspace, then the installed package; bad course folders get one line and exit 2;
`grade new` scaffolds an exercise that `grade verify` passes at once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO
from grader.cli import main
from grader.core import trust
from grader.grading.course import Course, CourseError, UntrustedCourse, bundled_root


@pytest.fixture(autouse=True)
def no_course_from_outside(monkeypatch):
    # --course sets $GRADER_COURSE for the children it starts; monkeypatch restores it after.
    monkeypatch.delenv("GRADER_COURSE", raising=False)


def make_course(folder: Path, title="A course of my own", order=None) -> Path:
    (folder / "assignments").mkdir(parents=True)
    text = f'title = "{title}"\n' + (f"exercises = {order!r}\n".replace("'", '"') if order is not None else "")
    (folder / "course.toml").write_text(text)
    return folder


def grade(*args, cwd: Path):
    """The real command in a subprocess, from `cwd`, as a user's shell runs it."""
    env = {k: v for k, v in os.environ.items() if k != "GRADER_COURSE"}
    return subprocess.run([sys.executable, "-m", "grader.cli", *args], cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=300)


def test_the_repository_is_the_chapter_2_course_in_its_order():
    course = Course(REPO)
    assert course.root == bundled_root().resolve() and course.is_bundled
    assert [e.name for e in course.exercises][:5] == ["ex1", "ex2", "ex3", "ex4", "ex5"]
    assert "chapter 2" in course.title


def test_the_course_is_found_in_the_documented_order(tmp_path, monkeypatch):
    near = make_course(tmp_path / "near")
    (near / "sub" / "deeper").mkdir(parents=True)
    recorded = make_course(tmp_path / "recorded")
    elsewhere = make_course(tmp_path / "elsewhere")
    # a course that is only found is used once trusted (tests/test_trust.py: refused before)
    with pytest.raises(UntrustedCourse):
        Course.locate_root(recorded=recorded, start=near)
    trust.trust(near)
    trust.trust(recorded)
    # nearest course.toml at or above the current folder beats the workspace's course
    assert Course.locate_root(recorded=recorded, start=near / "sub" / "deeper") == near
    # the workspace's course beats the installed one
    assert Course.locate_root(recorded=recorded, start=tmp_path) == recorded
    assert Course.locate_root(start=tmp_path) == bundled_root()
    # $GRADER_COURSE beats everything found from the folder
    monkeypatch.setenv("GRADER_COURSE", str(elsewhere))
    assert Course.locate_root(recorded=recorded, start=near) == elsewhere


def test_exercises_follow_course_toml_then_natural_order(tmp_path):
    root = make_course(tmp_path / "c", order=["b2"])
    for name in ("a10", "a9", "b2"):
        (root / "assignments" / name).mkdir()
        (root / "assignments" / name / "exercise.toml").write_text(f'title = "{name}"\n')
        (root / "assignments" / name / "checks.py").write_text("")
    assert [e.name for e in Course(root).exercises] == ["b2", "a9", "a10"]


@pytest.mark.parametrize("write, fragment", [
    (None, "course.toml: missing"),
    ("", "course.toml: needs a title"),
    ("title = \n", "course.toml: not valid TOML"),
    ('title = "x"\nexercises = "ex1"\n', "course.toml: exercises must be a list"),
    ('title = "x"\nexercises = ["ex1"]\n', "course.toml: lists 'ex1', but"),
])
def test_a_bad_course_toml_is_one_line_and_exit_2(tmp_path, write, fragment):
    root = tmp_path / "course"
    (root / "assignments").mkdir(parents=True)
    if write is not None:
        (root / "course.toml").write_text(write)
    result = CliRunner().invoke(main, ["--course", str(root), "list"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0] and str(root) in lines[0], result.output
    assert "Traceback" not in result.output


def test_a_broken_exercise_toml_is_named(tmp_path):
    root = make_course(tmp_path / "course")
    (root / "assignments" / "ex1").mkdir()
    (root / "assignments" / "ex1" / "exercise.toml").write_text("title = [unclosed\n")
    trust.trust(root)
    result = grade("list", cwd=root)
    assert result.returncode == 2
    assert result.stderr.strip() == \
        f"Error: {root / 'assignments' / 'ex1' / 'exercise.toml'}: not valid TOML (" \
        + result.stderr.split("not valid TOML (")[1].strip()
    with pytest.raises(CourseError, match="no assignments/ folder"):
        (root / "assignments" / "ex1" / "exercise.toml").unlink()
        (root / "assignments" / "ex1").rmdir()
        (root / "assignments").rmdir()
        Course(root)


def test_grade_new_scaffolds_an_exercise_that_verify_passes_outside_the_repository(tmp_path):
    root = make_course(tmp_path / "my-course", order=[])
    refused = grade("new", "ex10", cwd=root)  # a course.toml found here is not trusted yet
    assert refused.returncode == 2 and f"grade course trust {root}" in refused.stderr
    trusted = grade("course", "trust", ".", cwd=root)
    assert trusted.returncode == 0 and f"Trusted: {root}" in trusted.stdout
    made = grade("new", "ex10", "--title", "Scaling a tensor", cwd=root)
    assert made.returncode == 0, made.stderr
    for path in ("student_template/ex10.py", "reference/ex10.py", "assignments/ex10/exercise.toml",
                 "assignments/ex10/checks.py", "assignments/ex10/misconceptions.py"):
        assert (root / path).is_file(), path
    assert 'exercises = ["ex10"]' in (root / "course.toml").read_text()
    listed = grade("list", cwd=root)
    assert "Course: A course of my own" in listed.stdout and "Scaling a tensor" in listed.stdout
    verified = grade("verify", "-e", "ex10", cwd=root)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "verify: 1 of 1 exercises consistent" in verified.stdout
    assert "catalog mutation score: 100% (1 of 1 killed and named)" in verified.stdout
    # the stub scores zero and says so in a student's words
    stub = grade("ex10", "--submission", str(root / "student_template"), cwd=root)
    assert stub.returncode == 1 and "not implemented yet" in stub.stdout


def test_grade_new_outside_any_course_refuses_to_write_into_the_installed_one(tmp_path):
    """The README's editable install: run outside a course folder, the only course found is this
    checkout (the installed package's own). grade new must not write into it."""
    before = (REPO / "course.toml").read_text(), sorted(p.name for p in (REPO / "assignments").iterdir())
    refused = grade("new", "ex11", cwd=tmp_path)
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr.strip().splitlines() == [
        f"Error: no course folder here: neither {tmp_path} nor a folder above it holds a course.toml, and grade new "
        "never writes into the course installed with the grader: run it in your course folder, or pass --course DIR"]
    assert ((REPO / "course.toml").read_text(), sorted(p.name for p in (REPO / "assignments").iterdir())) == before
    assert not (REPO / "reference" / "ex11.py").exists() and not (REPO / "student_template" / "ex11.py").exists()


def test_grade_new_says_where_it_writes_and_what_to_read_next(tmp_path):
    root = make_course(tmp_path / "my-course", order=[])
    for how in (["--course", str(root)], ["--course", str(root / ".." / "my-course")]):
        name = "ex10" if how[1] == str(root) else "ex11"
        made = grade(*how, "new", name, cwd=tmp_path)
        assert made.returncode == 0, made.stderr
        lines = made.stdout.splitlines()
        assert lines[:2] == ["In the course 'A course of my own', folder:", f"  {root}"]
        assert f"wrote reference/{name}.py" in lines and f"wrote student_template/{name}.py" in lines
        assert "read `grade docs authoring`" in " ".join(made.stdout.split())
    env_made = subprocess.run([sys.executable, "-m", "grader.cli", "new", "ex12"], cwd=tmp_path, capture_output=True,
                              text=True, env={**os.environ, "GRADER_COURSE": str(root)}, timeout=300)
    assert env_made.returncode == 0 and (root / "reference" / "ex12.py").is_file(), env_made.stderr


def test_grade_stub_writes_the_stub_the_reference_makes(tmp_path):
    root = make_course(tmp_path / "course", order=[])
    assert CliRunner().invoke(main, ["--course", str(root), "new", "scaling"]).exit_code == 0
    reference, stub = root / "reference" / "scaling.py", root / "student_template" / "scaling.py"
    reference.write_text(reference.read_text().replace("Every element of x", "Each element of x"))
    printed = CliRunner().invoke(main, ["--course", str(root), "stub", "scaling", "--print"])
    assert printed.exit_code == 0 and "Each element of x" in printed.output and "Every" in stub.read_text()
    wrote = CliRunner().invoke(main, ["--course", str(root), "stub", "scaling"])
    assert (wrote.exit_code, wrote.output) == (0, "wrote student_template/scaling.py\n")
    assert stub.read_text() == printed.output and "raise NotImplementedError\n" in stub.read_text()
    again = CliRunner().invoke(main, ["--course", str(root), "stub", "scaling"])
    assert again.output == "student_template/scaling.py is already the stub reference/scaling.py makes\n"
    reference.write_text(reference.read_text().replace("    # BEGIN SOLUTION\n", "").replace("    # END SOLUTION\n", ""))
    by_hand = CliRunner().invoke(main, ["--course", str(root), "stub", "scaling"])
    assert by_hand.exit_code == 2 and by_hand.output.strip().splitlines() == [
        "Error: reference/scaling.py has no # BEGIN SOLUTION / # END SOLUTION markers: its stub "
        "student_template/scaling.py is written by hand (nothing written)"]
    assert "Each element of x" in stub.read_text()


@pytest.mark.parametrize("name, fragment", [
    ("ex3", "already exists: grade new never overwrites"),
    ("10x", "is not a usable exercise name"),
    ("my-ex", "is not a usable exercise name"),
    ("class", "is not a usable exercise name"),
    ("watch", "is a grade command"),
])
def test_grade_new_refuses_clashes_and_bad_names(tmp_path, name, fragment):
    root = make_course(tmp_path / "course", order=["ex3"])
    for folder in ("assignments/ex3", "reference", "student_template"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "assignments" / "ex3" / "exercise.toml").write_text('title = "mine"\n')
    (root / "assignments" / "ex3" / "checks.py").write_text("")
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    result = CliRunner().invoke(main, ["--course", str(root), "new", name])
    assert result.exit_code == 2 and fragment in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before  # nothing written


def test_a_workspace_remembers_the_course_it_was_made_from(tmp_path):
    root = make_course(tmp_path / "my-course")
    assert grade("--course", str(root), "new", "warmup", cwd=tmp_path).returncode == 0
    made = grade("--course", str(root), "init", str(tmp_path / "work"), cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "work" / "warmup.py").is_file()
    # from inside the workspace, with no course.toml above it, the course is found again
    listed = grade("list", cwd=tmp_path / "work")
    assert "warmup" in listed.stdout and "ex3" not in listed.stdout
    graded = grade("warmup", cwd=tmp_path / "work")
    # (the report fits its lines to the terminal, so a long path may be cut across lines)
    assert graded.returncode == 1 and f"Course:Acourseofmyown({root})".replace(" ", "") in "".join(graded.stdout.split())


def test_the_wheel_and_release_share_one_build_hook():
    from grader.core.project import MANIFEST_IN, SETUP_PY

    assert (REPO / "setup.py").read_text() == SETUP_PY
    assert (REPO / "MANIFEST.in").read_text() == MANIFEST_IN


def test_release_refuses_a_folder_that_is_not_empty(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    result = CliRunner().invoke(main, ["--course", str(REPO), "release", str(out)])
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1 and "exists and is not empty" in result.output
    assert [p.name for p in out.iterdir()] == ["notes.txt"]

"""A release is its course's: its package is named, versioned and described by the course's
course.toml, its README and `grade --help` speak of the course's own exercises, and the
releases of two courses install side by side in one venv, each with its own command
(`grade-<slug>`), `grade` choosing the course of the workspace."""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = pytest.mark.timeout(1200)  # two releases built and installed: minutes

COURSES = {  # folder -> (course.toml, the exercise `grade new` scaffolds in it)
    "tensors": ('title = "Tensor warm-ups"\n', "warmup"),
    "second": ('title = "A second course"\nname = "second-course-grader"\nversion = "2.1.0"\n', "drill"),
}


def clean_env() -> dict:
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GRADER_COURSE")}


def run(*args, cwd, check=True):
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=600,
                          env=clean_env())
    if check:
        assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    return done


@pytest.fixture(scope="module")
def two_releases(tmp_path_factory):
    """Two small courses made as an instructor makes one (course.toml, then `grade new`), each
    released, both installed (not editable) into one fresh venv."""
    root = tmp_path_factory.mktemp("courses")
    outs = {}
    for folder, (settings, exercise) in COURSES.items():
        course = root / folder
        (course / "assignments").mkdir(parents=True)
        (course / "course.toml").write_text(settings)
        grade = [sys.executable, "-m", "grader.cli", "--course", course]
        run(*grade, "new", exercise, cwd=REPO)
        outs[folder] = root / f"{folder}-release"
        run(*grade, "release", outs[folder], cwd=REPO)
    venv = root / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=root)
    # torch, pytest, click... come from this environment, not a second download
    packages = next(Path(p) for p in site.getsitepackages() if p.endswith("site-packages"))
    (next((venv / "lib").glob("python3*/site-packages")) / "parent_env.pth").write_text(f"{packages}\n")
    for out in outs.values():
        run(venv / "bin" / "python", "-m", "pip", "install", "-q", "--no-deps", "--disable-pip-version-check", out,
            cwd=root)
    return root, venv, outs


def test_each_package_is_named_after_its_course(two_releases):
    _, venv, outs = two_releases
    listed = run(venv / "bin" / "python", "-m", "pip", "list", "--format", "json", cwd=venv)
    versions = {p["name"]: p["version"] for p in json.loads(listed.stdout)}
    assert versions["tensor-warm-ups-grader"] == "0.1.0"  # made from the title
    assert versions["second-course-grader"] == "2.1.0"  # as course.toml says
    readme = (outs["tensors"] / "README.md").read_text()
    assert "# Tensor warm-ups" in readme and "grade hint warmup" in readme and "grade-tensor-warm-ups" in readme
    assert "ex1" not in readme and "no hidden checks" in readme  # `grade new`'s sample has none
    assert "grade hint drill" in (outs["second"] / "README.md").read_text()


def test_both_courses_grade_side_by_side(two_releases, tmp_path):
    _, venv, outs = two_releases
    for command, exercise, other in (("grade-tensor-warm-ups", "warmup", "drill"),
                                     ("grade-second-course", "drill", "warmup")):
        listed = run(venv / "bin" / command, "list", cwd=tmp_path)
        assert exercise in listed.stdout and other not in listed.stdout
        helped = run(venv / "bin" / command, "--help", cwd=tmp_path)
        assert f"grade {exercise} " in helped.stdout and "chapter 2" not in helped.stdout
        work = tmp_path / f"work-{exercise}"
        run(venv / "bin" / command, "init", work, cwd=tmp_path)
        stub = run(venv / "bin" / "grade", exercise, cwd=work, check=False)  # `grade` finds the workspace's course
        assert stub.returncode == 1 and "not implemented yet" in stub.stdout, stub.stdout + stub.stderr
        solution = outs["tensors" if exercise == "warmup" else "second"].parent / \
            ("tensors" if exercise == "warmup" else "second") / "reference" / f"{exercise}.py"
        (work / f"{exercise}.py").write_text(solution.read_text())
        graded = run(venv / "bin" / command, exercise, "--format", "json", cwd=work)
        data = json.loads(graded.stdout)
        assert data["score"] == data["max_score"] > 0


def test_grade_alone_asks_which_course_when_nothing_says(two_releases, tmp_path):
    _, venv, _ = two_releases
    asked = run(venv / "bin" / "grade", "list", cwd=tmp_path, check=False)
    assert asked.returncode == 2
    assert "grade-tensor-warm-ups" in asked.stderr and "grade-second-course" in asked.stderr

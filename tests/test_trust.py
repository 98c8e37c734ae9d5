"""A course is chosen by the person, never by the folder being graded: a submission that ships
its own course.toml (or a workspace marker naming a course) is refused with one line, before
any of its files is imported; the user trusts a folder once (`grade course trust DIR`), or
names the course (--course, $GRADER_COURSE)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO
from grader.core import trust
from grader.cli import main
from grader.authoring.scaffold import RESERVED

STUB = (REPO / "student_template" / "ex3.py").read_text()

# The checks a cheating submission brings: importing them is already running the student's
# code as the instructor; they would also pass every check.
EVIL_CHECKS = """
from pathlib import Path
Path({marker!r}).write_text("imported as the instructor")
from grader.checks import check

@check("everything is fine", kind="value", points=26)
def check_everything(student):
    pass
"""


def evil_course(folder: Path, marker: Path) -> Path:
    (folder / "assignments" / "ex3").mkdir(parents=True)
    (folder / "course.toml").write_text('title = "A course of my own"\nexercises = ["ex3"]\n')
    (folder / "assignments" / "ex3" / "exercise.toml").write_text('title = "Manual forward pass"\n')
    (folder / "assignments" / "ex3" / "checks.py").write_text(EVIL_CHECKS.format(marker=str(marker)))
    (folder / "reference").mkdir()
    (folder / "reference" / "ex3.py").write_text("")
    return folder


def grade(*args, cwd: Path, **env):
    environment = {k: v for k, v in os.environ.items() if k != "GRADER_COURSE"} | env
    return subprocess.run([sys.executable, "-m", "grader.cli", *args], cwd=cwd, capture_output=True, text=True,
                          env=environment, timeout=300)


@pytest.fixture
def alice(tmp_path):
    """A submission as an instructor unpacks it: the stub, plus a course.toml and checks."""
    folder = tmp_path / "submissions" / "alice"
    evil_course(folder, tmp_path / "pwned")
    (folder / "ex3.py").write_text(STUB)
    return folder


def test_a_submission_shipping_a_course_is_refused_in_one_line(alice, tmp_path):
    done = grade("ex3", cwd=alice)  # `cd alice && grade ex3`: the natural way to look at her work
    assert done.returncode == 2, done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and f"{alice / 'course.toml'}: a course found in this folder is not loaded" in lines[0]
    assert f"grade course trust {alice}" in lines[0] and "Traceback" not in done.stderr
    assert done.stdout == ""
    assert not (tmp_path / "pwned").exists()  # its checks.py was never imported
    for command in (["all"], ["list"], ["hint", "ex3"], ["--help"]):  # nor by any other command
        grade(*command, cwd=alice)
    assert not (tmp_path / "pwned").exists()


def test_the_same_from_a_subfolder_and_with_a_submission_option(alice, tmp_path):
    (alice / "deeper").mkdir()
    assert grade("ex3", cwd=alice / "deeper").returncode == 2
    assert grade("ex3", "--submission", str(alice), cwd=alice).returncode == 2
    assert not (tmp_path / "pwned").exists()


def test_a_workspace_marker_naming_a_course_is_refused(tmp_path):
    folder = tmp_path / "bob"
    folder.mkdir()
    evil = evil_course(tmp_path / "elsewhere", tmp_path / "pwned")
    (folder / "ex3.py").write_text(STUB)
    (folder / ".grade-workspace.json").write_text(json.dumps({"course": str(evil), "hints": {}, "last": {}}))
    done = grade("ex3", cwd=folder)
    assert done.returncode == 2
    assert f"{folder / '.grade-workspace.json'}: names the course {evil}" in done.stderr
    assert not (tmp_path / "pwned").exists()
    # a relative path in the marker (resolved against wherever grade runs) is ignored outright
    (folder / ".grade-workspace.json").write_text(json.dumps({"course": "../elsewhere"}))
    done = grade("ex3", "--format", "json", cwd=folder)
    assert done.returncode == 1 and json.loads(done.stdout)["score"] == 0  # the installed course graded it
    assert not (tmp_path / "pwned").exists()


def test_a_course_named_by_the_person_needs_no_trust(tmp_path):
    marker = tmp_path / "ran"
    course = evil_course(tmp_path / "mine", marker)
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "ex3.py").write_text(STUB)
    assert grade("--course", str(course), "ex3", cwd=tmp_path / "work").returncode == 0
    assert marker.exists()  # the instructor's own checks did run: they were chosen by name
    marker.unlink()
    assert grade("ex3", cwd=tmp_path / "work", GRADER_COURSE=str(course)).returncode == 0
    assert marker.exists()


def test_trusting_a_folder_once_and_forgetting_it(alice, tmp_path):
    trusted = grade("course", "trust", str(alice), cwd=tmp_path)
    assert trusted.returncode == 0 and f"Trusted: {alice}" in trusted.stdout
    assert trust.is_trusted(alice)
    assert grade("ex3", cwd=alice).returncode == 0  # now its course is used, as the user asked
    assert (tmp_path / "pwned").exists()
    listed = grade("course", "list", cwd=alice)
    assert str(alice) in listed.stdout and "In use here: A course of my own" in listed.stdout
    forgotten = grade("course", "forget", str(alice), cwd=tmp_path)
    assert forgotten.returncode == 0 and not trust.is_trusted(alice)
    assert grade("ex3", cwd=alice).returncode == 2
    assert "was not trusted" in grade("course", "forget", str(alice), cwd=tmp_path).stderr


def test_trust_refuses_a_folder_without_a_course(tmp_path):
    result = CliRunner().invoke(main, ["course", "trust", str(tmp_path)])
    assert result.exit_code == 2 and "no course.toml here" in result.output
    assert not trust.is_trusted(tmp_path)


def test_the_installed_course_needs_no_trust():
    """The checkout grader/ lives in is the installed course: found from its own folder."""
    done = grade("list", cwd=REPO)
    assert done.returncode == 0 and "ex3" in done.stdout


def test_the_trust_record_is_private(tmp_path):
    folder = evil_course(tmp_path / "c", tmp_path / "x")
    trust.trust(folder)
    record = Path(os.environ["GRADER_CONFIG_DIR"]) / trust.FILE
    assert record.stat().st_mode & 0o777 == 0o600
    assert str(folder.resolve()) in json.loads(record.read_text())["courses"]


def test_every_command_name_is_reserved_from_exercises():
    assert set(main.commands) <= RESERVED


def test_the_classroom_workflow_pins_its_course(alice, tmp_path):
    """docs/github-classroom-workflow.yml installs a hash-pinned wheel and names its course in
    GRADER_COURSE: a course.toml committed to the student's repository changes nothing."""
    import yaml  # dask's dependency, in the test extra

    workflow = yaml.safe_load((REPO / "docs" / "github-classroom-workflow.yml").read_text())
    steps = {step.get("name"): step.get("run", "") for step in workflow["jobs"]["grade"]["steps"]}
    install = steps["Install the pinned grader and course (CPU torch first)"]
    assert "#sha256=${COURSE_WHEEL_SHA256}" in install and "-e ./course" not in install
    snippet = install.split("GRADER_COURSE=$(python -c '")[1].split("')")[0]
    course = subprocess.run([sys.executable, "-c", snippet], capture_output=True, text=True, check=True).stdout.strip()
    done = subprocess.run(steps["Show the report"].split() + ["--format", "json"], cwd=alice, capture_output=True,
                          text=True, env={**os.environ, "GRADER_COURSE": course}, timeout=600)
    assert done.returncode == 1, done.stderr  # every exercise graded by the pinned course: the stub earns 0
    assert json.loads(done.stdout)["score"] == 0
    assert not (tmp_path / "pwned").exists()

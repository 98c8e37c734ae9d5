"""The `grade` command, through click's CliRunner and through a real subprocess."""

import json
import os
import shutil
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from conftest import EX3_POINTS, REPO, SUBMISSIONS
from grader.cli import main
from grader.grading.course import Course


@pytest.fixture
def run():
    def _run(*args):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)
    return _run


# Every command of the group: the built-in ones and one per exercise found in the course
# (those are not in `main.commands`: the group makes them on demand).
COMMANDS = main.list_commands(click.Context(main))


def test_the_group_lists_every_built_in_and_every_exercise_command():
    # guards the parametrization below: a command missing here would go untested
    assert set(main.commands) <= set(COMMANDS)
    assert {e.name for e in Course.locate().exercises} <= set(COMMANDS)
    assert {"all", "list", "verify", "batch", "ex1", "ex3"} <= set(COMMANDS)


def test_top_level_help_lists_every_command_with_a_description(run):
    result = run("--help")
    assert result.exit_code == 0 and result.output.startswith("Usage:")
    _, _, commands = result.output.partition("\nCommands:\n")  # then "Exercises:"
    listed = dict((line.split(maxsplit=1) + [""])[:2] for line in commands.splitlines() if line.startswith("  "))
    for name in COMMANDS:
        assert listed.get(name, "").strip(), f"{name} is not listed with a description in `grade --help`"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help(run, name):
    result = run(name, "--help")
    assert result.exit_code == 0, result.output
    usage, _, rest = result.output.partition("\n")
    assert usage.startswith("Usage:") and f" {name} " in usage + " "
    description = rest.split("Options:")[0].strip()
    assert description, f"`grade {name} --help` has no description"


def test_list_shows_exercises_and_points(run):
    result = run("list")
    assert result.exit_code == 0
    assert "Manual forward pass" in result.output and str(EX3_POINTS) in result.output


def test_json_of_the_reference_is_one_object_with_full_marks(run):
    result = run("ex3", "--submission", str(REPO / "reference"), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) >= {"exercise", "title", "score", "max_score", "checks"}
    assert data["score"] == data["max_score"] == EX3_POINTS
    for check in data["checks"]:
        assert set(check) >= {"name", "kind", "score", "max_score", "status", "message", "hidden"}
        assert check["status"] == "passed"


def test_wrong_submission_report_explains_and_exits_1(run, tmp_path):
    shutil.copy(SUBMISSIONS / "ex3" / "wrong_no_relu.py", tmp_path / "ex3.py")
    result = run("ex3", "-s", str(tmp_path))
    assert result.exit_code == 1
    said = " ".join(result.output.split())  # the report wraps its lines to the terminal
    assert "✗ forward zeroes negative hidden units (ReLU) — failed, 0/2" in said  # the check, its status
    assert "expected 0.25" in said  # the worst element, in the message
    # the book example and the shape (4), and the rules its forward keeps beside those right values (2)
    assert f"Score: 6/{EX3_POINTS}" in result.output
    assert "[[1.70]]" not in said  # a passing check is counted, not listed
    verbose = run("ex3", "-s", str(tmp_path), "--verbose")
    assert "[[1.70]]" in verbose.output  # passing checks listed too
    grid = " ".join(run("ex3", "-s", str(tmp_path), "--format", "table").output.split())
    assert "│ check" in grid and "failed" in grid and "(ReLU)" in grid  # the grid is still there


def test_markdown_format(run, tmp_path):
    shutil.copy(SUBMISSIONS / "ex3" / "wrong_no_relu.py", tmp_path / "ex3.py")
    result = run("ex3", "-s", str(tmp_path), "--format", "markdown")
    assert result.output.startswith("## ex3 — Manual forward pass")
    assert "- ✗ **forward zeroes negative hidden units (ReLU)** — failed, 0/2" in result.output  # a bullet each
    assert "| check" not in result.output and max(map(len, result.output.splitlines())) <= 100  # readable raw


def test_missing_file_is_bad_input(run, tmp_path):
    result = run("ex3", "-s", str(tmp_path))
    assert result.exit_code == 2
    assert "no ex3.py submitted" in result.output


def test_missing_folder_is_bad_usage(run, tmp_path):
    result = run("ex3", "-s", str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert "is not a folder" in result.output


def test_unknown_exercise_is_bad_usage(run):
    result = run("ex99")
    assert result.exit_code == 2 and "No such command 'ex99'" in result.output


def test_default_submission_is_the_template_with_directions(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("ex3")
    assert result.exit_code == 1
    assert "grading the untouched templates" in result.stderr
    assert "student_template/ex3.py" in result.stdout
    assert "not implemented yet" in result.stdout


def test_current_folder_is_used_when_it_holds_the_file(run, tmp_path, monkeypatch):
    shutil.copy(SUBMISSIONS / "ex3" / "correct_flinear.py", tmp_path / "ex3.py")
    monkeypatch.chdir(tmp_path)
    result = run("ex3", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["score"] == EX3_POINTS


def test_grade_all_json_shape(run, tmp_path):
    shutil.copy(SUBMISSIONS / "ex3" / "correct_flinear.py", tmp_path / "ex3.py")
    result = run("all", "-s", str(tmp_path), "--format", "json")
    data = json.loads(result.stdout)
    assert set(data) == {"score", "max_score", "exercises"}
    by_name = {e["exercise"]: e for e in data["exercises"]}
    assert by_name["ex3"]["score"] == EX3_POINTS
    assert result.exit_code == 1  # the other exercises are missing


def test_real_subprocess_grades_and_prints_one_json_object(tmp_path):
    shutil.copy(SUBMISSIONS / "ex3" / "wrong_detached.py", tmp_path / "ex3.py")
    env = {k: v for k, v in os.environ.items() if k != "GRADER_COURSE"}
    proc = subprocess.run([sys.executable, "-m", "grader.cli", "ex3", "--format", "json"], cwd=tmp_path,
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    statuses = {c["id"]: c["status"] for c in data["checks"]}
    assert statuses["check_forward_gradients"] == "failed"
    assert statuses["check_forward_values_float32"] == "passed"
    assert "Traceback" not in proc.stderr


def test_grade_all_on_the_references_gives_full_marks_everywhere(run):
    # every exercise must run its own checks (a module-cache mix-up once ran ex3's for all)
    result = run("all", "-s", str(REPO / "reference"), "--format", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == 0
    assert len(data["exercises"]) >= 2
    for exercise in data["exercises"]:
        assert exercise["score"] == exercise["max_score"] > 0, exercise["exercise"]
        assert all(c["id"].startswith(("check_", "rules_")) for c in exercise["checks"])  # rules_: the engine's
    names = [{c["id"] for c in e["checks"]} - {"rules_of_module"} for e in data["exercises"]]
    assert not set.intersection(*names)


def test_grade_all_sums_up_untouched_exercises_in_one_line(run, tmp_path):
    for name in ("ex1", "ex2", "ex3", "ex4", "ex5"):
        shutil.copy(REPO / "student_template" / f"{name}.py", tmp_path / f"{name}.py")
    shutil.copy(SUBMISSIONS / "ex3" / "wrong_no_relu.py", tmp_path / "ex3.py")
    result = run("all", "-s", str(tmp_path))
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    assert "Not started: ex1, ex2, ex4, ex5 — `grade hint ex1` to begin." in said
    assert said.count("Not started") == 1 and "not started yet" not in said  # said once, for all of them
    assert "(ReLU)" in result.output  # the exercise in progress gets its full table


@pytest.mark.parametrize("command", [["ex3"], ["batch", "class", "--out", "out"]])
def test_a_current_folder_deleted_under_the_shell_gets_one_line_not_a_traceback(tmp_path, command):
    """A student deletes and recreates their folder in another window: Python, torch and
    multiprocessing would each fail on the missing folder with their own traceback."""
    gone = tmp_path / "gone"
    gone.mkdir()
    started = ("import os, sys; os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]); "
               "sys.argv = ['grade'] + sys.argv[2:]; from grader.cli import run; run()")
    result = subprocess.run([sys.executable, "-c", started, str(gone), *command], capture_output=True, text=True,
                            timeout=120, env={**os.environ, "GRADER_SERVER": "0"})
    assert result.returncode == 2
    assert result.stderr.startswith("grade: the current folder no longer exists"), result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_checkout_run_uninstalled_beside_an_installed_grader_uses_its_own_grader_in_the_worker(tmp_path):
    """ex9's worker functions import grader modules after the worker has taken the grader's out of
    sys.modules: they must come from the zygote's own folder (the sandbox lets the worker read only
    that one), not from whichever grader site-packages installs (benchmarks/before_after.py runs
    an earlier revision this way)."""
    checkout = tmp_path / "checkout"
    for part in ("grader", "assignments", "reference", "student_template"):
        shutil.copytree(REPO / part, checkout / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "course.toml", checkout / "course.toml")
    (tmp_path / "sub").mkdir()
    shutil.copy(REPO / "reference" / "ex9.py", tmp_path / "sub" / "ex9.py")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRADER_")}
    env.update(GRADER_SERVER="0", GRADER_COURSE=str(checkout), GRADER_CONFIG_DIR=str(tmp_path / "config"),
               PYTHONPATH=str(checkout))
    proc = subprocess.run([sys.executable, "-m", "grader.cli", "ex9", "-s", str(tmp_path / "sub"), "--format", "json"],
                          cwd=checkout, capture_output=True, text=True, env=env, timeout=600)
    data = json.loads(proc.stdout)
    assert data["score"] == data["max_score"], [c["message"] for c in data["checks"] if c["status"] != "passed"]
    assert proc.returncode == 0

"""Exports for other systems: JUnit XML, Gradescope's bundle and results.json."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

from click.testing import CliRunner

from conftest import EX3_CHECKS, EX3_POINTS, REPO, SUBMISSIONS
from grader.cli import main


def test_junit_has_one_testcase_per_check(tmp_path):
    shutil.copy(SUBMISSIONS / "ex3" / "wrong_no_relu.py", tmp_path / "ex3.py")
    result = CliRunner().invoke(main, ["ex3", "-s", str(tmp_path), "--format", "junit"])
    assert result.exit_code == 1
    root = ET.fromstring(result.stdout.split("\n", 1)[1])
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    assert len(cases) == EX3_CHECKS == int(suite.get("tests"))
    failures = [c for c in cases if c.find("failure") is not None]
    assert int(suite.get("failures")) == len(failures) > 0
    relu = next(c for c in cases if "ReLU" in c.get("name"))
    assert "expected 0.25" in relu.find("failure").get("message")


def test_gradescope_bundle_runs_against_a_fake_autograder_tree(tmp_path):
    bundle = tmp_path / "autograder.zip"
    result = CliRunner().invoke(main, ["gradescope", str(bundle)])
    assert result.exit_code == 0, result.output
    root = tmp_path / "autograder"
    with zipfile.ZipFile(bundle) as zf:
        names = zf.namelist()
        assert {"setup.sh", "run_autograder", "grader/cli/__init__.py", "assignments/ex3/checks.py"} <= set(names)
        zf.extractall(root / "source")
    (root / "submission" / "hw").mkdir(parents=True)
    shutil.copy(SUBMISSIONS / "ex3" / "wrong_no_relu.py", root / "submission" / "hw" / "ex3.py")
    script = root / "source" / "run_autograder"
    script.chmod(0o755)
    env = {**os.environ, "AUTOGRADER_ROOT": str(root), "PYTHON": sys.executable}
    env.pop("GRADER_COURSE", None)
    subprocess.run([str(script)], env=env, check=True, timeout=600, capture_output=True)
    results = json.loads((root / "results" / "results.json").read_text())
    assert set(results) >= {"score", "execution_time", "output", "visibility", "tests"}
    tests = {t["name"]: t for t in results["tests"]}
    relu = tests["ex3: forward zeroes negative hidden units (ReLU)"]
    assert relu["status"] == "failed" and relu["score"] == 0 and "expected 0.25" in relu["output"]
    assert tests["ex3: forward gives [[1.70]] on the book's example"]["status"] == "passed"
    hidden = [t for t in results["tests"] if t["visibility"] == "after_published"]
    assert hidden and all(set(t) >= {"name", "score", "max_score", "status", "output"} for t in hidden)
    assert results["score"] == sum(t["score"] for t in results["tests"])


def test_batch_writes_gradescope_results_per_student(tmp_path):
    cls = tmp_path / "class"
    (cls / "amy").mkdir(parents=True)
    shutil.copy(REPO / "reference" / "ex3.py", cls / "amy" / "ex3.py")
    proc = subprocess.run([sys.executable, "-m", "grader.cli", "batch", str(cls), "--out", str(tmp_path / "out"),
                           "-e", "ex3", "--format", "gradescope"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    data = json.loads((tmp_path / "out" / "gradescope" / "amy" / "results.json").read_text())
    assert data["score"] == EX3_POINTS and all(t["status"] == "passed" for t in data["tests"])


def test_the_gradescope_bundle_finds_an_exercise_by_the_courses_own_name(tmp_path):
    """docs/authoring.md's `warmup`: no `ex*.py` pattern, the course's names, one folder down too."""
    course = tmp_path / "course"
    (course / "assignments").mkdir(parents=True)
    (course / "course.toml").write_text('title = "Warm-up course"\n')
    made = CliRunner().invoke(main, ["--course", str(course), "new", "warmup"])
    assert made.exit_code == 0, made.output
    bundle = tmp_path / "autograder.zip"
    built = CliRunner().invoke(main, ["--course", str(course), "gradescope", str(bundle)])
    assert built.exit_code == 0, built.output
    root = tmp_path / "autograder"
    with zipfile.ZipFile(bundle) as zf:
        zf.extractall(root / "source")
    (root / "submission" / "my work").mkdir(parents=True)  # a zip of a folder: one level down
    shutil.copy(course / "reference" / "warmup.py", root / "submission" / "my work" / "warmup.py")
    script = root / "source" / "run_autograder"
    script.chmod(0o755)
    env = {**os.environ, "AUTOGRADER_ROOT": str(root), "PYTHON": sys.executable}
    env.pop("GRADER_COURSE", None)
    subprocess.run([str(script)], env=env, check=True, timeout=600, capture_output=True)
    results = json.loads((root / "results" / "results.json").read_text())
    assert results["tests"] and results["score"] == sum(t["max_score"] for t in results["tests"]) > 0

"""The wheel built from this checkout works anywhere: installed (not editable) in a fresh
venv, every student command runs from an empty folder, and the course it carries (answers
included: it is the instructor's package) stays out of reach of the code it grades."""

from __future__ import annotations

import json
import os
import signal
import site
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from conftest import EX3_POINTS, REPO, SUBMISSIONS

READS_THE_BUNDLED_REFERENCE = '''
import sys
# A student who knows the instructor's grader is installed tries to load its answers.
version = f"python{sys.version_info.major}.{sys.version_info.minor}"
exec(open(f"{sys.prefix}/lib/{version}/site-packages/grader/_course/llm-scratch-grader/reference/ex3.py").read())
'''


def clean_env() -> dict:
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GRADER_COURSE")}


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    root = tmp_path_factory.mktemp("wheel")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(REPO), "-w",
                            str(root / "dist")], capture_output=True, text=True, timeout=300, env=clean_env())
    assert built.returncode == 0, built.stderr
    wheel = next((root / "dist").glob("*.whl"))
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    # torch, pytest, click... come from this environment (a .pth line), not a second download
    packages = next(Path(p) for p in site.getsitepackages() if p.endswith("site-packages"))
    (next((venv / "lib").glob("python3*/site-packages")) / "parent_env.pth").write_text(f"{packages}\n")
    install = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps", str(wheel)],
                             capture_output=True, text=True, timeout=300, env=clean_env())
    assert install.returncode == 0, install.stderr
    empty = root / "empty"
    empty.mkdir()
    return wheel, venv, empty


def grade(installed, *args, cwd=None):
    _, venv, empty = installed
    return subprocess.run([str(venv / "bin" / "grade"), *args], cwd=cwd or empty, capture_output=True, text=True,
                          timeout=300, env=clean_env())


def test_the_wheel_carries_the_engine_and_the_chapter_2_course(installed):
    wheel, _, _ = installed
    names = zipfile.ZipFile(wheel).namelist()
    assert "grader/grading/checks_pytest.ini" in names
    assert "grader/_course/llm-scratch-grader/course.toml" in names
    assert "grader/_course/llm-scratch-grader/assignments/ex4/diagnosis.py" in names
    assert "grader/_course/llm-scratch-grader/reference/ex3.py" in names  # the instructor's package (students: grade release)
    assert "grader/_course/llm-scratch-grader/student_template/ex3.py" in names
    assert not [n for n in names if "__pycache__" in n]


def test_student_commands_work_from_an_empty_folder(installed, tmp_path):
    listed = grade(installed, "list")
    assert listed.returncode == 0, listed.stderr
    assert "ex3" in listed.stdout and "Course:" not in listed.stdout  # the bundled course goes unsaid
    hint = grade(installed, "hint", "ex1")
    assert hint.returncode == 0 and "Hint 1/" in hint.stdout
    made = grade(installed, "init", str(tmp_path / "work"))
    assert made.returncode == 0 and (tmp_path / "work" / "ex3.py").is_file()
    stub = grade(installed, "ex3", cwd=tmp_path / "work")
    assert stub.returncode == 1 and "not implemented yet" in stub.stdout
    (tmp_path / "work" / "ex3.py").write_text((SUBMISSIONS / "ex3" / "correct_flinear.py").read_text())
    graded = grade(installed, "all", "--format", "json", cwd=tmp_path / "work")
    data = json.loads(graded.stdout)
    assert {e["exercise"]: e["score"] for e in data["exercises"]}["ex3"] == EX3_POINTS


def test_watch_regrades_from_the_installed_course(installed, tmp_path):
    _, venv, _ = installed
    (tmp_path / "ex1.py").write_text("")
    watcher = subprocess.Popen([str(venv / "bin" / "grade"), "watch", "ex1"], cwd=tmp_path, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, env=clean_env(), start_new_session=True)
    try:
        deadline, seen = time.monotonic() + 120, ""
        while "Watching" not in seen and time.monotonic() < deadline:
            seen += watcher.stdout.readline()
        assert "ex1" in seen and "Watching" in seen
    finally:
        os.killpg(watcher.pid, signal.SIGINT)
        watcher.wait(timeout=30)


def test_graded_code_cannot_read_the_answers_the_wheel_carries(installed, tmp_path):
    _, venv, _ = installed
    target = list(venv.glob("lib/python3*/site-packages/grader/_course/llm-scratch-grader/reference/ex3.py"))
    assert target, "the attack below needs the file to exist"
    (tmp_path / "ex3.py").write_text(READS_THE_BUNDLED_REFERENCE)
    graded = grade(installed, "ex3", "--format", "json", cwd=tmp_path)
    data = json.loads(graded.stdout)
    assert data["score"] == 0, "the submission read the reference solution"
    assert "the sandbox blocked it" in data["error"], data["error"]

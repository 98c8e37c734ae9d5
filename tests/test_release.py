"""`grade release`: a student release installed in a fresh venv grades without any answer in it."""

from __future__ import annotations

import ast
import json
import shutil
import site
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, SUBMISSIONS


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    root = tmp_path_factory.mktemp("release")
    out = root / "course"
    build = subprocess.run([sys.executable, "-m", "grader.cli", "release", str(out)], capture_output=True,
                           text=True, timeout=600, cwd=REPO)
    assert build.returncode == 0, build.stderr
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    # The fresh venv sees this environment's torch, pytest, click... so that the test does not
    # download them again; the release itself is installed for real, from its own pyproject.
    packages = next(Path(p) for p in site.getsitepackages() if p.endswith("site-packages"))
    venv_packages = next((venv / "lib").glob("python3*/site-packages"))
    (venv_packages / "parent_env.pth").write_text(str(packages) + "\n")
    install = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps",
                              "-e", str(out)], capture_output=True, text=True, timeout=300)
    assert install.returncode == 0, install.stderr
    return out, venv


def grade_in_release(release, exercise, source_file, tmp_path):
    out, venv = release
    folder = tmp_path / "student"
    folder.mkdir(exist_ok=True)
    shutil.copy(source_file, folder / f"{exercise}.py")
    proc = subprocess.run([str(venv / "bin" / "grade"), exercise, "--format", "json"], cwd=folder,
                          capture_output=True, text=True, timeout=300)
    return proc, json.loads(proc.stdout) if proc.stdout.strip().startswith("{") else None


def test_correct_and_wrong_submissions_grade_in_the_release(release, tmp_path):
    proc, data = grade_in_release(release, "ex3", SUBMISSIONS / "ex3" / "correct_flinear.py", tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert data["score"] == data["max_score"] > 0
    assert all(not c["hidden"] for c in data["checks"])
    proc, data = grade_in_release(release, "ex3", SUBMISSIONS / "ex3" / "wrong_no_relu.py", tmp_path)
    assert proc.returncode == 1
    assert data["score"] < data["max_score"]
    failed = {c["name"]: c["message"] for c in data["checks"] if c["status"] == "failed"}
    assert "expected 0.25" in failed["forward zeroes negative hidden units (ReLU)"]


def test_verify_explains_it_needs_the_instructor_repo(release):
    out, venv = release
    proc = subprocess.run([str(venv / "bin" / "grade"), "verify"], cwd=out, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode != 0 and "instructor's repository" in proc.stderr


def test_no_reference_code_or_hidden_check_in_the_release(release):
    out, _ = release
    assert not (out / "reference").exists()
    texts = {p: p.read_text(errors="replace") for p in out.rglob("*") if p.is_file() and p.suffix != ".bin"}
    blob = "\n".join(" ".join(t.split()) for t in texts.values())
    # ex2's f is the exercise's own formula, stated by the contract and the stub: not an answer.
    public_by_contract = {("ex2.py", "f")}
    for reference in sorted((REPO / "reference").glob("*.py")):
        for node in ast.walk(ast.parse(reference.read_text())):
            if isinstance(node, ast.FunctionDef) and (reference.name, node.name) not in public_by_contract:
                body = " ".join(ast.unparse(node.body[-1] if len(node.body) == 1 else node).split())
                assert body not in blob, f"{reference.name}: {node.name} leaked into the release"
    for checks in sorted((REPO / "assignments").glob("*/checks.py")):
        tree = ast.parse(checks.read_text())
        hidden = [node for node in tree.body if isinstance(node, ast.FunctionDef)
                  and any("hidden=True" in ast.unparse(d) for d in node.decorator_list)]
        assert hidden, f"{checks} has no hidden check to look for"
        for node in hidden:
            assert node.name not in blob, f"hidden check {node.name} leaked into the release"
    assert not list((out / "assignments").rglob("misconceptions*.py"))  # catalogs reveal answers

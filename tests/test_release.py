"""`grade release`: a student release installed in a fresh venv grades without any answer in it."""

from __future__ import annotations

import ast
import json
import os
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REPO, SUBMISSIONS

# Building the release grades every catalog entry and automatic mutant of every exercise (to
# record their answers): minutes, inside whichever test first asks for it.
pytestmark = pytest.mark.timeout(2400)


def clean_env() -> dict:
    """What a student's shell has: no course or grader path from this test run."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GRADER_COURSE")}


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    """The release, built by the instructor's grader, installed NOT editable in a fresh venv
    (`pip install OUT`), plus the wheel `pip wheel OUT` makes of it."""
    root = tmp_path_factory.mktemp("release")
    out = root / "course"
    build = subprocess.run([sys.executable, "-m", "grader.cli", "release", str(out)], capture_output=True,
                           text=True, timeout=1800, cwd=REPO)  # the mutants it grades take minutes
    assert build.returncode == 0, build.stderr
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    # The fresh venv sees this environment's torch, pytest, click... so that the test does not
    # download them again; the release itself is installed for real, from its own pyproject.
    packages = next(Path(p) for p in site.getsitepackages() if p.endswith("site-packages"))
    venv_packages = next((venv / "lib").glob("python3*/site-packages"))
    (venv_packages / "parent_env.pth").write_text(str(packages) + "\n")
    pip = [str(venv / "bin" / "python"), "-m", "pip", "-q", "--disable-pip-version-check"]
    install = subprocess.run([*pip, "install", "--no-deps", str(out)], capture_output=True,
                             text=True, timeout=300, env=clean_env())
    assert install.returncode == 0, install.stderr
    wheel = subprocess.run([*pip, "wheel", "--no-deps", str(out), "-w", str(root / "dist")],
                           capture_output=True, text=True, timeout=300, env=clean_env())
    assert wheel.returncode == 0, wheel.stderr
    return out, venv, next((root / "dist").glob("*.whl"))


def grade_in_release(release, exercise, source_file, tmp_path):
    """`grade EXERCISE` from a folder holding only the student's file (the release folder may
    be gone: the installed package carries the course)."""
    _, venv, _ = release
    folder = tmp_path / "student"
    folder.mkdir(exist_ok=True)
    shutil.copy(source_file, folder / f"{exercise}.py")
    proc = subprocess.run([str(venv / "bin" / "grade"), exercise, "--format", "json"], cwd=folder,
                          capture_output=True, text=True, timeout=300, env=clean_env())
    return proc, json.loads(proc.stdout) if proc.stdout.strip().startswith("{") else None


def test_correct_and_wrong_submissions_grade_in_the_release(release, tmp_path, grade):
    proc, data = grade_in_release(release, "ex3", SUBMISSIONS / "ex3" / "correct_flinear.py", tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert data["score"] == data["max_score"] > 0
    assert all(not c["hidden"] for c in data["checks"])
    proc, data = grade_in_release(release, "ex3", SUBMISSIONS / "ex3" / "wrong_no_relu.py", tmp_path)
    assert proc.returncode == 1
    assert data["score"] < data["max_score"]
    failed = {c["name"]: c["message"] for c in data["checks"] if c["status"] == "failed"}
    assert "expected 0.25" in failed["forward zeroes negative hidden units (ReLU)"]
    # The instructor's grader says the same on every public check (minus the named mistake,
    # which needs the catalog the release leaves out).
    instructor = {c.name: c for c in grade("ex3", "wrong_no_relu").checks if not c.hidden}
    assert set(instructor) == {c["name"] for c in data["checks"]}
    for check in data["checks"]:
        assert check["status"] == instructor[check["name"]].status, check["name"]
        assert check["message"].split(". This looks like")[0][:80] == \
            instructor[check["name"]].message.split(". This looks like")[0][:80], check["name"]


@pytest.mark.parametrize("exercise, variant", [("ex6", "correct_parameter"), ("ex7", "correct_loops"),
                                               ("ex8", "correct_own_helpers"), ("ex9", "correct_book_style")])
def test_the_course_exercises_grade_full_marks_in_the_release(release, tmp_path, exercise, variant):
    proc, data = grade_in_release(release, exercise, SUBMISSIONS / exercise / f"{variant}.py", tmp_path)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    assert data["score"] == data["max_score"] > 0


def test_a_student_help_lists_no_instructor_command(release, tmp_path):
    _, venv, _ = release
    proc = subprocess.run([str(venv / "bin" / "grade"), "--help"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120, env=clean_env())
    assert proc.returncode == 0
    commands = proc.stdout.split("Commands:")[1]
    for name in ("init", "watch", "hint", "list", "ex3", "ex5"):
        assert f"  {name} " in commands
    for name in ("batch", "merge", "release", "gradescope", "verify", "new"):
        assert f"  {name} " not in commands


def test_verify_explains_it_needs_the_instructor_repo(release):
    out, venv, _ = release
    proc = subprocess.run([str(venv / "bin" / "grade"), "--course", str(out), "verify"], cwd=out,
                          capture_output=True, text=True,
                          timeout=120, env=clean_env())
    assert proc.returncode != 0 and "instructor's repository" in proc.stderr


def hidden_only_names(tree: ast.Module) -> set[str]:
    """Top-level names reached from hidden checks and from no public one (transitively)."""
    definitions = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            definitions[node.name] = node
            continue
        for target in getattr(node, "targets", [getattr(node, "target", None)]):
            for name in ast.walk(target) if target is not None else []:
                if isinstance(name, ast.Name):
                    definitions[name.id] = node

    def reach(start: list[str]) -> set[str]:
        seen, todo = set(), list(start)
        while todo:
            name = todo.pop()
            if name in seen or name not in definitions:
                continue
            seen.add(name)
            todo += [n.id for n in ast.walk(definitions[name]) if isinstance(n, ast.Name)]
            todo += [a.arg for n in ast.walk(definitions[name]) if isinstance(n, ast.arguments) for a in n.args]
        return seen

    checks = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("check_")]
    hidden = [n.name for n in checks if any("hidden=True" in ast.unparse(d) for d in n.decorator_list)]
    public = [n.name for n in checks if n.name not in hidden]
    return reach(hidden) - reach(public)


def test_hidden_only_names_are_computed():
    tree = ast.parse("A = 1\nB = 2\nC = 3\ndef helper():\n    return B\n"
                     "@check('x', kind='value', hidden=True)\ndef check_h(student):\n    return A + helper() + C\n"
                     "@check('y', kind='value')\ndef check_p(student):\n    return C\n")
    assert hidden_only_names(tree) == {"A", "B", "helper", "check_h"}
    from grader.authoring.release import public_checks_source

    released = public_checks_source(ast.unparse(tree))
    assert "A = 1" not in released and "def helper" not in released and "C = 3" in released


def test_no_reference_code_or_hidden_check_in_the_release(release):
    out, _, wheel = release
    assert not (out / "reference").exists()
    texts = {p: p.read_text(errors="replace") for p in out.rglob("*") if p.is_file() and p.suffix != ".bin"}
    with zipfile.ZipFile(wheel) as zf:  # what students install
        names = zf.namelist()
        texts.update({n: zf.read(n).decode(errors="replace") for n in names if not n.endswith(".bin")})
    assert "grader/_course/llm-scratch-grader/assignments/ex3/checks.py" in names
    assert not (out / "course.secret").exists() and not [n for n in names if n.endswith("course.secret")]
    assert not [n for n in names if "/reference/" in n or n.startswith("grader/_course/") and n.endswith("misconceptions.py")]
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
        released = ast.parse((out / "assignments" / checks.parent.name / "checks.py").read_text())
        released_names = {n.id for n in ast.walk(released) if isinstance(n, ast.Name)} | \
            {n.name for n in ast.walk(released) if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
        leaked = hidden_only_names(tree) & released_names
        assert not leaked, f"{checks}: names only hidden checks use reached the release: {sorted(leaked)}"
    assert not list((out / "assignments").rglob("misconceptions*.py"))  # catalogs reveal answers


# ---------------------------------------------------------------- named mistakes, without the catalogs

# The wrong files (tests/corpus/<ex>/wrong/ and tests/submissions/<ex>/wrong_*) whose mistake the
# instructor's course names on a public check, by exercise: grading only these keeps the test to
# minutes (the whole corpus takes ~10). Regenerate after a catalog or a check changes what is named:
#     UPDATE_RELEASE_NAMED=1 python -m pytest -q tests/test_release.py -k same_mistake
NAMED_FILES = Path(__file__).parent / "release_named_mistakes.json"
TESTS = Path(__file__).parent
SAME_MISTAKE_SHARE = 0.95


def named_mistakes(result, catalog) -> set[str]:
    """The known mistakes a result names on its public checks, by name."""
    text = "\n".join(c.message for c in result.checks if not c.hidden and c.message)
    return {e.name for e in catalog if f"known mistake: {e.name}." in text or f"\n- {e.name}. " in text}


def grade_files(course, zygote, exercise, files, tmp_path) -> dict:
    from grader.grading.runner import grade_submissions

    jobs = []
    for index, path in enumerate(files):
        folder = tmp_path / f"{exercise}-{index}"
        folder.mkdir(parents=True)
        shutil.copy(path, folder / f"{exercise}.py")
        jobs.append((path, folder))
    results = {}
    grade_submissions(course, [course.exercise(exercise)], jobs, zygote,
                      lambda key, outcome: results.__setitem__(key, outcome[0]))
    return results


def candidate_files(exercise: str) -> list[Path]:
    if os.environ.get("UPDATE_RELEASE_NAMED") == "1":
        return sorted((TESTS / "corpus" / exercise / "wrong").glob("*.py")) + \
            sorted((TESTS / "submissions" / exercise).glob("wrong*.py"))
    return [TESTS / name for name in json.loads(NAMED_FILES.read_text()).get(exercise, [])]


def test_the_release_names_the_same_mistake_as_the_instructors_course(release, course, zygote, tmp_path):
    """A student grading with the release is told the same known mistake as the instructor's
    course tells them, though the release ships no catalog: it matches what each entry returned
    on the public checks' inputs when the release was built (grader/core/recorded_mistakes.py)."""
    from grader.grading.course import Course

    out, _, _ = release
    released = Course(out)
    compared, same, differ, found = 0, 0, [], {}
    for exercise in course.exercises:
        catalog = exercise.catalog()
        files = candidate_files(exercise.name)
        if not catalog or not files:
            continue
        instructor = grade_files(course, zygote, exercise.name, files, tmp_path / "instructor")
        named = {path: names for path, names in ((p, named_mistakes(r, catalog)) for p, r in instructor.items())
                 if names}
        found[exercise.name] = [str(path.relative_to(TESTS)) for path in files if path in named]
        if not named:
            continue
        student = grade_files(released, zygote, exercise.name, list(named), tmp_path / "release")
        for path, names in named.items():
            compared += 1
            if named_mistakes(student[path], catalog) == names:
                same += 1
            else:
                differ.append(f"{path.relative_to(TESTS)}: instructor {sorted(names)}, release "
                              f"{sorted(named_mistakes(student[path], catalog))}")
    if os.environ.get("UPDATE_RELEASE_NAMED") == "1":
        NAMED_FILES.write_text(json.dumps(found, indent=1) + "\n")
    listed = sum(len(v) for v in json.loads(NAMED_FILES.read_text()).values())
    assert compared >= 0.9 * listed, "the instructor's course names fewer of the listed files: regenerate the list"
    print(f"\nthe same named mistake for {same} of {compared} files")
    assert same >= SAME_MISTAKE_SHARE * compared, "\n".join(differ)


def test_no_catalog_code_in_the_release(release):
    """The release records what the catalogs' entries return, never their code."""
    out, _, wheel = release
    # The course's files, the recorded answers included (the engine's own are the same in every
    # release: grader/misconceptions.py's docstring shows an entry, for one).
    def course_file(parts) -> bool:  # not the engine's (also its copy in build/lib/grader/)
        return "grader" not in parts or "_course" in parts

    texts = [p.read_text(errors="replace") for p in out.rglob("*") if p.is_file()
             and course_file(p.relative_to(out).parts)]
    with zipfile.ZipFile(wheel) as zf:
        texts += [zf.read(n).decode(errors="replace") for n in zf.namelist() if course_file(n.split("/"))]
    blob = "\n".join(" ".join(t.split()) for t in texts)
    bodies = 0
    for catalog in sorted((REPO / "assignments").glob("*/misconceptions.py")):
        # What the public checks say anyway (ex2's formula, of which a wrong one is a part) is no leak.
        public = " ".join(ast.unparse(ast.parse((out / "assignments" / catalog.parent.name / "checks.py")
                                                .read_text())).split())
        for node in ast.parse(catalog.read_text()).body:
            if isinstance(node, ast.FunctionDef):
                body = " ".join(ast.unparse(node.body).split())
                assert body in public or body not in blob, f"{catalog.parent.name}: the body of {node.name} is in the release"
                bodies += body not in public
        assert (out / "assignments" / catalog.parent.name / "mistakes.bin").is_file()
    assert bodies > 50

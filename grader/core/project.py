"""Installable projects: the wheel that carries a course, and the folders `grade release` and
`grade gradescope` write.

A built wheel holds the engine (`grader/`) and, in `grader/_course/`, the course of the
folder it was built from, so `grade` works from any folder after `pip install`. The build
hook (`build_commands`, used by setup.py) copies the course in; this module is the one place
that knows which files make a course and which make the engine. Standard library only:
setup.py imports it before anything else is installed.
"""

from __future__ import annotations

import shutil
from importlib import metadata
from pathlib import Path

DIST_NAME = "llm-scratch-grader"
ENGINE_DIR = Path(__file__).resolve().parents[1]  # grader/, above this subpackage
BUNDLED = "_course"  # inside grader/: the course a wheel carries
# The engine's packages, as pyproject.toml lists them (a test keeps the two equal).
ENGINE_PACKAGES = ("grader", "grader.cli", "grader.remote", "grader.core", "grader.grading", "grader.reports",
                   "grader.classroom", "grader.authoring", "grader.serve", "grader.jupyter")
COURSE_PARTS = ("course.toml", "assignments", "student_template", "reference")
_JUNK = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache")

SETUP_PY = '''"""Packaging hook: the wheel carries this folder's course in grader/_course (grader/core/project.py)."""

import sys
from pathlib import Path

from setuptools import setup

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from grader.core.project import build_commands  # noqa: E402  (the engine beside this file)

setup(cmdclass=build_commands(HERE))
'''

MANIFEST_IN = """include course.toml
graft assignments
graft student_template
graft reference
include grader/grading/*.ini
global-exclude __pycache__ *.pyc
"""


def copy_course(root: Path, target: Path, parts=COURSE_PARTS) -> None:
    """The course files of `root` (those that exist) into `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for part in parts:
        source = Path(root) / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=_JUNK, dirs_exist_ok=True)
        elif source.is_file():
            shutil.copy2(source, target / part)


def copy_engine(target: Path) -> None:
    """The running grader package, without the course it may carry."""
    shutil.copytree(ENGINE_DIR, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", BUNDLED))


def build_commands(root: Path) -> dict:
    """setuptools commands for setup.py: build_py also copies the course of `root` (the
    project folder) into grader/_course."""
    from setuptools.command.build_py import build_py

    class build_py_with_course(build_py):
        def run(self):
            super().run()
            if getattr(self, "editable_mode", False):
                return  # an editable install finds the course around grader/ itself
            if (root / "course.toml").is_file():
                copy_course(root, Path(self.build_lib) / "grader" / BUNDLED)

    return {"build_py": build_py_with_course}


def pyproject_text() -> str:
    """pyproject.toml for a project holding this grader: the installed package's own, or,
    from a source checkout that was never installed, the checkout's."""
    try:
        dist = metadata.distribution(DIST_NAME)
    except metadata.PackageNotFoundError:
        return (ENGINE_DIR.parent / "pyproject.toml").read_text(encoding="utf-8")
    requires = [r for r in dist.requires or [] if "extra ==" not in r]
    summary = dist.metadata.get("Summary", "") or ""
    lines = [
        "[build-system]", 'requires = ["setuptools>=64"]', 'build-backend = "setuptools.build_meta"', "",
        "[project]", f'name = "{DIST_NAME}"', f'version = "{dist.version}"',
        f"description = {_quote(summary)}", 'readme = "README.md"', 'requires-python = ">=3.11"',
        "dependencies = [", *(f"    {_quote(r)}," for r in requires), "]", "",
        "[project.scripts]", 'grade = "grader.cli:run"', "",
        "[tool.setuptools]", "packages = [" + ", ".join(f'"{name}"' for name in ENGINE_PACKAGES) + "]", "",
        "[tool.setuptools.package-data]", '"grader.grading" = ["*.ini"]', "",
    ]
    return "\n".join(lines)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_project(out: Path, readme: str) -> None:
    """An installable project in `out` (engine, packaging files, README): `pip install OUT`
    and its wheel carry whatever course files are put beside them."""
    copy_engine(out / "grader")
    (out / "pyproject.toml").write_text(pyproject_text(), encoding="utf-8")
    (out / "setup.py").write_text(SETUP_PY, encoding="utf-8")
    (out / "MANIFEST.in").write_text(MANIFEST_IN, encoding="utf-8")
    (out / "README.md").write_text(readme, encoding="utf-8")

"""Installable projects: the wheel that carries a course, and the folders `grade release` and
`grade gradescope` write.

A built wheel holds the engine (`grader/`) and, in `grader/_course/<name>/`, the course of the
folder it was built from, so `grade` works from any folder after `pip install`. The build
hook (`build_commands`, used by setup.py) copies the course in; this module is the one place
that knows which files make a course and which make the engine. Standard library only:
setup.py imports it before anything else is installed.

A course's package is its own: its name, version and title come from its course.toml
(`course_identity`). Two courses' packages install side by side in one environment: each
carries its course in its own folder under grader/_course/ (the engine's files are the same
in both), and each has its own command, `grade-<slug>`, beside the shared `grade`, which
grades with the course of the workspace (`grade init` records it), or with the only course
installed (`installed_course`).
"""

from __future__ import annotations

import re
import shutil
import sys
import tomllib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

DIST_NAME = "llm-scratch-grader"  # the engine's own distribution (this checkout's pyproject.toml)
ENGINE_DIR = Path(__file__).resolve().parents[1]  # grader/, above this subpackage
BUNDLED = "_course"  # inside grader/: the courses wheels carry, one folder each
BUNDLED_DIR = ENGINE_DIR / BUNDLED
COMMAND_PREFIX = "grade-"  # grade-<slug>: the command of one installed course
# The engine's packages, as pyproject.toml lists them (a test keeps the two equal). grader.docs
# holds no module: it is the checkout's docs/ folder seen from the package, the documentation
# `grade docs` prints, listed so that setuptools ships it as the package data it is.
ENGINE_PACKAGES = ("grader", "grader.cli", "grader.remote", "grader.core", "grader.grading", "grader.reports",
                   "grader.classroom", "grader.authoring", "grader.serve", "grader.jupyter", "grader.docs")
# The files packages carry beside their modules, as pyproject.toml lists them (a test keeps the
# two equal): pytest's settings for the checks, and the documentation.
PACKAGE_DATA = {"grader.grading": ["*.ini"], "grader.docs": ["*.md", "*.yml"]}
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
include grader/docs/*.md grader/docs/*.yml
global-exclude __pycache__ *.pyc
"""


@dataclass(frozen=True)
class CourseIdentity:
    """What a course's package is called: its distribution name, version, title and command."""

    name: str
    version: str
    title: str

    @property
    def slug(self) -> str:
        """The name without a trailing "-grader": "llm-scratch" for "llm-scratch-grader"."""
        return re.sub(r"-grader$", "", self.name) or self.name

    @property
    def command(self) -> str:
        return COMMAND_PREFIX + self.slug


def slugify(text: str) -> str:
    """"Intro to Tensors: week 1" -> "intro-to-tensors-week-1" (a distribution name's letters)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-") or "course"


def course_identity(settings: dict) -> CourseIdentity:
    """A course.toml's `name`, `version` and `title`; without a name, one made from the title
    ("<title's slug>-grader"), without a version 0.1.0."""
    title = str(settings.get("title") or "Course").strip()
    name = settings.get("name")
    name = slugify(name) if isinstance(name, str) and name.strip() else f"{slugify(title)}-grader"
    version = settings.get("version")
    return CourseIdentity(name, str(version).strip() if version else "0.1.0", title)


def read_identity(root: Path) -> CourseIdentity:
    with open(Path(root) / "course.toml", "rb") as handle:
        return course_identity(tomllib.load(handle))


# ---------------------------------------------------------------- installed courses


class SeveralCourses(Exception):
    """Several courses are installed and nothing says which one this command is for."""


def installed_courses(bundled_dir: Path = BUNDLED_DIR) -> dict[str, Path]:
    """The courses installed packages carry, by command (`grade-<slug>`) -> course folder."""
    found = {}
    for settings in sorted(Path(bundled_dir).glob("*/course.toml")):
        try:
            found[read_identity(settings.parent).command] = settings.parent
        except (OSError, tomllib.TOMLDecodeError):
            continue  # a broken one is said when it is used
    return found


def installed_course(bundled_dir: Path = BUNDLED_DIR, program: str | None = None) -> Path | None:
    """The installed course this command grades with: the one named by the command
    (`grade-<slug>`), else the only one installed; None when none is. Several installed and a
    plain `grade`: SeveralCourses, which names each course's own command."""
    courses = installed_courses(bundled_dir)
    program = Path(program if program is not None else (sys.argv[0] if sys.argv else "")).name
    if program in courses:
        return courses[program]
    if len(courses) <= 1:
        return next(iter(courses.values()), None)
    named = ", ".join(f"{command} ({read_identity(root).title})" for command, root in courses.items())
    raise SeveralCourses(f"{len(courses)} courses are installed: {named}. Run the command of the one you mean, "
                         "or grade in a folder `grade-<course> init` made")


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
                name = read_identity(root).name
                copy_course(root, Path(self.build_lib) / "grader" / BUNDLED / name)

    return {"build_py": build_py_with_course}


def engine_distribution() -> metadata.Distribution | None:
    """The installed distribution that holds this engine (a release's or the instructor's
    package), if the engine is installed at all."""
    names = metadata.packages_distributions().get("grader", [])
    for name in [DIST_NAME] + names:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        if any(str(f).startswith("grader/") for f in dist.files or ()) or name == DIST_NAME:
            return dist
    return None


def pyproject_text(identity: CourseIdentity | None = None) -> str:
    """pyproject.toml for a project holding this grader, named after the course it carries
    (`identity`); without one, the installed package's own, or, from a source checkout that
    was never installed, the checkout's."""
    dist = engine_distribution()
    if dist is None and identity is None:
        return (ENGINE_DIR.parent / "pyproject.toml").read_text(encoding="utf-8")
    if dist is not None:
        requires = [r for r in dist.requires or [] if "extra ==" not in r]
        summary = dist.metadata.get("Summary", "") or ""
        name, version = dist.metadata["Name"], dist.version
    else:
        with open(ENGINE_DIR.parent / "pyproject.toml", "rb") as handle:
            project = tomllib.load(handle)["project"]
        requires, summary = project.get("dependencies", []), project.get("description", "")
        name, version = project["name"], project["version"]
    scripts = ['grade = "grader.cli:run"']
    if identity is not None:
        name, version, summary = identity.name, identity.version, f"The grader of {identity.title}"
        scripts.append(f'{_quote(identity.command)} = "grader.cli:run"')
    lines = [
        "[build-system]", 'requires = ["setuptools>=64"]', 'build-backend = "setuptools.build_meta"', "",
        "[project]", f"name = {_quote(name)}", f"version = {_quote(version)}",
        f"description = {_quote(summary)}", 'readme = "README.md"', 'requires-python = ">=3.11"',
        "dependencies = [", *(f"    {_quote(r)}," for r in requires), "]", "",
        "[project.scripts]", *scripts, "",
        "[tool.setuptools]", "packages = [" + ", ".join(f'"{name}"' for name in ENGINE_PACKAGES) + "]", "",
        "[tool.setuptools.package-data]", *(f"{_quote(package)} = [{', '.join(map(_quote, globs))}]"
                                             for package, globs in PACKAGE_DATA.items()), "",
    ]
    return "\n".join(lines)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_project(out: Path, readme: str, identity: CourseIdentity | None = None) -> None:
    """An installable project in `out` (engine, packaging files, README): `pip install OUT`
    and its wheel carry whatever course files are put beside them. `identity`: the course's
    name, version and title, for the package's (else the engine's own)."""
    copy_engine(out / "grader")
    (out / "pyproject.toml").write_text(pyproject_text(identity), encoding="utf-8")
    (out / "setup.py").write_text(SETUP_PY, encoding="utf-8")
    (out / "MANIFEST.in").write_text(MANIFEST_IN, encoding="utf-8")
    (out / "README.md").write_text(readme, encoding="utf-8")

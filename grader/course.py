"""The course on disk: exercises found under `assignments/`, their metadata and references.

Adding an exercise means adding `assignments/<name>/exercise.toml` and `checks.py`,
`reference/<name>.py` and `student_template/<name>.py`; nothing in `grader/` changes.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path



class CourseError(Exception):
    """The course folder is missing or an exercise's files are malformed."""


@dataclass
class Exercise:
    name: str  # "ex3"
    title: str
    folder: Path  # assignments/ex3
    section: str  # where in the chapter to read
    functions: list[str]  # contract names the student's module must define
    time_limit: float  # seconds for the whole exercise
    check_time_limit: float  # seconds for each check
    hints: list[str] = field(default_factory=list)
    # What the worker watches ([watch] in exercise.toml): `guarded` functions must not reach
    # anything in `forbidden` (dotted names; a module forbids all of it), whatever the route;
    # the backward passes of `training` functions are recorded.
    watch: dict = field(default_factory=dict)
    _catalog: list | None = field(default=None, repr=False, compare=False)

    @property
    def filename(self) -> str:
        return f"{self.name}.py"

    @property
    def checks_path(self) -> Path:
        return self.folder / "checks.py"

    def checks(self) -> list:
        from grader.checks import specs_of  # imports torch: only when checks are needed

        return specs_of(_import_file(f"grader_checks_{self.name}", self.checks_path))

    def catalog(self) -> list:
        """The exercise's misconceptions (empty in a student release, which leaves them out).
        Loaded once per process: catalogs are read-only instructor code."""
        if self._catalog is None:
            from grader.misconceptions import load_catalog

            self._catalog = load_catalog(self.folder)
        return self._catalog

    @property
    def max_score(self) -> float:
        return sum(spec.points for spec in self.checks())


def _import_file(module_name: str, path: Path):
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Course:
    def __init__(self, root: Path):
        self.root = Path(root).resolve()
        if not (self.root / "assignments").is_dir():
            raise CourseError(f"{self.root} has no assignments/ folder")
        self._exercises = {e.name: e for e in self._discover()}

    @classmethod
    def locate(cls) -> "Course":
        """The course this grader belongs to: $GRADER_COURSE, else the folder above grader/."""
        root = os.environ.get("GRADER_COURSE") or Path(__file__).resolve().parent.parent
        return cls(Path(root))

    def _discover(self) -> list[Exercise]:
        exercises = []
        for meta_path in sorted((self.root / "assignments").glob("*/exercise.toml")):
            with open(meta_path, "rb") as handle:
                meta = tomllib.load(handle)
            folder = meta_path.parent
            exercises.append(Exercise(
                name=folder.name, title=meta["title"], folder=folder, section=meta.get("section", ""),
                functions=list(meta.get("functions", [])), time_limit=float(meta.get("time_limit", 60)),
                check_time_limit=float(meta.get("check_time_limit", 10)), hints=list(meta.get("hints", [])),
                watch=dict(meta.get("watch", {}))))
        return exercises

    @property
    def exercises(self) -> list[Exercise]:
        return list(self._exercises.values())

    def exercise(self, name: str) -> Exercise:
        if name not in self._exercises:
            known = ", ".join(self._exercises) or "none"
            raise CourseError(f"no exercise {name!r} (known: {known})")
        return self._exercises[name]

    @property
    def reference_dir(self) -> Path:
        return self.root / "reference"

    @property
    def template_dir(self) -> Path:
        return self.root / "student_template"

    @property
    def is_release(self) -> bool:
        """A student release: no reference solutions, recorded reference values instead."""
        return not self.reference_dir.is_dir()

    def reference(self, exercise: Exercise):
        """The reference solution, imported in the grader's own (trusted) process; in a
        student release, the values the public checks recorded from it."""
        if self.is_release:
            from grader.recorded import FIXTURES, RecordedReference

            return RecordedReference(exercise.folder / FIXTURES)
        name = f"grader_reference_{exercise.name}"
        if name not in sys.modules:
            sys.modules[name] = _import_file(name, self.reference_dir / exercise.filename)
        return sys.modules[name]

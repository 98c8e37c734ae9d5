"""The course on disk: a folder with a `course.toml`, its exercises under `assignments/`.

A course folder holds `course.toml` (title, exercise order), `assignments/<ex>/` (exercise.toml,
checks.py, optional misconceptions.py and helper modules), `student_template/<ex>.py` and, for
instructors, `reference/<ex>.py`. Adding an exercise touches nothing in `grader/`.

Which course `grade` uses, first found wins: `--course DIR`, `$GRADER_COURSE`, the nearest
folder at or above the current one with a `course.toml`, the course recorded in the
student's workspace, and last the course bundled with the installed package. A course that
is only found (the nearest one, or a workspace's) is loaded only when the user trusted its
folder (`grader.core.trust`): its checks run in this process, so the folder being graded must
never choose them.
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from grader.core.loader import load_module

COURSE_FILE = "course.toml"
SECRET_FILE = "course.secret"  # instructors only: never copied into a student release
ENGINE_DIR = Path(__file__).resolve().parents[1]  # grader/, above this subpackage
# Where built wheels keep the courses they carry, one folder each; in a source checkout the
# course is the folder around grader/ instead.
BUNDLED_DIR = ENGINE_DIR / "_course"


class CourseError(Exception):
    """The course folder is missing or one of its files is malformed (the message names it)."""


class UntrustedCourse(CourseError):
    """A course found from the current folder or a workspace record, which the user never
    trusted: refused before any of its files is imported."""


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
    # The course's secret (course.secret), from which the instructor's property inputs are
    # drawn; None in a student release, which uses the public seed its answers were recorded with.
    # A callable giving it, read (and made) only when inputs are drawn: loading a course writes nothing.
    secret: object = field(default=None, repr=False, compare=False)
    _catalog: list | None = field(default=None, repr=False, compare=False)

    @property
    def filename(self) -> str:
        return f"{self.name}.py"

    def drawing_secret(self) -> bytes | None:
        """The secret its property inputs are drawn from (None: the public seed)."""
        return self.secret() if callable(self.secret) else self.secret

    @property
    def checks_path(self) -> Path:
        return self.folder / "checks.py"

    def checks(self) -> list:
        from grader.checks import specs_of  # imports torch: only when checks are needed

        return specs_of(load_module(f"grader_checks_{self.name}", self.checks_path))

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


def bundled_root() -> Path:
    """The course that comes with the installed grader: the one a wheel carries (of several
    installed side by side, the one this command is named after: grader/core/project.py), or
    the source checkout grader/ sits in."""
    from grader.core.project import SeveralCourses, installed_course

    try:
        return installed_course(BUNDLED_DIR) or ENGINE_DIR.parent
    except SeveralCourses as exc:
        raise CourseError(str(exc)) from None


def bundled_roots() -> list[Path]:
    """Every course that came with the installed grader (the checkout's, when none did)."""
    from grader.core.project import installed_courses

    return [root.resolve() for root in installed_courses(BUNDLED_DIR).values()] or [ENGINE_DIR.parent.resolve()]


def nearest_course(start: Path) -> Path | None:
    """The nearest folder at or above `start` holding a course.toml."""
    here = Path(start).resolve()
    for folder in [here, *here.parents]:
        if (folder / COURSE_FILE).is_file():
            return folder
    return None


def _trusted_or_refused(root: Path, what: str) -> Path:
    from grader.core import trust

    resolved = root.resolve()
    if resolved in bundled_roots() or trust.is_trusted(resolved):
        return root
    raise UntrustedCourse(f"{what} is not loaded: you have not trusted it (its checks would run as you). "
                          f"If it is yours: grade course trust {resolved}; else choose one: grade --course DIR ...")


def _natural(name: str) -> list:
    """ex2 before ex10."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def _read_toml(path: Path) -> dict:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise CourseError(f"{path}: missing") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CourseError(f"{path}: cannot be read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise CourseError(f"{path}: not valid TOML ({exc})") from None


class Course:
    def __init__(self, root: Path):
        self.root = Path(root).resolve()
        if not self.root.is_dir():
            raise CourseError(f"{self.root}: no such course folder")
        self.settings = settings = _read_toml(self.root / COURSE_FILE)
        title = settings.get("title")
        if not isinstance(title, str) or not title.strip():
            raise CourseError(f"{self.root / COURSE_FILE}: needs a title, e.g. title = \"My course\"")
        self.title = title
        if not (self.root / "assignments").is_dir():
            raise CourseError(f"{self.root}: no assignments/ folder beside {COURSE_FILE}")
        self._exercises = {e.name: e for e in self._discover(settings.get("exercises"))}
        for exercise in self._exercises.values():
            exercise.secret = type(self).secret.fget.__get__(self)

    @classmethod
    def locate(cls, recorded: Path | None = None, start: Path | None = None,
               recorded_in: Path | None = None) -> "Course":
        """The course in use (see the module's docstring for the order); `recorded` is the
        course the student's workspace remembers (in the marker `recorded_in`)."""
        return cls(cls.locate_root(recorded, start, recorded_in))

    @staticmethod
    def locate_root(recorded: Path | None = None, start: Path | None = None,
                    recorded_in: Path | None = None) -> Path:
        """`recorded_in`: the workspace marker that named `recorded` (for the refusal's words)."""
        explicit = os.environ.get("GRADER_COURSE")
        if explicit:
            return Path(explicit)
        near = nearest_course(start or Path.cwd())
        if near is not None:
            return _trusted_or_refused(near, f"{near / COURSE_FILE}: a course found in this folder")
        if recorded is not None:
            named_by = recorded_in or "the workspace"
            return _trusted_or_refused(Path(recorded), f"{named_by}: names the course {recorded}, which")
        return bundled_root()

    @property
    def is_bundled(self) -> bool:
        return self.root in bundled_roots()

    def _discover(self, order) -> list[Exercise]:
        listed = self.root / COURSE_FILE
        if order is not None and (not isinstance(order, list) or not all(isinstance(n, str) for n in order)):
            raise CourseError(f"{listed}: exercises must be a list of names, e.g. exercises = [\"ex1\", \"ex2\"]")
        found = {path.parent.name for path in (self.root / "assignments").glob("*/exercise.toml")}
        for name in order or []:
            if name not in found:
                raise CourseError(f"{listed}: lists {name!r}, but {self.root / 'assignments' / name / 'exercise.toml'} "
                                  "does not exist")
        names = list(dict.fromkeys(order or [])) + sorted(found - set(order or []), key=_natural)
        return [self._exercise(self.root / "assignments" / name) for name in names]

    @staticmethod
    def _exercise(folder: Path) -> Exercise:
        meta_path = folder / "exercise.toml"
        meta = _read_toml(meta_path)
        if not isinstance(meta.get("title"), str):
            raise CourseError(f"{meta_path}: needs a title")
        if not (folder / "checks.py").is_file():
            raise CourseError(f"{folder / 'checks.py'}: missing")
        functions = meta.get("functions", [])
        if not isinstance(functions, list) or not all(isinstance(n, str) and n.isidentifier() for n in functions):
            raise CourseError(f"{meta_path}: functions must be a list of the names the student's module defines, "
                              'e.g. functions = ["forward", "build_model"]')
        try:
            return Exercise(
                name=folder.name, title=meta["title"], folder=folder, section=str(meta.get("section", "")),
                functions=list(functions), time_limit=float(meta.get("time_limit", 60)),
                check_time_limit=float(meta.get("check_time_limit", 10)), hints=list(meta.get("hints", [])),
                watch=dict(meta.get("watch", {})))
        except (TypeError, ValueError) as exc:
            raise CourseError(f"{meta_path}: {exc}") from None

    @property
    def exercises(self) -> list[Exercise]:
        return list(self._exercises.values())

    def exercise(self, name: str) -> Exercise:
        if name not in self._exercises:
            known = ", ".join(self._exercises) or "none"
            raise CourseError(f"no exercise {name!r} (known: {known})")
        return self._exercises[name]

    @property
    def secret(self) -> bytes | None:
        """The course's secret: read from course.secret, made (0600) the first time it is needed.
        None in a student release, or where the course folder cannot be written."""
        if self.is_release:
            return None
        path = self.root / SECRET_FILE
        try:
            return path.read_bytes().strip() or None
        except FileNotFoundError:
            pass
        except OSError:
            return None
        import secrets

        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        except FileExistsError:  # another grade made it meanwhile
            return path.read_bytes().strip() or None
        except OSError:
            return None
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32) + "\n")
        return path.read_bytes().strip()

    @property
    def reference_dir(self) -> Path:
        return self.root / "reference"

    @property
    def template_dir(self) -> Path:
        return self.root / "student_template"

    @property
    def is_release(self) -> bool:
        """A student release (`release = true` in course.toml, written by `grade release`): no
        reference solutions, recorded reference values instead."""
        return self.settings.get("release") is True

    def reference(self, exercise: Exercise):
        """The reference solution, imported in the grader's own (trusted) process; in a
        student release, the values the public checks recorded from it."""
        if self.is_release:
            from grader.core.recorded import FIXTURES, RecordedReference

            return RecordedReference(exercise.folder / FIXTURES)
        name = f"grader_reference_{exercise.name}"
        if name not in sys.modules:  # imported once per process
            load_module(name, self.reference_dir / exercise.filename, register=True)
        return sys.modules[name]

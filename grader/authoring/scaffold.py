"""`grade new NAME`: a new exercise in a course folder that `grade verify` passes at once.

It writes the files an exercise is made of, for a small sample function the instructor then
replaces with their own: the reference (the one source: its solution markers make the stub,
written beside it as student_template/NAME.py; see stubgen.py), exercise.toml, checks.py, a
misconception catalog with one entry and equivalent_mutants.toml; and appends NAME to
course.toml's exercise order. It writes only into a course the instructor named or stands in
(`course_to_write`), never into the one that came with the installed grader.
"""

from __future__ import annotations

import keyword
import os
import re
import tomllib
from pathlib import Path

from grader.authoring.stubgen import stub_from_reference
from grader.grading.course import BUNDLED_DIR, Course, nearest_course

# `grade NAME` must stay an exercise, not a built-in command.
RESERVED = frozenset({"all", "list", "init", "hint", "watch", "verify", "batch", "merge", "release", "gradescope",
                      "new", "stub", "docs", "course", "server", "help"})


class ScaffoldError(Exception):
    """The name is unusable or a file it would write already exists."""


# The one source of the exercise: everything outside the solution markers is the stub.
REFERENCE = '''"""{title}.

Read the course's section on it first. Replace NotImplementedError with your code; run
`grade {name}` to see which checks pass.
"""

import torch


def scale(x: torch.Tensor, factor: float) -> torch.Tensor:
    """Every element of x multiplied by factor.

    x: a tensor of any shape, float32 or float64. Returns a new tensor of the same shape
    and dtype (x itself is left unchanged), connected to autograd.
    """
    # BEGIN SOLUTION
    return x * factor
    # END SOLUTION
'''

EXERCISE_TOML = '''title = "{title}"
section = "the section students should read"
functions = ["scale"]   # the names the student's module must define
time_limit = 60         # seconds for the whole exercise
check_time_limit = 10   # seconds for each check
hints = [
    "A first nudge: which section explains this?",
    "A closer one: which operation is it?",
    "Nearly the answer: return x * factor.",
]
'''

CHECKS = '''"""Checks for {name}: scale(x, factor). A check is a function named check_*, marked @check."""

import torch

from grader.checks import check, expect_grads, expect_tensor, expect_unchanged


def seeded(seed, shape, dtype):
    """The same input on every run: grades must not change between runs."""
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed), dtype=dtype)


@check("scale(x, factor) matches the reference (float32 and float64), gradients included, x unchanged",
       kind="value", points=2)
def check_scale(student, reference):
    for seed, (shape, factor, dtype) in enumerate([((3, 4), 2.5, torch.float32), ((5,), -3.0, torch.float64)]):
        x = seeded(seed, shape, dtype)
        call = f"scale(x of shape {{shape}} in {{str(dtype)[6:]}}, {{factor}})"
        before = [x.clone()]
        expect_tensor(student.scale(x, factor), reference.scale(x, factor), call=call)
        expect_unchanged(before, [x], ["x"], call=call)
        expect_grads(student.scale, reference.scale, (x, factor), ["x", "factor"], call=call, wrt=[0])
'''

MISCONCEPTIONS = '''"""Common mistakes in {name}, each a wrong `scale` a beginner really writes.

`grade verify` applies each to the reference: it must lose points and be named in the feedback.
"""

from grader.misconceptions import misconception


@misconception("scale", "adds the factor instead of multiplying",
               "Scaling multiplies every element: x * factor, not x + factor.")
def scale(x, factor):
    return x + factor
'''


def _check_name(name: str, root: Path) -> None:
    if not name.isidentifier() or keyword.iskeyword(name):
        raise ScaffoldError(f"{name!r} is not a usable exercise name: use a Python identifier such as ex10 "
                            "(the student's file is NAME.py, imported as a module)")
    if name in RESERVED:
        raise ScaffoldError(f"{name!r} is a grade command: choose another exercise name")
    for path in (root / "assignments" / name, root / "reference" / f"{name}.py",
                 root / "student_template" / f"{name}.py"):
        if path.exists():
            raise ScaffoldError(f"{path} already exists: grade new never overwrites (choose another name)")


def _append_to_order(course_toml: Path, name: str) -> bool:
    """Add NAME to `exercises = [...]` in course.toml, keeping the rest of the file as it is."""
    text = course_toml.read_text(encoding="utf-8")
    if "exercises" not in tomllib.loads(text):
        return False  # no explicit order: every exercise in assignments/ is listed anyway
    pattern = re.compile(r"^(exercises\s*=\s*\[)(.*?)(\])", re.MULTILINE | re.DOTALL)
    match = pattern.search(text)
    if match is None:
        raise ScaffoldError(f"{course_toml}: add {name!r} to its exercises list yourself (the list is not "
                            "written as `exercises = [...]`)")
    body = match.group(2).rstrip()
    separator = "" if not body.strip() or body.endswith(",") else ", "
    text = text[:match.start(2)] + body + f'{separator}"{name}"' + text[match.end(2):]
    course_toml.write_text(text, encoding="utf-8")
    return True


EQUIVALENTS = '''# Mutation testing of {name} for `grade verify` (see `grade docs authoring`).
#
# A mutant that survives your checks is printed by verify with its [[equivalent]] block: kill it
# with a check, or paste the block here and write why it is as correct as the reference.
#
# The sample's single check is not meant to kill the attack-class mutants (a function wrong only
# past some size, dtype or magnitude, changing its inputs, keeping state...): they are off until
# your checks cover those inputs. Delete the next line then, and kill or list each survivor.
attacks = []
'''


def course_to_write(chosen: Path | None, cwd: Path) -> Path:
    """The course folder `grade new` writes into: the one named (`chosen`, from --course, or
    $GRADER_COURSE), else the nearest at or above `cwd` (loaded only once trusted). Never the
    course that came with the installed grader when it is only the fallback: an editable
    install run outside any course would otherwise write into its own checkout."""
    chosen = chosen or os.environ.get("GRADER_COURSE") or None
    if chosen is None and nearest_course(cwd) is None:
        raise ScaffoldError(f"no course folder here: neither {cwd} nor a folder above it holds a course.toml, and "
                            "grade new never writes into the course installed with the grader: run it in your "
                            "course folder, or pass --course DIR")
    root = Path(chosen) if chosen else Course.locate_root(start=cwd)  # refuses an untrusted course
    if Path(root).resolve().is_relative_to(BUNDLED_DIR.resolve()):
        raise ScaffoldError(f"{root} came with the installed grader and is not yours to add to: run grade new in "
                            "your own course folder (with a course.toml), or pass --course DIR")
    return Path(root)


def scaffold_exercise(root: Path, name: str, title: str | None = None) -> list[Path]:
    """Write exercise NAME into the course at `root`; return the files written."""
    root = Path(root)
    _check_name(name, root)
    title = (title or f"Exercise {name}").replace('"', "'")
    folder = root / "assignments" / name
    reference = REFERENCE.format(name=name, title=title)
    files = {
        root / "reference" / f"{name}.py": reference,
        root / "student_template" / f"{name}.py": stub_from_reference(reference),
        folder / "exercise.toml": EXERCISE_TOML.format(name=name, title=title),
        folder / "checks.py": CHECKS.format(name=name, title=title),
        folder / "misconceptions.py": MISCONCEPTIONS.format(name=name, title=title),
        folder / "equivalent_mutants.toml": EQUIVALENTS.format(name=name, title=title),
    }
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    written = list(files)
    if _append_to_order(root / "course.toml", name):
        written.append(root / "course.toml")
    return written

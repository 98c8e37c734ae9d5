"""`grade release OUT`: the student-facing course, without answers.

The release holds the grader, the stubs, the public checks and their metadata. It holds
no reference solutions, no hidden checks and no misconception catalogs. Public checks still
compare against the reference: at release time they are run once against the reference
with a `RecordingReference`, which stores every value the checks asked of it (seeded
inputs make these the same values a student's run will ask for) in
`assignments/<ex>/fixtures.bin`. In the release, `Course.reference` returns a
`RecordedReference` that answers from that file.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

from grader import wire
from grader.project import copy_course, write_project
from grader.misconceptions import CATALOG
from grader.recorded import FIXTURES, RAISED, REPLAYABLE_ERRORS, call_key
from grader.results import Status

STUDENT_README = """# {title}

Your folder for the course's exercises. Install it once, in a virtual environment:

    pip install torch==2.13.0 && pip install .

Then start, in any folder:

    grade init          # copies the exercise stubs into ./work
    cd work
    grade watch         # re-grades each time you save
    grade hint ex1      # stuck? hints, one at a time
    grade list          # your progress

Every check you see here is one the instructor also runs; a few more (hidden checks) are
run on your final submission.
"""


class _RecordingFunction:
    def __init__(self, owner: "RecordingReference", name: str, function):
        self.owner, self.name, self.function = owner, name, function
        self.__name__ = name

    def __call__(self, *args, **kwargs):
        key = call_key("call", self.name, list(args), kwargs)
        try:
            value = self.function(*args, **kwargs)
        except Exception as exc:  # an expected error (ValueError for bad shapes) is an answer too
            if type(exc).__name__ not in REPLAYABLE_ERRORS:
                raise
            self.owner.store(key, {RAISED: type(exc).__name__, "message": str(exc)})
            raise
        self.owner.store(key, value)
        return value

    def recorded_grads(self, args, wrt, grad_output):
        from grader.checks import reference_grads

        value = reference_grads(self.function, args, wrt, grad_output)
        self.owner.store(call_key("grads", self.name, list(args), list(wrt), grad_output), list(value))
        return value


class RecordingReference:
    """Wraps the reference module and remembers every answer it gave."""

    def __init__(self, module):
        self._module = module
        self.records: dict[str, object] = {}
        self.callables: set[str] = set()

    def store(self, key: str, value) -> None:
        try:
            wire.encode_message({"value": value})
        except wire.WireError as exc:
            raise ValueError(f"a public check asked the reference for a value that cannot be recorded "
                             f"({exc}); compute it in the check instead") from None
        self.records[key] = value

    def __getattr__(self, name: str):
        value = getattr(self._module, name)
        if callable(value):
            self.callables.add(name)
            return _RecordingFunction(self, name, value)
        self.store(call_key("value", name), value)
        return value

    def save(self, path: Path) -> None:
        path.write_bytes(wire.encode_message({"records": self.records, "callables": sorted(self.callables)}))


# ---------------------------------------------------------------- building a release


def _is_hidden(node: ast.AST) -> bool:
    for decorator in getattr(node, "decorator_list", []):
        if isinstance(decorator, ast.Call):
            for keyword in decorator.keywords:
                if keyword.arg == "hidden" and isinstance(keyword.value, ast.Constant) and keyword.value.value:
                    return True
    return False


def public_checks_source(source: str) -> str:
    """checks.py without its hidden checks (their code and names never reach students)."""
    tree = ast.parse(source)
    hidden = {node.name for node in tree.body if isinstance(node, ast.FunctionDef) and _is_hidden(node)}
    for node in tree.body:
        if getattr(node, "name", None) in hidden:
            continue  # a hidden check may build on another hidden one
        for decorator in getattr(node, "decorator_list", []):
            for keyword in getattr(decorator, "keywords", []):
                if keyword.arg == "depends":
                    names = ast.literal_eval(keyword.value)
                    names = [names] if isinstance(names, str) else list(names)
                    if set(names) & hidden:
                        raise ValueError(f"public check {node.name} depends on a hidden check")
    tree.body = [node for node in tree.body if not (isinstance(node, ast.FunctionDef) and node.name in hidden)]
    return ast.unparse(tree) + "\n"


def build_release(course, out: Path) -> list[str]:
    """Write the student release into `out`; return the exercises it holds."""
    from grader.launcher import Zygote
    from grader.runner import grade_exercise

    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise ValueError(f"{out} is not empty")
    write_project(out, STUDENT_README.format(title=f"{course.title} — student release"))
    copy_course(course.root, out, parts=("course.toml", "student_template"))
    with open(out / "course.toml", "a", encoding="utf-8") as settings:
        settings.write("\n# Written by grade release: a student release, graded from recorded reference values.\n"
                       "release = true\n")
    workflow = course.root / "docs" / "github-classroom-workflow.yml"
    if workflow.exists():
        (out / "docs").mkdir()
        shutil.copy(workflow, out / "docs" / workflow.name)
    names = []
    with Zygote() as zygote:
        for exercise in course.exercises:
            target = out / "assignments" / exercise.name
            target.mkdir(parents=True)
            shutil.copy(exercise.folder / "exercise.toml", target / "exercise.toml")
            (target / "checks.py").write_text(public_checks_source(exercise.checks_path.read_text()))
            for helper in exercise.folder.glob("*.py"):  # modules the checks load (course_module)
                if helper.name not in ("checks.py", CATALOG):
                    shutil.copy(helper, target / helper.name)
            recorder = RecordingReference(course.reference(exercise))
            released = type(exercise)(**{**exercise.__dict__, "folder": target})
            result = grade_exercise(course, released, course.reference_dir, zygote, reference=recorder)
            broken = [c for c in result.checks if c.status != Status.PASSED]
            if broken:
                raise ValueError(f"{exercise.name}: the reference fails public check '{broken[0].name}' "
                                 f"while recording: {broken[0].message}")
            recorder.save(target / FIXTURES)
            names.append(exercise.name)
    return names

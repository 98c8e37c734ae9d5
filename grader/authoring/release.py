"""`grade release OUT`: the student-facing course, without answers.

The release holds the grader, the stubs, the public checks and their metadata. It holds
no reference solutions, no hidden checks and no misconception catalogs. Public checks still
compare against the reference: at release time they are run once against the reference
with a `RecordingReference` (release_reference.py), which stores every value the checks
asked of it (seeded inputs make these the same values a student's run will ask for) in
`assignments/<ex>/fixtures.bin`. In the release, `Course.reference` returns a
`RecordedReference` that answers from that file.

Known mistakes are named in the release too, from recorded answers: each catalog entry is run
on the arguments of every call the checks make (`MistakeRecorder`, release_mistakes.py) into
`assignments/<ex>/mistakes.bin`. Beside the reference, the checks then grade every catalog
entry as a mutant, and a few automatic mutants of the reference: a wrong submission makes a
check ask what the reference never is asked (a property check shrinks its failing input), and
a student's mistake is likely to lead where one of these leads.
"""

from __future__ import annotations

import ast
import shutil
import tempfile
from pathlib import Path

from grader.authoring.automutation import generate_mutants
from grader.authoring.mutation import mutant_source
from grader.authoring.release_mistakes import MistakeRecorder
from grader.authoring.release_reference import RecordingReference
from grader.authoring.stubgen import write_generated_stubs
from grader.core.project import CourseIdentity, copy_course, course_identity, write_project
from grader.core.recorded import FIXTURES
from grader.core.recorded_mistakes import MISTAKES, recording
from grader.core.results import Status
from grader.misconceptions import CATALOG

RECORDING_SLACK = 4  # how many times an exercise's time limits the recording runs get
# Automatic mutants of the reference graded while recording, per exercise with a catalog: each
# leads the property checks' shrinking somewhere a student's mistake may lead too, and the inputs
# met there get the reference's and the catalog's answers (of the 11 ex1 files whose mistake the
# instructor's course names, the release names the same for 4 without them, 9 with 40).
AUTOMATIC_MUTANTS = 40


def student_readme(course, identity: CourseIdentity) -> str:
    """The release's README, written from the course: its title, its own command, its first
    exercise in the examples, and hidden checks mentioned only when it has some."""
    first = course.exercises[0].name if course.exercises else "ex1"
    hidden = any(_is_hidden(node) for exercise in course.exercises
                 for node in ast.parse(exercise.checks_path.read_text()).body)
    commands = [("grade init", "copies the exercise stubs into ./work"), ("cd work", ""),
                ("grade watch", "re-grades each time you save"), (f"grade {first}", f"grades {first}.py once"),
                (f"grade hint {first}", "stuck? hints, one at a time"), ("grade list", "your progress")]
    width = max(len(command) for command, _ in commands) + 2
    shown = "\n".join(f"    {command.ljust(width)}# {what}".rstrip(" #") if what else f"    {command}"
                      for command, what in commands)
    checks = ("Every check you see here is one the instructor also runs; a few more (hidden checks) are\n"
              "run on your final submission.") if hidden else \
        "Every check the instructor runs is one you see here: this course has no hidden checks."
    return f"""# {identity.title} — student release

Your folder for the course's exercises. Install it once, in a virtual environment:

    pip install torch==2.13.0 && pip install .

Then start, in any folder:

{shown}

{checks}

This course's own command is `{identity.command}` (the same as `grade`): with the releases of
several courses installed in one environment, `{identity.command} init` makes a workspace, and
`grade` in it grades with this course.
"""


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
    return ast.unparse(prune_unused(tree)) + "\n"


def _defined(node: ast.stmt) -> set[str]:
    """The module-level names a statement defines (functions, classes, plain assignments)."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {node.name}
    targets = node.targets if isinstance(node, ast.Assign) else \
        [node.target] if isinstance(node, (ast.AnnAssign, ast.AugAssign)) else []
    return {name.id for target in targets for name in ast.walk(target) if isinstance(name, ast.Name)}


def _used(node: ast.AST) -> set[str]:
    """Every name a statement reads, parameter names included (pytest fixtures are asked for
    by parameter name)."""
    names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    names |= {a.arg for n in ast.walk(node) if isinstance(n, ast.arguments)
              for a in n.posonlyargs + n.args + n.kwonlyargs}
    return names


def prune_unused(tree: ast.Module, roots: set[str] | None = None) -> ast.Module:
    """The module without the top-level definitions nothing kept uses: what only hidden checks
    used (their inputs, constants, helpers) is computed away, not listed by hand. Kept: every
    statement that defines no name (imports, calls), the check functions (or, for a helper
    module, the `roots` its checks use), and whatever they use, transitively."""
    definitions = [(node, _defined(node)) for node in tree.body]
    keep = set()
    for index, (node, names) in enumerate(definitions):
        is_import = isinstance(node, (ast.Import, ast.ImportFrom))
        is_check = isinstance(node, ast.FunctionDef) and node.name.startswith("check_")
        if is_import or not names or (roots is None and is_check) or (roots is not None and names & roots):
            keep.add(index)
    changed = True
    while changed:
        wanted = set().union(*(_used(definitions[i][0]) for i in keep)) | (roots or set())
        grown = {i for i, (_node, names) in enumerate(definitions) if names & wanted} | keep
        changed = grown != keep
        keep = grown
    tree.body = [node for index, (node, _names) in enumerate(definitions) if index in keep]
    return tree


def helper_roots(checks_source: str, helper: str) -> set[str]:
    """The names the (public) checks take from the helper module `helper`: attributes read on
    `course_module(__file__, "helper")` or on a name bound to it."""
    tree = ast.parse(checks_source)

    def loads_helper(node) -> bool:
        return isinstance(node, ast.Call) and getattr(node.func, "id", None) == "course_module" and \
            any(isinstance(a, ast.Constant) and a.value == helper for a in node.args)

    aliases = {t.id for n in ast.walk(tree) if isinstance(n, ast.Assign) and loads_helper(n.value)
               for t in n.targets if isinstance(t, ast.Name)}
    return {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)
            and (loads_helper(n.value) or (isinstance(n.value, ast.Name) and n.value.id in aliases))}


def build_release(course, out: Path) -> list[str]:
    """Write the student release into `out`; return the exercises it holds."""
    from grader.remote.launcher import Zygote

    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise ValueError(f"{out} is not empty")
    write_project(out, student_readme(course, course_identity(course.settings)), course_identity(course.settings))
    copy_course(course.root, out, parts=("course.toml", "student_template"))
    write_generated_stubs(course, out / "student_template")  # the stubs the references' solution markers make
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
            public = public_checks_source(exercise.checks_path.read_text())
            (target / "checks.py").write_text(public)
            for helper in exercise.folder.glob("*.py"):  # modules the checks load (course_module)
                if helper.name not in ("checks.py", CATALOG):
                    pruned = prune_unused(ast.parse(helper.read_text()), helper_roots(public, helper.stem))
                    (target / helper.name).write_text(ast.unparse(pruned) + "\n")
            # Recorded with the public seed: the release draws its property inputs the same way;
            # with roomy time limits, so that a busy machine does not fail the build (the release
            # keeps the exercise's own, in its exercise.toml).
            released = type(exercise)(**{**exercise.__dict__, "folder": target, "secret": None, "_catalog": None,
                                         "time_limit": exercise.time_limit * RECORDING_SLACK,
                                         "check_time_limit": exercise.check_time_limit * RECORDING_SLACK})
            record_answers(course, exercise, released, zygote)
            names.append(exercise.name)
    return names


def record_answers(course, exercise, released, zygote) -> None:
    """Grade the reference, then every catalog entry as a mutant, through the public checks
    of `released` (the exercise in the release), recording what the reference answered
    (fixtures.bin) and what each catalog entry answered on the same inputs (mistakes.bin).
    The mutants make the checks ask what a student making each mistake makes them ask: the
    inputs a property check shrinks to, the calls the matcher compares."""
    from grader.grading.runner import grade_exercise, grade_submissions

    catalog = exercise.catalog()
    mistakes = MistakeRecorder(catalog)
    recorder = RecordingReference(course.reference(exercise), observer=mistakes)
    released._catalog = mistakes.entries
    with recording(released.folder, mistakes.entries):
        result = grade_exercise(course, released, course.reference_dir, zygote, reference=recorder)
        mistakes.flush(recorder)
        broken = [c for c in result.checks if c.status != Status.PASSED]
        if broken:
            raise ValueError(f"{exercise.name}: the reference fails public check '{broken[0].name}' "
                             f"while recording: {broken[0].message}")
        recorder.strict = False  # what only a mutant asks and cannot be recorded is left out
        with tempfile.TemporaryDirectory(prefix="grader-release-") as folder:
            jobs = []
            sources = [mutant_source(course, exercise, entry) for entry in catalog]
            if catalog:  # more wrong versions lead the property checks' shrinking to more inputs
                reference = (course.reference_dir / exercise.filename).read_text()
                sources += [mutant.source for mutant in generate_mutants(reference, limit=AUTOMATIC_MUTANTS)]
            for index, source in enumerate(sources):
                job = Path(folder) / str(index)
                job.mkdir()
                (job / exercise.filename).write_text(source)
                jobs.append((index, job))
            grade_submissions(course, [released], jobs, zygote, lambda _key, _results: mistakes.flush(recorder),
                              reference=recorder)
    recorder.save(released.folder / FIXTURES)
    if catalog:
        mistakes.save(released.folder / MISTAKES)

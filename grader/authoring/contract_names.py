"""exercise.toml's `functions` held against the code, for `grade verify`.

The list is the exercise's contract: the engine's rule checks watch and judge those names, the
attack-class mutants wrap them, a notebook is matched to the exercise by them. So verify
requires that it says what the files do: the stub and the reference define every listed name
(a function, a class or a constant), every function the stub leaves to the student (one that
raises NotImplementedError) is listed, and every catalog entry replaces a listed function.
What does not match is said in one line.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

from grader.authoring.stubgen import generated_stub, reference_path, stub_path
from grader.core.static import top_level_names
from grader.grading.course import Course, Exercise


def _raises_not_implemented(function: ast.AST) -> bool:
    for node in ast.walk(function):
        if isinstance(node, ast.Raise) and node.exc is not None:
            raised = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if isinstance(raised, ast.Name) and raised.id == "NotImplementedError":
                return True
    return False


def left_to_the_student(tree: ast.Module) -> list[str]:
    """The stub's top-level functions that raise NotImplementedError: the ones the student writes."""
    return [node.name for node in tree.body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and _raises_not_implemented(node)]


def _parsed(text: str | None, label: str) -> tuple[ast.Module | None, str | None]:
    if text is None:
        return None, f"{label} is missing"
    try:
        return ast.parse(text), None
    except SyntaxError as exc:
        return None, f"{label}, line {exc.lineno}: {exc.msg}"


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def _is(names) -> str:
    return "is" if len(names) == 1 else "are"


def _quoted(names) -> str:
    return ", ".join(f"`{n}`" for n in names)


def contract_problem(course: Course, exercise: Exercise) -> str | None:
    """One line saying how exercise.toml's `functions` and the code disagree, or None."""
    listed = exercise.functions
    where = f"assignments/{exercise.name}/exercise.toml"
    if not listed:
        return (f"{where} lists no functions: name what the student's module must define, e.g. "
                f"functions = [\"...\"] (the rule checks and the attack mutants work from that list)")
    stub_label, reference_label = f"student_template/{exercise.filename}", f"reference/{exercise.filename}"
    stub_text = _read(stub_path(course, exercise))
    if stub_text is None:
        stub_text = generated_stub(course, exercise)
    stub, broken_stub = _parsed(stub_text, stub_label)
    reference, broken_reference = _parsed(_read(reference_path(course, exercise)), reference_label)
    if broken_stub or broken_reference:
        return "; ".join(p for p in (broken_stub, broken_reference) if p)
    in_stub, in_reference = top_level_names(stub.body), top_level_names(reference.body)
    parts = []
    in_neither = [n for n in listed if n not in in_stub and n not in in_reference]
    if in_neither:
        parts.append(f"{_quoted(in_neither)} {_is(in_neither)} defined by neither {stub_label} nor {reference_label}")
    for label, names in ((stub_label, in_stub), (reference_label, in_reference)):
        missing = [n for n in listed if n not in names and n not in in_neither]
        if missing:
            parts.append(f"{label} does not define {_quoted(missing)}")
    unlisted = [n for n in left_to_the_student(stub) if n not in listed]
    if unlisted:
        parts.append(f"the stub's {_quoted(unlisted)} {_is(unlisted)} not listed (it raises NotImplementedError: "
                     "the student writes it)")
    strays = [e.function for e in exercise.catalog() if e.function not in listed]
    if strays:
        counted = ", ".join(f"`{f}` ({strays.count(f)} entr{'y' if strays.count(f) == 1 else 'ies'})"
                            for f in dict.fromkeys(strays))
        parts.append(f"misconceptions.py replaces {counted}, not listed")
    if not parts:
        return None
    return f"{where}: functions = {json.dumps(listed)} does not match the code: " + "; ".join(parts)

"""The student's stub generated from the reference: one source per exercise.

A reference may mark the lines only it has:

    def scale(x, factor):
        '''Every element of x multiplied by factor.'''   <- kept: the student's instructions
        # BEGIN SOLUTION
        return x * factor
        # END SOLUTION

In the stub each marked block becomes `raise NotImplementedError` at the markers'
indentation (bare, as the course's hand-written stubs raise: the grader says "not implemented
yet"); a block at module level (a helper or import only the reference needs) is left out. The
markers are comments, so the reference stays a complete solution as it is. A reference
without markers has a stub written by hand, as before.

`grade stub NAME` writes the generated stub to student_template/NAME.py, `grade verify` fails
while that file differs from it, and `grade release` ships the generated one: the stub and
the reference cannot drift apart.
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

from grader.grading.course import Course, CourseError, Exercise

BEGIN, END = "# BEGIN SOLUTION", "# END SOLUTION"
PLACEHOLDER = "raise NotImplementedError"
# A comment that looks like a marker but is not exactly one ("#BEGIN SOLUTION", "### END
# SOLUTION", "# begin solution"): refused rather than copied into the stub with the answer.
_NEAR_MISS = re.compile(r"#+\s*(BEGIN|END)[\s_]*SOLUTION\b", re.IGNORECASE)


class MarkerError(CourseError, ValueError):
    """Solution markers that cannot make a stub (the message names the file and line). A
    ValueError too: `grade release` says it in one line, as its other refusals."""


def _scan(source: str, where: str) -> tuple[dict[int, str], set[int]]:
    """The comments that stand alone on their line (line number -> text; text in a string is
    no comment), and the lines that continue a token begun above (a multi-line string's)."""
    comments, continued = {}, set()
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT and not token.line[:token.start[1]].strip():
                comments[token.start[0]] = token.string.strip()
            continued.update(range(token.start[0] + 1, token.end[0] + 1))
    except (tokenize.TokenError, SyntaxError) as exc:
        raise MarkerError(f"{where}: not valid Python ({exc})") from None
    return comments, continued


def has_markers(source: str) -> bool:
    try:
        return any(comment in (BEGIN, END) for comment in _scan(source, "")[0].values())
    except MarkerError:
        return BEGIN in source  # not Python: stub_from_reference says why


def _indent(line: str) -> str:
    return line[:len(line) - len(line.lstrip())]


def stub_from_reference(source: str, where: str = "the reference") -> str:
    """The stub of a reference with solution markers: every marked block replaced by
    `raise NotImplementedError` at its markers' indentation (left out at module level).
    `where` names the file in errors."""
    comments, continued = _scan(source, where)
    stub: list[str] = []
    opened: tuple[int, str] | None = None  # the BEGIN marker's line number and indentation
    for number, line in enumerate(source.splitlines(keepends=True), start=1):
        text = comments.get(number, "")
        if text == BEGIN:
            if opened is not None:
                raise MarkerError(f"{where}, line {number}: {BEGIN} inside the block opened on line {opened[0]} "
                                  f"(close it with {END} first)")
            opened = (number, _indent(line))
        elif text == END:
            if opened is None:
                raise MarkerError(f"{where}, line {number}: {END} without a {BEGIN} above it")
            if _indent(line) != opened[1]:
                raise MarkerError(f"{where}, line {number}: {END} is not indented as the {BEGIN} of line "
                                  f"{opened[0]} (both markers sit at the block's indentation)")
            if opened[1]:
                stub.append(f"{opened[1]}{PLACEHOLDER}\n")
            opened = None
        elif _NEAR_MISS.match(text):
            raise MarkerError(f"{where}, line {number}: {text!r} is not a solution marker: write {BEGIN!r} or "
                              f"{END!r} exactly")
        elif opened is not None:
            if line.strip() and number not in continued and not line.startswith(opened[1]):
                raise MarkerError(f"{where}, line {number}: a line of the solution block opened on line "
                                  f"{opened[0]} is indented less than its {BEGIN}")
        else:
            stub.append(line)
    if opened is not None:
        raise MarkerError(f"{where}, line {opened[0]}: {BEGIN} is never closed with {END}")
    generated = "".join(stub)
    try:
        compile(generated, where, "exec")
    except SyntaxError as exc:
        raise MarkerError(f"{where}: the stub made from its solution markers is not valid Python (line "
                          f"{exc.lineno}: {exc.msg}): a block must hold whole statements") from None
    return generated


def reference_path(course: Course, exercise: Exercise) -> Path:
    return course.reference_dir / exercise.filename


def stub_path(course: Course, exercise: Exercise) -> Path:
    return course.template_dir / exercise.filename


def generated_stub(course: Course, exercise: Exercise) -> str | None:
    """The exercise's stub made from its reference's solution markers; None when the
    reference has none (its stub is written by hand) or is not there."""
    path = reference_path(course, exercise)
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    if not has_markers(source):
        return None
    return stub_from_reference(source, f"reference/{exercise.filename}")


def stub_drift(course: Course, exercise: Exercise) -> str | None:
    """Why student_template/<ex>.py is not the stub its reference's markers make, if it is not."""
    generated = generated_stub(course, exercise)
    if generated is None:
        return None
    path = stub_path(course, exercise)
    fix = f"run `grade stub {exercise.name}` to write it"
    try:
        written = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return f"student_template/{exercise.filename} is missing ({fix} from reference/{exercise.filename})"
    if written == generated:
        return None
    line = next((n for n, (a, b) in enumerate(zip(written.splitlines(), generated.splitlines()), start=1)
                 if a != b), min(len(written.splitlines()), len(generated.splitlines())) + 1)
    return (f"student_template/{exercise.filename} differs from the stub generated from reference/"
            f"{exercise.filename} (from line {line}): {fix}, or edit the reference, which is the one source")


def write_stub(course: Course, exercise: Exercise) -> bool | None:
    """Write the generated stub to student_template/<ex>.py; True when the file changed, False
    when it was already that, None when the reference has no markers (nothing written)."""
    generated = generated_stub(course, exercise)
    if generated is None:
        return None
    path = stub_path(course, exercise)
    if path.is_file() and path.read_text(encoding="utf-8") == generated:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(generated, encoding="utf-8")
    return True


def write_generated_stubs(course: Course, folder: Path) -> list[str]:
    """For `grade release`: the generated stub of every exercise whose reference has markers,
    written into `folder` (the release's student_template/); the exercises written."""
    written = []
    for exercise in course.exercises:
        generated = generated_stub(course, exercise)
        if generated is not None:
            Path(folder).mkdir(parents=True, exist_ok=True)
            (Path(folder) / exercise.filename).write_text(generated, encoding="utf-8")
            written.append(exercise.name)
    return written

"""What the `grade` commands share: exit statuses and BadInput, the course of this
invocation, lines and tables fitted to the terminal (`say`, `fitted`, `fitted_table`: the
report's fitting, reports/textfit.py), and the options of every grading command."""

from __future__ import annotations

import sys
from contextlib import contextmanager

import click

from grader.grading.course import Course, CourseError
from grader.serve.workspace import Workspace

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2

COURSE_OPTION = "grader.grading.course"  # where --course keeps its folder, in click's per-invocation meta


class BadInput(click.ClickException):
    """The input cannot be used: the reason on stderr, exit status 2."""

    exit_code = EXIT_BAD_INPUT


@contextmanager
def errors_fitted():
    """Click's "Error: ..." line, of any command, fitted to a terminal as every other note is
    (wrapped at spaces, a long path broken only after a `/`); click prints it, and its usage and
    hint lines, as ever. Into a pipe or a file an error stays one line, whole: what a script
    or a CI log greps for, with its path unbroken."""
    try:
        yield
    except click.ClickException as exc:
        if not getattr(exc, "grader_fitted", False) and _is_a_terminal(sys.stderr):
            whole = fitted(f"Error: {exc.format_message()}")
            exc.format_message = lambda: whole.removeprefix("Error: ")  # what click's show() prints
            exc.grader_fitted = True
        raise


def _is_a_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def locate_course() -> Course:
    """The course of this invocation, read once (help and command lookup ask for it often)."""
    context = click.get_current_context(silent=True)
    meta = context.meta if context is not None else {}
    if "grader.located" not in meta:
        chosen = meta.get(COURSE_OPTION)
        if chosen is not None:
            located = Course(chosen)
        else:
            workspace = Workspace.find()
            located = Course.locate(recorded=workspace.course if workspace else None,
                                    recorded_in=workspace.marker if workspace else None)
        meta["grader.located"] = located
    return meta["grader.located"]


def current_course() -> Course:
    """locate_course(), a course that cannot be used said as bad input."""
    try:
        return locate_course()
    except CourseError as exc:
        raise BadInput(str(exc)) from None


def course_line(course: Course) -> str:
    """Which course is in use, said whenever it is not the one that came with the grader."""
    return "" if course.is_bundled else fitted(f"Course: {course.title} ({course.root})")


def text_width() -> int:
    """The width the commands' own lines are fitted to, as the report's prose: the terminal's
    (80 on a pipe), at most TEXT_MAX_WIDTH."""
    from grader.reports.textfit import TEXT_MAX_WIDTH, terminal_width

    return min(terminal_width(), TEXT_MAX_WIDTH)


def fitted(text: str, width: int | None = None) -> str:
    """Lines a command prints itself, fitted as the report's are: each wrapped at spaces to the
    terminal (a word that fits a line is never split, a long path is broken only after a `/`),
    its later lines indented two columns more."""
    from grader.reports.textfit import wrap

    width = width or text_width()
    return "\n".join(line for paragraph in text.split("\n") for line in wrap(paragraph, width, rest="  "))


def say(text: str = "", err: bool = False, nl: bool = True) -> None:
    """click.echo of lines the command says itself (stderr when `err`), fitted to the terminal."""
    click.echo(fitted(text), err=err, nl=nl)


def say_path(text: str) -> None:
    """A line holding a path to copy: fitted on a terminal (the path broken only after a `/`),
    whole into a pipe or a file, where a script reads it."""
    click.echo(fitted(text) if _is_a_terminal(sys.stdout) else text)


def fitted_table(rows: list[list], headers: list[str], caps: list[int | None] | None = None) -> str:
    """A boxed table within the terminal: its columns narrowed (cells wrapped at spaces), or a
    line per row when no grid fits (reports/tablefit.py)."""
    from grader.reports.tablefit import fitted_grid
    from grader.reports.textfit import terminal_width

    return fitted_grid(rows, headers, terminal_width(), caps)


def tabulate(*args, **kwargs) -> str:
    """tabulate's, imported on first use: `grade ex3` draws no grid (~30 ms of start-up)."""
    from tabulate import tabulate as draw

    return draw(*args, **kwargs)


def grading_options(function):
    """--submission, --format, --verbose and --require-sandbox: `grade ex3`'s and `grade all`'s."""
    function = click.option("--require-sandbox", is_flag=True,
                            help="Refuse to run submissions unless every sandbox layer "
                                 "(netns, landlock, seccomp, rlimits) is available.")(function)
    function = click.option("--verbose", "-v", is_flag=True,
                            help="List passing checks too, and show what the code printed.")(function)
    function = click.option("--format", "fmt",
                            type=click.Choice(["text", "table", "json", "markdown", "junit", "gradescope"]),
                            default="text", show_default=True,
                            help="text: what to fix first, fitted to the terminal; table: every check in a grid; "
                                 "json for tools, markdown for reports, junit for CI (GitHub Classroom), "
                                 "gradescope for Gradescope's results.json.")(function)
    function = click.option("--submission", "-s", metavar="DIR",
                            help="Folder holding the exercise files, e.g. ex3.py (default: the current folder if it has "
                                 "them, else the untouched templates).")(function)
    return function

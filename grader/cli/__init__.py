"""The `grade` command.

    grade ex3                 grade one exercise (every exercise is a command of its own)
    grade all                 grade every exercise: a summary row each, then what to fix
    grade list                the exercises, their titles and points
    grade verify              course CI: references earn full marks, stubs earn zero
    grade new NAME            scaffold a new exercise in the course folder
    grade stub NAME           the stub made from the reference's solution markers
    grade docs [TOPIC]        the documentation that came with the grader

Exit status: 0 every check passed, 1 some check did not, 2 bad usage or input.

This module holds the `main` group (its built-in commands and one per exercise of the
course) and `run`, the console script. The commands live by audience: student.py (the
exercises, all, list, init, hint, watch), classroom.py (batch, merge), authoring.py (release,
new, stub, gradescope, verify), course.py, server.py and docs.py; common.py holds what they
share.
"""

from __future__ import annotations

import inspect
import os
import re
import sys
from pathlib import Path

import click

from grader.cli.authoring import gradescope, new, release, stub, verify
from grader.cli.classroom import batch, merge
from grader.cli.common import COURSE_OPTION, BadInput, errors_fitted, locate_course, say
from grader.cli.course import course_group
from grader.cli.docs import docs
from grader.cli.server import server_group
from grader.cli.student import exercise_command, grade_all, hint, init, list_exercises, watch
from grader.core.project import COMMAND_PREFIX, installed_courses
from grader.grading.course import BUNDLED_DIR, CourseError

# Commands a student release leaves out of `grade --help` (they need the reference solutions).
INSTRUCTOR_COMMANDS = ("batch", "merge", "release", "gradescope", "verify", "new", "stub")


class CourseGroup(click.Group):
    """Built-in commands plus one command per exercise found in the course."""

    def _builtin(self, ctx) -> list[str]:
        try:
            release = locate_course().is_release
        except CourseError:
            release = False
        names = super().list_commands(ctx)
        return [n for n in names if n not in INSTRUCTOR_COMMANDS] if release else names

    def list_commands(self, ctx):
        try:
            names = [e.name for e in locate_course().exercises]
        except CourseError:
            names = []
        return self._builtin(ctx) + names

    def get_command(self, ctx, name):
        command = super().get_command(ctx, name)
        if command is not None:
            return command
        try:
            course = locate_course()
        except CourseError as exc:  # say why (an untrusted or broken course), not "no such command"
            raise BadInput(str(exc)) from None
        try:
            return exercise_command(course.exercise(name))
        except CourseError:
            return None

    def make_context(self, info_name, args, parent=None, **extra):
        with errors_fitted():  # `grade --course x`'s own options
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx):
        with errors_fitted():  # every command's, from its arguments to its end
            return super().invoke(ctx)

    def format_help_text(self, ctx, formatter):
        """`grade --help`'s text, about the course in use (its name, its exercises)."""
        try:
            text = course_help(locate_course())
        except CourseError:
            text = self.help
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(inspect.cleandoc(text))

    def format_commands(self, ctx, formatter):
        builtin = [(n, self.commands[n]) for n in self._builtin(ctx)]
        exercises = [(n, self.get_command(ctx, n)) for n in self.list_commands(ctx) if n not in self.commands]
        for title, pairs in (("Commands", builtin), ("Exercises", exercises)):
            if pairs:
                with formatter.section(title):
                    formatter.write_dl([(n, c.get_short_help_str(60)) for n, c in pairs])


def course_help(course) -> str:
    """The group's help for `course`: named by its course.toml's `short_title` (else its title),
    its examples on its `example` exercise (else its first), `grade new` on the name after its
    last."""
    names = [e.name for e in course.exercises] or ["ex1"]
    short = course.settings.get("short_title")
    named = f"{short}'s" if isinstance(short, str) and short.strip() else course.title
    example = course.settings.get("example")
    example = example if example in names else names[0]
    numbered = re.fullmatch(r"(.*?)(\d+)", names[-1])
    following = f"{numbered.group(1)}{int(numbered.group(2)) + 1}" if numbered else f"{names[-1]}2"
    # A student release lists no instructor command (CourseGroup._builtin), so its help shows none.
    instructors = "" if course.is_release else f"""
    Instructors:  grade verify         (reference = full marks, stubs = zero)
                  {f"grade new {following}":<21}(a new exercise, in your course folder)"""
    return f"""Grade the PyTorch exercises of a course ({named}, unless told otherwise).

    \b
    Students:     {f"grade {example}":<21}(run it in the folder holding your {example}.py)
                  grade all            (every exercise, a summary row each){instructors}

    Exit status: 0 when every check passed, 1 when some did not, 2 on bad usage or input.
    """


def _use_course(ctx, param, value):
    if value is not None:  # batch slots are handed the course's folder; workers never need it
        ctx.meta[COURSE_OPTION] = value.resolve()
    return value


@click.group(cls=CourseGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--course", type=click.Path(file_okay=False, path_type=Path), metavar="DIR", is_eager=True,
              expose_value=False, callback=_use_course,
              help="The course folder (holding course.toml). Default: $GRADER_COURSE, else the nearest "
                   "folder at or above this one with a course.toml (once trusted: grade course trust DIR), "
                   "else the course your workspace was "
                   "made from, else the course installed with the grader.")
def main():
    """Grade the PyTorch exercises of a course (chapter 2's, unless told otherwise).

    \b
    Students:     grade ex3            (run it in the folder holding your ex3.py)
                  grade all            (every exercise, a summary row each)
    Instructors:  grade verify         (reference = full marks, stubs = zero)
                  grade new ex10       (a new exercise, in your course folder)

    Exit status: 0 when every check passed, 1 when some did not, 2 on bad usage or input.
    """


for command in (grade_all, list_exercises, init, hint, watch,  # student.py
                batch, merge,  # classroom.py
                release, new, stub, gradescope, verify,  # authoring.py
                course_group, server_group,  # course.py, server.py
                docs):  # docs.py
    main.add_command(command)
del command


def _command_course(program: str) -> list[str]:
    """`grade-<slug>`, an installed course's own command, grades with that course (several
    courses may be installed side by side: grader/core/project.py); `grade` finds its course."""
    if not program.startswith(COMMAND_PREFIX) or any(a == "--course" or a.startswith("--course=") for a in sys.argv):
        return []
    root = installed_courses(BUNDLED_DIR).get(program)
    return ["--course", str(root)] if root is not None else []


def _current_folder_gone() -> bool:
    try:
        os.getcwd()
    except FileNotFoundError:
        return True
    return False


def run() -> None:
    """The `grade` console script: `main`, then an exit that skips tearing torch down
    (~0.4 s of every `grade ex3`) once everything is written."""
    if _current_folder_gone():  # every command reads it: Python's, torch's and click's own code too
        say("grade: the current folder no longer exists (deleted or moved since this shell entered it): "
            "cd into a folder and run again.", err=True)
        sys.exit(2)
    try:
        main(args=_command_course(Path(sys.argv[0]).name) + sys.argv[1:])
    except SystemExit as exc:
        code = exc.code
    else:
        code = 0
    if "torch" not in sys.modules:
        sys.exit(code)
    if isinstance(code, str):
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass  # a closed pipe (`grade all | head`): nothing more can be said
    os._exit(code or 0)

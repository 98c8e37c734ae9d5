"""`grade course trust|forget|list`: which course folders `grade` may load by itself."""

from __future__ import annotations

from pathlib import Path

import click

from grader.cli.common import BadInput, fitted, locate_course, say_path
from grader.grading.course import COURSE_FILE, Course, CourseError


@click.group(name="course")
def course_group():
    """Which course folders `grade` may load when it finds them by itself.

    \b
    A course's checks run as you, so a course.toml found in the current folder (or above
    it), or recorded in a workspace, is used only once you trust its folder, like direnv's
    allow: a student's submission that ships its own course.toml never grades itself.
    Courses named with --course or $GRADER_COURSE, and the one installed with the grader,
    need no trust. `grade init` and `grade new` trust the course they work on.
    """


@course_group.command(name="trust")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
def course_trust(folder):
    """Trust the course in FOLDER (it must hold a course.toml)."""
    from grader.core import trust

    if not (folder / COURSE_FILE).is_file():
        raise BadInput(f"{folder.resolve()}: no {COURSE_FILE} here, so no course to trust")
    try:
        Course(folder)  # a broken course is named now, not at the next grade
    except CourseError as exc:
        raise BadInput(str(exc)) from None
    added = trust.trust(folder)
    say_path(f"{'Trusted' if added else 'Already trusted'}: {folder.resolve()}")


@course_group.command(name="forget")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def course_forget(folder):
    """Stop trusting the course in FOLDER."""
    from grader.core import trust

    if not trust.forget(folder):
        raise BadInput(f"{folder.resolve()} was not trusted")
    say_path(f"No longer trusted: {folder.resolve()}")


@course_group.command(name="list")
def course_list():
    """The course folders you trust, and the course in use here."""
    from grader.core import trust

    folders = trust.trusted()
    click.echo("Trusted course folders:" if folders else "No trusted course folders (grade course trust DIR).")
    for folder in folders:
        say_path(f"  {folder}{'' if (folder / 'course.toml').is_file() else '  (no course.toml now)'}")
    try:
        course = locate_course()
        click.echo(fitted(f"In use here: {course.title} ({course.root})"))
    except CourseError as exc:
        click.echo(fitted(f"In use here: none ({exc})"))

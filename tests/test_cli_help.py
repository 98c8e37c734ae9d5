"""Every `grade ... --help` is byte-identical to its snapshot in tests/cli_help/.

The commands are found by walking click's command tree (built-in commands, their
subcommands, and one command per exercise of this repository's course), so a command added
later is covered too: until its snapshot is written, its test fails saying so. A snapshot no
command prints any more fails as well.

The snapshots are what `COLUMNS=80 grade <command> --help` prints in a terminal (run from
this repository with GRADER_SERVER=0). In a terminal click wraps help to the width less two
columns (78 here); CliRunner instead forces the width it is given, so the tests give it 78.

After an intended change of a help text (or a new command), regenerate the snapshots and
review the diff before committing it:

    UPDATE_CLI_HELP=1 python -m pytest -q tests/test_cli_help.py
    git diff tests/cli_help/

(only the snapshots that differ or are missing are written; stale ones are removed).
"""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from conftest import REPO
from grader.cli import main

SNAPSHOTS = Path(__file__).parent / "cli_help"
COLUMNS = 80
HELP_WIDTH = COLUMNS - 2  # click's width for a terminal of COLUMNS (HelpFormatter: columns - 2, at most 78)
UPDATE = os.environ.get("UPDATE_CLI_HELP") == "1"
ENV = {"GRADER_SERVER": "0", "GRADER_COURSE": str(REPO)}  # this repository's course, wherever pytest runs


@contextmanager
def _course_env():
    saved = {name: os.environ.get(name) for name in ENV}
    os.environ.update(ENV)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _walk(command: click.Command, path: tuple[str, ...], ctx: click.Context):
    yield path
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            with click.Context(sub, info_name=name, parent=ctx) as child:
                yield from _walk(sub, path + (name,), child)


def command_paths() -> list[tuple[str, ...]]:
    """("grade",), ("grade", "all"), ..., ("grade", "course", "trust"), ..., ("grade", "ex3"), ..."""
    with _course_env(), click.Context(main, info_name="grade") as ctx:  # the course is cached in ctx.meta
        return list(_walk(main, ("grade",), ctx))


def snapshot_of(path: tuple[str, ...]) -> Path:
    return SNAPSHOTS / ("-".join(path) + ".txt")


PATHS = command_paths()


@pytest.mark.parametrize("path", PATHS, ids=lambda path: " ".join(path))
def test_help_is_unchanged(path):
    result = CliRunner().invoke(main, [*path[1:], "--help"], prog_name="grade", terminal_width=HELP_WIDTH, env=ENV)
    assert result.exit_code == 0, result.output
    snapshot = snapshot_of(path)
    if UPDATE and (not snapshot.exists() or snapshot.read_text() != result.output):
        snapshot.write_text(result.output)
    assert snapshot.exists(), (f"no help snapshot for `{' '.join(path)}` ({snapshot}): write it with "
                               "UPDATE_CLI_HELP=1 python -m pytest tests/test_cli_help.py")
    assert result.output == snapshot.read_text(), \
        f"`{' '.join(path)} --help` changed; if intended, see this file's docstring to regenerate {snapshot.name}"


def test_every_snapshot_is_of_a_command():
    expected = {snapshot_of(path).name for path in PATHS}
    stale = sorted(p.name for p in SNAPSHOTS.glob("*.txt") if p.name not in expected)
    if UPDATE:
        for name in stale:
            (SNAPSHOTS / name).unlink()
        return
    assert not stale, f"snapshots of no command (remove them, or UPDATE_CLI_HELP=1): {stale}"


def test_the_console_script_prints_the_same_help():
    """The real process (`python -m grader.cli`, through `run`) in a terminal of COLUMNS."""
    done = subprocess.run([sys.executable, "-m", "grader.cli", "--help"], cwd=REPO, capture_output=True,
                          env={**os.environ, **ENV, "COLUMNS": str(COLUMNS)}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().replace("python -m grader.cli", "grade") == snapshot_of(("grade",)).read_text()

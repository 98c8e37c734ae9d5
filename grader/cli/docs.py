"""`grade docs [TOPIC]`: the documentation that came with this grader, printed.

The package carries the checkout's docs/ folder as grader/docs (package data), so a wheel or a
student release has the same guide as a clone: `grade docs authoring` (writing a course of
your own), `grade docs api` (the checks API), and the other pages as topics of their own.
It needs no course: the pages are the engine's.
"""

from __future__ import annotations

from pathlib import Path

import click

from grader.cli.common import BadInput
from grader.core.project import ENGINE_DIR

DOCS_DIR = ENGINE_DIR / "docs"
SUFFIXES = (".md", ".yml")


def topics() -> dict[str, Path]:
    """Every page by its topic, the file's name without its suffix, in alphabetical order."""
    if not DOCS_DIR.is_dir():
        return {}
    return {path.stem: path for path in sorted(DOCS_DIR.iterdir()) if path.suffix in SUFFIXES}


def summary(path: Path) -> str:
    """What a page is about: its first line, without the heading's or comment's marks."""
    with open(path, encoding="utf-8") as handle:
        return handle.readline().strip().lstrip("#").strip()


@click.command()
@click.argument("topic", required=False)
def docs(topic):
    """Print the grader's documentation on TOPIC, or list the topics.

    \b
    grade docs authoring   writing a course of your own, one exercise worked through
    grade docs api         the checks API: every function a course's checks use
    """
    found = topics()
    if not found:
        raise BadInput(f"this grader was installed without its documentation ({DOCS_DIR} is missing)")
    if topic is None:
        width = max(map(len, found))
        click.echo("\n".join(f"{name:<{width}}   {summary(path)}" for name, path in found.items()))
        click.echo("\nPrint one with: grade docs TOPIC")
        return
    if topic not in found:
        raise BadInput(f"no documentation on {topic!r}: the topics are {', '.join(found)}")
    click.echo_via_pager(found[topic].read_text(encoding="utf-8"))

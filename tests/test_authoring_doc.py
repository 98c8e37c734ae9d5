"""Every code block of docs/authoring.md runs, in order, the way a reader would run them: the
guide's worked exercise, built from the guide alone in an empty folder, verifies green, and
its student release grades the reference.

How the guide's blocks are read (`guide_steps`):

- a ```bash block runs in bash (-e) in the folder the previous one ended in (the first one in
  an empty temporary folder), `grade` being this checkout's; it must exit with status 0, or
  with N when `<!-- exits with N -->` comes right before it;
- a ```text block right after a bash block is that block's output: its text, spaces and line
  breaks aside, must be part of what the commands printed;
- a ```python or ```toml block right after `<!-- file: PATH -->` is written to PATH (relative
  to the current folder), replacing it; after `<!-- file: PATH, continued -->` it is appended.

Any other block fails the test: whatever the guide shows must run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import REPO

GUIDE = REPO / "docs" / "authoring.md"
BLOCK = re.compile(r"(?:<!-- (?P<marker>[^>]*?) -->\n)?```(?P<language>\w*)\n(?P<code>.*?)^```\s*$",
                   re.DOTALL | re.MULTILINE)


@dataclass
class Step:
    kind: str  # "run", "output" or "file"
    code: str
    line: int  # where the block starts in the guide, for the failure message
    path: str = ""  # a file step's
    append: bool = False
    status: int = 0  # a run step's expected exit status


def guide_steps(text: str) -> list[Step]:
    """The guide's code blocks as the steps they stand for, in order; ValueError for a block
    that would not run."""
    steps = []
    for match in BLOCK.finditer(text):
        line = text.count("\n", 0, match.start("code"))
        marker, language, code = match["marker"] or "", match["language"], match["code"]
        file = re.fullmatch(r"file: (\S+?)(, continued)?", marker)
        exits = re.fullmatch(r"exits with (\d+)", marker)
        if language in ("python", "toml") and file:
            steps.append(Step("file", code, line, path=file[1], append=bool(file[2])))
        elif language == "bash" and (exits or not marker):
            steps.append(Step("run", code, line, status=int(exits[1]) if exits else 0))
        elif language == "text" and not marker and steps and steps[-1].kind == "run":
            steps.append(Step("output", code, line))
        else:
            raise ValueError(f"docs/authoring.md, line {line}: a ```{language} block"
                             + (f" after <!-- {marker} -->" if marker else "") + " that the test cannot run "
                             "(a shell block is ```bash; a file needs <!-- file: PATH --> before it; output is "
                             "```text right after its shell block)")
    return steps


def _words(text: str) -> str:
    return " ".join(text.split())


def test_every_block_of_the_guide_is_one_the_test_runs():
    steps = guide_steps(GUIDE.read_text(encoding="utf-8"))
    kinds = {step.kind for step in steps}
    assert kinds == {"run", "file", "output"}
    for step in steps:
        if step.kind == "file":
            assert not Path(step.path).is_absolute() and ".." not in Path(step.path).parts[1:], step.path
            if step.path.endswith(".py"):
                compile(step.code, step.path, "exec")


@pytest.mark.timeout(1500)
def test_the_guide_builds_an_exercise_that_verifies_and_releases(tmp_path):
    """The whole guide, from `mkdir` to `grade release`: a few minutes, most of them grade verify's
    mutants of one exercise."""
    home = tmp_path / "reader"
    home.mkdir()
    env = {key: value for key, value in os.environ.items() if key not in ("GRADER_COURSE", "PYTHONPATH")}
    env.update(PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}", GRADER_SERVER="0",
               GRADER_CONFIG_DIR=str(tmp_path / "config"), XDG_CACHE_HOME=str(tmp_path / "cache"), COLUMNS="100")
    folder, last = home, None
    where = tmp_path / "pwd"
    for step in guide_steps(GUIDE.read_text(encoding="utf-8")):
        at = f"docs/authoring.md, the block at line {step.line}"
        if step.kind == "file":
            path = folder / step.path
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "a" if step.append else "w", encoding="utf-8") as handle:
                handle.write(step.code)
        elif step.kind == "run":
            script = f"set -e\n{step.code}\npwd > {where}\n"
            last = subprocess.run(["bash", "-c", script], cwd=folder, env=env, capture_output=True, text=True,
                                  timeout=1200)
            output = last.stdout + last.stderr
            assert last.returncode == step.status, f"{at} exited with {last.returncode}:\n{output[-6000:]}"
            if step.status == 0:
                folder = Path(where.read_text().strip())
        else:
            printed = last.stdout + last.stderr
            assert _words(step.code) in _words(printed), f"{at} is not what the commands printed:\n{printed[-4000:]}"

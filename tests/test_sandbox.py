"""The sandbox line, --require-sandbox, and the layers' own guarantees seen from inside a worker."""

from __future__ import annotations

import shutil

import pytest

from click.testing import CliRunner

from conftest import REPO
from grader.cli import main
from grader.runner import grade_exercise
from grader.sandbox import ALL_LAYERS, Limits, available_layers


def test_report_names_the_layers_in_force(tmp_path):
    shutil.copy(REPO / "reference" / "ex3.py", tmp_path / "ex3.py")
    result = CliRunner().invoke(main, ["ex3", "-s", str(tmp_path)])
    line = [l for l in result.output.splitlines() if l.startswith("sandbox:")][0]
    for layer in available_layers():
        assert layer in line


def test_require_sandbox_passes_where_every_layer_works(tmp_path):
    if set(available_layers()) != set(ALL_LAYERS):
        pytest.skip("this machine lacks a sandbox layer; the refusal test covers that case")
    shutil.copy(REPO / "reference" / "ex3.py", tmp_path / "ex3.py")
    result = CliRunner().invoke(main, ["ex3", "-s", str(tmp_path), "--require-sandbox"])
    assert result.exit_code == 0


def test_missing_layer_with_require_sandbox_refuses_to_run_the_code(course, zygote, tmp_path):
    marker = tmp_path / "ran.txt"
    (tmp_path / "ex3.py").write_text(f"open({str(marker)!r}, 'w').write('ran')\n")
    limits = Limits(skipped_layers=("landlock",), required_layers=ALL_LAYERS)
    result = grade_exercise(course, course.exercise("ex3"), tmp_path, zygote, limits)
    assert "sandbox layer(s) landlock unavailable" in result.error
    assert result.score == 0
    assert not marker.exists()


def test_without_require_sandbox_a_missing_layer_is_reported_not_fatal(course, zygote, tmp_path):
    shutil.copy(REPO / "reference" / "ex3.py", tmp_path / "ex3.py")
    result = grade_exercise(course, course.exercise("ex3"), tmp_path, zygote, Limits(skipped_layers=("seccomp",)))
    assert result.score == result.max_score
    assert "seccomp" not in result.sandbox
    from grader.report import sandbox_line

    assert "unavailable here: seccomp" in sandbox_line([result])

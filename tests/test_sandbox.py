"""The sandbox line, --require-sandbox, and the layers' own guarantees seen from inside a worker."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from click.testing import CliRunner

from conftest import REPO
from grader.cli import main
from grader.grading.runner import grade_exercise
from grader.remote.sandbox import ALL_LAYERS, Limits, available_layers


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
    from grader.reports.report import sandbox_line

    assert "unavailable here: seccomp" in sandbox_line([result])


# A submission that looks for local servers: the user's grading server, a database, a desktop
# bus. Landlock and the network namespace leave UNIX-socket connect() open; seccomp closes it.
REACH_OUT = '''
import socket
ATTEMPTS = []
def _attempt(name, action):
    try:
        action()
        ATTEMPTS.append(name + ":succeeded")
    except OSError as exc:
        ATTEMPTS.append(name + ":" + type(exc).__name__)
def _connect_path():
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect({path!r})
    s.sendall(b'{{"op": "grade", "protocol": 2}}\\n')
def _connect_abstract():
    socket.socket(socket.AF_UNIX, socket.SOCK_STREAM).connect("\\0" + {abstract!r})
def _socketpair():
    socket.socketpair()
def _connect_tcp():
    socket.socket(socket.AF_INET, socket.SOCK_STREAM).connect(("127.0.0.1", 9))
for _name, _action in (("path", _connect_path), ("abstract", _connect_abstract), ("pair", _socketpair),
                       ("tcp", _connect_tcp)):
    _attempt(_name, _action)
print("ATTEMPTS", ATTEMPTS)
'''


def test_graded_code_reaches_no_local_socket(tmp_path):
    """Through the real command: a named and an abstract UNIX socket listening on this machine
    are never reached, and the attempts fail with PermissionError, not a crash of the grade."""
    import socket
    import tempfile

    if "seccomp" not in available_layers():
        pytest.skip("seccomp is unavailable here")
    folder = Path(tempfile.mkdtemp(prefix="us-"))  # a socket path holds at most 107 bytes
    named = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    named.bind(str(folder / "server.sock"))
    named.listen(4)
    named.setblocking(False)
    abstract_name = f"grader-test-{os.getpid()}"
    abstract = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    abstract.bind("\0" + abstract_name)
    abstract.listen(4)
    abstract.setblocking(False)
    try:
        source = (REPO / "reference" / "ex3.py").read_text() + REACH_OUT.format(
            path=str(folder / "server.sock"), abstract=abstract_name)
        (tmp_path / "ex3.py").write_text(source)
        result = CliRunner().invoke(main, ["ex3", "-s", str(tmp_path), "--verbose", "--format", "text"])
        assert result.exit_code == 0, result.output
        for listener in (named, abstract):
            with pytest.raises(BlockingIOError):
                listener.accept()  # nobody knocked
        printed = "".join(result.output.replace("|", "").split())  # the report wraps what the code printed
        assert "ATTEMPTS['path:PermissionError','abstract:PermissionError','pair:PermissionError'," \
               "'tcp:PermissionError']" in printed
    finally:
        named.close()
        abstract.close()
        shutil.rmtree(folder, ignore_errors=True)

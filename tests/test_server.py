"""The background grading server, through the real `grade` command: it gives the grades
in-process grading gives, is never used when out of date, and every way it can be missing,
foreign, old, dead or unable to write ends in a right grade, not a traceback."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EX3_POINTS, REPO
from grader import cli
from grader.serve import serverfiles, serverlink, serverwire

CORRECT = (REPO / "reference" / "ex3.py").read_text()
WRONG = CORRECT.replace("x @ W1.T", "x @ W1")


@pytest.fixture
def runtime():
    """A private runtime folder (short: a socket path has at most 107 bytes) and an
    environment that turns the server on; whatever server it started is stopped after."""
    folder = Path(tempfile.mkdtemp(prefix="gs-"))
    env = {**os.environ, "GRADER_SERVER": "1", "GRADER_SERVER_DIR": str(folder / "rt"), "GRADER_COURSE": str(REPO)}
    yield folder, env
    subprocess.run([sys.executable, "-m", "grader.cli", "server", "stop"], env=env, capture_output=True, timeout=60)
    shutil.rmtree(folder, ignore_errors=True)


def submission(folder: Path, source: str, name: str) -> Path:
    target = folder / name
    target.mkdir(exist_ok=True)
    (target / "ex3.py").write_text(source)
    return target


def grade(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "grader.cli", *args], env=env, capture_output=True, text=True,
                          timeout=180)


def server_pid(env: dict) -> int | None:
    done = grade(env, "server", "status")
    if "No grading server" in done.stdout:
        return None
    return int(done.stdout.split("pid ")[1].split(",")[0])


def verdicts(stdout: str) -> list:
    data = json.loads(stdout)
    return [data["score"], data["error"]] + [(c["id"], c["status"], c["message"]) for c in data["checks"]]


def test_server_grades_like_in_process_and_is_reused(runtime):
    folder, env = runtime
    wrong, right = submission(folder, WRONG, "wrong"), submission(folder, CORRECT, "right")
    assert server_pid(env) is None
    first = grade(env, "ex3", "-s", str(wrong), "--format", "json")
    pid = server_pid(env)
    assert pid is not None, first.stderr
    here = grade({**env, "GRADER_SERVER": "0"}, "ex3", "-s", str(wrong), "--format", "json")
    assert first.returncode == here.returncode == 1
    assert verdicts(first.stdout) == verdicts(here.stdout)
    assert "x @ W1 instead of x @ W1.T" in first.stdout
    again = grade(env, "ex3", "-s", str(right))
    assert again.returncode == 0 and f"Score: {EX3_POINTS}/{EX3_POINTS}" in again.stdout
    assert server_pid(env) == pid  # the same server answered
    status = grade(env, "server", "status").stdout
    assert "2 grades served" in status and str(REPO) in status
    stopped = grade(env, "server", "stop")
    assert f"Stopped the grading server (pid {pid})" in stopped.stdout
    assert server_pid(env) is None
    assert not list((folder / "rt").glob("*.sock"))  # it removed its socket


def test_a_server_is_never_used_once_the_course_changed(runtime, tmp_path):
    folder, env = runtime
    course = tmp_path / "course"
    course.mkdir()
    for part in ("course.toml", "assignments", "reference", "student_template"):
        (shutil.copytree if (REPO / part).is_dir() else shutil.copy)(REPO / part, course / part)
    env = {**env, "GRADER_COURSE": str(course)}
    right = submission(folder, CORRECT, "right")
    before = grade(env, "ex3", "-s", str(right))
    assert before.returncode == 0, before.stdout + before.stderr
    old_pid = server_pid(env)
    checks = course / "assignments" / "ex3" / "checks.py"
    checks.write_text(checks.read_text().replace('@check("forward returns shape', '@check("RENAMED forward returns shape'))
    after = grade(env, "ex3", "-s", str(right), "--verbose")
    assert "RENAMED forward returns shape" in after.stdout  # graded with the course as it is now
    new_pid = server_pid(env)
    assert new_pid not in (None, old_pid)
    assert not _alive(old_pid)


def test_a_server_of_an_older_grader_is_replaced(runtime):
    """A server started with another grader's fingerprint (the grader was reinstalled or
    edited underneath it) says it is stale; `grade` stops it and starts a current one."""
    folder, env = runtime
    place = serverfiles.Place(_private(folder))
    old = subprocess.Popen([sys.executable, "-m", "grader.serve.server", str(place.socket), "60", "an-older-grader"],
                           env=env, start_new_session=True)
    _wait_for(place.socket)
    done = grade(env, "ex3", "-s", str(submission(folder, CORRECT, "right")))
    assert done.returncode == 0 and f"Score: {EX3_POINTS}/{EX3_POINTS}" in done.stdout, done.stderr
    assert old.wait(timeout=30) is not None
    assert server_pid(env) not in (None, old.pid)


FAKE_SERVER = """
import json, socket, sys, os
listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
listener.bind(sys.argv[1]); listener.listen(4)
while True:
    connection, _ = listener.accept()
    connection.recv(1 << 16)
    reply = {behaviour!r}
    if reply == "hang up":
        connection.close()
    else:
        connection.sendall(reply.encode() + b"\\n")
        connection.close()
"""


@pytest.mark.parametrize("behaviour", [
    json.dumps({"status": "ok", "protocol": 0, "results": []}),  # a server of an older protocol
    "this is not json",  # something else entirely listens there
    "hang up",  # a server that crashes while grading
])
def test_a_foreign_old_or_crashing_server_never_costs_a_grade(runtime, behaviour):
    folder, env = runtime
    place = serverfiles.Place(_private(folder))
    fake = subprocess.Popen([sys.executable, "-c", FAKE_SERVER.format(behaviour=behaviour), str(place.socket)],
                            start_new_session=True)
    try:
        _wait_for(place.socket)
        done = grade(env, "ex3", "-s", str(submission(folder, WRONG, "wrong")))
        assert done.returncode == 1, done.stderr
        assert "x @ W1 instead of x @ W1.T" in done.stdout
        assert "Traceback" not in done.stdout + done.stderr
    finally:
        fake.kill()
        fake.wait()


def test_a_socket_left_by_a_dead_server_is_replaced(runtime):
    folder, env = runtime
    place = serverfiles.Place(_private(folder))
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(str(place.socket))  # bound, never listening, closed: what a killed server leaves
    dead.close()
    done = grade(env, "ex3", "-s", str(submission(folder, CORRECT, "right")))
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert server_pid(env) is not None


def test_a_folder_others_can_enter_is_refused(runtime):
    folder, env = runtime
    shared = folder / "rt"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    done = grade(env, "ex3", "-s", str(submission(folder, WRONG, "wrong")))
    assert done.returncode == 1 and "x @ W1 instead of x @ W1.T" in done.stdout
    assert "can be entered by other users" in done.stderr and "Traceback" not in done.stderr
    assert not list(shared.iterdir())  # nothing was created there


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to make a folder belong to another user")
def test_a_folder_of_another_user_is_refused(runtime):
    folder, env = runtime
    theirs = folder / "rt"
    theirs.mkdir(mode=0o700)
    os.chown(theirs, 65534, 65534)
    done = grade(env, "ex3", "-s", str(submission(folder, CORRECT, "right")))
    assert done.returncode == 0 and "belongs to another user" in done.stderr


def test_a_server_of_another_user_is_refused(monkeypatch, tmp_path):
    """The kernel's word on who listens (SO_PEERCRED) is checked before anything is sent."""
    place = serverfiles.Place(Path(tempfile.mkdtemp(prefix="gs-")))
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(place.socket))
    server.listen(1)
    monkeypatch.setattr(serverlink, "peer", lambda sock: (1, os.geteuid() + 1))
    with pytest.raises(serverwire.ServerUnavailable, match="another user") as raised:
        serverlink.connect(place)
    assert raised.value.tell
    server.close()
    shutil.rmtree(place.folder)


def test_a_full_disk_grades_in_process(monkeypatch, tmp_path):
    """No room to start the server, or no runtime folder at all: the grade is made here."""
    import errno

    monkeypatch.setenv("GRADER_SERVER", "1")
    monkeypatch.setenv("GRADER_COURSE", str(REPO))
    (tmp_path / "ex3.py").write_text(WRONG)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setenv("GRADER_SERVER_DIR", str(tmp_path / "rt"))
    monkeypatch.setattr(serverlink, "_launch", full)
    result = CliRunner().invoke(cli.main, ["ex3", "-s", str(tmp_path)])
    assert result.exit_code == 1 and "x @ W1 instead of x @ W1.T" in result.output, result.output

    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv("GRADER_SERVER_DIR", str(tmp_path / "a-file" / "rt"))  # cannot be made
    result = CliRunner().invoke(cli.main, ["ex3", "-s", str(tmp_path)])
    assert result.exit_code == 1 and "x @ W1 instead of x @ W1.T" in result.output, result.output


def test_two_terminals_at_once_both_get_right_grades(runtime):
    folder, env = runtime
    wrong, right = submission(folder, WRONG, "wrong"), submission(folder, CORRECT, "right")
    assert grade(env, "ex3", "-s", str(right)).returncode == 0  # the server is up and warm
    command = [sys.executable, "-m", "grader.cli", "ex3", "-s"]
    both = [subprocess.Popen(command + [str(path)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for path in (wrong, right)]
    outputs = [(p.wait(timeout=180), p.stdout.read()) for p in both]
    for (code, out), expected in zip(outputs, (1, 0)):
        assert code == expected, out
        assert ("x @ W1 instead of x @ W1.T" in out) == (expected == 1)


def test_an_idle_server_stops_by_itself(runtime):
    folder, env = runtime
    env = {**env, "GRADER_SERVER_IDLE": "1"}
    assert grade(env, "ex3", "-s", str(submission(folder, CORRECT, "right"))).returncode == 0
    deadline = time.monotonic() + 30
    while list((folder / "rt").glob("*.sock")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not list((folder / "rt").glob("*.sock"))
    assert server_pid(env) is None


def _ask_raw(place: serverfiles.Place, request: dict) -> dict:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.connect(str(place.socket))
        serverwire.send(sock, request)
        return serverwire.receive(sock, 10)


def test_the_server_answers_only_requests_carrying_its_key(runtime):
    """Graded code runs under the user's own uid, so the kernel's word on who connects is not
    enough: every request carries the secret the server wrote, 0600, in its private folder."""
    folder, env = runtime
    other = submission(folder, CORRECT, "someone-else")
    assert grade(env, "ex3", "-s", str(submission(folder, CORRECT, "right"))).returncode == 0
    place = serverfiles.Place(folder / "rt")
    assert place.key.stat().st_mode & 0o777 == 0o600
    key = place.key.read_text().strip()
    assert len(key) >= 32
    grade_other = {"op": "grade", "protocol": serverwire.PROTOCOL, "engine": "x", "course": str(REPO),
                   "exercises": ["ex3"], "folder": str(other), "required_layers": []}
    for forged in ({}, {"key": ""}, {"key": "0" * len(key)}, {"key": key[:-1]}):
        for request in ({"op": "status", "protocol": serverwire.PROTOCOL}, grade_other):
            reply = _ask_raw(place, {**request, **forged})
            assert reply["status"] == "refused", (forged, reply)
    assert _ask_raw(place, {"op": "status", "protocol": serverwire.PROTOCOL, "key": key})["graded"] == 1
    assert "1 grade served" in grade(env, "server", "status").stdout  # the forged grade never ran


REACH_THE_SERVER = """
import json, socket
def _reach():
    try:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect({path!r})
        s.sendall(json.dumps({{"op": "status", "protocol": {protocol}}}).encode() + b"\\n")
        return "answered: " + s.recv(4096).decode()
    except OSError as exc:
        return "refused: " + type(exc).__name__
print("REACHED", _reach())
"""


def test_graded_code_cannot_reach_the_grading_server(runtime):
    """The attack as it was found: a submission graded by the server connects to the server's
    own socket (its path is predictable) and asks it things."""
    folder, env = runtime
    assert grade(env, "ex3", "-s", str(submission(folder, CORRECT, "warm-up"))).returncode == 0
    place = serverfiles.Place(folder / "rt")
    hostile = submission(folder, CORRECT + REACH_THE_SERVER.format(path=str(place.socket),
                                                                   protocol=serverwire.PROTOCOL), "hostile")
    done = grade(env, "ex3", "-s", str(hostile), "--verbose")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "REACHED refused: PermissionError" in done.stdout
    assert "answered" not in done.stdout


def test_server_commands_are_documented():
    result = CliRunner().invoke(cli.main, ["server", "--help"])
    assert result.exit_code == 0
    assert "status" in result.output and "stop" in result.output and "GRADER_SERVER=0" in result.output


# ---------------------------------------------------------------- helpers


def _private(folder: Path) -> Path:
    runtime = folder / "rt"
    runtime.mkdir(mode=0o700, exist_ok=True)
    return runtime


def _wait_for(path: Path, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.01)


def _alive(pid: int) -> bool:
    return serverlink.running(pid)


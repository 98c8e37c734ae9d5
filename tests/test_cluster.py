"""`grade batch --cluster ADDRESS` on a real Dask cluster on 127.0.0.1 (a LocalCluster: a
scheduler in this process, two worker processes of one thread each): the cluster's files equal
a local run's for a mixed class with hostile submissions; a worker killed mid-student costs
nothing; a submission during which every worker dies is stopped; a worker with another grader
refuses the work."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

from conftest import EX3_POINTS, REPO, SUBMISSIONS
from test_hostile import HOSTILE
from grader.classroom.cluster import MAX_RETRIES

distributed = pytest.importorskip("distributed")
import dask  # noqa: E402

REFERENCE = (REPO / "reference" / "ex3.py").read_text()
ALLOWED_FAILURES = 1  # the scheduler's bound: a poison submission gets 2 tries


@pytest.fixture(scope="module")
def cluster():
    with dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES}):
        local = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                         dashboard_address=":0", silence_logs=50)
    with local, distributed.Client(local, set_as_default=False) as client:
        yield local.scheduler_address, client


def batch(cls: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "grader.cli", "batch", str(cls), "--out", str(out), "-e", "ex3",
                             *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finished(process: subprocess.Popen) -> tuple[int, str, str]:
    stdout, stderr = process.communicate(timeout=600)
    return process.returncode, stdout, stderr


def mixed_class(root: Path) -> Path:
    cls = root / "class"

    def put(student: str, source: str, sub: str = "") -> None:
        (cls / student / sub).mkdir(parents=True, exist_ok=True)
        (cls / student / sub / "ex3.py").write_text(source)

    put("alice", REFERENCE)
    put("bob", (SUBMISSIONS / "ex3" / "wrong_no_relu.py").read_text())
    put("carol", (SUBMISSIONS / "ex3" / "correct_flinear.py").read_text(), sub="hw2")
    (cls / "dave").mkdir()  # nothing submitted
    put("grace", "def forward(x, W1, b1, W2, b2)\n    return x\n")
    with zipfile.ZipFile(cls / "erin.zip", "w") as zf:
        zf.writestr("hw2/ex3.py", REFERENCE)
    (cls / "frank").mkdir()  # an LMS folder holding the student's zip
    with zipfile.ZipFile(cls / "frank" / "upload.zip", "w") as zf:
        zf.writestr("ex3.py", (SUBMISSIONS / "ex3" / "wrong_detached.py").read_text())
    fields = {"marker": str(root / "escaped.txt"), "victim": str(cls / "alice" / "ex3.py")}
    for name in ("write_outside", "read_other_student", "fork_bomb", "segfault", "kill_grader"):
        source = HOSTILE[name]
        for key, value in fields.items():
            source = source.replace("{%s!r}" % key, repr(value))
        put(name, source)
    (cls / "symlinked_file").mkdir()
    (cls / "symlinked_file" / "ex3.py").symlink_to(REPO / "reference" / "ex3.py")
    (cls / "symlinked_entry").symlink_to(cls / "alice")
    with zipfile.ZipFile(cls / "zip_slip.zip", "w") as zf:
        zf.writestr("../../escaped_zip.py", "x = 1\n")
        zf.writestr("ex3.py", REFERENCE)
    return cls


def _without_timing(value):
    if isinstance(value, dict):
        return {k: _without_timing(v) for k, v in value.items() if k != "timing"}
    if isinstance(value, list):
        return [_without_timing(v) for v in value]
    return value


def test_the_cluster_grades_a_mixed_class_as_a_local_run_does(cluster, tmp_path):
    address, _ = cluster
    cls = mixed_class(tmp_path)
    runs = [batch(cls, tmp_path / "local", "--jobs", "2"), batch(cls, tmp_path / "cluster", "--cluster", address)]
    (local_code, _, local_err), (code, stdout, stderr) = map(finished, runs)
    assert local_code == 0, local_err
    assert code == 0, stderr
    assert "Traceback" not in stderr, stderr
    assert "Class: 15 students" in stdout  # the digest
    local, remote = tmp_path / "local", tmp_path / "cluster"
    for name in ("gradebook.csv", "results.json", "summary.md", "summary.html"):
        assert (remote / name).read_text() == (local / name).read_text(), name
    for path in (local / "feedback").iterdir():
        assert (remote / "feedback" / path.name).read_text() == path.read_text(), path.name
    for path in (local / "results").glob("*.json"):
        assert _without_timing(json.loads((remote / "results" / path.name).read_text())) == \
            _without_timing(json.loads(path.read_text())), path.name
    # The verdicts are the real ones: graded, and the hostile ones refused on the workers too.
    students = {s["student"]: s for s in json.loads((remote / "results.json").read_text())["students"]}
    assert students["alice"]["score"] == students["erin"]["score"] == students["carol"]["score"] == EX3_POINTS
    assert 0 < students["bob"]["score"] < EX3_POINTS
    messages = {name: json.dumps(record) for name, record in students.items()}
    assert "tried to read or write outside its folder" in messages["write_outside"]
    assert "tried to read or write outside its folder" in messages["read_other_student"]
    assert "sandbox forbids (starting a process" in messages["fork_bomb"]
    assert "symlink pointing outside the submission folder; refused" in messages["symlinked_file"]
    assert "the submission is a symlink; refused" in messages["symlinked_entry"]
    assert "path outside its folder" in messages["zip_slip"]
    assert not (tmp_path / "escaped.txt").exists() and (cls / "alice" / "ex3.py").read_text() == REFERENCE
    text = (remote / "results.json").read_text()
    assert str(cls) not in text and "grader-cluster-" not in text  # neither this machine's paths nor a worker's


def _executing(dask_worker=None) -> tuple[int, list[str]]:
    return os.getpid(), [str(ts.key) for ts in dask_worker.state.executing]


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            children.setdefault(int(stat.read_text().rsplit(")", 1)[1].split()[1]), []).append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _runs_code_of(pid: int, student: str) -> bool:
    """A process under this Dask worker runs the student's code (which marks its scratch folder)."""
    return any(os.path.exists(f"/proc/{child}/cwd/{student}-running") for child in _descendants(pid))


class Killer(threading.Thread):
    """Kills the Dask worker process whose slot runs a given student's code: `a_slow` once,
    `a_poison` every time (first in the class: the kills overlap the workers' start-up)."""

    def __init__(self, client):
        super().__init__(daemon=True)
        self.client, self.killed = client, {"a_slow": 0, "a_poison": 0}
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.1):
            try:
                found = self.client.run(_executing, on_error="ignore")
            except Exception:
                continue
            for pid, keys in found.values():
                for student in self.killed:
                    if any(key.startswith(f"grade-{student}-") for key in keys) and \
                            (student == "a_poison" or not self.killed["a_slow"]) and _runs_code_of(pid, student):
                        self.killed[student] += 1
                        os.kill(pid, signal.SIGKILL)


def test_a_killed_worker_loses_no_student_and_a_poison_submission_is_stopped(cluster, tmp_path):
    address, client = cluster
    cls = tmp_path / "class"
    sleeping = "import time\nopen('{}-running', 'w').close()\ntime.sleep({})\n" + REFERENCE
    for student, source in (("alice", REFERENCE), ("bob", REFERENCE), ("carol", REFERENCE),
                            ("a_slow", sleeping.format("a_slow", 3)), ("a_poison", sleeping.format("a_poison", 60))):
        (cls / student).mkdir(parents=True)
        (cls / student / "ex3.py").write_text(source)
    killer = Killer(client)
    killer.start()
    try:
        code, _, stderr = finished(batch(cls, tmp_path / "out", "--cluster", address))
    finally:
        killer.stop.set()
        killer.join()
    assert code == 0, stderr
    # The scheduler gives up after ALLOWED_FAILURES + 1 deaths; the client sends it again (at most
    # MAX_RETRIES times) only when some of them happened while it merely waited in a worker's
    # queue, as when a worker is killed for another student while it waits there.
    assert killer.killed["a_slow"] == 1
    assert ALLOWED_FAILURES + 1 <= killer.killed["a_poison"] <= (ALLOWED_FAILURES + 1) * (MAX_RETRIES + 1)
    students = {s["student"]: s for s in json.loads((tmp_path / "out" / "results.json").read_text())["students"]}
    assert {name: s["score"] for name, s in students.items()} == {
        "alice": EX3_POINTS, "bob": EX3_POINTS, "carol": EX3_POINTS, "a_poison": 0, "a_slow": EX3_POINTS}
    assert ("grading failed: every grading worker that took this submission stopped while grading it "
            f"({killer.killed['a_poison']} of them); it was not tried again") in students["a_poison"]["exercises"][0]["error"]
    for name in students:  # each one saved as it came back
        assert (tmp_path / "out" / "results" / f"{name}.json").exists()


def test_a_worker_with_another_grader_refuses_the_work(tmp_path):
    """A worker whose grader files differ (a copy of the package with one line added) grades
    nobody: the run stops before any student is graded, saying which worker and why."""
    other = tmp_path / "other"
    shutil.copytree(REPO / "grader", other / "grader", ignore=shutil.ignore_patterns("__pycache__"))
    with open(other / "grader" / "reports" / "report.py", "a") as handle:
        handle.write("\n# a different grader\n")
    cls = tmp_path / "class"
    (cls / "alice").mkdir(parents=True)
    (cls / "alice" / "ex3.py").write_text(REFERENCE)
    with distributed.LocalCluster(n_workers=0, host="127.0.0.1", dashboard_address=":0", silence_logs=50) as local:
        worker = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", local.scheduler_address,
                                   "--nthreads", "1", "--no-nanny", "--no-dashboard"],
                                  env={**os.environ, "PYTHONPATH": str(other)}, cwd=other, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)  # (python -m puts the working folder first)
        try:
            with distributed.Client(local, set_as_default=False) as client:
                client.wait_for_workers(1, timeout=60)
                code, _, stderr = finished(batch(cls, tmp_path / "out", "--cluster", local.scheduler_address))
        finally:
            worker.terminate()
            worker.wait(timeout=30)
    assert code == 2, stderr
    assert "its grader or course differs from the client's" in stderr
    assert "Every worker must run the same grader and course as this machine" in stderr
    assert not list((tmp_path / "out" / "results").glob("*.json"))


def test_without_dask_cluster_says_how_to_install_it(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from grader.classroom import cluster as cluster_module
    from grader.cli import main

    monkeypatch.setattr(cluster_module, "available", lambda: False)
    (tmp_path / "class" / "alice").mkdir(parents=True)
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "class"), "--out", str(tmp_path / "out"),
                                       "--cluster", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2 and "pip install 'llm-scratch-grader[cluster]'" in result.output
    assert not (tmp_path / "out").exists()


def _what_grading_reads(entry: Path, filenames: list[str]) -> list[str]:
    """For each exercise file, what the grader reads from this entry: the source, or the verdict
    (without the entry's own path)."""
    from grader.core.submission import BadSubmission, read_submission
    from grader.classroom.unpack import lone_archive, submission_folder

    if entry.is_dir() and lone_archive(entry, filenames) is not None:
        return ["zip:" + lone_archive(entry, filenames).read_bytes().hex()]
    folder = submission_folder(entry, filenames)
    seen = [str(folder.relative_to(entry))]
    for name in filenames:
        try:
            seen.append(read_submission(folder, name)[0].source)
        except BadSubmission as exc:
            seen.append(str(exc).replace(str(entry), "ENTRY"))
    return seen


def test_a_parcel_is_read_on_the_worker_as_the_entry_is_here(tmp_path):
    """What travels to a worker (parcel.py) grades as the folder does: nested folders, notebooks,
    symlinks in and out, a folder where a file should be, oversized, not UTF-8, an LMS zip."""
    from grader.classroom.parcel import pack, unpack
    from grader.core.submission import MAX_SOURCE_BYTES

    filenames = ["ex1.py", "ex2.py", "ex3.py"]
    cls = tmp_path / "class"
    entries = {
        "nested": {"hw/ex1.py": "a = 1\n", "hw/ex3.ipynb": json.dumps({"cells": [{"cell_type": "code",
                                                                                   "source": "b = 2\n"}]}),
                   "hw/data.bin": "x" * 1000, "other/notes.txt": "n"},
        "links": {"real/ex1.py": "c = 3\n", "ex1.py": ("link", "real/ex1.py"), "ex2.py": ("link", str(REPO / "x.py")),
                  "ex3.py": ("link", "missing.py")},
        "odd": {"ex1.py/": None, "ex2.py": "é".encode("latin-1"), "ex3.py": "#" * (MAX_SOURCE_BYTES + 10)},
        "ambiguous": {"a/ex1.py": "1", "b/ex2.py": "2"},
        "empty": {},
    }
    for student, files in entries.items():
        (cls / student).mkdir(parents=True)
        for relative, content in files.items():
            path = cls / student / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if content is None:
                path.mkdir()
            elif isinstance(content, tuple):
                path.symlink_to(content[1])
            else:
                path.write_bytes(content if isinstance(content, bytes) else content.encode())
    (cls / "lms").mkdir()
    with zipfile.ZipFile(cls / "lms" / "upload.zip", "w") as zf:
        zf.writestr("ex1.py", "d = 4\n")
    for entry in sorted(cls.iterdir()):
        parcel = pack(entry, filenames)
        assert "data.bin" not in repr(parcel) and "notes.txt" not in repr(parcel)  # only what grading reads
        remote = tmp_path / "worker" / entry.name
        remote.parent.mkdir(exist_ok=True)
        copy = unpack(parcel, remote.parent)
        assert _what_grading_reads(copy, filenames) == _what_grading_reads(entry, filenames), entry.name

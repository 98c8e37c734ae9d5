"""Hostile submissions graded through the real CLI, in one batch beside honest ones.

Each hostile student tries one thing from docs/security.md. For each we assert the verdict,
that it earned no points beyond what its honest code is worth, that nothing escaped (files,
processes, network: a listener runs on loopback), that the honest neighbours still get full
marks, and that the whole batch ends in bounded time. Limits are lowered (3 s per check)
in a copy of the course so the test stays quick.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

from conftest import EX3_POINTS, REPO

HONEST = (REPO / "reference" / "ex3.py").read_text()
WRONG_FORWARD = "import torch\ndef forward(x, W1, b1, W2, b2):\n    return torch.zeros(x.shape[0], W2.shape[1], dtype=x.dtype)\n"

# name -> source of ex3.py. {port}, {marker}, {victim}, {reference} are filled in below.
HOSTILE = {
    "loop_forever": HONEST + "\ndef forward(x, W1, b1, W2, b2):\n    while True:\n        pass\n",
    # at the idle policy it runs only when a core has nothing else to do: on a busy machine its
    # time limit alone would be minutes away (grader/core/timebudget.py counts such waits)
    "idle_priority_loop": HONEST + "\ndef forward(x, W1, b1, W2, b2):\n    import os\n    os.nice(19)\n"
                          "    os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))\n    while True:\n        pass\n",
    "ignore_signals_at_import": "import signal\nfor s in (signal.SIGTERM, signal.SIGALRM, signal.SIGINT):\n"
                                "    signal.signal(s, signal.SIG_IGN)\nwhile True:\n    pass\n",
    "allocate_50_gb": HONEST + "\ndef forward(x, W1, b1, W2, b2):\n    return torch.empty(50_000_000_000, dtype=torch.uint8)\n",
    "fork_bomb": "import os\nwhile True:\n    os.fork()\n",
    "daemon": "import os\npid = os.fork()\nif pid == 0:\n    os.setsid()\n    if os.fork() == 0:\n"
              "        open({marker!r} + '.daemon', 'w').write('alive')\n        import time; time.sleep(60)\n" + HONEST,
    "write_outside": "open({marker!r}, 'w').write('escaped')\n" + HONEST,
    "huge_file_in_scratch": "try:\n    with open('big.bin', 'wb') as f:\n        f.write(b'x' * 200_000_000)\n"
                            "except OSError:\n    pass\n" + HONEST,
    "many_files_in_scratch": "try:\n    for i in range(100000):\n        open(f'f{{i}}', 'wb').write(b'x' * 100000)\n"
                             "except OSError:\n    pass\n" + HONEST,
    "print_gigabytes": "import sys\nline = 'spam ' * 2000 + '\\n'\nfor _ in range(5000):\n    sys.stdout.write(line)\n" + HONEST,
    "network": "import socket\ns = socket.create_connection(('127.0.0.1', {port}), timeout=2)\ns.sendall(b'stolen')\n" + HONEST,
    "network_udp": "import socket\nsocket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'stolen', ('127.0.0.1', {port}))\n" + HONEST,
    "read_reference": "SOURCE = open({reference!r}).read()\nexec(SOURCE)\n",
    "read_other_student": "SOURCE = open({victim!r}).read()\nexec(SOURCE)\n",
    "read_home_and_env": "import os\nprint(dict(os.environ))\nprint(os.listdir(os.path.expanduser('~root')))\n" + WRONG_FORWARD,
    "delete_other_student": "import os\nos.remove({victim!r})\n" + HONEST,
    "kill_grader": "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\n" + HONEST,
    "kill_everyone": "import os, signal\nfor pid in range(2, 400):\n    try:\n        os.kill(pid, signal.SIGKILL)\n"
                     "    except OSError:\n        pass\n" + WRONG_FORWARD,
    "segfault": HONEST + "\ndef forward(x, W1, b1, W2, b2):\n    import faulthandler\n    faulthandler._sigsegv()\n",
    "ctypes_poke": HONEST + "\ndef forward(x, W1, b1, W2, b2):\n    import ctypes\n    return ctypes.string_at(0)\n",
    "exit_at_import": "import sys\nsys.exit(0)\n",
    "hard_exit_at_import": "import os\nos._exit(0)\n",
    "inspect_frames": "import sys, gc, torch\n"
                      "def forward(x, W1, b1, W2, b2):\n"
                      "    found = [o for o in gc.get_objects() if isinstance(o, torch.Tensor) and o.shape == (x.shape[0], W2.shape[1])]\n"
                      "    frame = sys._getframe(1)\n"
                      "    while frame.f_back is not None:\n        frame = frame.f_back\n"
                      "    return found[0] if found else torch.zeros(x.shape[0], W2.shape[1])\n",
    "monkeypatch_torch": "import torch\ntorch.allclose = lambda *a, **k: True\ntorch.equal = lambda *a, **k: True\n"
                         "torch.Tensor.__eq__ = lambda *a: True\n" + WRONG_FORWARD,
    "lying_tensor": "import torch\nclass Agreeable(torch.Tensor):\n    def __eq__(self, other):\n        return True\n"
                    "def forward(x, W1, b1, W2, b2):\n    return torch.zeros(x.shape[0], W2.shape[1]).as_subclass(Agreeable)\n",
    "lying_object": "class Agreeable:\n    shape = (1, 1)\n    def __eq__(self, other):\n        return True\n"
                    "def forward(x, W1, b1, W2, b2):\n    return Agreeable()\n",
    "pickle_payload": "import os\nclass Payload:\n    def __reduce__(self):\n        return (os.system, ('touch ' + {marker!r} + '.pickle',))\n"
                      "def forward(x, W1, b1, W2, b2):\n    return Payload()\n",
    "giant_reply": "import torch\ndef forward(x, W1, b1, W2, b2):\n    return torch.zeros(40_000_000)\n",
}

PLAIN_SOURCE = {"honest_a": HONEST, "honest_b": HONEST}


@pytest.fixture(scope="module")
def hostile_batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    course = root / "course"
    for part in ("assignments/ex3", "reference", "student_template"):
        (course / part).mkdir(parents=True)
    (course / "course.toml").write_text('title = "ex3 against hostile code"\n')
    for path in (REPO / "assignments" / "ex3").iterdir():
        if path.is_file():
            shutil.copy(path, course / "assignments" / "ex3" / path.name)
    toml = course / "assignments" / "ex3" / "exercise.toml"
    text = toml.read_text().replace("check_time_limit = 10", "check_time_limit = 3")
    toml.write_text(text.replace("time_limit = 60", "time_limit = 30"))
    shutil.copy(REPO / "reference" / "ex3.py", course / "reference" / "ex3.py")
    shutil.copy(REPO / "student_template" / "ex3.py", course / "student_template" / "ex3.py")

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("127.0.0.1", port))
    udp.settimeout(0.2)
    received = []
    stop = threading.Event()

    def listen():
        while not stop.is_set():
            for sock in (listener, udp):
                try:
                    if sock is listener:
                        conn, _ = sock.accept()
                        received.append(conn.recv(100))
                        conn.close()
                    else:
                        received.append(sock.recv(100))
                except OSError:
                    pass

    thread = threading.Thread(target=listen, daemon=True)
    thread.start()

    submissions = root / "class"
    marker = root / "escaped.txt"
    victim = submissions / "honest_a" / "ex3.py"
    fields = {"port": port, "marker": str(marker), "victim": str(victim),
              "reference": str(REPO / "reference" / "ex3.py")}
    for name, source in {**PLAIN_SOURCE, **HOSTILE}.items():
        (submissions / name).mkdir(parents=True)
        for key, value in fields.items():
            source = source.replace("{%s!r}" % key, repr(value)).replace("{%s}" % key, str(value))
        (submissions / name / "ex3.py").write_text(source.replace("{{i}}", "{i}"))
    # The file itself is a symlink to the reference; the whole entry is a symlink; a zip slip.
    (submissions / "symlinked_file").mkdir()
    (submissions / "symlinked_file" / "ex3.py").symlink_to(REPO / "reference" / "ex3.py")
    (submissions / "symlinked_entry").symlink_to(submissions / "honest_b")
    with zipfile.ZipFile(submissions / "zip_slip.zip", "w") as zf:
        zf.writestr("../../escaped_zip.py", "x = 1\n")
        zf.writestr("ex3.py", HONEST)
    with zipfile.ZipFile(submissions / "zip_symlink.zip", "w") as zf:
        info = zipfile.ZipInfo("ex3.py")
        info.external_attr = (0o120777 << 16)
        zf.writestr(info, str(REPO / "reference" / "ex3.py"))

    # A temporary folder of this batch's own: what it leaves there is its own, whatever else
    # runs on the machine.
    temporary = root / "tmp"
    temporary.mkdir()
    env = {**os.environ, "GRADER_COURSE": str(course), "SECRET_TOKEN": "hunter2-do-not-leak", "TMPDIR": str(temporary)}
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "grader.cli", "batch", str(submissions), "--out", str(root / "out"),
                           "--jobs", "2"], capture_output=True, text=True, env=env, timeout=600)
    elapsed = time.monotonic() - started
    time.sleep(1)  # a daemon, had one escaped, would have written by now
    stop.set()
    thread.join()
    listener.close()
    udp.close()
    results = json.loads((root / "out" / "results.json").read_text())
    by_student = {s["student"]: s for s in results["students"]}
    return {"proc": proc, "elapsed": elapsed, "students": by_student, "root": root, "marker": marker,
            "victim": victim, "received": received, "submissions": submissions,
            "new_tmp": set(os.listdir(temporary))}


def exercise(batch, student):
    return batch["students"][student]["exercises"][0]


def messages(batch, student):
    ex = exercise(batch, student)
    return (ex.get("error") or "") + "\n" + "\n".join(c["message"] for c in ex["checks"])


def test_the_batch_finishes_in_bounded_time_and_cleanly(hostile_batch):
    assert hostile_batch["proc"].returncode == 0, hostile_batch["proc"].stderr[-3000:]
    assert hostile_batch["elapsed"] < 300
    assert "Traceback" not in hostile_batch["proc"].stderr


def test_honest_neighbours_get_full_marks(hostile_batch):
    for name in PLAIN_SOURCE:
        record = hostile_batch["students"][name]
        assert record["score"] == record["max_score"] == EX3_POINTS


def test_nothing_escaped(hostile_batch):
    root = hostile_batch["root"]
    assert not hostile_batch["marker"].exists()
    assert not Path(str(hostile_batch["marker"]) + ".daemon").exists()
    assert not Path(str(hostile_batch["marker"]) + ".pickle").exists()
    assert not (root / "escaped_zip.py").exists() and not (hostile_batch["submissions"].parent / "escaped_zip.py").exists()
    assert hostile_batch["victim"].read_text() == HONEST
    assert hostile_batch["received"] == []
    # no process of any submission outlives the batch
    ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    assert str(hostile_batch["root"]) not in ps and "sleep(60)" not in ps
    assert hostile_batch["new_tmp"] == set()  # every slot, zip and worker folder removed


def test_secrets_do_not_reach_the_worker(hostile_batch):
    text = json.dumps(hostile_batch["students"]["read_home_and_env"])
    assert "hunter2" not in text
    assert "tried to read or write outside its folder" in messages(hostile_batch, "read_home_and_env")


VERDICTS = {
    "loop_forever": "timed out after 3 s",
    "idle_priority_loop": "timed out",  # by its CPU limit on an idle machine, by the backstop on a busy one
    "ignore_signals_at_import": "timed out after 3 s while importing ex3.py",
    "allocate_50_gb": "exceeded the memory limit (4 GiB)",
    "fork_bomb": "sandbox forbids (starting a process",
    "daemon": "sandbox forbids (starting a process",
    "write_outside": "tried to read or write outside its folder",
    "read_reference": "tried to read or write outside its folder",
    "read_other_student": "tried to read or write outside its folder",
    "delete_other_student": "tried to read or write outside its folder",
    "kill_grader": "sandbox forbids",
    "segfault": "crashed (segmentation fault)",
    "ctypes_poke": "ctypes.string_at is not allowed in graded code",
    "exit_at_import": "exited during import (sys.exit(0))",
    "hard_exit_at_import": "exited with code 0 while importing ex3.py",
    "lying_tensor": "returned a Agreeable, expected a torch.Tensor",
    "lying_object": "returned a Agreeable, expected a torch.Tensor",
    "pickle_payload": "returned a Payload, expected a torch.Tensor",
    "giant_reply": "refused",
    "symlinked_file": "symlink pointing outside the submission folder; refused",
    "symlinked_entry": "the submission is a symlink; refused",
    "zip_slip": "path outside its folder",
    "zip_symlink": "holds a symlink",
    # the grader compares in its own process: killing, patching or searching the worker
    # leaves a forward of zeros, judged as such
    "kill_everyone": "forward on the book's example returned wrong values",
    "monkeypatch_torch": "the submission replaced torch.Tensor.__eq__, torch.allclose",
    "inspect_frames": "gc.get_objects is not allowed in graded code",
    "read_home_and_env": "tried to read or write outside its folder",
}

# Hostile code earns at most what its honest part is worth: a forward returning zeros of the
# right shape honestly earns the 2 shape points.
MAX_POINTS = {"kill_everyone": 2, "monkeypatch_torch": 2, "inspect_frames": 2, "read_home_and_env": 2}

# Attacks that fail harmlessly inside the worker's limits, beside an honest forward and
# build_model: they have no verdict of their own, so what is asserted for them is that the
# limits cost the honest code nothing (test_harmless_attacks_keep_full_marks).
HARMLESS = {"huge_file_in_scratch", "many_files_in_scratch", "print_gigabytes"}

# Judged by test_network_attempts_fail and test_honest_neighbours_get_full_marks.
JUDGED_ELSEWHERE = {"network", "network_udp", *PLAIN_SOURCE}


def test_every_student_of_the_batch_is_judged(hostile_batch):
    # a student added to the batch without an expected outcome would otherwise pass unseen
    assert set(hostile_batch["students"]) == set(VERDICTS) | HARMLESS | JUDGED_ELSEWHERE
    assert set(MAX_POINTS) <= set(VERDICTS)
    assert all(fragment.strip() for fragment in VERDICTS.values())  # "" is in every message


def test_harmless_attacks_keep_full_marks(hostile_batch):
    for student in sorted(HARMLESS):
        checks = exercise(hostile_batch, student)["checks"]
        assert [c["id"] for c in checks if c["status"] != "passed"] == [], student
        assert hostile_batch["students"][student]["score"] == EX3_POINTS, student


@pytest.mark.parametrize("student", sorted(VERDICTS))
def test_each_attack_gets_its_verdict_and_no_extra_points(hostile_batch, student):
    record = hostile_batch["students"][student]
    assert VERDICTS[student] in messages(hostile_batch, student)
    ceiling = MAX_POINTS.get(student)
    if ceiling is None:
        # The attack replaced forward (its honest build_model, when there is one, keeps its 6
        # points) or broke the whole module (0).
        ceiling = 6 if student in ("loop_forever", "idle_priority_loop", "allocate_50_gb", "segfault",
                                   "ctypes_poke") else 0
        forward_checks = [c for c in exercise(hostile_batch, student)["checks"]
                          if c["id"].startswith("check_forward") and c["kind"] != "shape"]
        assert all(c["score"] == 0 for c in forward_checks)
    # The engine's rule checks (rules_*) judge only functions that returned a value: an honest
    # build_model keeps its own, the attacked forward earns none.
    attacked = [c for c in exercise(hostile_batch, student)["checks"] if c["id"] == "rules_forward"]
    assert all(c["score"] == 0 for c in attacked)
    scored = sum(c["score"] for c in exercise(hostile_batch, student)["checks"] if not c["id"].startswith("rules_"))
    assert scored <= ceiling


def test_reaching_into_the_grader_is_reported_to_the_instructor(hostile_batch):
    """results.json names what each submission tried against the grader's instruments."""
    found = {name: exercise(hostile_batch, name).get("integrity", []) for name in hostile_batch["students"]}
    assert {"event": "gc.get_objects", "where": "ex3.py:3"} in found["inspect_frames"]
    assert any(f["event"].startswith("ctypes.") for f in found["ctypes_poke"])
    assert any(f["event"] == "os.fork" for f in found["fork_bomb"])
    assert found["honest_a"] == found["honest_b"] == []


def test_network_attempts_fail(hostile_batch):
    for student in ("network", "network_udp"):
        text = messages(hostile_batch, student)
        assert "while being imported" in text
        assert hostile_batch["students"][student]["score"] == 0


def test_output_flood_is_capped(hostile_batch):
    record = hostile_batch["students"]["print_gigabytes"]
    assert record["score"] == EX3_POINTS
    assert len(json.dumps(record)) < 20_000
    feedback = (hostile_batch["root"] / "out" / "results" / "print_gigabytes.json").read_text()
    assert "bytes of output cut" in feedback

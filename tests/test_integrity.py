"""Cheating does not pay (issue #23): each attack a determined student tried, as a test through
the real command where it can be, comparing the same code with and without its trick."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, SUBMISSIONS
from grader import properties
from grader.remote import protocol
from grader.core.outcomes import CheckFailure


def grade_json(folder: Path, exercise: str) -> dict:
    done = subprocess.run([sys.executable, "-m", "grader.cli", exercise, "--submission", str(folder), "--format",
                           "json"], capture_output=True, text=True, cwd=REPO, timeout=600)
    assert done.returncode in (0, 1), done.stderr[-2000:]
    return json.loads(done.stdout)


def with_and_without(tmp_path: Path, exercise: str, source: str, trick: str) -> tuple[dict, dict]:
    plain, tricked = tmp_path / "plain", tmp_path / "tricked"
    plain.mkdir()
    tricked.mkdir()
    (plain / f"{exercise}.py").write_text(source)
    (tricked / f"{exercise}.py").write_text(trick + "\n" + source)
    return grade_json(plain, exercise), grade_json(tricked, exercise)


# ---------------------------------------------------------------- replies checked for completeness

# Answers every batched call with no results: `zip()` then compared zero pairs.
EMPTY_BATCHES = """
import sys as _sys
_sys.modules["grader.remote.worker"].Worker.call_many = lambda self, request: {"results": [], "forbidden": []}
"""


def test_a_batch_answered_short_fails_the_property_check(tmp_path):
    naive = (SUBMISSIONS / "ex8" / "wrong_naive.py").read_text()
    plain, tricked = with_and_without(tmp_path, "ex8", naive, EMPTY_BATCHES)
    assert plain["score"] < plain["max_score"]
    assert tricked["score"] <= plain["score"], "answering nothing earned points"


class _ShortStudent:
    session = None

    def many(self, calls):
        return []


def test_for_all_refuses_a_reply_with_fewer_results_than_calls():
    from grader.strategies import st

    with pytest.raises(CheckFailure, match="answered 0 of the 3 calls"):
        properties.for_all(st.tuples(st.integers(0, 5)), _ShortStudent(), lambda x: x, compare=lambda *a: None,
                           describe=lambda x: f"f({x})", key="test.short", count=3)


@pytest.mark.parametrize("reply", [
    [], {"value": 1}, {"ok": "yes"}, {"ok": False, "error": "boom"}, {"ok": False, "error": {"message": "no type"}},
    {"ok": False, "error": {"type": "ValueError", "message": "m", "mro": "ValueError"}},
    {"ok": False, "error": {"type": "ValueError", "message": "m", "not_implemented": 1}},
    {"ok": True, "forbidden": [["mse", 3]]}, {"ok": True, "forbidden": "F.mse_loss"},
    {"ok": True, "names": {"f": 1}}, {"ok": True, "sandbox": "all"}, {"ok": True, "results": [1, 2]},
    {"ok": True, "results": [{"error": "x"}]}, {"ok": True, "rules": {"violations": "none"}},
    {"ok": True, "replayed": "true"}, {"ok": True, "grads": {"error": 1}}, {"ok": True, "integrity": {}},
    {"bye": "yes"},
])
def test_a_malformed_reply_field_is_refused_before_it_is_read(reply):
    assert protocol.reply_problem(reply)


@pytest.mark.parametrize("reply", [
    {"ok": True, "value": 1.5, "forbidden": [["mse", "F.mse_loss"]], "rules": {"violations": [], "returned": []}},
    {"ok": True, "results": [{"value": 1}, {"error": {"type": "ValueError", "message": "m", "mro": ["ValueError"]}}]},
    {"ok": False, "error": {"type": "RuntimeError", "message": "m", "errno": None, "not_implemented": False}},
    {"ok": True, "names": {"f": "function"}, "sandbox": ["netns"]}, {"bye": True},
])
def test_a_well_formed_reply_passes(reply):
    assert protocol.reply_problem(reply) is None


# ---------------------------------------------------------------- caches that cannot be poisoned


def test_an_emptied_or_edited_input_cache_is_generated_again(tmp_path, monkeypatch):
    from grader.remote import wire
    from grader.strategies import st

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    strategy = st.tuples(st.integers(0, 10 ** 6))
    first = properties.examples(strategy, 20, "test.cache", origin=__file__, scope=1)
    (cached,) = (tmp_path / "cache").rglob("*.bin")
    for forged in (wire.encode_message({"examples": []}),  # emptied, unsigned: the attack that was found
                   cached.read_bytes()[:-1] + b"x",  # one byte edited under the old signature
                   b"\0" * 32 + wire.encode_message({"examples": []})):  # a signature made up
        cached.write_bytes(forged)
        properties._EXAMPLES.clear()
        assert properties.examples(strategy, 20, "test.cache", origin=__file__, scope=1) == first
    key = Path(os.environ["GRADER_CONFIG_DIR"]) / "cache.key"
    assert key.stat().st_mode & 0o777 == 0o600


# ---------------------------------------------------------------- hidden inputs from the course's secret


def test_property_inputs_come_from_the_course_secret():
    from grader.strategies import st

    strategy = st.tuples(st.integers(0, 10 ** 9))

    def drawn(secret):
        properties.use_secret(secret)
        properties._EXAMPLES.clear()
        try:
            return properties.examples(strategy, 15, "test.secret", origin=None, scope=2)
        finally:
            properties.use_secret(None)

    public, mine, again, other = drawn(None), drawn(b"a" * 64), drawn(b"a" * 64), drawn(b"b" * 64)
    assert mine == again  # the same course grades the same way every time
    assert mine != public and mine != other  # a student release (the public seed) cannot reproduce them


def test_the_course_secret_is_made_once_kept_private_and_never_released(tmp_path):
    from grader.grading.course import SECRET_FILE, Course

    root = tmp_path / "c"
    (root / "assignments").mkdir(parents=True)
    (root / "course.toml").write_text('title = "c"\n')
    secret = Course(root).secret
    assert secret and Course(root).secret == secret
    assert (root / SECRET_FILE).stat().st_mode & 0o777 == 0o600
    (root / "course.toml").write_text('title = "c"\nrelease = true\n')
    assert Course(root).secret is None  # a release uses the public seed
    from grader.core.project import COURSE_PARTS

    assert SECRET_FILE not in COURSE_PARTS


# ---------------------------------------------------------------- no points for doing nothing

RAISE_ONLY = {
    "ex1": "PREDICTED_SHAPES = {}\n"
           "def matmul_shape(a, b):\n    raise ValueError('no')\n"
           "def broadcast_shape(a, b):\n    raise ValueError('no')\n"
           "def reshape_shape(shape, new_shape):\n    raise ValueError('no')\n",
    "ex5": "MORE_OUTLIER_SENSITIVE = None\n"
           "def mse(pred, target):\n    raise ValueError('no')\n"
           "def mae(pred, target):\n    raise ValueError('no')\n",
    "ex8": "def softmax(logits, dim=-1):\n    raise ValueError('no')\n"
           "def cross_entropy(logits, targets):\n    raise ValueError('no')\n",
}


@pytest.mark.parametrize("exercise", sorted(RAISE_ONLY))
def test_a_function_that_only_raises_earns_nothing(tmp_path, exercise):
    (tmp_path / f"{exercise}.py").write_text(RAISE_ONLY[exercise])
    report = grade_json(tmp_path, exercise)
    earned = {c["id"]: c["points"] for c in report["checks"] if c["status"] == "passed"}
    assert report["score"] == 0, earned


# ---------------------------------------------------------------- the instruments out of reach

GUARDED = r'''
import sys, gc, inspect, traceback, collections, enum, logging, typing, dataclasses
results = {}
def attempt(name, action):
    try:
        action(); results[name] = "allowed"
    except PermissionError:
        results[name] = "refused"
attempt("getframe", lambda: sys._getframe(0))
attempt("getframe_back", lambda: sys._getframe(1).f_back)
attempt("inspect_currentframe", lambda: inspect.currentframe())
attempt("inspect_stack", lambda: inspect.stack())
attempt("current_frames", lambda: sys._current_frames())
attempt("gc_objects", lambda: gc.get_objects())
attempt("gc_referrers", lambda: gc.get_referrers(results))
attempt("setprofile", lambda: sys.setprofile(None))
attempt("settrace", lambda: sys.settrace(None))
def tb_frame():
    try: 1/0
    except ZeroDivisionError as e: return e.__traceback__.tb_frame
attempt("tb_frame", tb_frame)
def walk():
    try: 1/0
    except ZeroDivisionError as e: return list(traceback.walk_tb(e.__traceback__))
attempt("walk_tb", walk)
def g(): yield 1
attempt("gi_frame", lambda: g().gi_frame)
attempt("exec_string", lambda: exec("import sys; sys._getframe(0)"))
import ctypes
attempt("ctypes", lambda: ctypes.CDLL(None))
attempt("logging_currentframe", lambda: logging.currentframe())
# allowed: libraries using frames for themselves
attempt("namedtuple", lambda: collections.namedtuple("P", "a b"))
attempt("enum", lambda: enum.Enum("E", "A B"))
attempt("typevar", lambda: typing.TypeVar("T"))
attempt("dataclass", lambda: dataclasses.make_dataclass("D", ["x"]))
def print_exc():
    try: 1/0
    except ZeroDivisionError: traceback.format_exc()
attempt("format_exc", print_exc)
attempt("logging", lambda: logging.getLogger("x").warning("hello %s", 1))
import torch
attempt("torch", lambda: (torch.randn(3, requires_grad=True) * 2).sum().backward())
'''

HARNESS = """
import json, sys
from grader.remote.integrity import Guard
guard = Guard(trusted=(__file__,))
guard.graded("/sub/ex3.py")
guard.install()
namespace = {}
exec(compile(open(sys.argv[1]).read(), "/sub/ex3.py", "exec"), namespace)
sys._getframe(0)  # the worker's own code, with no graded code under it, is not refused
print(json.dumps({"results": namespace["results"], "findings": guard.findings()}))
"""

REFUSED_ROUTES = ["getframe", "getframe_back", "inspect_currentframe", "inspect_stack", "current_frames", "gc_objects",
                  "gc_referrers", "setprofile", "settrace", "tb_frame", "walk_tb", "gi_frame", "exec_string", "ctypes",
                  "logging_currentframe"]
LIBRARY_USES = ["namedtuple", "enum", "typevar", "dataclass", "format_exc", "logging", "torch"]


def test_the_audit_hook_refuses_every_route_into_the_worker_and_records_it(tmp_path):
    (tmp_path / "harness.py").write_text(HARNESS)
    (tmp_path / "guarded.py").write_text(GUARDED)
    done = subprocess.run([sys.executable, str(tmp_path / "harness.py"), str(tmp_path / "guarded.py")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.splitlines()[-1])
    assert {k: v for k, v in report["results"].items() if k in REFUSED_ROUTES} == dict.fromkeys(REFUSED_ROUTES, "refused")
    assert {k: v for k, v in report["results"].items() if k in LIBRARY_USES} == dict.fromkeys(LIBRARY_USES, "allowed")
    assert len(report["findings"]) == len(REFUSED_ROUTES)
    assert report["findings"][0] == {"event": "sys._getframe", "where": "ex3.py:9"}


# ---------------------------------------------------------------- the watch, whatever the route

EX5 = (REPO / "reference" / "ex5.py").read_text()
FORBIDDEN_ROUTES = {
    # F.mse_loss called in a helper thread: the watch follows new threads
    "thread": EX5.replace("    return ((pred - target) ** 2).mean()",
                          "    import threading\n    import torch.nn.functional as F\n    box = []\n"
                          "    worker = threading.Thread(target=lambda: box.append(F.mse_loss(pred, target)))\n"
                          "    worker.start()\n    worker.join()\n    return box[0]"),
    # the C function behind F.mse_loss, called by map() from C: seen in the result's autograd graph
    "map_of_C": EX5.replace("    return ((pred - target) ** 2).mean()",
                            "    return list(map(torch._C._nn.mse_loss, [pred], [target], [1]))[0]  # 1: the mean"),
}


@pytest.mark.parametrize("route", sorted(FORBIDDEN_ROUTES))
def test_a_forbidden_loss_is_seen_whatever_the_route(tmp_path, route):
    (tmp_path / "ex5.py").write_text(FORBIDDEN_ROUTES[route])
    report = grade_json(tmp_path, "ex5")
    check = next(c for c in report["checks"] if c["id"] == "check_no_built_in_loss")
    assert check["status"] == "failed" and "mse_loss" in check["message"], check


# The prelude that reconfigured the worker from one frame up: the watch off, the training
# watch off. Refused now (a PermissionError the prelude swallows), so the rest of the file is
# graded as it is, and the attempt is reported.
RECONFIGURE = """
import sys as _sys
try:
    _worker = _sys._getframe(1).f_locals["self"]
    _worker.guarded, _worker.trained = set(), set()
except Exception:
    pass
"""


def test_reconfiguring_the_worker_from_a_frame_up_earns_nothing_and_is_reported(tmp_path):
    uses_builtin = EX5.replace("    return ((pred - target) ** 2).mean()",
                               "    return torch.nn.functional.mse_loss(pred, target)")
    plain, tricked = with_and_without(tmp_path, "ex5", uses_builtin, RECONFIGURE)
    assert plain["score"] < plain["max_score"]
    assert tricked["score"] <= plain["score"], "the prelude earned points"
    assert {"event": "sys._getframe", "where": "ex5.py:4"} in tricked["integrity"]
    assert plain["integrity"] == []
    done = subprocess.run([sys.executable, "-m", "grader.cli", "ex5", "--submission", str(tmp_path / "tricked")],
                          capture_output=True, text=True, cwd=REPO, timeout=600)
    assert "the grader refused what your code tried (sys._getframe at ex5.py:4)" in " ".join(done.stdout.split())


# The worker's `import grader` finds the grader's own folder (the zygote's bootstrap finder in
# launcher.py): the grader's code is the student's to import, and what it knows how to find (the
# course's reference solutions) stays out of reach of the sandbox.
GRADER_FINDS_THE_REFERENCE = """
try:
    from grader.grading.course import Course
    print("IMPORTED", Course.__module__)
    exec(open(str(Course.locate_root() / "reference" / "ex3.py")).read())
    print("READ THE REFERENCE")
except Exception as _exc:
    print("REFUSED", type(_exc).__name__)
"""


def test_the_graders_own_code_imported_in_the_worker_does_not_reach_the_reference(tmp_path):
    wrong = "import torch\ndef forward(x, W1, b1, W2, b2):\n    return torch.zeros(x.shape[0], W2.shape[1])\n"
    plain, tricked = with_and_without(tmp_path, "ex3", wrong, GRADER_FINDS_THE_REFERENCE)
    assert tricked["score"] <= plain["score"] < plain["max_score"], "the grader's code found the reference"
    done = subprocess.run([sys.executable, "-m", "grader.cli", "ex3", "--submission", str(tmp_path / "tricked"),
                           "--verbose"], capture_output=True, text=True, cwd=REPO, timeout=600)
    output = " ".join(done.stdout.split())
    assert "IMPORTED grader.grading.course" in output  # the finder works: the trick really ran
    assert "READ THE REFERENCE" not in output and "REFUSED PermissionError" in output


# ---------------------------------------------------------------- the contract's signatures, kept exactly


def test_renamed_parameters_lose_the_functions_rule_point(tmp_path):
    """The contract names the parameters: callers may pass them by name. Checks call positionally,
    so only the signature itself can tell (read from the source, in the grader's process)."""
    renamed = EX5.replace("def mse(pred, target):", "def mse(y_pred, y_true):").replace(
        "    _check_shapes(pred, target)\n    return ((pred - target) ** 2).mean()",
        "    _check_shapes(y_pred, y_true)\n    return ((y_pred - y_true) ** 2).mean()")
    extra = EX5.replace("def mae(pred, target):", "def mae(pred, target, reduction=\"mean\"):")
    (tmp_path / "renamed").mkdir()
    (tmp_path / "renamed" / "ex5.py").write_text(renamed)
    (tmp_path / "extra").mkdir()
    (tmp_path / "extra" / "ex5.py").write_text(extra)
    report = grade_json(tmp_path / "renamed", "ex5")
    failed = {c["id"]: c["message"] for c in report["checks"] if c["status"] != "passed"}
    assert list(failed) == ["rules_mse"], failed
    assert "mse is defined as mse(y_pred, y_true); the contract's signature is mse(pred, target)" in failed["rules_mse"]
    kept = grade_json(tmp_path / "extra", "ex5")  # an added parameter with a default keeps every call working
    assert kept["score"] == kept["max_score"]


def test_signatures_compare_names_order_kinds_and_defaults():
    from grader.core.signatures import problems

    stub = "def softmax(logits, dim=-1):\n    pass\nclass Net:\n    def __init__(self, input_size, hidden_size):\n        pass\n"
    assert problems(stub, stub, ["softmax", "Net"]) == {}
    for student in ("def softmax(logits, axis=-1): pass", "def softmax(logits, *, dim=-1): pass",
                    "def softmax(logits, dim): pass", "def softmax(x, dim=-1): pass",
                    "def softmax(logits, dim=-1, *, scale): pass"):
        assert "softmax" in problems(stub, student, ["softmax"]), student
    for student in ("def softmax(logits, dim=1): pass",  # another default value: the checks judge it
                    "def softmax(logits, dim=-1, *, eps=0.0): pass", "def softmax(logits, dim=-1, **options): pass",
                    "softmax = lambda logits, dim=-1: logits"):  # not a def: the checks judge it
        assert problems(stub, student, ["softmax"]) == {}, student
    assert "Net" in problems(stub, "class Net:\n    def __init__(self, n_in, n_hidden):\n        pass\n", ["Net"])

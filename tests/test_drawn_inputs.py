"""The inputs of a property check depend on the seed alone, not on what else the process loaded.

Hypothesis mixes literals of the process's non-installed modules into what it draws; left on,
`grade ex8` alone and a batch (or an editable checkout, or the release builder) drew different
inputs from one seed, and one file scored 31 or 33 depending on which process filled the cache
first (issue #22). grader.properties draws with Hypothesis's own constants only."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import REPO

DRAW = """
import hashlib, sys
sys.path.insert(0, sys.argv[1])
if len(sys.argv) > 2:
    sys.path.insert(0, sys.argv[2])
    import literals_of_another_module  # a local module full of integer literals
from grader import strategies as gs
from grader.properties import examples, use_secret
from hypothesis import strategies as st

@st.composite
def pairs(draw):
    return draw(st.integers(0, 2**16)), draw(gs.seeds()), draw(st.integers(-10_000, 10_000))

use_secret(b"a course's secret")
drawn = examples(pairs(), 60, "demo.pairs")
print(hashlib.sha256(repr(drawn).encode()).hexdigest())
"""


def drawn_in_a_process(tmp_path, name: str, *extra: str) -> str:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / f"cache-{name}")}  # never the other's cache
    done = subprocess.run([sys.executable, "-c", DRAW, str(REPO), *extra], capture_output=True, text=True,
                          env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_same_seed_draws_the_same_inputs_whatever_else_the_process_imported(tmp_path):
    local = tmp_path / "elsewhere"
    local.mkdir()
    literals = ", ".join(str(n) for n in range(0, 65_536, 97))
    (local / "literals_of_another_module.py").write_text(f"TABLE = [{literals}, -9999, 9999]\n")
    plain = drawn_in_a_process(tmp_path, "plain")
    assert drawn_in_a_process(tmp_path, "again") == plain
    assert drawn_in_a_process(tmp_path, "with-literals", str(local)) == plain

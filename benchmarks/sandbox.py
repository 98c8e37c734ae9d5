"""What the sandbox costs per worker: spawn + load + one call + stop, by layer.

    python benchmarks/sandbox.py [--rounds 40]

Each row forks workers from one zygote with some layers switched off, loads the reference
ex3.py and calls `forward` once. The difference to "no layers" is the sandbox's cost.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import torch  # noqa: E402

from grader.remote.launcher import Zygote  # noqa: E402
from grader.remote.sandbox import ALL_LAYERS, Limits  # noqa: E402
from grader.core.session import StudentSession  # noqa: E402
from grader.core.student import StudentProxy  # noqa: E402
from grader.core.submission import Submission  # noqa: E402

CONFIGS = [("no layers", ALL_LAYERS[:-1]), ("netns", ("tmpfs", "landlock", "seccomp")),
           ("tmpfs", ("netns", "landlock", "seccomp")), ("landlock", ("netns", "tmpfs", "seccomp")),
           ("seccomp", ("netns", "tmpfs", "landlock")), ("all layers", ())]


def measure(zygote: Zygote, skipped: tuple, rounds: int) -> tuple[float, float, list[str]]:
    source = (REPO / "reference" / "ex3.py").read_text()
    args = [torch.randn(4, 3), torch.randn(5, 3), torch.randn(5), torch.randn(5, 2), torch.randn(2)]
    spawn, call, layers = [], [], []
    for _ in range(rounds):
        session = StudentSession(zygote, Submission("ex3.py", "ex3", source), Limits(skipped_layers=skipped), 10)
        started = time.perf_counter()
        session.start(10)
        loaded = time.perf_counter()
        StudentProxy(session).forward(*args)
        called = time.perf_counter()
        session.close()
        spawn.append(loaded - started)
        call.append(called - loaded)
        layers = session.sandbox
    return statistics.median(spawn) * 1000, statistics.median(call) * 1000, layers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    with Zygote(spare=False) as zygote:  # the true cost of each worker, not a hand-over
        measure(zygote, (), 3)  # wait for the zygote, warm up
        print(f"{'configuration':12} | spawn+load ms | one call ms | layers in force")
        base = None
        for name, skipped in CONFIGS:
            spawn, call, layers = measure(zygote, skipped, args.rounds)
            base = spawn if base is None else base
            print(f"{name:12} | {spawn:13.1f} | {call:11.2f} | {', '.join(layers)}"
                  + (f"   (+{spawn - base:.1f} ms)" if name != "no layers" else ""))


if __name__ == "__main__":
    main()

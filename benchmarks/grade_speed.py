"""How long a student waits for `grade ex3`, as ratios against one `python -c 'import torch'`
timed side by side in the same rounds (so load on the machine hits every figure alike).

    python benchmarks/grade_speed.py [--runs 7] [--exercise ex3] [--wrong]

Each round: `import torch`; `grade` in-process (GRADER_SERVER=0, for reference); `grade`
cold (no server running: it starts one, which grades); `grade` warm (at once again: the
server answers). Targets (issue #10): cold <= 1.6x, warm <= 0.25x.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def timed(command: list[str], env: dict, ok=(0, 1)) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in ok:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--exercise", default="ex3")
    parser.add_argument("--wrong", action="store_true", help="grade a typical wrong ex3 (x @ W1 without .T)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gspeed-") as scratch:
        folder = Path(scratch) / "submission"
        folder.mkdir()
        source = (REPO / "reference" / f"{args.exercise}.py").read_text()
        if args.wrong:
            source = source.replace("x @ W1.T", "x @ W1")
        (folder / f"{args.exercise}.py").write_text(source)
        env = dict(os.environ, GRADER_COURSE=str(REPO), GRADER_SERVER="1",
                   GRADER_SERVER_DIR=str(Path(scratch) / "rt"))
        grade = [sys.executable, "-m", "grader.cli"]
        stop = grade + ["server", "stop"]
        times: dict[str, list[float]] = {"import torch": [], "in-process": [], "cold": [], "warm": []}
        for _ in range(args.runs):
            subprocess.run(stop, env=env, capture_output=True)
            times["import torch"].append(timed([sys.executable, "-c", "import torch"], env))
            times["in-process"].append(timed(grade + [args.exercise, "-s", str(folder)], dict(env, GRADER_SERVER="0")))
            times["cold"].append(timed(grade + [args.exercise, "-s", str(folder)], env))
            times["warm"].append(timed(grade + [args.exercise, "-s", str(folder)], env))
        subprocess.run(stop, env=env, capture_output=True)
    base = statistics.median(times["import torch"])
    which = "a typical wrong" if args.wrong else "a correct"
    print(f"grade {args.exercise} on {which} file, medians of {args.runs} rounds, against `python -c 'import torch'`:")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"  {name:<13} {median:5.2f} s   {median / base:5.2f}x")
    cold, warm = statistics.median(times["cold"]) / base, statistics.median(times["warm"]) / base
    print(f"targets: cold <= 1.6x ({'met' if cold <= 1.6 else 'NOT met'}), "
          f"warm <= 0.25x ({'met' if warm <= 0.25 else 'NOT met'})")


if __name__ == "__main__":
    main()

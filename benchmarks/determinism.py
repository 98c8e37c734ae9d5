"""Is every verdict the same every run? Grade the whole corpus several times and compare.

    python benchmarks/determinism.py               # 5 runs of tests/outsiders/* and tests/corpus
    python benchmarks/determinism.py --runs 2 -e ex3 ex5
    python benchmarks/determinism.py --runs 3 --keep runs/   # each run's verdicts kept in runs/,
    python benchmarks/determinism.py --runs 2 --keep runs/   # and compared with those kept before

Each run grades every file of the outsider corpora (tests/outsiders/<a|b|c>/exN/<wrong|valid>)
and the course's corpus (tests/corpus/exN/<wrong|valid>) through the runner, in a fresh
zygote, and records each file's verdict: the score and the status of every check. A file
whose verdict differs between runs is printed with the checks that changed; the exit status
is 1 if any did. The same submission must get the same score every time (DEVELOPERS.md).
With `--keep DIR`, each run's verdicts are written to DIR as it ends, and the runs already in
DIR (of the same commit: keep one DIR per commit) are compared too, so runs can be added later.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from grader.grading.course import Course  # noqa: E402
from grader.remote.launcher import Zygote  # noqa: E402
from grader.grading.runner import grade_submissions  # noqa: E402

EXERCISES = [f"ex{n}" for n in range(1, 10)]


def corpus_files(exercises: list[str]) -> list[tuple[str, str, Path]]:
    """(label, exercise, path) of every corpus file of `exercises`."""
    found = []
    for ex in exercises:
        for root in [*sorted((REPO / "tests" / "outsiders").iterdir()), REPO / "tests" / "corpus"]:
            for kind in ("wrong", "valid"):
                for path in sorted((root / ex / kind).glob("*.py")):
                    found.append((f"{root.name}/{ex}/{kind}/{path.stem}", ex, path))
    return found


def one_run(course: Course, files, scratch: Path) -> dict[str, tuple]:
    verdicts: dict[str, tuple] = {}
    with Zygote() as zygote:
        for ex in sorted({ex for _, ex, _ in files}):
            jobs = []
            for label, exercise, path in files:
                if exercise != ex:
                    continue
                folder = scratch / label.replace("/", "-")
                folder.mkdir(parents=True, exist_ok=True)
                shutil.copy(path, folder / f"{ex}.py")
                jobs.append((label, folder))

            def record(key, outcome):
                result = outcome[0]
                checks = tuple((c.id, str(c.status), c.score) for c in result.checks)
                verdicts[key] = (result.score, result.error is not None, checks)

            grade_submissions(course, [course.exercise(ex)], jobs, zygote, record)
    return verdicts


def kept_runs(folder: Path | None) -> list[dict[str, tuple]]:
    """The verdicts of the runs kept in `folder`, as one_run returns them (JSON lists made tuples)."""
    def tupled(value):
        return tuple(tupled(v) for v in value) if isinstance(value, list) else value

    if folder is None or not folder.is_dir():
        return []
    return [{label: tupled(verdict) for label, verdict in json.loads(path.read_text()).items()}
            for path in sorted(folder.glob("run-*.json"))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("-e", "--exercises", nargs="*", default=EXERCISES)
    parser.add_argument("--keep", type=Path, help="a folder: each run's verdicts are kept there, and compared "
                                                   "with the runs kept there before")
    options = parser.parse_args()
    course = Course(REPO)
    files = corpus_files(options.exercises)
    runs = kept_runs(options.keep)
    if runs:
        print(f"{len(runs)} runs kept in {options.keep}", flush=True)
    for index in range(options.runs):
        start = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="determinism-") as scratch:
            runs.append(one_run(course, files, Path(scratch)))
        print(f"run {index + 1}: {len(runs[-1])} files graded in {time.perf_counter() - start:.0f} s", flush=True)
        if options.keep:
            options.keep.mkdir(parents=True, exist_ok=True)
            (options.keep / f"run-{time.time_ns()}.json").write_text(json.dumps(runs[-1]))
    unstable = 0
    for label, _, _ in files:
        seen = [run.get(label) for run in runs]
        if any(verdict != seen[0] for verdict in seen[1:]):
            unstable += 1
            scores = [verdict[0] if verdict else None for verdict in seen]
            changed = sorted({c[0] for verdict in seen if verdict for c in verdict[2]}
                             - {c[0] for c in set.intersection(*(set(v[2]) for v in seen if v))})
            print(f"DIFFERS {label}: scores {scores}; checks {', '.join(changed)}")
    print(f"{len(files)} files, {len(runs)} runs: {unstable} verdicts differ between runs")
    return 1 if unstable else 0


if __name__ == "__main__":
    sys.exit(main())

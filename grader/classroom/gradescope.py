"""`grade gradescope OUT.zip`: an autograder bundle for Gradescope.

Gradescope unpacks the zip into /autograder/source, runs `setup.sh` once when building its
image, then `run_autograder` per submission with the student's files in
/autograder/submission; it reads /autograder/results/results.json.
"""

from __future__ import annotations

import shlex
import tempfile
import zipfile
from pathlib import Path

from grader.grading.course import SECRET_FILE, Course
from grader.core.project import COURSE_PARTS, copy_course, write_project
from grader.classroom.unpack import exercise_file_names

SETUP_SH = """#!/usr/bin/env bash
# Gradescope image setup: CPU torch first (an unpinned torch pulls a CUDA build), then the grader.
set -euo pipefail
apt-get update -qq && apt-get install -y -qq python3 python3-pip python3-venv > /dev/null
python3 -m pip install -q torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu || python3 -m pip install -q torch==2.13.0
python3 -m pip install -q -e /autograder/source
"""

RUN_AUTOGRADER = """#!/usr/bin/env bash
# Grade /autograder/submission; write /autograder/results/results.json in Gradescope's format.
set -u
ROOT="${AUTOGRADER_ROOT:-/autograder}"
PYTHON="${PYTHON:-python3}"
mkdir -p "$ROOT/results"
cd "$ROOT/source"
SUBMISSION="$ROOT/submission"
# A zip upload of a folder puts the files one level down: grade that folder. The course's own
# file names (as `grade batch` looks for them), not a pattern: any exercise name works.
EXERCISE_FILES=(@EXERCISE_FILES@)
has_work() { local f; for f in "${EXERCISE_FILES[@]}"; do [ -e "$1/$f" ] && return 0; done; return 1; }
if ! has_work "$SUBMISSION"; then
  for dir in "$SUBMISSION"/*/; do
    if has_work "${dir%/}"; then SUBMISSION="${dir%/}"; break; fi
  done
fi
# One grade per container: no background grading server to outlive it.
GRADER_SERVER=0 "$PYTHON" -m grader.cli all --submission "$SUBMISSION" --format gradescope > "$ROOT/results/results.json.tmp"
status=$?
if [ "$status" -le 2 ] && [ -s "$ROOT/results/results.json.tmp" ]; then
  mv "$ROOT/results/results.json.tmp" "$ROOT/results/results.json"
else
  printf '{"score": 0, "output": "The autograder could not run (exit status %s). Please contact the course staff.", "tests": []}\\n' "$status" > "$ROOT/results/results.json"
fi
exit 0
"""

def build_bundle(course: Course, out: Path) -> list[str]:
    """The zip Gradescope runs: setup.sh, run_autograder and an installable project holding
    the grader and the whole course (references included: the bundle stays on Gradescope)."""
    names = []
    with tempfile.TemporaryDirectory() as scratch:
        project = Path(scratch)
        write_project(project, f"Gradescope autograder for {course.title}\n")
        course.secret  # made now if missing: the autograder draws its property inputs from the same secret
        copy_course(course.root, project, parts=COURSE_PARTS + (SECRET_FILE,))
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            files = exercise_file_names([e.filename for e in course.exercises])
            run = RUN_AUTOGRADER.replace("@EXERCISE_FILES@", " ".join(shlex.quote(f) for f in files))
            for name, text in (("setup.sh", SETUP_SH), ("run_autograder", run)):
                info = zipfile.ZipInfo(name)
                info.external_attr = 0o100755 << 16
                zf.writestr(info, text)
                names.append(name)
            for path in sorted(project.rglob("*")):
                if path.is_file():
                    arcname = str(path.relative_to(project))
                    zf.write(path, arcname)
                    names.append(arcname)
    return names

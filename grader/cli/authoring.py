"""An instructor's authoring commands: `grade release` (the student release), `grade new`
(scaffold an exercise), `grade gradescope` (the autograder bundle) and `grade verify` (course
CI: references, stubs and mutation testing), with verify's tables.

They need the reference solutions, so a student release leaves them out of `grade --help`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from grader.cli.common import EXIT_FAILED, EXIT_OK, BadInput, current_course, fitted, tabulate
from grader.grading.course import BUNDLED_DIR, CourseError
from grader.remote.launcher import LaunchError, Zygote


@click.command()
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
def release(out):
    """Build the student release in OUT: grader, stubs, public checks; no answers.

    Leaves out reference/, hidden checks and misconception catalogs. Public checks get
    the reference's answers from fixtures recorded now (seeded inputs).
    """
    from grader.authoring.release import build_release

    course = current_course()
    if course.is_release:
        raise BadInput("this is already a student release")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise BadInput(f"{out} exists and is not empty: give a new or empty folder (nothing was written)")
    try:
        names = build_release(course, out)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Wrote the student release of {', '.join(names)} to {out}/\n"
               f"Students: pip install torch==2.13.0 && pip install {out} && grade init\n"
               f"(or hand out its wheel: pip wheel --no-deps {out} -w dist)")


@click.command()
@click.argument("name")
@click.option("--title", help="The exercise's title (default: \"Exercise NAME\").")
def new(name, title):
    """Scaffold exercise NAME in the course folder: stub, reference, checks, catalog.

    Writes student_template/NAME.py, reference/NAME.py and assignments/NAME/ (exercise.toml,
    checks.py with a sample check, misconceptions.py with one entry), and adds NAME to
    course.toml's order. `grade verify -e NAME` passes at once; then replace the sample
    function with your own. Never overwrites a file.
    """
    from grader.authoring.scaffold import ScaffoldError, scaffold_exercise

    course = current_course()
    if course.is_release:
        raise BadInput("a student release has no reference solutions: run grade new in the instructor's "
                       "course folder")
    if course.root.parent == BUNDLED_DIR.resolve():
        raise BadInput(f"{course.root} is not a course folder you can add to (it came with the installed grader): "
                       "run grade new in your own course folder (with a course.toml), or pass --course DIR")
    try:
        written = scaffold_exercise(course.root, name, title)
    except (ScaffoldError, OSError) as exc:
        raise BadInput(str(exc)) from None
    from grader.core import trust

    trust.trust(course.root)  # you are writing it: `grade verify` inside it needs no --course from now on
    for path in written:
        click.echo(f"wrote {path.relative_to(course.root)}")
    click.echo(f"\nNext: grade verify -e {name}    (passes as written; then make {name} your own: "
               "docs/authoring.md)")


@click.command()
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
def gradescope(out):
    """Build a Gradescope autograder bundle (setup.sh, run_autograder, the grader) as OUT.zip.

    Upload it as the assignment's autograder. Each submission is graded with every
    exercise; hidden checks are shown to students after grades are published.
    """
    from grader.classroom.gradescope import build_bundle

    course = current_course()
    names = build_bundle(course, out)
    click.echo(f"Wrote {out} ({len(names)} files): upload it in Gradescope as the autograder (zip).")


@click.command()
@click.option("--exercise", "-e", "names", multiple=True, metavar="NAME", help="Only these exercises.")
@click.option("--no-attacks", "no_attacks", is_flag=True,
              help="Skip the attack-class mutants (thresholds, changed inputs, kept state, global state, numpy, "
                   "training shortcuts).")
@click.option("--no-auto-mutants", "no_auto_mutants", is_flag=True,
              help="Skip the automatic mutants (operators applied to each reference); the catalog's still run.")
def verify(names, no_auto_mutants, no_attacks):
    """Course CI: every reference earns full marks, every stub zero, twice identically.

    \b
    Then mutation testing:
      catalog mutants    every misconception in assignments/<ex>/misconceptions.py must
                         lose points and be named in the feedback
      automatic mutants  small edits of reference/<ex>.py (swapped operators, dropped
                         transposes, off-by-one constants, in-place variants, ...) must
                         lose points, or be listed with the reason they are equivalent in
                         assignments/<ex>/equivalent_mutants.toml
      attack classes     each contract function wrapped to misbehave the way outsiders'
                         wrong work did (only past a size, step count, learning rate or
                         magnitude; changing its inputs; keeping state between calls;
                         leaving torch's settings changed; importing numpy; skipping
                         zero_grad, decaying the learning rate, clipping): killed or listed
                         with a reason, like automatic mutants
    """
    course = current_course()
    if course.is_release:
        raise click.ClickException("grade verify checks the course against its reference solutions, which a "
                                   "student release does not contain: run it in the instructor's repository.")
    zygote = Zygote().start()
    from grader.authoring.mutation import run_attack_mutation_tests, run_auto_mutation_tests, run_mutation_tests
    from grader.authoring.verify import verify_course
    from grader.grading.runner import SuiteError

    try:
        exercises = [course.exercise(n) for n in names] or course.exercises
        with zygote:
            rows = verify_course(course, zygote, exercises)
            mutation = run_mutation_tests(course, zygote, exercises)
            automatic = [] if no_auto_mutants else run_auto_mutation_tests(course, zygote, exercises)
            attacks = [] if no_attacks else run_attack_mutation_tests(course, zygote, exercises)
    except (CourseError, SuiteError, LaunchError) as exc:
        raise click.ClickException(str(exc)) from None
    table = [[r.exercise, r.reference, r.template, "yes" if r.deterministic else "NO",
              "ok" if not r.problems else "\n".join(r.problems)] for r in rows]
    click.echo(tabulate(table, headers=["exercise", "reference", "stub", "deterministic", "result"],
                        tablefmt="simple_grid", maxcolwidths=[None, None, None, None, 70]))
    failed = [r for r in rows if r.problems]
    click.echo(f"verify: {len(rows) - len(failed)} of {len(rows)} exercises consistent\n")
    _echo_catalog_mutants(mutation)
    if not no_auto_mutants:
        click.echo()
        _echo_automatic_mutants(automatic)
    if not no_attacks:
        click.echo()
        _echo_automatic_mutants(attacks, kind="attack-class")
    mutation_failed = [m for m in mutation if m.problems] + [a for a in automatic + attacks if a.failed]
    sys.exit(EXIT_FAILED if failed or mutation_failed else EXIT_OK)


def _echo_catalog_mutants(mutation) -> None:
    click.echo("Mutation testing (each catalog misconception applied to the reference):")
    table = [[m.exercise, m.mutants, m.killed, m.named, "ok" if not m.problems else "\n".join(m.problems)]
             for m in mutation]
    click.echo(tabulate(table, headers=["exercise", "mutants", "killed", "named", "result"], tablefmt="simple_grid",
                        maxcolwidths=[None, None, None, None, 70]))
    total = sum(m.mutants for m in mutation)
    caught = sum(m.named for m in mutation)
    score = 100 * caught / total if total else 100
    click.echo(f"catalog mutation score: {score:.0f}% ({caught} of {total} killed and named)")


def _echo_automatic_mutants(rows, kind: str = "automatic") -> None:
    what = "operators applied to the reference" if kind == "automatic" else \
        "each contract function made wrong the way outsiders' work was"
    click.echo(fitted(f"{kind.capitalize()} mutants ({what}; a survivor needs a check that kills it, "
                      "or an entry with its reason in assignments/<ex>/equivalent_mutants.toml):"))
    table = [[a.exercise, a.mutants, a.killed, a.equivalent, len(a.known_holes), len(a.survivors), f"{a.seconds:.1f}",
              "FAILED (below)" if a.failed else "ok"] for a in rows]
    click.echo(tabulate(table, headers=["exercise", "mutants", "killed", "equiv.", "known holes", "survived",
                                        "seconds", "result"], tablefmt="simple_grid"))
    for a in rows:  # one line each, to read or to copy into the exercise's file
        for mutant in a.survivors:
            click.echo(f"{a.exercise}: survived: {mutant.id}: {mutant.description}")
        for line in a.stale + a.problems:
            click.echo(f"{a.exercise}: {line}")
    total, killed = sum(a.mutants for a in rows), sum(a.killed for a in rows)
    equivalent, survived = sum(a.equivalent for a in rows), sum(len(a.survivors) for a in rows)
    holes = sum(len(a.known_holes) for a in rows)
    # The usual mutation score: equivalent mutants cannot be killed, so they are not counted.
    score = 100 * killed / (total - equivalent) if total > equivalent else 100
    unjudged = sum(len(a.problems) for a in rows)
    click.echo(f"{kind} mutation score: {score:.0f}% ({killed} killed, {equivalent} justified as equivalent, "
               + (f"{holes} known holes, " if holes else "")
               + f"{survived} survived, " + (f"{unjudged} not judged, " if unjudged else "") + f"of {total})")

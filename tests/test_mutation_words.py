"""grade verify says why a killed catalog entry was not named (an outsider instructor could not
tell: the feedback named another entry that gives the same numbers on the failing inputs)."""

from types import SimpleNamespace

from grader.authoring.mutation import why_not_named


def entry(name, feedback_contains=None):
    return SimpleNamespace(name=name, feedback_contains=feedback_contains)


def test_another_entry_named_instead_is_said_with_what_to_do():
    upside_down, no_diagonal = entry("the mask upside down"), entry("the diagonal left out", "tril(-1)")
    feedback = "causal_mask(1) returned wrong values ... This looks like a known mistake: tril(-1) ..."
    why = why_not_named(upside_down, [upside_down, no_diagonal], feedback)
    assert "names 'the diagonal left out' instead" in why and "tell them apart" in why


def test_no_entry_named_says_the_failing_checks_did_not_reproduce_it():
    alone = entry("scores divided by d")
    why = why_not_named(alone, [alone], "attention(q, k, v) returned wrong values")
    assert why.startswith("no known mistake was named")


def test_grade_verify_in_a_student_release_is_bad_usage(tmp_path):
    """A student release has no references to verify against: one line, exit status 2 (as the
    help says of bad usage), not 1 (which means checks failed)."""
    from click.testing import CliRunner

    from grader.cli import main

    (tmp_path / "course.toml").write_text('title = "A released course"\nexercises = []\nrelease = true\n')
    (tmp_path / "assignments").mkdir()
    result = CliRunner().invoke(main, ["--course", str(tmp_path), "verify"])
    assert result.exit_code == 2, result.output
    assert "student release does not contain" in result.output


def test_a_student_releases_help_names_no_instructor_command(tmp_path):
    """The outsider instructor's student saw "Instructors: grade verify ... grade new" in a
    release's `grade --help`, where those commands are not listed (nor usable)."""
    from click.testing import CliRunner

    from grader.cli import main

    (tmp_path / "course.toml").write_text('title = "A released course"\nexercises = []\nrelease = true\n')
    (tmp_path / "assignments").mkdir()
    shown = CliRunner().invoke(main, ["--course", str(tmp_path), "--help"]).output
    assert "Students:" in shown and "Instructors:" not in shown and "grade verify" not in shown

"""The student report (grader/reports/report.py): it fits the terminal and leads with what to fix.

The renderer on hand-made results (fast, and a property test over random messages), then the
real `grade` command at several widths on a wrong ex3, then `grade batch`'s feedback files.
"""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO
from grader.cli import main
from grader.classroom.gradebook import feedback_markdown
from grader.reports.markdown_report import exercise_markdown
from grader.reports.report import render
from grader.reports.table_report import exercise_table
from grader.reports.text_report import exercise_text, summary_text
from grader.reports.textfit import printable
from grader.core.results import CheckResult, ExerciseResult
from grader.remote.sandbox import ALL_LAYERS

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def columns(line: str) -> int:
    """A line's width on a terminal, measured here on its own: colour codes take no room,
    East Asian wide characters two columns, combining marks none (✓ ✗ ⏱ – are one)."""
    width = 0
    for ch in ANSI.sub("", line):
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def too_wide(text: str, width: int) -> list[str]:
    return [line for line in text.splitlines() if columns(line) > width]


def flat(text: str) -> str:
    """The text with its line breaks and indents made single spaces: what was said, however wrapped."""
    return " ".join(ANSI.sub("", text).split())


# ---------------------------------------------------------------- hand-made results

SHAPE = "forward returns shape (batch, n_out) for several layer sizes"
VALUES = "forward matches the reference on random float32 inputs"
MISTAKE = ("This looks like a known mistake: x @ W1 instead of x @ W1.T. W1 is stored as (n_hidden, n_in), the "
           "layout of nn.Linear.weight, so the first layer is x @ W1.T. (x @ W1 only runs at all when the layer is "
           "square.) See section 2 on matmul shapes.")
SYMPTOM = ("forward(<(4, 3) float32>, <(5, 3) float32>, <(5,) float32>, <(5, 2) float32>, <(2,) float32>) raised "
           "RuntimeError: mat1 and mat2 shapes cannot be multiplied (4x3 and 5x3) (line 8, in forward: hidden = "
           "torch.relu(x @ W1 + b1)) tensor([[0.1234,0.5678,0.9012,0.3456,0.7890,0.1234,0.5678,0.9012,0.3456,"
           "0.7890,0.1234,0.5678]]) /home/student/very/long/path/to/the/course/folder/work/ex3.py")


def check(name: str, status: str, message: str = "", points: float = 1, hidden: bool = False) -> CheckResult:
    waited = re.fullmatch(r'skipped: needs "(.*)" to pass first', message)  # as the plugin records it
    return CheckResult(name.replace(" ", "_"), name, "value", points, status, message, hidden,
                       waits_for=waited.group(1).replace(" ", "_") if waited else "")


def waits(name: str) -> str:
    return f'skipped: needs "{name}" to pass first'


def wrong_ex3() -> ExerciseResult:
    """Like ex3 with `x @ W1`: the shape check fails, eight checks wait on it (four of them
    through a check that itself waits), six pass."""
    checks = [check("forward gives [[1.70]] on the book's example", "passed", points=2),
              check(SHAPE, "failed", f"{SYMPTOM}\n{MISTAKE}", points=2),
              check(VALUES, "skipped", waits(SHAPE), points=3),
              check("forward keeps float64 inputs in float64", "skipped", waits(SHAPE), points=2),
              check("forward zeroes negative hidden units (ReLU)", "skipped", waits(SHAPE), points=2),
              check("forward matches the reference on a large batch", "skipped", waits(SHAPE), 2, hidden=True),
              check("gradients flow back to x, W1, b1, W2 and b2", "skipped", waits(VALUES), points=3),
              check("forward does not modify its inputs", "skipped", waits(VALUES)),
              check("forward computes afresh on every call", "skipped", waits(VALUES)),
              check("forward matches the reference on generated networks", "skipped", waits(VALUES), points=2)]
    checks += [check(f"build_model passes check {n}", "passed", points=2 if n == 0 else 1) for n in range(5)]
    return ExerciseResult("ex3", "Manual forward pass", "/home/student/work/ex3.py", checks,
                          sandbox=list(ALL_LAYERS))


WIDTHS = [60, 61, 72, 80, 99, 100, 120, 200]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("color", [False, True])
def test_the_report_fits_the_width_and_leads_with_what_to_fix(width, color):
    text = render([wrong_ex3()], "text", verbose=False, single=True, color=color, width=width)
    assert not too_wide(text, width)
    assert ("\x1b[" in text) == color  # colour only when asked (a terminal without NO_COLOR)
    lines = ANSI.sub("", text).splitlines()
    first_check = next(line for line in lines if line.startswith(("✗", "–", "✓")))
    assert first_check.startswith("✗ forward returns")  # the failure comes first
    said = flat(text)
    assert f"✗ {SHAPE} — failed, 0/2" in said
    assert flat(SYMPTOM).replace(" ", "") in said.replace(" ", "")  # the long tokens are cut, not lost
    assert MISTAKE in said
    assert f'– 8 more checks (16 points) wait for "{SHAPE}" to pass.' in said  # the chain points at its root
    assert "skipped: needs" not in said and VALUES not in said  # no skip repeated, no link of the chain
    assert "✓ 6 of 15 checks passed (--verbose lists them)." in said
    assert lines[-2:] == ["Score: 8/26", f"sandbox: {', '.join(ALL_LAYERS)}"]


@pytest.mark.parametrize("width", [60, 80, 120])
def test_verbose_lists_the_passed_and_the_skipped_checks_one_line_each(width):
    text = render([wrong_ex3()], "text", verbose=True, single=True, width=width)
    assert not too_wide(text, width)
    said = flat(text)
    assert "✓ forward gives [[1.70]] on the book's example, 2/2" in said
    assert "✓ build_model passes check 4, 1/1" in said
    assert "– forward does not modify its inputs, 0/1" in said  # under the fold that holds it
    assert "6 of 15 checks passed:" in said


def test_skips_are_folded_by_cause_and_checks_that_never_ran_by_their_reason():
    stub = "`forward` is not implemented yet (it still raises NotImplementedError)"
    checks = [check("forward works", "failed", stub),
              check("forward works for float64", "skipped", "skipped: `forward` is not implemented yet (see above)"),
              check("forward keeps the dtype", "skipped", "skipped: `forward` is not implemented yet (see above)"),
              check("forward on a batch", "skipped", waits("forward keeps the dtype")),  # waits on a skip
              check("model works", "failed", "the model gave 3, expected 4"),
              check("model is copied", "skipped", waits("model works"), points=2),
              check("late check one", "timeout", "not run: the exercise's 60 s time limit was used up"),
              check("late check two", "timeout", "not run: the exercise's 60 s time limit was used up")]
    result = ExerciseResult("ex9", "Example", "ex9.py", checks)
    said = flat(exercise_text(result, width=80))
    assert "– 3 more checks (3 points) skipped: `forward` is not implemented yet (see above)." in said
    assert '– 1 more check (2 points) waits for "model works" to pass.' in said
    assert "⏱ 2 more checks (2 points) not run: the exercise's 60 s time limit was used up." in said
    assert said.count("✗ ") == 2  # a block for each failure, none for the checks that never ran


def test_a_known_mistake_named_again_is_said_in_one_sentence_unless_verbose():
    verdict = "This looks like a known mistake: the ReLU is missing. Without an activation the layers collapse."
    checks = [check(f"values {n}", "failed", f"element [0, {n}] is -4.66, expected 0.25\n{verdict}") for n in range(3)]
    result = ExerciseResult("ex3", "Manual forward pass", "ex3.py", checks)
    short = flat(exercise_text(result, width=80))
    assert short.count(verdict) == 1
    assert short.count("This looks like a known mistake: the ReLU is missing. (as above)") == 2
    assert all(f"element [0, {n}] is -4.66, expected 0.25" in short for n in range(3))  # every symptom in full
    assert flat(exercise_text(result, verbose=True, width=80)).count(verdict) == 3


def test_text_from_student_code_cannot_drive_the_terminal():
    evil = "boom\x1b[2J\x1b]0;pwned\x07\rover\u202eeht\u2028next\x00end"
    result = ExerciseResult("ex3", "Manual forward pass", "ex3.py", [check("values", "failed", evil)],
                            output="printed\x1b[31m red\rback\n")
    for text in (render([result], "text", True, True, width=80), render([result], "table", True, True, width=80),
                 exercise_markdown(result)):
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u202e]", text), text  # no control character left
        shown = re.sub(r"[\s│]", "", text)  # (the grid may cut the escapes across lines)
        assert "\\x1b[2J" in shown and "\\u202e" in shown and "\\r" in shown  # shown, escaped


def test_wide_characters_and_emoji_count_two_columns():
    message = " ".join(["形状が違います"] * 12 + ["😀" * 50])
    result = ExerciseResult("ex3", "形状", "ex3.py", [check("値が違う " * 8, "failed", message)])
    for width in (60, 80):
        assert not too_wide(exercise_text(result, width=width), width)
        assert not too_wide(exercise_table(result, width=width), width)


@pytest.mark.parametrize("width", [60, 80, 120, 200])
def test_the_grid_fits_and_drops_the_kind_column_when_narrow(width):
    text = render([wrong_ex3()], "table", verbose=True, single=True, color=True, width=width)
    assert not too_wide(text, width)
    header = next(line for line in text.splitlines() if line.startswith("│ check"))
    assert ("kind" in header) == (width > 60)
    assert "x @ W1 instead of x @ W1.T" in flat(text.replace("│", " "))


def test_the_summary_of_all_exercises_wraps_long_titles_to_fit():
    title = "A title far too long for a sixty-column terminal, going on and on"
    results = [wrong_ex3(), ExerciseResult("ex10", title, "ex10.py", [check("a", "passed")])]
    for width in (60, 80):
        text = summary_text(results, width)
        assert not too_wide(text, width)
        assert "8/26" in text and "all passed" in text
        column = text.splitlines()[0].index("title")  # the title's lines, read down its column
        said = " ".join(line[column:].split("  ")[0] for line in text.splitlines()[3:])
        assert title in said and "…" not in text  # every word of it, none cut


# ---------------------------------------------------------------- any message at all

WORD = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn", "Zs", "Zl", "Zp")),
            min_size=1, max_size=12),
    st.text("abcdefghijklmnopqrstuvwxyz0123456789([,.])/_", min_size=60, max_size=300),  # tensor reprs, paths
    st.sampled_from(["x", "@", "W1.T", "+", "b1", "形状", "😀", "e\u0301", "✓", "⏱", "–", "x(4, 3)"]),
)
PARAGRAPH = st.lists(WORD, min_size=1, max_size=40).map(" ".join)
MESSAGE = st.lists(PARAGRAPH, min_size=1, max_size=4).map("\n".join)


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(message=MESSAGE, name=PARAGRAPH, width=st.integers(60, 200), verbose=st.booleans())
def test_any_message_fits_any_width_and_loses_no_text(message, name, width, verbose):
    result = ExerciseResult("ex3", "Manual forward pass", "ex3.py",
                            [check(name, "failed", message), check("other", "skipped", waits(name))])
    text = render([result], "text", verbose, True, color=True, width=width)
    assert not too_wide(text, width)
    said = flat(text)
    assert flat(printable(message)).replace(" ", "") in said.replace(" ", "")  # every character, in order
    for line in text.splitlines():
        assert line == line.rstrip()
    room = min(width, 100) - 6  # a word that fits a line is never cut
    for word in printable(message).split():
        if columns(word) <= room:
            assert word in said.split(), word
    grid = render([result], "table", verbose, True, width=width)
    assert not too_wide(grid, width)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(message=MESSAGE)
def test_any_message_in_markdown_is_wrapped_at_spaces_only(message):
    result = ExerciseResult("ex3", "Manual forward pass", "ex3.py", [check("values", "failed", message)])
    text = exercise_markdown(result)
    for line in text.splitlines():  # a longer line is one word that cannot be broken
        assert columns(line) <= 80 or " " not in line.strip().removeprefix("- ").strip(), line
    kept = text.replace("\\", "")  # the escapes that keep a wrapped line from starting a list or a heading
    assert flat(printable(message)).replace("\\", "") in flat(kept)


# ---------------------------------------------------------------- Markdown

def test_markdown_reads_well_raw_and_hides_hidden_checks():
    checks = [check("values", "failed", "got\n- 2 instead of + 2: <script>alert(1)</script>"),
              check("secret", "failed", "the secret inputs are 1, 2, 3", hidden=True),
              check("after secret", "skipped", waits("secret")), check("fine", "passed")]
    result = ExerciseResult("ex2", "Gradients", "ex2.py", checks)
    text = exercise_markdown(result, hide_hidden=True)
    assert text.startswith("## ex2 — Gradients\n\n**Score: 1/4**\n")
    assert "- ✗ **values** — failed, 0/1" in text and "- ✗ **hidden check** — failed, 0/1" in text
    assert "secret" not in text  # neither its name nor its message, nor in the fold
    assert "- 1 more check (1 point) waits for a hidden check to pass." in text
    assert "\n  \\- 2 instead of + 2: \\<script>alert(1)\\</script>" in text  # no list item, no raw HTML
    assert "|" not in text and "1 of 4 checks passed." in text
    shown = exercise_markdown(result)
    assert "- ✗ **secret (hidden)** — failed, 0/1" in shown and "the secret inputs are 1, 2, 3" in shown


# ---------------------------------------------------------------- the real command

W3_BUG = ("x @ W1.T", "x @ W1")  # the wrong ex3 of the issue: the transpose left out


@pytest.fixture(scope="module")
def wrong_ex3_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("w3")
    source = (REPO / "reference" / "ex3.py").read_text()
    assert W3_BUG[0] in source
    (folder / "ex3.py").write_text(source.replace(*W3_BUG))
    return folder


def grade(width: int, *args: str):
    runner = CliRunner(env={"COLUMNS": str(width), "NO_COLOR": None})
    return runner.invoke(main, list(args), catch_exceptions=False, terminal_width=width)


@pytest.mark.parametrize("width", [60, 80, 120])
def test_grade_ex3_fits_the_terminal_and_names_the_mistake(wrong_ex3_folder, width):
    result = grade(width, "ex3", "-s", str(wrong_ex3_folder))
    assert result.exit_code == 1
    assert not too_wide(result.output, width), result.output
    said = flat(result.output)
    assert "x @ W1 instead of x @ W1.T" in said
    assert f"✗ {SHAPE} — failed, 0/2" in said
    folded = [line for line in result.output.splitlines() if "more checks" in line]
    assert len(folded) == 1 and folded[0].startswith("– ")  # every skipped check in one fold
    assert re.search(rf'– \d+ more checks \(\d+ points\) wait for "{re.escape(SHAPE)}" to pass\.', said)
    assert "skipped: needs" not in said
    assert re.search(r"✓ \d+ of \d+ checks passed \(--verbose lists them\)\.", said)
    assert "forward gives [[1.70]]" not in said  # passed: counted, not listed

    grid = grade(width, "ex3", "-s", str(wrong_ex3_folder), "--format", "table")
    assert grid.exit_code == 1 and not too_wide(grid.output, width), grid.output
    assert "x @ W1 instead of x @ W1.T" in flat(grid.output.replace("│", " "))

    everything = grade(width, "all", "-s", str(wrong_ex3_folder))
    assert everything.exit_code == 1 and not too_wide(everything.output, width), everything.output
    said = flat(everything.output)
    assert re.search(r"ex3 Manual forward pass \d+/\d+ \d+ to fix", said)  # its summary row
    assert "x @ W1 instead of x @ W1.T" in said and "Not submitted yet: ex1.py" in said


def test_grade_ex3_verbose_lists_the_passing_checks(wrong_ex3_folder):
    result = grade(60, "ex3", "-s", str(wrong_ex3_folder), "--verbose")
    assert not too_wide(result.output, 60), result.output
    said = flat(result.output)
    assert "✓ forward gives [[1.70]] on the book's example, 2/2" in said
    assert "x @ W1 instead of x @ W1.T" in said


def test_the_format_option_offers_the_report_and_keeps_every_other_format():
    help_text = flat(CliRunner().invoke(main, ["ex3", "--help"]).output)
    assert "[text|table|json|markdown|junit|gradescope]" in help_text and "[default: text]" in help_text


# ---------------------------------------------------------------- batch feedback

def test_batch_feedback_reads_well_raw(wrong_ex3_folder, tmp_path):
    cls = tmp_path / "class"
    (cls / "wendy").mkdir(parents=True)
    (cls / "wendy" / "ex3.py").write_text((wrong_ex3_folder / "ex3.py").read_text())
    (cls / "bob").mkdir()
    (cls / "bob" / "ex3.py").write_text((REPO / "tests" / "submissions" / "ex3" / "wrong_no_relu.py").read_text())
    done = subprocess.run([sys.executable, "-m", "grader.cli", "batch", str(cls), "--out", str(tmp_path / "out"),
                           "-e", "ex3", "-j", "1"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr

    for student in ("wendy", "bob"):
        feedback = (tmp_path / "out" / "feedback" / f"{student}.md").read_text(encoding="utf-8")
        for line in feedback.splitlines():  # a longer line is one word that cannot be broken
            assert len(line) <= 100 or " " not in line.strip(), line
        assert "|---" not in feedback and "| check" not in feedback  # no wide tables
    wendy = (tmp_path / "out" / "feedback" / "wendy.md").read_text(encoding="utf-8")
    said = flat(wendy)
    assert f"- ✗ **{SHAPE}** — failed, 0/2" in said
    assert "mat1 and mat2 shapes cannot be multiplied" in said and "x @ W1 instead of x @ W1.T" in said
    assert re.search(rf'- \d+ more checks \(\d+ points\) wait for "{re.escape(SHAPE)}" to pass\.', said)
    bob = flat((tmp_path / "out" / "feedback" / "bob.md").read_text(encoding="utf-8"))
    assert "the ReLU is missing" in bob and "**hidden check**" in bob and "large batch" not in bob


@pytest.mark.parametrize("width", [60, 80, 200])
def test_grade_list_fits_the_terminal(width, monkeypatch):
    monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.setenv("GRADER_COURSE", str(REPO))
    result = CliRunner().invoke(main, ["list"])
    assert result.exit_code == 0, result.output
    assert not too_wide(result.output, width)
    assert "Manual forward pass" in result.output and "section 9, Exercise 3" in flat(result.output)

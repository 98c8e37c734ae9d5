"""`grade verify` hands back what to paste (grader/authoring/mutation_paste.py): each surviving
mutant's `[[equivalent]]` block, with its id and description exactly as verify matches them and
a TODO reason. Pasted into equivalent_mutants.toml, the survivor is accounted for, yet verify
still fails until the reason is written."""

from __future__ import annotations

import tomllib

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.authoring.attack_mutant import AttackMutant
from grader.authoring.automutation_mutant import Mutant
from grader.authoring.mutation import EQUIVALENTS, judge_automatic_mutants, load_plan
from grader.authoring.mutation_paste import TODO_REASON, equivalent_block, is_todo, paste_text, toml_entry, toml_string
from grader.cli import main
from test_automutation import ex5_course


def verify(course) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--course", str(course.root), "verify", "--no-attacks"], catch_exceptions=False)
    return result.exit_code, result.output


def test_a_survivor_pasted_from_verify_is_accounted_for_and_fails_until_its_reason_is_written(tmp_path):
    course = ex5_course(tmp_path, "")
    path = course.exercise("ex5").folder / EQUIVALENTS
    status, output = verify(course)
    assert status == 1
    pasted = output[output.index("# ex5: 1 surviving mutant"):]  # the last thing verify says without attacks
    assert pasted == (
        "# ex5: 1 surviving mutant. Kill each with a check, or paste its block into\n"
        "# assignments/ex5/equivalent_mutants.toml and replace the TODO with why it is as\n"
        "# correct as the reference (verify fails while a reason says TODO).\n\n"
        "[[equivalent]]\n"
        'id = "mae:inplace_method:1"\n'
        'description = "line 18: `(pred - target).abs()` -> `(pred - target).abs_()`"\n'
        'reason = "TODO: why this is as correct as the reference"\n')
    path.write_text(path.read_text() + "\n" + pasted)

    status, output = verify(course)
    said = " ".join(output.split())  # lines may be fitted to the terminal
    assert status == 1 and "surviving mutant" not in output and said.count("ex5: ") == 1
    assert "automatic mutation score: 100% (3 killed, 1 justified as equivalent, 0 survived, of 4)" in said
    assert ("ex5: mae:inplace_method:1: its reason in equivalent_mutants.toml still says TODO: write why it is as "
            "correct as the reference (or kill it with a check and remove its entry)") in said

    path.write_text(path.read_text().replace(TODO_REASON, "abs_ overwrites only the temporary pred - target"))
    status, output = verify(course)
    assert status == 0, output


def test_a_known_hole_with_a_todo_reason_fails_too(tmp_path, zygote):
    hole = ('[[known_hole]]\nid = "mae:inplace_method:1"\n'
            'description = "line 18: `(pred - target).abs()` -> `(pred - target).abs_()`"\nreason = "TODO"\n')
    course = ex5_course(tmp_path, hole)
    row = judge_automatic_mutants(course, zygote, course.exercise("ex5"))
    assert row.known_holes == ["mae:inplace_method:1"] and len(row.unreasoned) == 1 and row.failed


@pytest.mark.parametrize("mutant", [
    Mutant("f:off_by_one:1", "f", "off_by_one", 7, "x[\"a\\\\b\"] + '…'", "x[\"a\\\\b\"] + '…' \x7f", "source"),
    AttackMutant("train:int_above:1000", "train", "int_above", "train is wrong only when an int argument is above 1000",
                 "source"),
])
def test_the_block_is_toml_that_verify_matches_to_its_mutant(tmp_path, mutant):
    data = tomllib.loads(equivalent_block(mutant))
    (entry,) = data["equivalent"]
    assert entry == {"id": mutant.id, "description": mutant.description, "reason": TODO_REASON}
    folder = tmp_path / "ex"
    folder.mkdir()
    (folder / EQUIVALENTS).write_text(paste_text("ex", [mutant, mutant]).replace(
        equivalent_block(mutant), "", 1))  # one block: an id listed twice is refused
    plan = load_plan(type("Exercise", (), {"folder": folder})())
    assert plan.equivalents[mutant.id].change == mutant.change


@settings(max_examples=300, deadline=None, derandomize=True)
@given(text=st.lists(st.sampled_from(list("ab \\\"'…\t\x7f`-") + ["line 18: "]), max_size=120).map("".join),
       width=st.integers(30, 120))
def test_a_long_description_is_pasted_in_lines_of_the_terminal_and_reads_back_the_same(text, width):
    entry = toml_entry("description", text, width)
    assert tomllib.loads(entry)["description"] == text
    pieces_fit = all(len(word) + 20 <= width for word in toml_string(text).split(" "))
    if pieces_fit:  # where the spaces allow, no line is wider than the terminal
        assert max(len(line) for line in entry.splitlines()) <= width, entry


def test_no_survivor_nothing_to_paste():
    assert paste_text("ex5", []) == ""


@pytest.mark.parametrize("reason, todo", [(TODO_REASON, True), ("todo: later", True), ("  TODO", True),
                                          ("Equivalent: the mask is bool", False), ("A TODO list is kept", False)])
def test_what_counts_as_an_unwritten_reason(reason, todo):
    assert is_todo(reason) is todo

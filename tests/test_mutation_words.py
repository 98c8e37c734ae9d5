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

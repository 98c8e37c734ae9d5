"""Property checks, in this process: a fake student function stands in for the worker."""

import pytest
from hypothesis import strategies as st

from grader.core.outcomes import CheckFailure, StudentRaised
from grader import properties
from grader.properties import examples, for_all


@pytest.fixture(autouse=True)
def public_seed():
    """These checks assume the public seed: an in-process grading run earlier in the session
    leaves its course's secret set (the runner sets it per pytest session)."""
    properties.use_secret(None)
    yield
    properties.use_secret(None)


class LocalFunction:
    """A student function as the check sees it: a callable with `many`, errors as StudentRaised."""

    def __init__(self, function):
        self.function, self.calls = function, 0

    def __call__(self, *args):
        self.calls += 1
        try:
            return self.function(*args)
        except Exception as exc:  # as the worker reports it
            raise StudentRaised(f"fn{args}", {"type": type(exc).__name__, "mro": [c.__name__ for c in type(exc).__mro__],
                                              "message": str(exc)}) from None

    def many(self, calls):
        out = []
        for args in calls:
            try:
                out.append(self(*args))
            except StudentRaised as raised:
                out.append(raised)
        return out


def reference(a, b):
    if b == 0:
        raise ValueError("b must not be 0")
    return a // b


PAIRS = st.tuples(st.integers(-50, 50), st.integers(-50, 50))


def compare(actual, expected, call):
    if actual != expected:
        raise CheckFailure(f"{call} returned {actual}, expected {expected}", expected=expected, actual=actual)


def test_the_generated_inputs_are_the_same_every_time():
    first = examples(PAIRS, 30, key="test.same")
    properties._EXAMPLES.clear()  # drawn again, not read from memory
    assert first == examples(PAIRS, 30, key="test.same")
    assert len(first) == 30


def test_a_correct_function_passes_and_makes_no_interactive_calls():
    student = LocalFunction(reference)
    for_all(PAIRS, student, reference, compare=compare, describe=lambda a, b: f"div({a}, {b})", key="test.ok")
    assert student.calls == 60  # the batch only


def test_a_wrong_answer_is_shrunk_to_the_smallest_failing_call():
    def wrong(a, b):
        return reference(a, b) if a < 7 else reference(a, b) + 1

    with pytest.raises(CheckFailure) as failure:
        for_all(PAIRS, LocalFunction(wrong), reference, compare=compare, describe=lambda a, b: f"div({a}, {b})",
                key="test.wrong", count=100)
    assert "div(7, 1) returned 8, expected 7" in failure.value.message
    assert "smallest failing input" in failure.value.message


def test_an_expected_error_must_be_raised_and_of_the_right_kind():
    with pytest.raises(CheckFailure, match=r"div\(0, 0\) raised ZeroDivisionError, expected ValueError"):
        for_all(PAIRS, LocalFunction(lambda a, b: a // b), reference, compare=compare,
                describe=lambda a, b: f"div({a}, {b})", key="test.error", count=100)


def test_errors_allowed_accepts_an_error_but_still_judges_returned_values():
    def raises_on_negatives(a, b):
        if a < 0 and b != 0:
            raise RuntimeError("no negatives")
        return reference(a, b)

    for_all(PAIRS, LocalFunction(raises_on_negatives), reference, compare=compare, errors_allowed=True,
            describe=lambda a, b: f"div({a}, {b})", key="test.allowed", count=100)
    with pytest.raises(CheckFailure):
        for_all(PAIRS, LocalFunction(lambda a, b: None if b else a // b), reference, compare=compare, errors_allowed=True,
                describe=lambda a, b: f"div({a}, {b})", key="test.allowed-none", count=100)

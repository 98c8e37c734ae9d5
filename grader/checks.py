"""What a check author imports: the `@check` decorator and the helpers checks use.

A check is a plain pytest test function named `check_*` in `assignments/<ex>/checks.py`:

    @check("forward returns shape (batch, n_out)", kind="shape", points=1)
    def check_forward_shape(student, reference):
        x, W1, b1, W2, b2 = ...
        expect_tensor_like(student.forward(x, W1, b1, W2, b2), reference.forward(...), call=...)

Fixtures: `student` (the submission, calls run in a worker), `reference` (the reference
module, trusted), `source` (the parsed submission, for forbidden-call checks).
"""

from __future__ import annotations

import sys
from pathlib import Path

from grader.expect import (describe_type, expect_number, expect_raises, expect_tensor,  # noqa: F401
                           expect_tensor_like, expect_unchanged, expect_values, fmt_number, fmt_shape,
                           looser_dtype, sparkline, tolerances)
from grader.remote.gradients import backpropagate
from grader.core.outcomes import CheckFailure, NotImplementedYet, StudentRaised, StudentTimeout  # noqa: F401
from grader.properties import for_all, literal  # noqa: F401
from grader.core.results import CheckSpec  # noqa: F401  (defined beside the results; the check author's too)
from grader.core.loader import load_module
from grader.core.handles import Remote, worker_function  # noqa: F401

# What a check judges, for `@check(kind=...)`: reports and class statistics group checks by it.
KINDS = ("shape", "gradient", "value", "convergence", "api")


def check(name: str, *, kind: str, points: float = 1, hidden: bool = False, depends=()):
    """Mark a function named `check_*` as a graded check.

    `name` is the one line the student reads for it ("attention matches the reference");
    `kind` one of `KINDS`; `points` what it is worth. A `hidden` check is left out of the
    student release and graded only on the instructor's side (`grade batch`, Gradescope,
    `grade verify`). `depends` names checks (their function names, one or a tuple) that must
    pass first; when one did not, this check is skipped with that cause instead of failing
    again, except after a failure on a result's dtype alone, when it still runs for its
    feedback (see the authoring guide). The function's parameters name the fixtures it gets:
    `student`, `reference`, `source`."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    if isinstance(depends, str):
        depends = (depends,)

    def mark(function):
        function.grader_check = CheckSpec(function.__name__, name, kind, points, hidden, tuple(depends))
        return function

    return mark


def course_module(checks_file: str, name: str):
    """A helper module beside an exercise's checks.py, e.g. in assignments/ex4/checks.py:
    `diagnosis = course_module(__file__, "diagnosis")` loads assignments/ex4/diagnosis.py.
    Named after its folder, so two exercises may each have a `diagnosis.py`. Helper modules
    ship in the student release with the public checks: keep answers out of them."""
    path = Path(checks_file).resolve().parent / f"{name}.py"
    module_name = f"grader_course_{path.parent.name}_{name}"
    loaded = sys.modules.get(module_name)
    if loaded is not None and Path(loaded.__file__).resolve() == path:
        return loaded  # every check module that asks shares one copy
    return load_module(module_name, path, register=True,
                       missing=f"no such helper module beside {Path(checks_file).name}")


def run_in_worker(student, function, args, *, call: str):
    """`student.run(function, *args)` for a check's own `@worker_function` that calls the
    student's code, with the student's own call named when it goes wrong: their code raised, or
    ran out of time, in `call` (e.g. "train(nn.Linear(2, 1), X(6, 2), ...)"), not in the
    grader's helper."""
    try:
        return student.run(function, *args)
    except StudentRaised as raised:
        raised.call = call
        raise
    except StudentTimeout as timeout:
        raise timeout.during(f"in {call}") from None


def known_mistakes(catalog, function: str, run_entry, matches, results: dict | None = None) -> list:
    """The entries of `catalog` (`load_catalog(...)`) for `function` whose result reproduces
    the student's: `matches(run_entry(entry))` is true. `run_entry(entry)` runs the check's
    own computation with `entry.implementation` in place of the student's function, in the
    grader's process; an entry that cannot run on these inputs explains nothing. `results`,
    if given, gets each entry's result by its name."""
    found = []
    for entry in catalog:
        if entry.function != function:
            continue
        try:
            # A student release has no entry code: the result recorded at release time.
            replay = getattr(entry.implementation, "replay", None)
            result = replay(run_entry) if replay is not None else run_entry(entry)
            if results is not None:
                results[entry.name] = result
            if matches(result):
                found.append(entry)
        except Exception:
            continue
    return found


def name_mistakes(entries) -> str | None:
    """The feedback naming the known mistakes `known_mistakes` found, or None when it found
    none: one entry's verdict, or every entry's name and advice when several give the same
    numbers."""
    if not entries:
        return None
    if len(entries) == 1:
        return entries[0].verdict()
    return ("This looks like one of these known mistakes, which give the same numbers here:\n"
            + "\n".join(f"- {e.name}. {e.advice}" for e in entries))


def compare_tensors(actual, expected, call: str) -> None:
    """`expect_tensor(actual, expected, call=call)` in the shape `for_all` takes as `compare`:
    a property whose function returns one tensor needs no comparison of its own."""
    expect_tensor(actual, expected, call=call)


def specs_of(module) -> list[CheckSpec]:
    """The checks of a loaded check module, in the order they are written, followed by the
    engine's own checks of the contract's rules for its exercise (grader/core/contract.py)."""
    from grader.core.contract import rule_specs

    functions = [f for f in vars(module).values() if hasattr(f, "grader_check")]
    functions.sort(key=lambda f: f.__code__.co_firstlineno)
    return [f.grader_check for f in functions] + rule_specs(Path(module.__file__).parent)


def reference_grads(function, args, wrt, grad_output=None):
    """Gradients of a trusted function's result, the way the worker computes the student's."""
    import torch

    if hasattr(function, "recorded_grads"):  # a student release: recorded at release time
        return function.recorded_grads(args, wrt, grad_output)
    args = [a.detach().clone().requires_grad_(i in wrt) if isinstance(a, torch.Tensor) else a
            for i, a in enumerate(args)]
    value = function(*args)
    grads = backpropagate(value, [args[i] for i in wrt], grad_output)
    return value.detach(), [None if g is None else g.detach() for g in grads]


def expect_grads(student_function, reference_function, args, names, *, call: str, wrt=None,
                 grad_output=None):
    """Backpropagate through the student's function in the worker and compare every gradient
    with the reference's. `names` names the arguments, for the feedback."""
    wrt = list(range(len(args))) if wrt is None else list(wrt)
    value, grads = student_function.with_grad(*args, wrt=wrt, grad_output=grad_output)
    expected_value, expected_grads = reference_grads(reference_function, args, wrt, grad_output)
    # A result that is right but for its dtype is judged further: a result cut off from
    # autograd, or a wrong gradient, is the bigger mistake and is reported instead. The dtype
    # failure comes last; gradients are then held to the precision the result was computed in.
    wrong_dtype = None
    try:
        expect_tensor_like(value, expected_value, call=call)
    except CheckFailure as failure:
        if not failure.dtype_only:
            raise
        wrong_dtype = failure
    if isinstance(grads, str):
        raise CheckFailure(f"{call}: the result is not connected to autograd, so no gradient can flow back",
                           help="Build the result from the inputs with torch operations only: no .item(), "
                                ".tolist(), .detach(), .numpy() or torch.tensor(...) on intermediate values.")
    for index, grad, expected in zip(wrt, grads, expected_grads):
        name = names[index]
        if grad is None and expected is not None:
            raise CheckFailure(f"{call}: no gradient reaches `{name}`",
                               help=f"The result does not depend on `{name}` through autograd: was it "
                                    "detached or rebuilt with torch.tensor(...)?")
        if expected is None:
            continue
        rtol = atol = None
        if wrong_dtype is not None and expected.is_floating_point():
            precision = looser_dtype(value.dtype, expected.dtype)
            rtol, atol = tolerances(expected.to(precision), None, None)
        expect_tensor(grad, expected, call=f"the gradient with respect to `{name}` of {call}", what="has",
                      rtol=rtol, atol=atol)
    if wrong_dtype is not None:
        raise wrong_dtype

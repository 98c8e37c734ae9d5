"""Checks for Exercise 6: descend(fn, x0, lr, steps) and DIVERGING_LR."""

import math

import torch

from grader.checks import CheckFailure, StudentRaised, check, describe_type, for_all, worker_function
from grader.strategies import lazy, st

# The contract's tolerance for x and every value: relative 1e-4 plus absolute 1e-5, which a
# float32 x and a float64 x both meet.
RTOL, ATOL = 1e-4, 1e-5
BOOK_PRINTED_X = 4.985981  # what the book prints under its code; the code computes 4.942354
OPTIMIZERS = {"optim", "SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "Adadelta", "Adamax", "NAdam", "RAdam", "ASGD",
              "LBFGS", "Rprop", "SparseAdam", "Optimizer", "lr_scheduler"}


# ---------------------------------------------------------------- functions to descend on
# They run in the worker (sent as source) and in the grader (for the reference). Each keeps
# the dtype of x: a student may hold x in float32 or float64.


@worker_function
def f(x):
    return (x - 5) ** 2


@worker_function
def gentle(x):
    return 0.25 * (x - 2) ** 2


@worker_function
def bowl(x):
    return 3 * (x + 1.5) ** 2 + 2


@worker_function
def wave(t):  # its parameter is not named x: fn(x=x) fails on it
    return torch.cos(t)


@worker_function
def quartic(x):
    return x**4 - 3 * x**2 + x


@worker_function
def expo(x):
    return torch.exp(x) + torch.exp(-2 * x)


@worker_function
def softplus_tilt(x):
    return torch.log(1 + torch.exp(x)) - 0.5 * x


@worker_function
def double_well(x):
    return (x**2 - 4) ** 2 / 8


@worker_function
def tanh_bowl(x):
    return x * torch.tanh(x)


@worker_function
def sine_bowl(x):
    return torch.sin(x) + 0.1 * x**2


@worker_function
def flat(x):  # the section's function scaled down: tiny gradients, the same steps with lr 1e7
    return 1e-8 * (x - 5) ** 2


@worker_function
def line(x):  # a slope that never flattens: one gradient not cleared shows in every later value
    return 3 * x - 2


FORMULA = {line: "3*x - 2", flat: "1e-8*(x - 5)**2", f: "(x - 5)**2", gentle: "0.25*(x - 2)**2", bowl: "3*(x + 1.5)**2 + 2", wave: "cos(x)",
           quartic: "x**4 - 3*x**2 + x", expo: "exp(x) + exp(-2*x)", softplus_tilt: "log(1 + exp(x)) - 0.5*x",
           double_well: "(x**2 - 4)**2 / 8", tanh_bowl: "x*tanh(x)", sine_bowl: "sin(x) + 0.1*x**2"}

# For generated inputs: each function with starting points and learning rates at which descent
# converges (so float32 and float64 runs agree within the tolerance all the way).
GENERATED = [
    (f, [0, 0.0, 3, -2.5, 12.0, 5, 7.5], [0.05, 0.1, 0.3, 0.45, 0.7, 0.9]),
    (bowl, [0, 2.0, -4, 1, 10.0], [0.01, 0.05, 0.1, 0.2, 0.3]),
    (wave, [1, 0.5, 2.0, -1.0, 4.0, 3], [0.1, 0.5, 1, 1.5]),
    (quartic, [0, 0.5, -1, 1.5, -2.0, 2], [0.005, 0.01, 0.02, 0.05]),
]


def call_text(fn, x0, lr, steps):
    return f"descend(fn, {x0!r}, {lr!r}, {steps!r}) with fn(x) = {FORMULA[fn]}"


# ---------------------------------------------------------------- comparing answers


def _number_problem(value, what: str) -> str | None:
    """Why `value` is not a plain Python number (None when it is one)."""
    if isinstance(value, bool) or type(value) not in (int, float):
        hint = ""
        if describe_type(value).startswith("a tensor"):
            hint = " (use .item() to turn a one-element tensor into a Python float)"
        return f"{what} is {describe_type(value)}, expected a Python float{hint}"
    return None


def _close(got: float, want: float) -> bool:
    if math.isnan(want) or math.isinf(want):
        return got == want or (math.isnan(got) and math.isnan(want))
    return abs(got - want) <= RTOL * abs(want) + ATOL


def expect_structure(actual, steps: int, call: str) -> None:
    """A pair (final x, values) of Python numbers, with one value per step."""
    if not isinstance(actual, (tuple, list)) or len(actual) != 2:
        raise CheckFailure(f"{call} returned {describe_type(actual)}, expected a tuple (final_x, values)",
                           help="End with `return x.item(), values`.")
    x, values = actual
    problem = _number_problem(x, "the final x")
    if problem:
        raise CheckFailure(f"{call}: {problem}", expected="float", actual=describe_type(x))
    if not isinstance(values, (list, tuple)):
        raise CheckFailure(f"{call} returned values as {describe_type(values)}, expected a list of {steps} floats",
                           expected="list", actual=describe_type(values))
    for k, value in enumerate(values):
        problem = _number_problem(value, f"values[{k}]")
        if problem:
            raise CheckFailure(f"{call}: {problem}", expected="float", actual=describe_type(value),
                               help="Record value.item() (or float(value)), not the tensor itself.")
    if len(values) != steps:
        if len(values) == steps + 1:
            why = ("one value too many: values[k] is fn(x) before step k, so there are exactly `steps` of them. "
                   "Is the loop range(steps + 1), or is fn(x) after the last update appended too?")
        elif len(values) == steps - 1:
            why = "one value too few: is the loop range(steps - 1), or is the first value left out?"
        elif len(values) > steps:
            why = ("record fn(x) once per step, before that step's update. Is the values list made outside "
                   "descend? Then it keeps the values of earlier calls: make values = [] inside descend.")
        else:
            why = "record fn(x) once per step, before that step's update"
        raise CheckFailure(f"{call} returned {len(values)} values, expected {steps} (one per step)",
                           expected=steps, actual=len(values), help=why[0].upper() + why[1:])


def expect_descent(actual, expected, call: str, *, judge_x: bool = True) -> None:
    """(final x, values) equal to the reference's within the contract's tolerance (the values
    first: the first wrong one says at which step things went wrong)."""
    want_x, want_values = expected
    expect_structure(actual, len(want_values), call)
    x, values = actual
    for k, (got, want) in enumerate(zip(values, want_values)):
        if not _close(got, want):
            agree = {0: "", 1: " (values[0] is right)"}.get(k, f" (values[0] to values[{k - 1}] are right)")
            raise CheckFailure(f"{call}: values[{k}] is {got:.7g}, expected {want:.7g}{agree}",
                               expected=want, actual=got,
                               help="values[k] is fn(x) at the start of step k, before that step's update; "
                                    "each step moves x by -lr * (the gradient of fn at x).")
    if judge_x and not _close(x, want_x):
        if abs(x - BOOK_PRINTED_X) < 5e-6:
            help_text = ("4.985981 is the figure the book prints under its loop, a misprint: the loop computes "
                         "4.942354. Return the x your loop ends at.")
        else:
            help_text = ("The values match, so x was right at the start of every step: check the last update, and "
                         "that you return x after it (x.item()).")
        raise CheckFailure(f"{call} returned final x = {x:.7g}, expected {want_x:.7g} (every value was right)",
                           expected=want_x, actual=x, help=help_text)


# ---------------------------------------------------------------- an error explained by the x fn got


def leaf_diagnosis(seen, error: str, call: str) -> CheckFailure | None:
    """descend raised: was it because x stopped being the leaf that requires grad after the first
    update (the catalog cannot tell that from the error alone: `lr * None` has one message
    whatever made x.grad None)? `seen` is what fn was given at each call (`watch_steps`)."""
    tensors = [entry for entry in seen if entry[0] == "Tensor"]
    if len(tensors) < 2 or not tensors[0][2]:
        return None
    first, last = tensors[0], tensors[-1]
    if last[2] and last[4] > first[4]:
        return CheckFailure(f"{call} raised {error}, because the update was recorded in the autograd graph: the x fn "
                            f"gets at step 1 has {first[4]} autograd node(s) behind it and at step {len(tensors)} "
                            f"{last[4]}, so x = x - lr * x.grad outside torch.no_grad() made it a non-leaf tensor, "
                            "whose .grad backward() leaves None",
                            help="Update in place without recording it: `with torch.no_grad(): x -= lr * x.grad` "
                                 "keeps x the same leaf tensor, whose .grad backward() fills at every step.")
    if not last[2]:
        return CheckFailure(f"{call} raised {error}, because after the first update x no longer requires grad: under "
                            "torch.no_grad(), x = x - lr * x.grad makes a new x that does not require grad",
                            help="Update the same tensor in place under torch.no_grad(): x -= lr * x.grad (or "
                                 "x.sub_(lr * x.grad)), so that it stays the leaf that requires grad.")
    return None


def descend(student, fn, x0, lr, steps):
    """student.descend(...), with an error that the x given to fn explains said so."""
    try:
        return student.descend(fn, x0, lr, steps)
    except StudentRaised as raised:
        seen, error = student.run(watch_steps, x0, lr, max(steps, 2))
        diagnosis = leaf_diagnosis(seen, error, f"descend(f, {x0!r}, {lr!r}, {steps!r})") if error else None
        if diagnosis is None:
            raise
        raise diagnosis from None


# ---------------------------------------------------------------- the book's example


@check("descend returns (final_x, values): Python floats, one value per step", kind="shape", points=1)
def check_returns_pair(student, reference):
    for steps in (3, 20):
        expect_structure(descend(student, f, 0.0, 0.1, steps), steps, f"descend(f, 0.0, 0.1, {steps})")


@check("the section's example: values 25.0, 16.0, 10.24, ... for f(x) = (x - 5)**2", kind="value", points=2,
       depends="check_returns_pair")
def check_book_values(student, reference):
    # The final x is the next check's: a wrong x alone costs that one only.
    expect_descent(descend(student, f, 0.0, 0.1, 20), reference.descend(f, 0.0, 0.1, 20),
                   "descend(f, 0.0, 0.1, 20) with f(x) = (x - 5)**2", judge_x=False)


@check("the section's example ends at x = 4.942354 after 20 steps (not the book's misprinted 4.985981)",
       kind="value", points=2, depends="check_returns_pair")
def check_book_final_x(student, reference):
    x, _ = descend(student, f, 0.0, 0.1, 20)
    want = reference.descend(f, 0.0, 0.1, 20)[0]
    if _close(x, want):
        return
    if abs(x - BOOK_PRINTED_X) < 5e-6:
        raise CheckFailure(f"descend(f, 0.0, 0.1, 20) returned x = {x:.6f}, the figure the book prints under its "
                           f"code; but that code computes {want:.6f}",
                           expected=f"{want:.6f}", actual=f"{x:.6f}",  # text: no "no known mistake" line
                           help="The book's printed \"Final x = 4.985981\" is a misprint. Each step multiplies the "
                                "distance to 5 by (1 - 2 * 0.1) = 0.8, so after 20 steps x = 5 * (1 - 0.8**20) = "
                                "4.942354. Run the loop and return its x; do not copy the printout.")
    raise CheckFailure(f"descend(f, 0.0, 0.1, 20) with f(x) = (x - 5)**2 returned x = {x:.7g}, expected "
                       f"{want:.7g} (= 5 * (1 - 0.8**20))", expected=want, actual=x,
                       help="Each step is x -= lr * x.grad, 20 of them, and x is returned after the last one.")


@check("descend on f(x) = (x - 5)**2 from other starts, learning rates and step counts", kind="value", points=2,
       depends="check_book_values")
def check_other_starts(student, reference):
    for x0, lr, steps in [(-2.5, 0.3, 7), (12.0, 0.05, 15), (5.0, 0.1, 4), (7.5, 0.7, 12), (1.0, 0.45, 30)]:
        expect_descent(student.descend(f, x0, lr, steps), reference.descend(f, x0, lr, steps),
                       call_text(f, x0, lr, steps))


@check("x0 and lr may be Python ints (descend(fn, 0, 1, 10) works)", kind="api", points=1,
       depends="check_book_values")
def check_int_arguments(student, reference):
    for fn, x0, lr, steps in [(f, 0, 0.1, 20), (gentle, 0, 1, 10), (gentle, -3, 1, 6)]:
        call = call_text(fn, x0, lr, steps)
        try:
            got = student.descend(fn, x0, lr, steps)
        except StudentRaised as raised:
            raise CheckFailure(f"{call} raised {raised.type}: {raised.message.splitlines()[0][:200]}",
                               help="x0 and lr may be ints. torch.tensor(0, requires_grad=True) is an integer "
                                    "tensor, which cannot require grad: make x with "
                                    "torch.tensor(float(x0), requires_grad=True).") from None
        expect_descent(got, reference.descend(fn, x0, lr, steps), call)


@check("descend works on functions it has never seen (cos, a quartic, a shifted bowl)", kind="value", points=3,
       depends="check_book_values")
def check_unseen_functions(student, reference):
    for fn, x0, lr, steps in [(wave, 1.0, 0.5, 15), (quartic, 2.0, 0.02, 25), (bowl, 2.0, 0.1, 12),
                              (quartic, -2.0, 0.05, 10)]:
        expect_descent(student.descend(fn, x0, lr, steps), reference.descend(fn, x0, lr, steps),
                       call_text(fn, x0, lr, steps))


# ---------------------------------------------------------------- how the loop is written


@worker_function
def watch_steps(module, x0, lr, steps):
    """Call descend with a function that notes what it is given at every call: a 0-dim tensor
    that requires grad, its dtype, and how many autograd nodes lie behind it (a leaf has none;
    an update recorded in the graph adds nodes at every step)."""
    seen = []

    def fn(x):
        if not isinstance(x, torch.Tensor):
            seen.append([type(x).__name__, -1, False, "", 0])
            return (x - 5) ** 2
        nodes, todo = set(), [x.grad_fn]
        while todo and len(nodes) < 10000:
            node = todo.pop()
            if node is None or id(node) in nodes:
                continue
            nodes.add(id(node))
            todo += [parent for parent, _ in node.next_functions]
        seen.append(["Tensor", x.dim(), bool(x.requires_grad), str(x.dtype).replace("torch.", ""), len(nodes)])
        return (x - 5) ** 2

    try:
        module.descend(fn, x0, lr, steps)
    except NotImplementedError:
        raise
    except Exception as exc:  # what went wrong, for a diagnosis of where x stopped being the leaf
        return seen, f"{type(exc).__name__}: {(str(exc).splitlines() or [''])[0][:200]}"
    return seen, None


@check("fn gets x as a 0-dim tensor that requires grad, and the update is not recorded in the graph",
       kind="gradient", points=2, depends="check_book_values")
def check_update_not_recorded(student):
    seen, error = student.run(watch_steps, 0.0, 0.1, 8)
    if error:
        raise leaf_diagnosis(seen, error, "descend(fn, 0.0, 0.1, 8)") or CheckFailure(
            f"descend(fn, 0.0, 0.1, 8) raised {error}")
    if not seen:
        raise CheckFailure("descend(fn, 0.0, 0.1, 8) never called fn", help="Compute value = fn(x) at every step.")
    for kind, dim, _, dtype, _ in seen:
        if kind != "Tensor":
            raise CheckFailure(f"descend(fn, 0.0, 0.1, 8) called fn with a {kind}, expected a 0-dim tensor",
                               help="Hold x as torch.tensor(float(x0), requires_grad=True) and call fn(x).")
        if dim != 0:
            raise CheckFailure(f"descend(fn, 0.0, 0.1, 8) called fn with a {dim}-dim tensor, expected a 0-dim one",
                               help="torch.tensor([x0]) has shape (1,); torch.tensor(float(x0)) is 0-dim, as the "
                                    "section's loop holds x.")
        if dtype not in ("float32", "float64"):
            raise CheckFailure(f"descend(fn, 0.0, 0.1, 8) called fn with a {dtype} tensor, expected float32 or "
                               "float64", help="Make x with torch.tensor(float(x0), requires_grad=True).")
    # fn may also be called on a detached copy (to read the value): only the calls that can
    # backpropagate are judged.
    sizes = [entry[4] for entry in seen if entry[2]]
    if not sizes:
        raise CheckFailure("descend(fn, 0.0, 0.1, 8) never called fn with an x that requires grad",
                           help="Make x with torch.tensor(float(x0), requires_grad=True); after an update that "
                                "builds a new tensor, the new x must require grad too (update x in place under "
                                "torch.no_grad()).")
    if sizes[-1] > sizes[0]:
        raise CheckFailure("descend(fn, 0.0, 0.1, 8): the update was recorded in the autograd graph: the x fn "
                           f"gets has {sizes[0]} autograd node(s) behind it at the first step and {sizes[-1]} at "
                           "the last",
                           help="x = x - lr * x.grad outside torch.no_grad() makes each new x depend on all the "
                                "previous ones, so the graph (and every backward pass) grows with the steps. "
                                "Update in place without recording it: `with torch.no_grad(): x -= lr * x.grad`.")


# ---------------------------------------------------------------- generated inputs


def descent_inputs():
    return lazy(lambda: _descent_inputs())


def _descent_inputs():
    def case(entry):
        fn, starts, rates = entry
        return st.tuples(st.just(fn), st.sampled_from(starts), st.sampled_from(rates), st.integers(0, 30))

    return st.one_of(*[case(entry) for entry in GENERATED])


@check("descend agrees with the reference on generated starts, learning rates and step counts (0 too)",
       kind="value", points=2, depends="check_unseen_functions")
def check_generated(student, reference):
    for_all(descent_inputs(), student.descend, reference.descend, compare=expect_descent, key="ex6.descend",
            count=40, describe=call_text)


# ---------------------------------------------------------------- the diverging learning rate


def distance_after_50_steps(lr: float) -> float:
    """|x - 5| after descend((x - 5)**2, 0.0, lr, 50), as the reference computes it: the gradient
    at x is 2 (x - 5), so one step multiplies x - 5 by (1 - 2 lr); after 50, |x - 5| = 5 |1 - 2 lr|**50."""
    try:
        return 5.0 * abs(1.0 - 2.0 * lr) ** 50
    except OverflowError:
        return math.inf


@check("DIVERGING_LR makes descent on (x - 5)**2 move away from 5", kind="value", points=1)
def check_diverging_lr(student):
    lr = student.DIVERGING_LR
    if lr is None:
        raise CheckFailure("DIVERGING_LR still holds its placeholder (None): set it to a learning rate at which "
                           "descend((x - 5)**2, 0.0, lr, 50) moves away from 5", stub=True)
    if isinstance(lr, bool) or type(lr) not in (int, float):
        raise CheckFailure(f"DIVERGING_LR is {describe_type(lr)}, expected a number (a learning rate such as 0.1)")
    # inf (or nan) is accepted: the contract counts x becoming inf or nan as moving away from 5
    distance = distance_after_50_steps(lr)
    if distance > 5.0 or math.isnan(distance):  # nan: x became nan, which the contract counts
        return
    step = "With lr = {0:g}, each step multiplies the distance x - 5 by (1 - 2 * {0:g}) = {1:g}".format(lr, 1 - 2 * lr)
    if lr == 1:
        why = ("lr = 1 is the edge: x bounces between 0 and 10 forever, |x - 5| stays 5 and never grows. Any lr "
               "above 1 makes the bounces grow.")
    elif lr == 0:
        why = "lr = 0 never moves x at all."
    elif lr > 0.5:
        why = (f"{step}: x overshoots 5 and bounces around it, but each bounce is smaller, so it still converges. "
               "The bounces grow only when |1 - 2 * lr| > 1.")
    else:
        why = f"{step}: x walks towards 5. Try larger learning rates: when does |1 - 2 * lr| exceed 1?"
    raise CheckFailure(f"DIVERGING_LR = {lr!r} does not diverge: after 50 steps |x - 5| = {distance:.3g}, not more "
                       "than the 5 it started at", help=why)


# ---------------------------------------------------------------- the loop is the point


@check("uses no torch.optim (the update is written by hand)", kind="api", points=1, depends="check_book_values")
def check_no_optim(source, student):
    findings = [str(finding) for finding in source.uses_of_names(OPTIMIZERS, functions=["descend"])]
    # The syntax tree gives line numbers; the worker, which watched every call descend made,
    # also sees an optimizer reached through getattr, __import__ or a helper module.
    findings = findings or student.forbidden_calls(["descend"])
    if findings:
        raise CheckFailure("torch.optim is not allowed in this exercise, but descend uses it: "
                           + "; ".join(findings[:3]),
                           help="Write the update yourself: `with torch.no_grad(): x -= lr * x.grad`, then "
                                "x.grad.zero_(). That loop is what torch.optim.SGD does for you later.")


@check("descend returns exactly a tuple (float, list of floats)", kind="api", points=1,
       depends="check_returns_pair")
def check_return_types(student):
    got = student.descend(f, 0.0, 0.1, 3)
    call = "descend(f, 0.0, 0.1, 3)"
    if type(got) is not tuple:
        raise CheckFailure(f"{call} returned {describe_type(got)}, expected a tuple (final_x, values)",
                           help="Return the pair as a tuple: `return x.item(), values`.")
    if type(got[1]) is not list:
        raise CheckFailure(f"{call} returned values as {describe_type(got[1])}, expected a list",
                           help="Collect the values in a list: values = [] and values.append(value.item()).")


# ---------------------------------------------------------------- hidden cases


@check("descend on more unseen functions (exp, log, tanh, a double well, a flat one), int starts and an int lr",
       kind="value", points=2, hidden=True, depends="check_unseen_functions")
def check_more_unseen(student, reference):
    for fn, x0, lr, steps in [(expo, 0, 0.1, 25), (softplus_tilt, 3.0, 2, 15), (double_well, 1, 0.1, 30),
                              (tanh_bowl, -1.5, 0.2, 20), (sine_bowl, 2, 0.3, 18), (expo, -1, 0.05, 40),
                              (flat, 0.0, 1e7, 20),  # gradients of 1e-7: no "converged" threshold
                              (line, 1.0, 0.1, 60)]:  # a constant gradient: each step must clear it
        expect_descent(student.descend(fn, x0, lr, steps), reference.descend(fn, x0, lr, steps),
                       call_text(fn, x0, lr, steps))


@check("descend with 0 and 1 steps", kind="value", points=1, hidden=True, depends="check_book_values")
def check_few_steps(student, reference):
    for fn, x0, lr, steps in [(expo, 0, 0.1, 0), (expo, 0, 0.1, 1), (f, 7.5, 0.25, 1), (wave, 2, 0.5, 0),
                              (double_well, 3.0, 0.05, 1), (sine_bowl, -1, 0.3, 0)]:
        expect_descent(student.descend(fn, x0, lr, steps), reference.descend(fn, x0, lr, steps),
                       call_text(fn, x0, lr, steps))


@check("descend runs thousands of steps, and keeps going when the values overflow", kind="value", points=1,
       hidden=True, depends="check_book_values")
def check_long_runs(student, reference):
    # A loop, not recursion: Python stops nested calls at about 1000.
    expect_descent(student.descend(f, 0, 0.1, 5001), reference.descend(f, 0, 0.1, 5001), call_text(f, 0, 0.1, 5001))
    # At lr = 1.5 the distance to 5 doubles every step: float32 overflows to inf (then nan) after about
    # 130 steps, float64 later. Either way there are 400 values and x has run away.
    call = call_text(f, 0.0, 1.5, 400)
    actual = student.descend(f, 0.0, 1.5, 400)
    try:
        expect_structure(actual, 400, call)
    except CheckFailure as failure:
        raise CheckFailure(failure.message, help="Keep stepping when the values become inf or nan: descend makes "
                                                 "exactly `steps` updates and records one value before each, "
                                                 "whatever the values are.") from None
    x = actual[0]
    if math.isfinite(x) and abs(x - 5) <= 5:
        raise CheckFailure(f"{call} returned final x = {x:.7g}: after 400 steps at lr = 1.5 x runs away from 5 "
                           "(the distance doubles each step)", expected="inf, nan or |x - 5| > 5", actual=x)


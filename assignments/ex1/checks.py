"""Checks for Exercise 1: PREDICTED_SHAPES, matmul_shape, broadcast_shape, reshape_shape."""

import math
import re

from grader.checks import CheckFailure, check, describe_type, expect_raises, for_all
from grader.strategies import composite, dims, shapes, st

SHAPE_FUNCTIONS = ["matmul_shape", "broadcast_shape", "reshape_shape"]
KEY_HELP = {
    "a": "(m, n) @ (n, p) gives (m, p).",
    "b": "Element-wise + of two equal shapes keeps that shape.",
    "c": "* is element-wise (not matrix multiplication): the shape stays.",
    "d": "v (4,) is broadcast across the 3 rows: the result has A's shape.",
    "e": "reshape(6, 2) gives exactly (6, 2): 12 elements either way.",
    "f": "reshape(-1) flattens to one dimension holding all 12 elements.",
}

MATMUL = [((3, 4), (4, 5)), ((1, 1), (1, 1)), ((7, 2), (2, 9)), ((5, 3), (3, 1)), ((1, 8), (8, 1))]
BROADCAST = [((3, 4), (4,)), ((4,), (3, 4)), ((3, 1), (1, 4)), ((), (2, 3)), ((2, 3), ()), ((5, 1, 4), (3, 1)),
             ((1,), (7,)), ((2, 1, 3), (2, 4, 1)), ((6,), (6,)), ((1, 1), (1,))]
RESHAPE = [((3, 4), (6, 2)), ((3, 4), (-1,)), ((3, 4), (2, -1)), ((2, 3, 4), (4, -1, 2)), ((12,), (3, 2, 2)),
           ((5,), (5, 1)), ((2, 6), (-1, 3)), ((1,), ())]
HIDDEN_BROADCAST = [((8, 1, 6, 1), (7, 1, 5)), ((1, 3, 1), (2, 1, 4)), ((), ()), ((4, 1), (1,)),
                    ((2, 1, 3, 1, 5), (3, 4, 1)), ((1, 2, 1, 3, 1, 4), (5, 1, 1, 1))]
HIDDEN_RESHAPE = [((2, 2, 2, 2), (-1, 4)), ((6, 5), (5, 3, -1)), ((7, 3), (1, 21, 1))]


def as_shape(value):
    """A predicted shape: tuple or list of ints (torch.Size arrives as a tuple)."""
    if isinstance(value, (tuple, list)) and all(type(v) is int for v in value):
        return tuple(value)
    return None


def expect_tuple(actual, expected, call):
    if type(actual) is not tuple or not all(type(v) is int for v in actual):
        hint = " (wrap it in tuple(...))" if isinstance(actual, list) else ""
        raise CheckFailure(f"{call} returned {describe_type(actual)}, expected the tuple {expected}{hint}",
                           expected=expected, actual=actual)
    if actual != expected:
        raise CheckFailure(f"{call} returned {actual}, expected {expected}", expected=expected, actual=actual)


# ---------------------------------------------------------------- generated shapes


@composite
def matmul_pairs(draw):
    m, n, p = draw(dims(9)), draw(dims(9)), draw(dims(9))
    inner = draw(st.one_of(st.just(n), st.just(n), dims(9)))  # mostly compatible, sometimes not
    return (m, n), (inner, p)


@composite
def broadcast_pairs(draw, low=1):
    """Mostly compatible pairs built from one result shape (any rank gap, 1s), and some
    arbitrary pairs, which are mostly incompatible. `low=0` lets sizes be 0 too."""
    if draw(st.integers(0, 3)) == 0:
        return draw(shapes(0, 6, low=low)), draw(shapes(0, 6, low=low))
    result = draw(shapes(0, 7, low=low))

    def operand():
        kept = result[len(result) - draw(st.integers(0, len(result))):]
        return tuple(1 if draw(st.booleans()) else size for size in kept)

    return operand(), operand()


@composite
def reshape_cases(draw, edges=False):
    """A shape and a new shape: an exact regrouping of its elements, one with a -1, two -1s
    (in longer shapes too), or an arbitrary one (wrong counts). With `edges`: sizes of 0, and
    sizes below -1 that keep the product."""
    shape = draw(shapes(0, 4, low=0 if edges else 1))
    kinds = ["exact", "minus_one", "two_minus_ones", "arbitrary"] + (["negated", "negated"] if edges else [])
    kind = draw(st.sampled_from(kinds))
    if kind == "arbitrary":
        return shape, tuple(draw(st.lists(st.integers(-3 if edges else -1, 8).filter(lambda n: edges or n != 0),
                                          max_size=4)))
    rest, factors = math.prod(shape), []
    for _ in range(draw(st.integers(0, 3))):
        size = draw(st.sampled_from([d for d in range(1, rest + 1) if rest % d == 0] if rest else [0, 1, 2, 3]))
        factors.append(size)
        rest = rest // size if size else rest
    factors.append(rest)
    if kind in ("minus_one", "two_minus_ones"):
        factors[draw(st.integers(0, len(factors) - 1))] = -1
    if kind == "two_minus_ones":
        factors.insert(draw(st.integers(0, len(factors))), -1)
    if kind == "negated":  # two sizes negated: the product still matches, but no size may be below -1
        factors += [1] if len(factors) < 2 else []
        first, second = draw(st.lists(st.integers(0, len(factors) - 1), min_size=2, max_size=2, unique=True))
        factors[first], factors[second] = -factors[first] or -2, -factors[second] or -3
    return shape, tuple(draw(st.permutations(factors)))


@check("PREDICTED_SHAPES has the right shape for a) to f)", kind="shape", points=3)
def check_predicted_shapes(student, reference):
    answers = student.PREDICTED_SHAPES
    expected = reference.PREDICTED_SHAPES
    if not isinstance(answers, dict):
        raise CheckFailure(f"PREDICTED_SHAPES is {describe_type(answers)}, expected a dict with keys 'a' to 'f'")
    if all(answers.get(key) is None for key in expected):
        raise CheckFailure("PREDICTED_SHAPES still holds its placeholders (None): fill in a) to f) as tuples of ints",
                           stub=True)
    wrong = []
    for key, shape in expected.items():
        given = answers.get(key)
        if as_shape(given) != tuple(shape):
            wrong.append(f"{key}) is {given!r}, expected {tuple(shape)}: {KEY_HELP[key]}")
    if wrong:
        raise CheckFailure(f"{len(wrong)} of 6 predictions are wrong: " + " | ".join(wrong))


@check("matmul_shape returns (m, p) for (m, n) @ (n, p)", kind="value", points=2)
def check_matmul_values(student, reference):
    for a, b in MATMUL:
        expect_tuple(student.matmul_shape(a, b), reference.matmul_shape(a, b), f"matmul_shape({a}, {b})")


# A raise check scores only once the function's values are right: a function that only raises
# ValueError must not earn the points for raising it.
@check("matmul_shape raises ValueError naming both inner sizes", kind="api", points=1, depends="check_matmul_values")
def check_matmul_raises(student):
    for a, b in [((2, 3), (5, 4)), ((6, 7), (8, 9))]:
        raised = expect_raises("ValueError", student.matmul_shape, a, b, call=f"matmul_shape({a}, {b})")
        # Named as numbers of their own (3 is not named by 13); a message listing every number
        # (or numbers the shapes do not hold) names nothing.
        numbers = re.findall(r"\d+", raised.message)
        allowed = {str(n) for n in (*a, *b, 0, 1, 2)}
        if str(a[1]) not in numbers or str(b[0]) not in numbers or not set(numbers) <= allowed:
            raise CheckFailure(f"matmul_shape({a}, {b}) raised ValueError({raised.message!r}), which does not name "
                               f"both inner sizes {a[1]} and {b[0]} (and no numbers other than the shapes')",
                               help="Put both numbers in the message, e.g. f\"inner sizes differ: {n} vs {n2}\".")


@check("broadcast_shape follows the broadcasting rules (from the right, 1s stretch)", kind="value", points=3)
def check_broadcast_values(student, reference):
    for a, b in BROADCAST:
        expect_tuple(student.broadcast_shape(a, b), reference.broadcast_shape(a, b), f"broadcast_shape({a}, {b})")


@check("broadcast_shape raises ValueError for incompatible shapes", kind="api", points=1,
       depends="check_broadcast_values")
def check_broadcast_raises(student):
    for a, b in [((4, 3), (4,)), ((2, 3), (3, 2)), ((5,), (4,)), ((2, 1), (8, 4, 3))]:
        try:
            expect_raises("ValueError", student.broadcast_shape, a, b, call=f"broadcast_shape({a}, {b})")
        except CheckFailure as failure:
            raise CheckFailure(failure.message, help="Sizes are compared from the right: (4, 3) + (4,) compares 3 "
                                                      "with 4, which is an error (section 2).") from None


@check("reshape_shape resolves -1 and keeps the element count", kind="value", points=2)
def check_reshape_values(student, reference):
    for shape, new in RESHAPE:
        expect_tuple(student.reshape_shape(shape, new), reference.reshape_shape(shape, new),
                     f"reshape_shape({shape}, {new})")


@check("reshape_shape raises ValueError for a wrong element count or two -1s", kind="api", points=1,
       depends="check_reshape_values")
def check_reshape_raises(student):
    for shape, new in [((3, 4), (5, 2)), ((3, 4), (-1, -1)), ((3, 4), (5, -1)), ((2, 3), (7,))]:
        expect_raises("ValueError", student.reshape_shape, shape, new, call=f"reshape_shape({shape}, {new})")


@check("matmul_shape agrees with the rules on generated shapes (sizes 0 and 1, mismatches)", kind="value",
       points=1, depends=("check_matmul_values", "check_matmul_raises"))
def check_matmul_generated(student, reference):
    for_all(matmul_pairs(), student.matmul_shape, reference.matmul_shape, compare=expect_tuple,
            describe=lambda a, b: f"matmul_shape({a}, {b})", key="ex1.matmul", count=40,
            explicit=[((101, 5001), (5001, 1001)), ((7000, 3), (4, 2))])  # sizes in the thousands


@check("broadcast_shape agrees with the rules on generated shapes (any rank, (), rank gaps)",
       kind="value", points=2, depends=("check_broadcast_values", "check_broadcast_raises"))
def check_broadcast_generated(student, reference):
    for_all(broadcast_pairs(), student.broadcast_shape, reference.broadcast_shape, compare=expect_tuple,
            describe=lambda a, b: f"broadcast_shape({a}, {b})", key="ex1.broadcast", count=80,
            explicit=[((1, 7001), (6000, 1)), ((5000,), (101, 5000)), ((2000, 3), (3000, 3))])  # thousands


@check("reshape_shape agrees with reshape on generated shapes (several -1s, wrong counts)",
       kind="value", points=2, depends=("check_reshape_values", "check_reshape_raises"))
def check_reshape_generated(student, reference):
    for_all(reshape_cases(), student.reshape_shape, reference.reshape_shape, compare=expect_tuple,
            describe=lambda a, b: f"reshape_shape({a}, {b})", key="ex1.reshape", count=80,
            explicit=[((1000, 6000), (-1, 5000)), ((101, 200), (200, 101)), ((5001,), (3, -1))])  # thousands


@check("broadcast_shape and reshape_shape at the edges: sizes of 0 (a 1 stretches to 0), sizes below -1, counts "
       "past 2**53",
       kind="value", points=1, depends=("check_broadcast_generated", "check_reshape_generated"))
def check_edge_shapes(student, reference):
    try:
        for_all(broadcast_pairs(low=0), student.broadcast_shape, reference.broadcast_shape, compare=expect_tuple,
                describe=lambda a, b: f"broadcast_shape({a}, {b})", key="ex1.broadcast-edges", count=40,
                explicit=[((1,), (0,)), ((0, 3), (1,)), ((2, 0), (2, 1))])
        for_all(reshape_cases(edges=True), student.reshape_shape, reference.reshape_shape, compare=expect_tuple,
                describe=lambda a, b: f"reshape_shape({a}, {b})", key="ex1.reshape-edges", count=60,
                explicit=[((3, 4), (0, -1)), ((0, 4), (-1, 0)), ((0, 4), (-1, 4)), ((3, 4), (-2, -6)),
                          ((2, 3), (-3, -2)), ((2, 3, 4), (2, -1, -1)), ((0,), (-2, -1)),
                          # element counts past 2**53: integer arithmetic, not float division
                          ((3**19, 3**19), (3, -1)), ((2**53 + 1,), (2, -1)), ((2**40, 2**20), (-1, 3**2))])
    except CheckFailure as failure:
        raise CheckFailure(failure.message, help="A size of 1 stretches to the other size, even to 0: (1,) with (0,) "
                           "broadcasts to (0,), so max() is not the rule. reshape accepts no size below -1, and "
                           "cannot infer a -1 when another size is 0. Sizes are Python ints of any size: count "
                           "with integers (// and %), not float division.") from None


@check("the shape functions do not use torch", kind="api", points=2,
       depends=("check_matmul_values", "check_broadcast_values", "check_reshape_values"))
def check_no_torch(source, student):
    findings = source.uses_of_module("torch", SHAPE_FUNCTIONS)
    # The syntax tree gives line numbers; the worker, which watched every call, sees torch
    # reached by getattr, __import__ or a helper module too.
    findings = findings or student.forbidden_calls(SHAPE_FUNCTIONS)
    if findings:
        raise CheckFailure("the shape functions must be shape arithmetic by hand, but use torch (or numpy): "
                           + "; ".join(str(f) for f in findings[:4]),
                           help="No torch.broadcast_shapes and no tensors built to read their .shape: compute "
                                "the sizes with plain Python (loops, tuples, integers).")


@check("broadcast_shape and reshape_shape on more shapes", kind="value", points=2, hidden=True,
       depends=("check_broadcast_values", "check_reshape_values"))
def check_more_shapes(student, reference):
    for a, b in HIDDEN_BROADCAST:
        expect_tuple(student.broadcast_shape(a, b), reference.broadcast_shape(a, b), f"broadcast_shape({a}, {b})")
    for shape, new in HIDDEN_RESHAPE:
        expect_tuple(student.reshape_shape(shape, new), reference.reshape_shape(shape, new),
                     f"reshape_shape({shape}, {new})")

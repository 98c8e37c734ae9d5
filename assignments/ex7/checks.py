"""Checks for Exercise 7: backward_by_hand(x, W1, b1, W2, b2, grad_out) and chain_rule_example().

Every gradient is held to what autograd computes for the ex3 network (`autograd_gradients`
below, run in the grader's own process); the reference solution itself works by hand.
"""

import ast
import types

import torch

from grader.checks import (CheckFailure, Remote, check, describe_type, expect_tensor_like, expect_unchanged, for_all, literal,
                           worker_function)
from grader.expect import expect_values
from grader.strategies import DTYPES, composite, random_tensor, scales, seeds, st

INPUTS = ["x", "W1", "b1", "W2", "b2", "grad_out"]
KEYS = ["x", "W1", "b1", "W2", "b2"]
# The order the chain rule reaches them, from the output back: the first wrong one is where
# the mistake is (everything after it is computed from it).
BACKWARD_ORDER = ["b2", "W2", "b1", "W1", "x"]
RETURN_LINE = 'return {"x": grad_x, "W1": grad_W1, "b1": grad_b1, "W2": grad_W2, "b2": grad_b2}'

# The book's ex3 example: both hidden units are positive, grad_out is 1.
BOOK = [torch.tensor([[2.0, 3.0]]), torch.tensor([[0.5, -0.3], [0.2, 0.8]]), torch.tensor([0.1, -0.1]),
        torch.tensor([[0.4], [0.6]]), torch.tensor([0.0]), torch.tensor([[1.0]])]

# (batch, n_in, n_hidden, n_out): no two sizes alike in the first, so a transposed gradient
# shows by its shape; square layers in the others, where it only shows by its values.
SHAPES = [(4, 3, 5, 2), (6, 4, 4, 3), (3, 2, 6, 6), (7, 5, 3, 1)]

SHAPE_HELP = {
    "x": "grad_x has the shape of x, (batch, n_in): grad_z1 @ W1.",
    "W1": "grad_W1 has the shape of W1, (n_hidden, n_in): grad_z1.T @ x (x.T @ grad_z1 is its transpose).",
    "b1": "grad_b1 has the shape of b1, (n_hidden,): b1 is added to every row, so sum over the batch, "
          "grad_z1.sum(0).",
    "W2": "grad_W2 has the shape of W2, (n_hidden, n_out): h.T @ grad_out. W2 is stored (n_hidden, n_out), "
          "not in the nn.Linear layout, so grad_out.T @ h is its transpose.",
    "b2": "grad_b2 has the shape of b2, (n_out,): b2 is added to every row, so sum over the batch, "
          "grad_out.sum(0).",
}

VALUE_HELP = {
    "b2": "grad_b2 is the first gradient on the way back: grad_out.sum(0), since b2 is added to every row of "
          "the output. A mean instead of the sum and a grad_out replaced by ones both show here; b2 alone "
          "cannot tell which.",
    "W2": "grad_b2 is right here, so grad_out is read correctly. grad_W2 = h.T @ grad_out, with h = relu(x @ "
          "W1.T + b1) the ReLU's output (what the second layer multiplies), not the pre-activation before it.",
    "b1": "The output layer's gradients are right here: look at the way back through W2 and the ReLU. grad_h = "
          "grad_out @ W2.T; the ReLU passes it only where z1 > 0, so grad_z1 = grad_h * (z1 > 0) (its slope, "
          "0 or 1, not relu(z1) itself); then grad_b1 = grad_z1.sum(0). A missing or misplaced mask and a mean "
          "instead of the sum all show here first; b1 alone cannot tell which.",
    "W1": "grad_b1 is right here, so look at grad_W1 = grad_z1.T @ x, in W1's layout (n_hidden, n_in): "
          "x.T @ grad_z1 is its transpose, and reshaping that to W1's shape does not undo it. (A wrong ReLU "
          "mask can also show here first, when its error happens to cancel in grad_b1's sum.)",
    "x": "The other gradients are right here, so look at grad_x = grad_z1 @ W1 (W1 is (n_hidden, n_in): no "
         "transpose). (A wrong ReLU mask can also show here alone, when its error happens to cancel in the "
         "weight and bias sums.)",
}


def autograd_gradients(x, W1, b1, W2, b2, grad_out):
    """What autograd computes for the ex3 network: the truth every answer is held to."""
    leaves = [t.detach().clone().requires_grad_() for t in (x, W1, b1, W2, b2)]
    x_, W1_, b1_, W2_, b2_ = leaves
    out = torch.relu(x_ @ W1_.T + b1_) @ W2_ + b2_
    return dict(zip(KEYS, torch.autograd.grad(out, leaves, grad_outputs=grad_out)))


def shapes_of(batch, n_in, n_hidden, n_out):
    return [(batch, n_in), (n_hidden, n_in), (n_hidden,), (n_hidden, n_out), (n_out,), (batch, n_out)]


def network(seed, batch, n_in, n_hidden, n_out, dtype=torch.float32):
    gen = torch.Generator().manual_seed(seed)
    return [torch.randn(*shape, generator=gen, dtype=dtype) for shape in shapes_of(batch, n_in, n_hidden, n_out)]


def tensors(rows, dtype):
    return [torch.tensor(r, dtype=dtype) for r in rows]


def call_text(args):
    text = "backward_by_hand(" + ", ".join(f"{n}{tuple(a.shape)}" for n, a in zip(INPUTS, args)) + ")"
    return text + f" in {str(args[0].dtype)[6:]}"


# ---------------------------------------------------------------- comparing the answer


def expect_gradient_dict(actual, call):
    """A dict with the five keys (the values are judged elsewhere)."""
    if not isinstance(actual, dict):
        hint = " (a tuple or list has no names: return a dict)" if isinstance(actual, (tuple, list)) else ""
        if "dict" in describe_type(actual).lower():  # OrderedDict, defaultdict: only plain dicts reach the grader
            hint = " (return a plain dict, made with {...} or dict(...))"
        raise CheckFailure(f"{call} returned {describe_type(actual)}, expected a dict with the keys "
                           f"{', '.join(map(repr, KEYS))}{hint}", help=f"End with: {RETURN_LINE}")
    keys = [str(k) for k in actual]
    missing = [k for k in KEYS if k not in actual]
    extra = [k for k in keys if k not in KEYS]
    if missing:  # an extra entry (say "h", kept to look at) takes nothing away from the five
        folded = {k.lower(): k for k in KEYS}
        if any(k.lower() in folded for k in extra):
            help = 'The keys are case-sensitive and named exactly like the arguments: "W1" and "W2" with a ' \
                   f"capital W. {RETURN_LINE}"
        else:
            help = 'Name each gradient after its input: "W1", not "dW1", "grad_W1" or "dL/dW1". ' + RETURN_LINE
        # with none of the five there, listing what is missing would only repeat both key lists
        detail = ""
        if len(missing) < len(KEYS):
            detail = f": {missing} missing" + (f", {extra} not expected" if extra else "")
        raise CheckFailure(f"{call} returned a dict with the keys {keys}, expected {KEYS}{detail}", help=help)


def expect_gradient_shapes(actual, expected, call):
    """The five keys, each holding a tensor of its input's shape and dtype."""
    expect_gradient_dict(actual, call)
    for key in KEYS:
        try:
            expect_tensor_like(actual[key], expected[key], call=f'the "{key}" gradient of {call}', what="has")
        except CheckFailure as failure:
            wrong_shape = isinstance(actual[key], torch.Tensor) and actual[key].shape != expected[key].shape
            raise CheckFailure(failure.message, expected=failure.expected, actual=failure.actual,
                               help=SHAPE_HELP[key] if wrong_shape else failure.help) from None


def expect_gradients(actual, expected, call, help=None):
    """Keys, then each gradient's type, shape and dtype, then the values in backward order,
    with advice about the first step that went wrong. `help` replaces that advice."""
    expect_gradient_shapes(actual, expected, call)
    for key in BACKWARD_ORDER:
        try:
            expect_values(actual[key], expected[key], call=f'the "{key}" gradient of {call}', what="has")
        except CheckFailure as failure:
            raise CheckFailure(failure.message, expected=failure.expected, actual=failure.actual,
                               help=help or VALUE_HELP[key]) from None


def compare_gradients(actual, expected, call):
    """`expect_gradients` in the shape `for_all` takes as `compare`."""
    expect_gradients(actual, expected, call)


@worker_function
def texts_of(module, *values):
    return [str.__str__(value) if isinstance(value, str) else None for value in values]


def with_plain_keys(student, actual):
    """The contract's Types rule: a str subclass equal to a key (a StrEnum member) is that key.
    It reaches the grader as a handle; its text is read in the worker, through str itself."""
    if not isinstance(actual, dict) or not any(isinstance(key, Remote) for key in actual):
        return actual
    remote = [key for key in actual if isinstance(key, Remote)]
    texts = dict(zip(remote, student.run(texts_of, *remote)))
    return {(texts.get(key) or key) if isinstance(key, Remote) else key: value for key, value in actual.items()}


def gradients_of(student, args):
    return with_plain_keys(student, student.backward_by_hand(*args))


def expect_backward(student, args, call=None, help=None):
    expect_gradients(gradients_of(student, args), autograd_gradients(*args), call or call_text(args), help)


# ---------------------------------------------------------------- backward_by_hand


@check("backward_by_hand returns a dict with the keys x, W1, b1, W2, b2", kind="api", points=1)
def check_returns_dict(student):
    args = network(1, 4, 3, 3, 2)
    expect_gradient_dict(gradients_of(student, args), call_text(args))


@check("each gradient has the shape and dtype of its input", kind="shape", points=2, depends="check_returns_dict")
def check_shapes(student):
    for dtype in (torch.float32, torch.float64):
        for seed, sizes in enumerate(SHAPES):
            args = network(10 + seed, *sizes, dtype=dtype)
            expect_gradient_shapes(gradients_of(student, args), autograd_gradients(*args), call_text(args))


@check("the book's ex3 example: the gradients autograd gives for grad_out = [[1.]]", kind="gradient", points=2,
       depends="check_returns_dict")
def check_book_example(student):
    # Both hidden units are positive, the batch is one example and grad_out is 1: the ReLU
    # mask, a sum against a mean, and the use of grad_out only show in the later checks.
    expect_backward(student, BOOK, call="backward_by_hand on the book's ex3 example with grad_out = [[1.]]")


@check("gradients match autograd on random float32 networks and grad_out", kind="gradient", points=3,
       depends="check_shapes")
def check_values_float32(student):
    for seed, sizes in enumerate(SHAPES):
        expect_backward(student, network(100 + seed, *sizes))


@check("gradients match autograd in float64, and stay float64", kind="gradient", points=2, depends="check_shapes")
def check_values_float64(student):
    for seed, sizes in enumerate(SHAPES):
        expect_backward(student, network(200 + seed, *sizes, dtype=torch.float64))


@check("no gradient flows back through hidden units the ReLU switched off", kind="gradient", points=2,
       depends="check_shapes")
def check_relu_blocks(student):
    # z1 = [[-3.1, 3.5, -1.3], [-3.6, 1.65, 1.45], [-0.6, 2.35, -2.25]]: hidden unit 0 is off for
    # every example and unit 2 for two of them, so their W1 rows, b1 entries and W2 rows get no
    # gradient from those examples.
    x = [[1.0, 2.0], [3.0, 0.5], [-1.0, 1.5]]
    W1 = [[-1.0, -1.0], [0.2, 1.5], [0.7, -0.9]]
    b1 = [-0.1, 0.3, -0.2]
    W2 = [[0.9, -0.4], [1.1, 0.3], [-0.6, 0.8]]
    b2 = [0.25, -0.5]
    grad_out = [[1.0, -2.0], [0.5, 1.5], [-1.0, 0.75]]
    for dtype in (torch.float32, torch.float64):
        args = tensors([x, W1, b1, W2, b2, grad_out], dtype)
        expect_backward(student, args, call=f"backward_by_hand with some hidden units below 0, in {str(dtype)[6:]}")


# Hidden pre-activations exactly 0 (integers, so no rounding anywhere): z1 = x @ W1.T + b1 is
# [[0, 0, 3], [4, -1, -4], [1, -4, 0], [3, 3, -1]], and grad_h is not 0 at the three ties.
TIES = [[[1, 2], [2, -1], [0, 0], [3, 1]], [[1, -1], [2, 1], [-1, 2]], [1, -4, 0],
        [[1, -2], [0.5, 1], [-1, 3]], [0.5, -1], [[1, -1], [2, 0.5], [-1, 1], [0.5, 2]]]
# x and b1 all 0: every pre-activation is exactly 0, only b2 gets a gradient.
ALL_TIES = [[[0, 0, 0], [0, 0, 0]], [[1, -2, 0.5], [2, 1, -1]], [0, 0], [[1.5, -1], [0.5, 2]], [1, -1],
            [[1, 2], [-3, 0.5]]]
TIE_HELP = ("Every earlier gradient check passed, so what differs here is the hidden units whose pre-activation "
            "is exactly 0. ReLU has no slope at 0; PyTorch (and this exercise) takes it as 0 there, so the mask "
            "is z1 > 0 (or h > 0), not z1 >= 0.")


@check("the ReLU's slope at exactly 0 is 0, as in PyTorch", kind="gradient", points=2,
       depends=("check_values_float32", "check_values_float64"))
def check_relu_ties(student):
    for dtype in (torch.float32, torch.float64):
        expect_backward(student, tensors(TIES, dtype), help=TIE_HELP,
                        call=f"backward_by_hand with three hidden pre-activations exactly 0, in {str(dtype)[6:]}")
        expect_backward(student, tensors(ALL_TIES, dtype), help=TIE_HELP,
                        call=f"backward_by_hand with x = 0 and b1 = 0 (every pre-activation 0), in "
                             f"{str(dtype)[6:]}")


@check("a batch of one example, one hidden unit, one output", kind="gradient", points=2, depends="check_shapes")
def check_small_sizes(student):
    # batch 1 and n_hidden 1 catch a squeeze or a hard-coded size. The seeds are chosen so that
    # a lone hidden unit of a lone example is on, and otherwise some units are on and some off.
    for dtype in (torch.float32, torch.float64):
        for seed, sizes in enumerate([(1, 3, 4, 2), (5, 3, 1, 2), (1, 2, 1, 1), (4, 1, 3, 1), (1, 1, 1, 3)]):
            expect_backward(student, network(301 + seed, *sizes, dtype=dtype))


@worker_function
def versions_around_a_call(module, *args):
    # A tensor's version counter goes up with every in-place change, even one undone later;
    # a write through .data does not move it, so the writes into the arguments' storages are
    # counted at the dispatcher too.
    from torch.utils._python_dispatch import TorchDispatchMode

    storages = {t.untyped_storage().data_ptr(): i for i, t in enumerate(args) if t.numel()}
    writes = [0] * len(args)

    class Writes(TorchDispatchMode):
        @classmethod
        def _should_skip_dynamo(cls) -> bool:
            return False  # else torch wraps __torch_dispatch__ in _disable_dynamo: torch._dynamo imported, ~1 s

        def __torch_dispatch__(self, func, types, positional=(), named=None):
            named = named or {}
            for position, argument in enumerate(func._schema.arguments):
                if argument.alias_info is not None and argument.alias_info.is_write:
                    value = positional[position] if position < len(positional) else named.get(argument.name)
                    if isinstance(value, torch.Tensor) and value.numel():
                        index = storages.get(value.untyped_storage().data_ptr())
                        if index is not None:
                            writes[index] += 1
            return func(*positional, **named)

    before = [t._version for t in args]
    with Writes():
        module.backward_by_hand(*args)
    return before, [b + max(t._version - b, w) for b, t, w in zip(before, args, writes)]


@check("backward_by_hand does not modify its inputs", kind="api", points=1, depends="check_values_float32")
def check_inputs_unchanged(student):
    for dtype in (torch.float32, torch.float64):  # a change made for one dtype only shows here
        args = network(500, 4, 3, 5, 2, dtype=dtype)
        _, after = student.backward_by_hand.with_inputs(*args)
        expect_unchanged(args, after, INPUTS, call=call_text(args))
        before, after = student.run(versions_around_a_call, *args)
        for name, old, new in zip(INPUTS, before, after):
            if old != new:
                raise CheckFailure(f"{call_text(args)} changed its input `{name}` in place during the call: its "
                                   f"values are the same afterwards, but it was written {new - old} time"
                                   f"{'s' if new - old != 1 else ''} (undone later, it still counts)",
                                   help=f"An in-place operation on an argument ({name}.t_(), +=, .mul_(), "
                                        f"{name}[...] = ...) changes the caller's tensor while the function runs, "
                                        "and raises an error when that tensor requires grad. Use out-of-place "
                                        f"forms instead: {name}.T, {name} * 2, torch.where(...).")


# Attributes, imports and strings that only autograd code uses. (`torch.func` is found by the
# worker's watch: `.func` alone would also name functools.partial's attribute.)
AUTOGRAD_NAMES = {"backward", "autograd", "requires_grad", "requires_grad_", "grad", "vjp", "jacrev", "jacfwd"}


def own_member_names(source) -> set[str]:
    """Methods and attributes (`self.<name> = ...`) of the student's own classes. The contract lets
    them have any name, `backward` too: `layer.backward(grad)` on one of them is the chain rule by
    hand, not autograd. Such names are left to the worker's watch, which sees Tensor.backward and
    torch.autograd reached by any route, by identity of what is called."""
    names = set()
    for cls in ast.walk(source.tree):
        if isinstance(cls, ast.ClassDef):
            names |= {node.name for node in cls.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
            names |= {node.attr for node in ast.walk(cls) if isinstance(node, ast.Attribute)
                      and isinstance(node.ctx, ast.Store) and isinstance(node.value, ast.Name)
                      and node.value.id == "self"}
    return names


def autograd_uses(source, student, function):
    """Autograd in `function` and its helpers: read in the code (with line numbers), then what
    the worker saw the function reach while it ran (also by a route the code does not spell out)."""
    names = AUTOGRAD_NAMES - own_member_names(source)
    findings = [(f.line, str(f)) for f in source.uses_of_names(names, functions=[function])]
    for name, definition, how in source.reached([function]):
        for node in ast.walk(definition):
            if isinstance(node, ast.keyword) and node.arg == "requires_grad" and not (
                    isinstance(node.value, ast.Constant) and node.value.value is False):
                where = "" if name == function else f" (in {how})"
                findings.append((node.value.lineno, f"line {node.value.lineno}: requires_grad="
                                                    f"{ast.unparse(node.value)[:40]}{where}"))
    texts = [text for _, text in sorted(set(findings))]
    return texts + student.forbidden_calls([function])


@check("backward_by_hand works the chain rule by hand: no .backward(), autograd or requires_grad", kind="api",
       points=2, depends="check_values_float32")
def check_backward_no_autograd(source, student):
    findings = autograd_uses(source, student, "backward_by_hand")
    if findings:
        raise CheckFailure("backward_by_hand must compute the gradients by the chain rule, but uses autograd: "
                           + "; ".join(findings[:4]),
                           help="Autograd is what this exercise replaces: redo the forward pass, then multiply "
                                "the local derivatives going backwards (grad_W2 = h.T @ grad_out, grad_h = "
                                "grad_out @ W2.T, ...). Comparing with autograd is fine in a test of your own, "
                                "under `if __name__ == \"__main__\":`.")


@check("gradients match autograd on more layer sizes (batches up to 2048, n_in 1, n_out above n_hidden)",
       kind="gradient", points=2, hidden=True, depends=("check_values_float32", "check_values_float64"))
def check_more_sizes(student):
    for seed, (sizes, dtype) in enumerate([((64, 10, 32, 5), torch.float64), ((3, 1, 4, 6), torch.float32),
                                           ((5, 4, 4, 4), torch.float32), ((2, 7, 3, 3), torch.float64),
                                           ((100, 6, 2, 8), torch.float32), ((2048, 5, 4, 3), torch.float32)]):
        expect_backward(student, network(600 + seed, *sizes, dtype=dtype))


@check("the ReLU's slope is 0 at exactly 0 on a larger integer network", kind="gradient", points=1, hidden=True,
       depends="check_relu_ties")
def check_relu_ties_large(student):
    gen = torch.Generator().manual_seed(700)
    for dtype in (torch.float64, torch.float32):
        # small integers: exact in both dtypes, and 10 to 25% of the pre-activations are exactly 0
        args = [torch.randint(-2, 3, shape, generator=gen).to(dtype) for shape in shapes_of(32, 3, 6, 2)]
        expect_backward(student, args, help=TIE_HELP)


# x = 0, so the pre-activations are the biases alone: tiny but not 0, of both signs (1e-30 is a
# normal float32, 1e-40 a subnormal one; both normal in float64). Their slope is 1 when positive,
# however small, and 0 when negative.
TINY = [[[0, 0], [0, 0]], [[1, -1], [2, 0.5], [-1, 1], [0.5, 2]], [1e-30, -1e-30, 1e-40, -1e-40],
        [[1, -2], [0.5, 1], [-1, 3], [2, 2]], [0.5, -1], [[1, -1], [2, 0.5]]]


@check("hidden units with tiny positive pre-activations (1e-30) are on: the mask is z1 > 0 exactly", kind="gradient",
       points=1, hidden=True, depends="check_relu_ties")
def check_relu_tiny(student):
    for dtype in (torch.float32, torch.float64):
        expect_backward(student, tensors(TINY, dtype),
                        call=f"backward_by_hand with pre-activations of ±1e-30 and ±1e-40, in {str(dtype)[6:]}",
                        help="ReLU's slope is 1 for every positive pre-activation, however small, and 0 at 0 and "
                             "below: the mask is z1 > 0, with no threshold such as z1 > 1e-12.")


# ---------------------------------------------------------------- generated networks


@composite
def networks(draw):
    """Batches from 0 to 100, widths 1 to 6 (often square), both dtypes, magnitudes from 1e-3
    to 1e3, and half the time small integers, where pre-activations are often exactly 0."""
    batch = draw(st.one_of(st.integers(0, 6), st.sampled_from([33, 64, 100, 300])))
    n_in = draw(st.integers(1, 6))
    n_hidden = draw(st.one_of(st.just(n_in), st.integers(1, 6)))  # square: W1.T and W1 have one shape
    n_out = draw(st.one_of(st.just(n_hidden), st.integers(1, 6)))
    dtype, seed, grid = draw(st.sampled_from(DTYPES)), draw(seeds()), draw(st.booleans())
    scale = 1.5 if grid else draw(scales())
    shapes = shapes_of(batch, n_in, n_hidden, n_out)
    made = [random_tensor(shape, dtype, seed + i, scale) for i, shape in enumerate(shapes)]
    return tuple(t.round() for t in made) if grid else tuple(made)


def describe_network(*args):
    if all(a.numel() <= 6 for a in args):
        text = "backward_by_hand(" + ", ".join(literal(a) for a in args) + ")"
    else:
        text = call_text(args)
    if all(torch.equal(a, a.round()) for a in args):
        z1 = args[0] @ args[1].T + args[2]
        ties = int((z1 == 0).sum())
        return text + (f" with integer values ({ties} hidden pre-activation{'s' if ties != 1 else ''} exactly 0)"
                       if ties else " with integer values")
    return text + f" with values of size ~{float(args[1].abs().max()):.3g}"


@worker_function
def backward_of_views(module, layout, x, W1, b1, W2, b2, grad_out):
    """backward_by_hand with views for inputs, made in the worker (tensors travel contiguous):
    "transposed" (x, W1, W2 and grad_out as transposed copies seen back through .T: the same
    values, not contiguous) or "expanded" (x and grad_out as their first row repeated: stride 0
    along the batch). Run locally with autograd_gradients as `backward_by_hand`, it gives the
    expected answer."""
    if layout == "transposed":
        x, W1, W2, grad_out = (t.T.contiguous().T for t in (x, W1, W2, grad_out))
    else:
        x, grad_out = x[:1].expand(x.shape[0], x.shape[1]), grad_out[:1].expand(grad_out.shape[0], grad_out.shape[1])
    gradients = module.backward_by_hand(x, W1, b1, W2, b2, grad_out)
    if isinstance(gradients, dict):  # keys as plain text, as `with_plain_keys` reads them
        gradients = {str.__str__(k) if isinstance(k, str) else k: v for k, v in gradients.items()}
    return gradients


@composite
def viewed_networks(draw):
    return (draw(st.sampled_from(["transposed", "expanded"])), *draw(networks().build()))


@check("gradients match autograd on generated networks (batch 0 to 300, square layers, ties at 0, values up to "
       "10³, views)", kind="gradient", points=2, depends=("check_values_float32", "check_values_float64"))
def check_generated(student):
    for_all(networks(), student.backward_by_hand, autograd_gradients,
            compare=lambda actual, expected, call: compare_gradients(with_plain_keys(student, actual), expected, call),
            key="ex7.backward", count=50, describe=describe_network)
    # non-contiguous and expanded inputs are ordinary inputs (the contract)
    truth = types.SimpleNamespace(backward_by_hand=autograd_gradients)
    for_all(viewed_networks(), student.runner(backward_of_views), lambda *args: backward_of_views(truth, *args),
            compare=compare_gradients, key="ex7.backward-views", count=15,
            describe=lambda layout, *args: describe_network(*args) + f", given as {layout} views")


# ---------------------------------------------------------------- chain_rule_example


@check("chain_rule_example gives section 4's (dL/dw, dL/db) = (28.0, 14.0)", kind="value", points=2)
def check_chain_rule_example(student, reference):
    got, expected = student.chain_rule_example(), reference.chain_rule_example()
    call = "chain_rule_example()"
    if not isinstance(got, tuple) or len(got) != 2:  # the contract's Types rule: a tuple, not a list
        raise CheckFailure(f"{call} returned {describe_type(got)}, expected a tuple of two floats (dL/dw, dL/db)",
                           help="Return both derivatives as a tuple: `return dL_dw, dL_db`.")
    for name, value in zip(("dL/dw", "dL/db"), got):
        if isinstance(value, bool) or type(value) not in (int, float):
            hint = " (use .item() to turn a one-element tensor into a float)" if isinstance(value, torch.Tensor) \
                else ""
            raise CheckFailure(f"{call} returned {describe_type(value)} for {name}, expected a float{hint}")
    if all(abs(g - e) <= 1e-6 * abs(e) for g, e in zip(got, expected)):
        return
    swapped = tuple(got) == tuple(reversed(expected))
    raise CheckFailure(f"{call} returned ({got[0]:g}, {got[1]:g}), expected ({expected[0]:g}, {expected[1]:g})"
                       + (": the two derivatives look swapped, dL/dw comes first" if swapped else ""),
                       expected=tuple(expected), actual=tuple(got),
                       help="Forward: y = w*x = 6, z = y + b = 7, L = z**2 = 49. Backward, one local derivative "
                            "at a time: dL/dz = 2z; dz/dy = 1 and dz/db = 1; dy/dw = x. Then dL/dw = dL/dz * "
                            "dz/dy * dy/dw and dL/db = dL/dz * dz/db.")


@check("chain_rule_example is worked out by hand, without autograd", kind="api", points=1,
       depends="check_chain_rule_example")
def check_chain_rule_no_autograd(source, student):
    findings = autograd_uses(source, student, "chain_rule_example")
    if findings:
        raise CheckFailure("chain_rule_example must multiply the local derivatives by hand, but uses autograd: "
                           + "; ".join(findings[:4]),
                           help="The section's PyTorch code (L.backward(), w.grad) is how it checks the answer; "
                                "here, write the chain rule out in plain Python arithmetic: dL/dz = 2z, "
                                "dL/dw = dL/dz * 1 * x, dL/db = dL/dz * 1.")

"""Checks for Exercise 3: forward(x, W1, b1, W2, b2) and build_model(W1, b1, W2, b2)."""

import torch
import torch.nn as nn  # noqa: F401  (used by the worker functions below)

from grader.checks import (CheckFailure, check, compare_tensors, describe_type, expect_grads, expect_tensor,
                           expect_tensor_like, expect_unchanged, for_all, worker_function)
from grader.strategies import DTYPES, composite, random_tensor, scales, seeds, st

NAMES = ["x", "W1", "b1", "W2", "b2"]
BOOK = [torch.tensor([[2.0, 3.0]]), torch.tensor([[0.5, -0.3], [0.2, 0.8]]), torch.tensor([0.1, -0.1]),
        torch.tensor([[0.4], [0.6]]), torch.tensor([0.0])]

# (batch, n_in, n_hidden, n_out): non-square W1 catches a missing transpose by shape, square
# ones by value; batch 1 and n_out 1 catch hard-coded sizes.
SHAPES = [(4, 3, 5, 2), (1, 2, 2, 1), (7, 4, 4, 3), (3, 6, 2, 1)]


def network(seed, batch, n_in, n_hidden, n_out, dtype=torch.float32):
    gen = torch.Generator().manual_seed(seed)
    return [torch.randn(*shape, generator=gen, dtype=dtype)
            for shape in [(batch, n_in), (n_hidden, n_in), (n_hidden,), (n_hidden, n_out), (n_out,)]]


def call_text(args):
    return "forward(" + ", ".join(f"{n}{tuple(a.shape)}" for n, a in zip(NAMES, args)) + ")"


@check("forward gives [[1.70]] on the book's example", kind="value", points=2)
def check_forward_book_example(student, reference):
    expect_tensor(student.forward(*BOOK), reference.forward(*BOOK), call="forward on the book's example")


@check("forward returns shape (batch, n_out) for several layer sizes", kind="shape", points=2)
def check_forward_shape(student, reference):
    for seed, sizes in enumerate(SHAPES):
        args = network(seed, *sizes)
        expect_tensor_like(student.forward(*args), reference.forward(*args), call=call_text(args))


@check("forward matches the reference on random float32 inputs", kind="value", points=3,
       depends="check_forward_shape")
def check_forward_values_float32(student, reference):
    for seed, sizes in enumerate(SHAPES):
        args = network(100 + seed, *sizes)
        expect_tensor(student.forward(*args), reference.forward(*args), call=call_text(args))


@check("forward keeps float64 inputs in float64 and matches the reference", kind="value", points=2,
       depends="check_forward_shape")
def check_forward_values_float64(student, reference):
    for seed, sizes in enumerate(SHAPES):
        args = network(200 + seed, *sizes, dtype=torch.float64)
        expect_tensor(student.forward(*args), reference.forward(*args), call=call_text(args) + " in float64")


@check("forward zeroes negative hidden units (ReLU)", kind="value", points=2, depends="check_forward_shape")
def check_forward_relu(student, reference):
    # Every hidden pre-activation is negative here, so a correct network outputs exactly b2.
    x = torch.tensor([[1.0, 2.0], [3.0, 0.5]])
    W1 = torch.tensor([[-1.0, -0.5], [-0.2, -1.5], [-0.7, -0.1]])
    b1 = torch.tensor([-0.1, -0.2, -0.3])
    W2 = torch.tensor([[0.9, -0.4], [1.1, 0.3], [-0.6, 0.8]])
    b2 = torch.tensor([0.25, -0.5])
    args = [x, W1, b1, W2, b2]
    expect_tensor(student.forward(*args), reference.forward(*args),
                  call="forward with all hidden pre-activations negative")


@check("forward matches the reference on a large batch", kind="value", points=2, hidden=True,
       depends="check_forward_shape")
def check_forward_large_batch(student, reference):
    args = network(300, 64, 10, 32, 5, dtype=torch.float64)
    expect_tensor(student.forward(*args), reference.forward(*args), call=call_text(args))


@check("gradients flow back to x, W1, b1, W2 and b2", kind="gradient", points=3,
       depends="check_forward_values_float32")
def check_forward_gradients(student, reference):
    # n_hidden 1 (a bias turned into a float shows) and weights-only gradients (x a plain
    # input, as in training) too.
    cases = [(sizes, None) for sizes in SHAPES[:3]] + [((3, 3, 1, 2), None), ((5, 3, 4, 2), [1, 2, 3, 4])]
    for dtype in (torch.float64, torch.float32):  # a result detached for one dtype only shows here
        for seed, (sizes, wrt) in enumerate(cases):
            args = network(400 + seed, *sizes, dtype=dtype)
            grad_output = torch.randn(sizes[0], sizes[3], generator=torch.Generator().manual_seed(seed),
                                      dtype=dtype)
            which = "" if wrt is None else " with only the weights requiring grad"
            expect_grads(student.forward, reference.forward, args, NAMES, wrt=wrt,
                         call=call_text(args) + f" in {str(dtype)[6:]}{which}", grad_output=grad_output)


@check("forward does not modify its inputs", kind="api", points=1, depends="check_forward_values_float32")
def check_forward_inputs_unchanged(student):
    for dtype in (torch.float32, torch.float64):  # a change made for one dtype only shows here
        args = network(500, 4, 3, 5, 2, dtype=dtype)
        _, after = student.forward.with_inputs(*args)
        expect_unchanged(args, after, NAMES, call=call_text(args) + f" in {str(dtype)[6:]}")


@worker_function
def forward_before_and_after_a_change(module, x, W1, b1, W2, b2):
    before = module.forward(x, W1, b1, W2, b2).detach().clone()
    with torch.no_grad():
        W1.mul_(2.0)  # the same tensor objects, new values: a cache keyed on ids or shapes goes stale
        b2.add_(1.0)
    return before, module.forward(x, W1, b1, W2, b2).detach().clone(), W1, b2


@check("forward computes afresh on every call (no answer kept from an earlier call)", kind="api", points=1,
       depends="check_forward_values_float32")
def check_forward_not_stale(student, reference):
    x, W1, b1, W2, b2 = network(550, 4, 3, 5, 2)
    before, after, W1_changed, b2_changed = student.run(forward_before_and_after_a_change, x, W1, b1, W2, b2)
    expect_tensor(before, reference.forward(x, W1, b1, W2, b2), call="forward(x, W1, b1, W2, b2)")
    try:
        expect_tensor(after, reference.forward(x, W1_changed, b1, W2, b2_changed),
                      call="forward(x, W1, b1, W2, b2) again after W1 and b2 were changed in place")
    except CheckFailure as failure:
        raise CheckFailure(failure.message, help="Do not keep results between calls (a cache keyed on id() or on "
                           "shapes returns stale answers): compute the output from the inputs every time.") from None


@worker_function
def describe_model(module, model):
    def layer_name(layer):  # a subclass of nn.Linear is an nn.Linear
        return "Linear" if isinstance(layer, nn.Linear) else "ReLU" if isinstance(layer, nn.ReLU) \
            else type(layer).__name__

    layers = [layer_name(layer) for layer in model.children()] if isinstance(model, nn.Module) else []
    kind = "Sequential" if isinstance(model, nn.Sequential) else type(model).__name__  # a subclass is one too
    return kind, isinstance(model, nn.Module), layers


@check("build_model returns nn.Sequential(Linear, ReLU, Linear)", kind="api", points=1)
def check_build_model_layers(student):
    model = student.build_model(*network(600, 2, 3, 4, 2)[1:])
    kind, is_module, layers = student.run(describe_model, model)
    if not is_module:
        raise CheckFailure(f"build_model returned {describe_type(model)}, expected an nn.Module "
                           "(nn.Sequential(nn.Linear, nn.ReLU, nn.Linear))")
    if kind != "Sequential" or layers != ["Linear", "ReLU", "Linear"]:
        raise CheckFailure(f"build_model returned {kind}({', '.join(layers)}), expected "
                           "Sequential(Linear, ReLU, Linear)")


@worker_function
def linear_parameters(module, model):
    return [(layer.weight.detach().clone(), layer.bias.detach().clone() if layer.bias is not None else None)
            for layer in model.children() if isinstance(layer, nn.Linear)]


def wrong_parameters(student, model, W1, b1, W2, b2) -> str | None:
    """Which of the layers' numbers are not the arguments' (the layer to fix), when the model is
    two nn.Linear layers; None when they all are, or when it cannot tell."""
    try:
        layers = student.run(linear_parameters, model)
    except Exception:  # the student's model cannot be read that way: say nothing more
        return None
    if len(layers) != 2:
        return None
    wanted = [("model[0].weight", "W1", W1), ("model[0].bias", "b1", b1), ("model[2].weight", "W2.T", W2.T),
              ("model[2].bias", "b2", b2)]
    held = [layers[0][0], layers[0][1], layers[1][0], layers[1][1]]
    wrong = []
    for (where, name, value), got in zip(wanted, held):
        if type(got) is not torch.Tensor or got.shape != value.shape or not torch.allclose(
                got.to(torch.float64), value.to(torch.float64), rtol=1e-5, atol=1e-6):
            wrong.append(f"{where} is not {name}")
    return "; ".join(wrong) or None


@check("build_model's network gives the same output as forward", kind="value", points=2,
       depends="check_build_model_layers")
def check_build_model_output(student, reference):
    for seed, sizes in enumerate(SHAPES):
        x, *params = network(700 + seed, *sizes)
        model = student.build_model(*params)
        try:
            expect_tensor(model(x), reference.forward(x, *params), call=f"build_model(...)(x) for x{tuple(x.shape)}")
        except CheckFailure as failure:
            wrong = wrong_parameters(student, model, *params)
            if wrong is None:
                raise
            raise CheckFailure(failure.message, expected=failure.expected, actual=failure.actual,
                               help=f"The layers do not hold the arguments: {wrong}.") from None


@worker_function
def output_after_changing_inputs(module, x, W1, b1, W2, b2):
    for tensor in (W1, b1, W2, b2):
        tensor.requires_grad_(True)
    model = module.build_model(W1, b1, W2, b2)
    flags = [bool(tensor.requires_grad) for tensor in (W1, b1, W2, b2)]
    shared = []  # (parameter, argument, the very tensor or a view of it)
    for name, parameter in model.named_parameters():
        for argument, tensor in zip(("W1", "b1", "W2", "b2"), (W1, b1, W2, b2)):
            if parameter.untyped_storage().data_ptr() == tensor.untyped_storage().data_ptr():
                same = parameter.shape == tensor.shape and parameter.stride() == tensor.stride()
                shared.append((name, argument, same))
    before = model(x).detach().clone()
    with torch.no_grad():
        for tensor in (W1, b1, W2, b2):
            tensor.add_(1.0)
    after = model(x).detach().clone()
    return before, after, flags, shared


def expect_build_model_leaves_arguments_alone(student):
    """W1, b1, W2, b2 come back as they went in (W2.t_() or W1.copy_(layer.weight) change them)."""
    for seed, sizes in enumerate([(2, 3, 4, 2), (2, 3, 3, 3)]):  # square weights: a transpose keeps the shape
        params = network(650 + seed, *sizes)[1:]
        _, after = student.build_model.with_inputs(*params)
        call = "build_model(" + ", ".join(f"{n}{tuple(a.shape)}" for n, a in zip(NAMES[1:], params)) + ")"
        try:
            expect_unchanged(params, after, NAMES[1:], call=call)
        except CheckFailure as failure:
            raise CheckFailure(failure.message, help="build_model copies values out of its arguments and never "
                               "into them: `layer.weight.copy_(W1)` (copy_ writes into the tensor it is called "
                               "on), and W2.T, not W2.t_(), which transposes the caller's W2.") from None


@check("build_model copies the weights in and leaves W1, b1, W2, b2 alone (changing W1 later leaves the model "
       "alone too)", kind="api", points=1, depends="check_build_model_output")
def check_build_model_copies(student):
    expect_build_model_leaves_arguments_alone(student)
    for sizes in [(3, 3, 4, 2), (3, 3, 4, 1), (2, 3, 1, 2)]:  # n_out 1: W2.T is a view even after .contiguous()
        before, after, flags, shared = student.run(output_after_changing_inputs, *network(800, *sizes))
        shapes = f"W1{(sizes[2], sizes[1])}, W2{(sizes[2], sizes[3])}"
        if not all(flags):
            changed = [name for name, flag in zip(NAMES[1:], flags) if not flag]
            raise CheckFailure(f"build_model changed the caller's tensors: {', '.join(changed)} no longer "
                               "require grad after the call",
                               help="Leave the arguments alone: copy their values into the layers under "
                                    "torch.no_grad() instead of changing the arguments' flags.")
        if shared:
            pairs = ", ".join(f"{name} is {'' if same else 'a view of '}{argument}" for name, argument, same in shared)
            raise CheckFailure(f"the model's layers share memory with the caller's tensors ({shapes}): {pairs}; "
                               "changing those tensors changes the model, and training the model would change "
                               "them",
                               help="nn.Parameter(W1), `.weight.data = W1` and W1.detach() keep the caller's "
                                    "tensor itself, and W2.T is a view of W2: copy the values in, e.g. `with "
                                    "torch.no_grad(): model[0].weight.copy_(W1)`, or nn.Parameter(W1.clone()).")
        if not torch.equal(before, after):
            raise CheckFailure(f"the model changed when W1, b1, W2, b2 were changed after build_model ({shapes})",
                               help="The layers share memory with the arguments. Copy the values in, e.g. "
                                    "`with torch.no_grad(): model[0].weight.copy_(W1)`.")


@worker_function
def two_models(module, x, first, second):
    model_a = module.build_model(*first)
    alone = model_a(x).detach().clone()
    module.build_model(*second)
    return alone, model_a(x).detach().clone()


@check("a second build_model leaves the first model alone", kind="api", points=1,
       depends="check_build_model_output")
def check_build_model_independent(student):
    x, *first = network(850, 3, 3, 4, 2)
    _, *second = network(851, 3, 3, 4, 2)
    alone, after = student.run(two_models, x, first, second)
    if not torch.equal(alone, after):
        raise CheckFailure("building a second model with other weights of the same sizes changed the first model",
                           help="Create new layers on every call (nn.Sequential(nn.Linear(...), ...)); models "
                                "kept in a cache or a global share their weights.")


# ---------------------------------------------------------------- generated networks

# Sizes that matter: 1 (a squeeze or a hard-coded size shows), 0 (an empty batch), equal sizes
# (a transpose that keeps the shape), and batches far beyond a few dozen.
def batches():
    return st.one_of(st.integers(0, 6), st.sampled_from([33, 64, 100]))


def widths():
    return st.integers(1, 6)


@composite
def networks(draw, dtypes=DTYPES):
    batch, n_in = draw(batches()), draw(widths())
    n_hidden = draw(st.one_of(st.just(n_in), widths()))  # often square: W1.T and W1 have one shape
    n_out = draw(st.one_of(st.just(n_hidden), widths()))
    dtype, seed, scale = draw(st.sampled_from(dtypes)), draw(seeds()), draw(scales())
    shapes = [(batch, n_in), (n_hidden, n_in), (n_hidden,), (n_hidden, n_out), (n_out,)]
    return tuple(random_tensor(shape, dtype, seed + i, scale) for i, shape in enumerate(shapes))


def edge_networks(dtype):
    """Networks no draw is sure to reach: 300 rows of 30 inputs and 300 hidden units (past any
    chunk size or row count), values below 1e-30, all-zero biases (a copy that skips them keeps
    nn.Linear's random ones)."""
    big = network(11, 300, 30, 300, 2, dtype)
    tiny = [t * 1e-35 for t in network(12, 3, 4, 5, 2, dtype)]
    zero_biases = network(13, 4, 3, 5, 2, dtype)
    zero_biases[2], zero_biases[4] = torch.zeros(5, dtype=dtype), torch.zeros(2, dtype=dtype)
    return [tuple(big), tuple(tiny), tuple(zero_biases)]


def describe_network(*args):
    return call_text(args) + f" in {str(args[0].dtype)[6:]} with values of size ~{float(args[1].abs().max()):.3g}"


@check("forward matches the reference on generated networks (batch 0 to 100, square weights, values up to 10³)",
       kind="value", points=2, depends=("check_forward_values_float32", "check_forward_values_float64"))
def check_forward_generated(student, reference):
    for_all(networks(), student.forward, reference.forward, compare=compare_tensors, key="ex3.forward", count=50,
            describe=describe_network, explicit=edge_networks(torch.float64) + edge_networks(torch.float32)[:1])


@worker_function
def built_model_output(module, x, W1, b1, W2, b2):
    return module.build_model(W1, b1, W2, b2)(x)


@check("build_model's network matches forward on generated networks (square weights, n_out 1, large values)",
       kind="value", points=1, depends="check_build_model_output")
def check_build_model_generated(student, reference):
    for_all(networks(dtypes=(torch.float32,)), student.runner(built_model_output), reference.forward,
            compare=compare_tensors, key="ex3.build", count=30, explicit=edge_networks(torch.float32),
            describe=lambda *args: describe_network(*args).replace("forward(", "build_model(W1, b1, W2, b2)(x) for ("))

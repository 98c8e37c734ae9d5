"""Checks for Exercise 9: X_TRAIN, Y_TRAIN, HousePriceNet, count_parameters(model) and
train(model, X, y, epochs, lr), section 8's complete example.

Models cannot travel between the grader and the worker, so every model is built on both
sides from plain data: a list of layer sizes and the initial weights as tensors (seeded,
copied into the layers), never from the random state. The worker function `run_training`
builds the model, runs the student's `train` on it under the engine's optimizer watch and
sends back plain values: the losses, the final weights and what the watch saw happen
(optimizers created, steps, backward passes). The grader runs the same function on its side
with the trusted `train` (the reference; in a student release, section 8's loop below) and
compares the two runs; `SECTION_8_LOOP` says what the watch should have seen.
"""

import types
from collections import OrderedDict
from pathlib import Path

import torch
import torch.nn as nn
import torch.nn.functional as F

from grader.checks import (CheckFailure, NotImplementedYet, check, describe_type, expect_tensor, for_all,
                           known_mistakes, name_mistakes, run_in_worker, worker_function)
from grader.misconceptions import load_catalog
from grader.strategies import composite, random_tensor, seeds, st
from grader.models import AFTER_RELU, frozen_text, layers_text, seeded_linear_state, stack_text
from grader.training import TrainingSpec, expect_loss_list, reproducing_mistakes
from grader.training import judge_run as judge_training_run

# Section 8's data, as printed in the chapter.
BOOK_X = torch.tensor([[10.0, 3.0, 2.0, 2.0], [15.0, 4.0, 2.5, 1.0], [20.0, 5.0, 3.0, 0.5], [8.0, 2.0, 1.0, 5.0],
                       [12.0, 3.0, 2.0, 3.0], [25.0, 6.0, 4.0, 0.0], [9.0, 2.0, 1.0, 4.0], [18.0, 4.0, 3.0, 1.5]])
BOOK_Y = torch.tensor([[200.0], [320.0], [450.0], [120.0], [240.0], [550.0], [140.0], [380.0]])
SECTION_NET = [4, 16, 1]  # HousePriceNet(4, 16, 1): 97 parameters
# What section 8's loop does, as the optimizer watch sees it: inside train, one torch.optim.Adam
# with lr=lr and the default betas, holding the model's parameters; every epoch one forward
# pass, one backward pass from cleared gradients and one step.
SECTION_8_LOOP = TrainingSpec(function="train", optimizer="Adam", betas=(0.9, 0.999))
# Architectures whose layers depend on the mode or the random generator: a Linear stack with
# nn.Dropout(0.5) or nn.BatchNorm1d (no affine parameters) after each hidden ReLU.
MODE_LAYERS = {"dropout": "Dropout(0.5)", "batchnorm": "BatchNorm1d"}

# The catalog of known mistakes (absent in a student release: then nothing is named).
CATALOG = load_catalog(Path(__file__).parent)


# ---------------------------------------------------------------- the trusted side


def section_net(input_size, hidden_size, output_size):
    """Section 8's network with its layers' names, for a student release (which has no reference)."""
    return nn.Sequential(OrderedDict([("layer1", nn.Linear(input_size, hidden_size)), ("activation", nn.ReLU()),
                                      ("layer2", nn.Linear(hidden_size, output_size))]))


def section_loop(model, X, y, epochs, lr):
    """Section 8's training loop, printed in the chapter (a student release has no reference)."""
    criterion = nn.MSELoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        predictions = model(X)
        loss = criterion(predictions, y)
        losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return losses


SECTION_8 = types.SimpleNamespace(
    HousePriceNet=section_net, train=section_loop,
    count_parameters=lambda net: sum(tensor.numel() for tensor in net.parameters() if tensor.requires_grad))


def trusted(reference):
    """The reference module; in a student release (recorded answers, no code), section 8's code."""
    return reference if isinstance(reference, types.ModuleType) else SECTION_8


def as_module(**functions):
    """A stand-in for a module, to run a worker function on the grader's side."""
    return types.SimpleNamespace(**functions)


# ---------------------------------------------------------------- one training run, in the worker


def model_text(architecture, sizes, frozen=()):
    """The model of a training case as the student would write it (grader.models.stack_text)."""
    if architecture == "house":
        return f"HousePriceNet({', '.join(map(str, sizes))})" + frozen_text(frozen)
    layers = architecture.removesuffix("-eval")
    text = stack_text(sizes, layers if layers in AFTER_RELU else None, frozen)
    if architecture == "tied":
        return text + " with the second Linear's weight tied to the first's"
    return text.replace(" in train mode", " in eval mode") if architecture.endswith("-eval") else text


@worker_function
def run_training(module, architecture, sizes, frozen, state, X, y, epochs, lr):
    """Build the model (`architecture` "house": the module's HousePriceNet(*sizes), else Linear
    layers of `sizes` with ReLU between, and with "dropout"/"batchnorm" a Dropout(0.5) /
    a BatchNorm1d(affine=False) after each ReLU; "-eval" after either: switched to eval mode
    before train gets it; "tied": the second Linear's weight is the first's parameter), load
    `state`, freeze the Linear layers listed
    in `frozen`, call module.train on it under the optimizer watch and report, as plain values:
    the losses (type and value of each), the model's weights afterwards, whether X and y were
    left alone, and what the watch saw (grader/remote/training.py)."""
    from grader.remote.models import linear_stack, load_linear_state
    from grader.remote.training import OptimizerWatch, plain_losses

    if architecture == "house":
        model = module.HousePriceNet(*sizes)
        linears = [model.layer1, model.layer2]
    else:
        layers = architecture.removesuffix("-eval")
        model, linears = linear_stack(sizes, after_relu=layers if layers not in ("sequential", "tied") else None)
        if architecture.endswith("-eval"):
            model.eval()
        if architecture == "tied":  # one parameter, two layers: the optimizer must hold it once
            linears[1].weight = linears[0].weight
    weights = load_linear_state(linears, state)
    for index in frozen:
        linears[index].requires_grad_(False)
    X_before, y_before = X.clone(), y.clone()
    if epochs > 1000:  # WATCHED_EPOCHS (a worker function sees only its own code): losses and weights judged
        losses = module.train(model, X, y, epochs, lr)
        seen = None
    else:
        # Every run (the student's and the reference's) starts from the same random state, in a
        # forked generator: models with dropout see the same masks on both sides, whatever ran
        # before, and the caller's random state is left alone.
        with OptimizerWatch(weights, model=model, seed=1234) as watch:
            losses = module.train(model, X, y, epochs, lr)
        seen = watch.report()
    return {**plain_losses(losses), "weights": [p.detach().clone() for p in weights],
            "X_kept": bool(torch.equal(X, X_before)), "y_kept": bool(torch.equal(y, y_before)), "seen": seen}


# Runs longer than this go unwatched (the watch doubles an epoch's cost): a sequential model
# of Linear layers, where neither the watch's random state nor its report changes a verdict.
WATCHED_EPOCHS = 1000


def training_case(sizes, seed, X, y, epochs, lr, frozen=(), architecture="sequential"):
    """The arguments of run_training (after `module`) for one training run."""
    return [architecture, list(sizes), list(frozen), seeded_linear_state(sizes, seed), X, y, epochs, lr]


def expected_run(reference, case):
    trusted_module = trusted(reference)
    module = as_module(train=trusted_module.train, HousePriceNet=trusted_module.HousePriceNet)
    return run_training(module, *[a.clone() if isinstance(a, torch.Tensor) else a for a in case])


def call_text(case):
    architecture, sizes, frozen, _state, X, y, epochs, lr = case
    return (f"train({model_text(architecture, sizes, frozen)}, X{tuple(X.shape)}, y{tuple(y.shape)}, "
            f"epochs={epochs}, lr={lr:g})")


def in_worker(student, function, args, call):
    """student.run(function, *args), with the student's own call named in a failure; the stub's
    HousePriceNet methods named as the class."""
    try:
        return run_in_worker(student, function, args, call=call)
    except NotImplementedYet as stub:
        if stub.function in ("__init__", "forward"):  # the stub's HousePriceNet
            raise NotImplementedYet("HousePriceNet") from None
        raise


def student_run(student, case):
    return in_worker(student, run_training, case, call_text(case))


# ---------------------------------------------------------------- comparing runs


def training_mistakes(case, run):
    """Known mistakes of `train` that reproduce the student's run exactly, by name."""
    def rerun(entry):
        return run_training(as_module(train=entry.implementation, HousePriceNet=section_net),
                            *[a.clone() if isinstance(a, torch.Tensor) else a for a in case])

    return name_mistakes(reproducing_mistakes(CATALOG, "train", rerun, run, case[-1]))


# Which mistakes a wrong loss or weight could be, when no known mistake reproduces the run.
LOSS_CAUSES = ("the loss is not the mean of the squared errors over all of X (a sum instead of the mean, another "
               "loss, or y of another shape than the predictions, which broadcasts), or the loss is recorded "
               "after the step instead of before it")
UPDATE_CAUSES = ("another optimizer than Adam, or not lr=lr, or other betas than the default; the optimizer "
                 "re-created every epoch; the gradients not cleared every epoch; or optimizer.step() before "
                 "loss.backward()")
CAUSES = {
    "first_loss": f"The first loss is measured before any update, so the loss itself differs: {LOSS_CAUSES}.",
    "later_loss": f"The first losses match, so the loss is right and the updates differ: {UPDATE_CAUSES}.",
    "weights": "The losses are right but the model's weights at the end are not: train must update the model it is "
               "given, in place (no copy), with exactly one optimizer step per epoch.",
}


def seen_text(case, run) -> str:
    """What the optimizer watch saw that section 8's loop would not do, for a failure's help."""
    return "" if run["seen"] is None else SECTION_8_LOOP.seen_text(run["seen"], epochs=case[-2], lr=case[-1])


def judge_run(case, run, expected, *, weights=True, name=True):
    """Fail, with a diagnosis, unless the student's run gave the expected losses (and weights).
    `name`: look for the known mistakes that reproduce the run (each retrains the catalog)."""
    judge_training_run(call_text(case), run, expected, epochs=case[-2], lr=case[-1], initial=case[3],
                       weights=weights,
                       named=(lambda: training_mistakes(case, run)) if name and case[-2] <= WATCHED_EPOCHS else None,
                       seen=seen_text(case, run), causes=CAUSES,
                       closing="Compare your loop line by line with section 8's.")


def naming_or(case, run, advice):
    return training_mistakes(case, run) or advice


# ---------------------------------------------------------------- X_TRAIN and Y_TRAIN


def expect_data(value, name, shape):
    if value is None:
        raise CheckFailure(f"{name} still holds its placeholder (None): write section 8's data as a float32 tensor",
                           stub=True)
    if type(value) is not torch.Tensor:
        raise CheckFailure(f"{name} is {describe_type(value)}, expected a torch.Tensor of shape {shape}",
                           help="Build it with torch.tensor([...], dtype=torch.float32), as section 8 does.")
    if tuple(value.shape) != shape:
        hint = ("one row per house, each price in its own list: [[200.0], [320.0], ...]" if name == "Y_TRAIN"
                else "one row per house, four features each")
        raise CheckFailure(f"{name} has shape {tuple(value.shape)}, expected {shape}", help=f"Write it as {hint}.")
    if value.dtype != torch.float32:
        raise CheckFailure(f"{name} has dtype {str(value.dtype)[6:]}, expected float32",
                           help="Pass dtype=torch.float32 (and write the numbers with a decimal point).")


@check("X_TRAIN and Y_TRAIN are float32 tensors of shapes (8, 4) and (8, 1)", kind="shape", points=1)
def check_data_shapes(student):
    expect_data(student.X_TRAIN, "X_TRAIN", (8, 4))
    expect_data(student.Y_TRAIN, "Y_TRAIN", (8, 1))


@check("X_TRAIN and Y_TRAIN hold section 8's eight houses", kind="value", points=1, depends="check_data_shapes")
def check_data_values(student):
    for name, value, book in (("X_TRAIN", student.X_TRAIN, BOOK_X), ("Y_TRAIN", student.Y_TRAIN, BOOK_Y)):
        wrong = (value != book).nonzero()
        if len(wrong):
            row, column = (int(i) for i in wrong[0])
            raise CheckFailure(f"{name}[{row}, {column}] is {float(value[row, column]):g}, expected "
                               f"{float(book[row, column]):g} (house {row + 1})",
                               help="Copy the numbers of section 8, Step 1, in the same order: "
                                    "[size, bedrooms, bathrooms, age] for X, the price for y.")


# ---------------------------------------------------------------- HousePriceNet


@worker_function
def describe_net(module, sizes):
    from grader.remote.models import describe_layers

    model = module.HousePriceNet(*sizes)
    info = {"type": type(model).__name__, "is_module": isinstance(model, nn.Module), "parameters": None,
            **describe_layers(model, ["layer1", "activation", "layer2"])}
    if info["is_module"]:
        info["parameters"] = sum(p.numel() for p in model.parameters())
    return info


def layer_text(described):
    if len(described) == 1:
        return f"{described[0]}()"
    return f"Linear({described[1]}, {described[2]}{'' if described[3] else ', bias=False'})"


@check("HousePriceNet(4, 16, 1) has layer1 = Linear(4, 16), activation = ReLU(), layer2 = Linear(16, 1): 97 "
       "parameters", kind="api", points=2)
def check_net_layers(student):
    for sizes in (SECTION_NET, [3, 5, 2], [1, 1, 1]):
        call = f"HousePriceNet({', '.join(map(str, sizes))})"
        info = in_worker(student, describe_net, [sizes], call)
        if not info["is_module"]:
            raise CheckFailure(f"{call} gave a {info['type']}, expected an nn.Module",
                               help="Write class HousePriceNet(nn.Module) and call super().__init__() first.")
        n_in, hidden, n_out = sizes
        wanted = {"layer1": ["Linear", n_in, hidden, True], "activation": ["ReLU"],
                  "layer2": ["Linear", hidden, n_out, True]}
        for name, expected in wanted.items():
            got = info[name]
            if got is None:
                raise CheckFailure(f"{call} has no attribute `{name}`",
                                   help="Name the layers exactly as section 8 does: self.layer1, self.activation, "
                                        "self.layer2.")
            if got != expected:
                raise CheckFailure(f"{call}.{name} is {layer_text(got)}, expected {layer_text(expected)}",
                                   help="layer1 = nn.Linear(input_size, hidden_size), activation = nn.ReLU(), "
                                        "layer2 = nn.Linear(hidden_size, output_size).")
        count = n_in * hidden + hidden + hidden * n_out + n_out
        if info["parameters"] != count:
            raise CheckFailure(f"{call} has {info['parameters']} parameter values, expected {count} (only the two "
                               "Linear layers hold parameters)",
                               help="Do not add layers or parameters beyond layer1, activation and layer2.")


@worker_function
def net_output(module, sizes, state, x):
    """The student's HousePriceNet(*sizes) with the weights `state`, on x."""
    from grader.remote.models import load_linear_state

    model = module.HousePriceNet(*sizes)
    load_linear_state([model.layer1, model.layer2], state)
    out = model(x)
    return out.detach() if isinstance(out, torch.Tensor) else out


def expected_output(sizes, state, x):
    """layer1 -> ReLU -> layer2, written out."""
    W1, b1, W2, b2 = state
    return F.linear(torch.relu(F.linear(x, W1, b1)), W2, b2)


def net_case(sizes, seed, batch, scale=3.0):
    state = seeded_linear_state(sizes, seed)
    x = random_tensor((batch, sizes[0]), torch.float32, seed + 1, scale)
    return [list(sizes), state, x]


def net_mistakes(sizes, state, x, actual):
    """Known mistakes of HousePriceNet that reproduce the student's output."""
    def matches(out):
        return type(actual) is torch.Tensor and actual.shape == out.shape and \
            torch.allclose(actual, out, rtol=1e-4, atol=1e-5 * (1 + (float(out.abs().max()) if out.numel() else 0)))
    return name_mistakes(known_mistakes(
        CATALOG, "HousePriceNet", lambda entry: net_output(as_module(HousePriceNet=entry.implementation), sizes, state,
                                                           x), matches))


def net_call(sizes, x):
    return f"HousePriceNet({', '.join(map(str, sizes))})(x) for x{tuple(x.shape)}, with seeded weights"


def compare_net_output(actual, expected, call, case=None):
    try:
        expect_tensor(actual, expected, call=call)
    except CheckFailure as failure:
        named = net_mistakes(*case, actual) if case is not None else None
        raise CheckFailure(failure.message, help=named or failure.help or
                           "forward(x) must apply self.layer1, then self.activation, then self.layer2, to x.") from None


# (sizes, batch): a hidden layer wider and narrower than the input, batch 1, several outputs.
NET_CASES = [(SECTION_NET, 8), ([3, 5, 2], 6), ([2, 1, 1], 1), ([5, 3, 1], 4)]


@check("HousePriceNet's output has shape (batch, output_size)", kind="shape", points=1, depends="check_net_layers")
def check_net_output_shape(student):
    for seed, (sizes, batch) in enumerate(NET_CASES):
        case = net_case(sizes, 100 + seed, batch)
        out = in_worker(student, net_output, case, net_call(sizes, case[2]))
        expected = expected_output(*case)
        if type(out) is not torch.Tensor:
            raise CheckFailure(f"{net_call(sizes, case[2])} returned {describe_type(out)}, expected a tensor of "
                               f"shape {tuple(expected.shape)}", help="forward must return the output of layer2.")
        if out.shape != expected.shape:
            raise CheckFailure(f"{net_call(sizes, case[2])} returned shape {tuple(out.shape)}, expected "
                               f"{tuple(expected.shape)}",
                               help="Return layer2's output as it is: (batch, output_size), no squeeze or reshape.")


@check("HousePriceNet computes layer2(relu(layer1(x)))", kind="value", points=2, depends="check_net_output_shape")
def check_net_forward_values(student):
    # Seeded weights with inputs of size ~3: many hidden units and some outputs are negative,
    # so a missing or misplaced ReLU shows.
    for seed, (sizes, batch) in enumerate(NET_CASES):
        case = net_case(sizes, 200 + seed, batch)
        out = in_worker(student, net_output, case, net_call(sizes, case[2]))
        compare_net_output(out, expected_output(*case), net_call(sizes, case[2]), case)


@worker_function
def net_call_order(module, sizes, state, x):
    """Which of the attributes layer1, activation, layer2 forward applies, in order (their forward
    methods, wrapped on the instances: called as self.layer1(x) or self.layer1.forward(x)), and the
    output."""
    from grader.remote.models import load_linear_state, record_forward_order

    model = module.HousePriceNet(*sizes)
    load_linear_state([model.layer1, model.layer2], state)
    order = record_forward_order(model, ["layer1", "activation", "layer2"])
    out = model(x)
    return order, out.detach() if isinstance(out, torch.Tensor) else out


SECTION_ORDER = ["layer1", "activation", "layer2"]


@check("HousePriceNet's forward calls self.layer1, self.activation, self.layer2, in that order", kind="api", points=1,
       depends="check_net_forward_values")
def check_net_call_order(student):
    # The contract: forward applies the attributes in that order. A forward calling torch.relu
    # itself gives the same numbers, but ignores the model's own activation module.
    sizes, state, x = net_case(SECTION_NET, 250, 5)
    call = net_call(sizes, x)
    order, out = in_worker(student, net_call_order, [sizes, state, x], call)
    if order == SECTION_ORDER:
        return
    missing = [name for name in SECTION_ORDER if name not in order]
    said = f"never called self.{missing[0]}" if missing else f"called {', '.join(order)}"
    def rerun(entry):
        return net_call_order(as_module(HousePriceNet=entry.implementation), sizes, state, x)

    entries = known_mistakes(CATALOG, "HousePriceNet", rerun, lambda theirs: theirs[0] == order and
                             type(out) is torch.Tensor and torch.allclose(theirs[1], out, rtol=1e-4, atol=1e-4))
    raise CheckFailure(f"{call}: forward {said}, expected self.layer1, self.activation, self.layer2, each once and in "
                       "that order",
                       help=name_mistakes(entries) or "Apply the module's own attributes: x = self.layer1(x); "
                       "x = self.activation(x); x = self.layer2(x) (F.relu(x) or torch.relu(x) in place of "
                       "self.activation(x) does not apply the model's own activation module).")


@worker_function
def net_gradients(module, sizes, state, x, grad_output):
    from grader.remote.models import load_linear_state

    model = module.HousePriceNet(*sizes)
    load_linear_state([model.layer1, model.layer2], state)
    x = x.clone().requires_grad_(True)
    out = model(x)
    if not isinstance(out, torch.Tensor) or not out.requires_grad:
        return None
    out.backward(grad_output)
    return [None if t.grad is None else t.grad.clone() for t in
            (model.layer1.weight, model.layer1.bias, model.layer2.weight, model.layer2.bias, x)]


@check("gradients flow back through HousePriceNet to both layers and to x", kind="gradient", points=1,
       depends="check_net_forward_values")
def check_net_gradients(student):
    names = ["layer1.weight", "layer1.bias", "layer2.weight", "layer2.bias", "x"]
    for seed, (sizes, batch) in enumerate(NET_CASES[:3]):
        sizes_, state, x = net_case(sizes, 300 + seed, batch)
        grad_output = random_tensor((batch, sizes[-1]), torch.float32, 400 + seed)
        call = f"backpropagating through {net_call(sizes, x)}"
        grads = in_worker(student, net_gradients, [sizes_, state, x, grad_output], call)
        if grads is None:
            raise CheckFailure(f"{call}: the output is not connected to autograd",
                               help="Do not detach in forward (no .detach(), .item(), torch.no_grad() or "
                                    "torch.tensor(...)).")
        leaves = [t.clone().requires_grad_(True) for t in (*state, x)]
        expected_output(sizes, leaves[:4], leaves[4]).backward(grad_output)
        for name, got, leaf in zip(names, grads, leaves):
            if got is None:
                raise CheckFailure(f"{call}: no gradient reaches {name}",
                                   help="forward must use layer1 and layer2 on x, connected by autograd.")
            expect_tensor(got, leaf.grad, call=f"the gradient of {name} when {call}", what="has")


@composite
def nets(draw):
    n_in, hidden, n_out = draw(st.integers(1, 6)), draw(st.integers(1, 8)), draw(st.integers(1, 3))
    batch, seed = draw(st.one_of(st.integers(0, 6), st.sampled_from([33, 64]))), draw(seeds())
    scale = draw(st.sampled_from([1.0, 3.0, 100.0]))
    return tuple(net_case([n_in, hidden, n_out], seed, batch, scale))


@check("HousePriceNet matches layer2(relu(layer1(x))) on generated sizes (batch 0 to 64)", kind="value", points=1,
       depends="check_net_forward_values")
def check_net_generated(student):
    def compare(actual, expected, call):
        compare_net_output(actual, expected, call)

    try:
        for_all(nets(), student.runner(net_output), expected_output, compare=compare, key="ex9.net", count=30,
                describe=lambda sizes, state, x: net_call(sizes, x))
    except NotImplementedYet:
        raise NotImplementedYet("HousePriceNet") from None


# ---------------------------------------------------------------- count_parameters

# A model as plain data: a list of layers, each ["linear", n_in, n_out, bias, frozen],
# ["relu"] or ["batchnorm", features, frozen] (BatchNorm holds buffers, which are no parameters):
# grader.models.layers_model builds it, layers_text writes it out.


@worker_function
def count_of(module, layers, values="initial"):
    """count_parameters of the model `layers` describes, its parameters holding `values`:
    "initial" (nn.Linear's own), "zero biases" (and a zero weight), "large" (times 5000),
    "tiny" (times 1e-35), or "shared": the last Linear's weight is the first's (tied weights,
    one parameter held by two layers: model.parameters() gives it once). A count never depends
    on values. (No non-contiguous parameter: torch's own parameters_to_vector fails on one, and
    a count built on it is valid.)"""
    from grader.remote.models import layers_model

    model = layers_model(layers)
    if values == "shared":
        linears = [part for part in model.modules() if isinstance(part, torch.nn.Linear)]
        linears[-1].weight = linears[0].weight
    with torch.no_grad():
        for part in model.modules():
            if not isinstance(part, torch.nn.Linear):
                continue
            if values == "zero biases":
                part.weight[0, 0] = 0.0
                if part.bias is not None:
                    part.bias.zero_()
            elif values in ("large", "tiny"):
                for parameter in part.parameters():
                    parameter.mul_(5000.0 if values == "large" else 1e-35)
    return module.count_parameters(model)


@worker_function
def count_before_and_after_freezing(module, layers):
    """count_parameters of one nn.Sequential, then of the same model object once its first
    layer is frozen: the second count is of the model as it is now."""
    from grader.remote.models import layers_model

    model = layers_model(layers)
    first = module.count_parameters(model)
    model[0].requires_grad_(False)
    return [first, module.count_parameters(model)]


def expected_count(layers, values="initial"):
    return count_of(as_module(count_parameters=SECTION_8.count_parameters), layers, values)


def count_text(layers, values="initial"):
    if values == "shared":
        return f"count_parameters({layers_text(layers)}) with the last Linear's weight tied to the first's"
    return f"count_parameters({layers_text(layers)})" + ("" if values == "initial" else f" with {values} weights")


def judge_count(actual, layers, values="initial"):
    call = count_text(layers, values)
    expected = expected_count(layers, values)
    if type(actual) is not int:
        shown = describe_type(actual)
        raise CheckFailure(f"{call} returned {shown}, expected the int {expected}",
                           help="Return a Python int: sum(p.numel() for p in ...) is one (no torch.tensor, no .item() "
                                "needed, no float).")
    if actual != expected:
        def rerun(entry):
            return count_of(as_module(count_parameters=entry.implementation), layers, values)

        named = name_mistakes(known_mistakes(CATALOG, "count_parameters", rerun, lambda value: value == actual))
        tied = " (model.parameters() gives a tied parameter once: count it once)" if values == "shared" else ""
        raise CheckFailure(f"{call} returned {actual}, expected {expected}",
                           help=named or "Add up p.numel() over model.parameters(), for the parameters with "
                                         f"requires_grad only{tied}.")


def count_cases_run(student, cases):
    for layers in cases:
        judge_count(in_worker(student, count_of, [layers], f"count_parameters({layers_text(layers)})"), layers)


SECTION_LAYERS = [["linear", 4, 16, True, False], ["relu"], ["linear", 16, 1, True, False]]


@check("count_parameters gives 97 for section 8's network, 4 for Linear(3, 1), 0 for ReLU()", kind="value", points=1)
def check_count_section(student):
    count_cases_run(student, [SECTION_LAYERS, [["linear", 3, 1, True, False]], [["relu"]]])


@check("count_parameters leaves out frozen parameters and buffers", kind="value", points=1,
       depends="check_count_section")
def check_count_frozen(student):
    count_cases_run(student, [
        [["linear", 4, 16, True, True], ["relu"], ["linear", 16, 1, True, False]],  # 17: layer 1 frozen
        [["linear", 5, 2, False, False]],  # no bias: 10
        [["linear", 3, 6, True, False], ["batchnorm", 6, False], ["relu"], ["linear", 6, 2, True, True]],
    ])
    layers = [["linear", 4, 16, True, False], ["relu"], ["linear", 16, 1, True, False]]
    call = f"count_parameters(model) for model = {layers_text(layers)}, then again after freezing its first layer"
    counts = in_worker(student, count_before_and_after_freezing, [layers], call)
    frozen = [["linear", 4, 16, True, True], *layers[1:]]
    if counts != [expected_count(layers), expected_count(frozen)]:
        raise CheckFailure(f"{call} gave {counts}, expected {[expected_count(layers), expected_count(frozen)]}",
                           expected=[expected_count(layers), expected_count(frozen)], actual=counts,
                           help="Count the model as it is at each call (no answer kept from an earlier call: "
                                "a frozen layer no longer counts).")


@composite
def counted_models(draw):
    layers = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["linear", "linear", "relu", "batchnorm"]))
        if kind == "linear":
            layers.append(["linear", draw(st.integers(1, 40)), draw(st.integers(1, 40)), draw(st.booleans()),
                           draw(st.booleans())])
        elif kind == "batchnorm":
            layers.append(["batchnorm", draw(st.integers(1, 20)), draw(st.booleans())])
        else:
            layers.append(["relu"])
    return (layers,)


@check("count_parameters is right on generated models (frozen layers, no bias, buffers, tied weights)", kind="value",
       points=1,
       depends="check_count_frozen")
def check_count_generated(student):
    def compare(actual, expected, call):
        judge_count(actual, expected["layers"], expected["values"])

    for_all(counted_models(), student.runner(count_of),
            lambda layers, values="initial": {"layers": layers, "values": values},
            compare=compare, key="ex9.count", count=40, describe=count_text, explicit=COUNT_EDGES)


# Models no draw is sure to reach: a layer of 300 rows and 12000 weights, layers without biases
# of different shapes, parameters holding zeros, large or tiny values, and tied weights.
COUNT_EDGES = [([["linear", 40, 300, True, False], ["relu"], ["linear", 300, 1, True, False]],),
               ([["linear", 3, 4, False, False], ["relu"], ["linear", 4, 2, False, False]],),
               ([["linear", 3, 4, True, False], ["relu"], ["linear", 4, 2, True, False]], "zero biases"),
               ([["linear", 3, 4, True, False]], "large"),
               ([["linear", 3, 4, True, False]], "tiny"),
               ([["linear", 4, 4, True, False], ["relu"], ["linear", 4, 4, True, False]], "shared")]


# ---------------------------------------------------------------- train

BOOK_CASE = training_case(SECTION_NET, 9, BOOK_X, BOOK_Y, 30, 0.01)


@check("train returns a list of one Python float per epoch", kind="api", points=1)
def check_train_returns_floats(student):
    case = training_case(SECTION_NET, 9, BOOK_X, BOOK_Y, 5, 0.01)
    run = student_run(student, case)
    expect_loss_list(call_text(case), run, epochs=5, named=lambda: training_mistakes(case, run))


@check("train gives section 8's losses on the eight houses (30 epochs, lr=0.01)", kind="value", points=3,
       depends="check_train_returns_floats")
def check_train_book_losses(student, reference):
    judge_run(BOOK_CASE, student_run(student, BOOK_CASE), expected_run(reference, BOOK_CASE), weights=False)


@check("train updates the model it is given, in place, to the reference's weights", kind="value", points=2,
       depends="check_train_book_losses")
def check_train_in_place(student, reference):
    judge_run(BOOK_CASE, student_run(student, BOOK_CASE), expected_run(reference, BOOK_CASE))


@check("train leaves X and y unchanged", kind="api", points=1, depends="check_train_returns_floats")
def check_train_keeps_data(student):
    run = student_run(student, BOOK_CASE)
    for name in ("X", "y"):
        if not run[f"{name}_kept"]:
            raise CheckFailure(f"{call_text(BOOK_CASE)} modified {name} in place",
                               help="Leave the data alone: no X -= ..., X /= ..., y.sub_(...) in train.")


@check("train creates one torch.optim.Adam with lr=lr and default betas, and steps once per epoch", kind="api",
       points=1, depends="check_train_returns_floats")
def check_train_one_adam(student):
    case = training_case(SECTION_NET, 11, BOOK_X, BOOK_Y, 6, 0.05)
    run = student_run(student, case)
    facts = SECTION_8_LOOP.facts(run["seen"], epochs=6, lr=0.05)
    if facts or not SECTION_8_LOOP.one_optimizer(run["seen"]):
        raise CheckFailure(f"{call_text(case)}: {'; '.join(facts) or 'the optimizer is not torch.optim.Adam'}",
                           help=naming_or(case, run, "Create optimizer = torch.optim.Adam(model.parameters(), lr=lr) "
                                                     "once, before the loop; then each epoch: zero_grad(), "
                                                     "backward(), step()."))


@check("train handles 0 and 1 epochs (no loss and no change for 0)", kind="value", points=1,
       depends="check_train_book_losses")
def check_train_zero_and_one_epoch(student, reference):
    for epochs in (0, 1):
        case = training_case([3, 4, 1], 12, BOOK_X[:5, :3], BOOK_Y[:5], epochs, 0.1)
        judge_run(case, student_run(student, case), expected_run(reference, case))


def other_data(seed, n, n_in, scale=1.0, offset=0.0):
    X = random_tensor((n, n_in), torch.float32, seed)
    y = random_tensor((n, 1), torch.float32, seed + 1, scale, offset)
    return X, y


def scaled_data(seed, n, n_in, factor):
    X, y = other_data(seed, n, n_in)
    return X * factor, y


# Runs no other case reaches: 300 rows of 30 features (past any chunk size or row count),
# thousands of epochs (on the smallest model: 5001 Adam steps take about a second), a learning
# rate past 10, inputs past 1000 and below 1e-30.
TRAIN_EDGES = [
    training_case([30, 4, 1], 28, *other_data(29, 300, 30), 3, 0.01),
    training_case([1, 1], 30, *other_data(31, 3, 1), 5001, 0.01),
    training_case([3, 5, 1], 32, *other_data(33, 8, 3), 3, 20.0),
    training_case([3, 5, 1], 34, *scaled_data(35, 8, 3, 2000.0), 3, 0.01),
    training_case([3, 5, 1], 36, *scaled_data(37, 8, 3, 1e-35), 3, 0.01),
    training_case([4, 4, 4, 1], 38, *other_data(39, 8, 4), 5, 0.01, architecture="tied"),
]


@check("train works for other models, data sizes and learning rates", kind="value", points=2,
       depends="check_train_in_place")
def check_train_other_cases(student, reference):
    cases = [
        training_case([2, 1], 20, *other_data(21, 6, 2), 25, 0.1),  # one nn.Linear: a linear model
        training_case([3, 5, 4, 1], 22, *other_data(23, 10, 3, 50.0, 100.0), 20, 0.003),  # deeper, lr != 0.01
        training_case([1, 8, 1], 24, *other_data(25, 1, 1), 15, 0.05),  # one sample, one feature
        *TRAIN_EDGES,
    ]
    for case in cases:
        judge_run(case, student_run(student, case), expected_run(reference, case))


@check("train takes a learning rate of 0 as given (losses constant, weights unchanged)", kind="value", points=1,
       depends="check_train_other_cases")
def check_train_lr_zero(student, reference):
    case = training_case([3, 4, 1], 26, *other_data(27, 5, 3, 10.0), 6, 0.0)
    run = student_run(student, case)
    try:
        judge_run(case, run, expected_run(reference, case), name=False)
    except CheckFailure as failure:
        raise CheckFailure(failure.message, help="\n".join(part for part in (
            "Adam with lr=0 never changes the model, so every loss is the same: pass the lr argument to the "
            "optimizer as it is, also when it is 0 (no `lr or 0.01`, no `if not lr:` default).",
            seen_text(case, run)) if part)) from None


# Models whose training depends on the mode and on the random generator: given in train mode,
# trained from the same initial weights and the same random state as the reference.
RANDOM_CASES = [
    training_case([4, 12, 1], 60, BOOK_X / 10, BOOK_Y / 100, 8, 0.01, architecture="dropout"),
    training_case([3, 6, 5, 1], 62, *other_data(63, 10, 3, 10.0), 6, 0.02, architecture="dropout"),
    # (every hidden unit alive on this batch: a unit with zero batch variance makes batch
    # normalisation's gradient float noise, which Adam amplifies differently in every process)
    training_case([3, 6, 1], 66, *other_data(67, 10, 3, 10.0), 6, 0.02, architecture="batchnorm"),
    # given in eval mode: trained in eval mode (dropout off, batch normalisation on its running
    # statistics), not switched to train mode
    training_case([4, 12, 1], 68, BOOK_X / 10, BOOK_Y / 100, 8, 0.01, architecture="dropout-eval"),
    training_case([3, 6, 1], 70, *other_data(71, 10, 3, 10.0), 6, 0.02, architecture="batchnorm-eval"),
]


@check("train trains models with dropout or batch normalisation in the mode they are given, as the reference does",
       kind="value", points=1, hidden=True, depends="check_train_other_cases")
def check_train_mode_layers(student, reference):
    for case in RANDOM_CASES:
        run = student_run(student, case)
        try:
            judge_run(case, run, expected_run(reference, case), name=False)
        except CheckFailure as failure:
            layer = MODE_LAYERS[case[0].removesuffix("-eval")]
            raise CheckFailure(
                f"{failure.message} (from the same initial weights and random state as the reference)",
                help="\n".join(part for part in (
                    f"Your train matches the reference on models without {layer}, so the difference comes from the "
                    "layers that depend on the mode or on the random generator: does train switch the model to eval "
                    "or train mode (model.eval(), model.train()), reseed the random generator (torch.manual_seed), or "
                    "record the losses from "
                    "a separate forward pass? Train the model in the mode it is given, without touching the random "
                    "state, and record the loss of the very pass you backpropagate.", seen_text(case, run))
                    if part)) from None


@check("train runs section 8's example on your HousePriceNet(4, 16, 1) (300 epochs)", kind="value", points=1,
       depends=("check_train_in_place", "check_net_forward_values"))
def check_train_section_example(student, reference):
    case = training_case(SECTION_NET, 30, BOOK_X, BOOK_Y, 300, 0.01, architecture="house")
    judge_run(case, student_run(student, case), expected_run(reference, case))


@check("train keeps frozen layers frozen (trains only what requires grad)", kind="value", points=1, hidden=True,
       depends="check_train_other_cases")
def check_train_frozen(student, reference):
    case = training_case([4, 6, 1], 40, BOOK_X, BOOK_Y, 20, 0.02, frozen=[0])
    judge_run(case, student_run(student, case), expected_run(reference, case))


@composite
def training_cases(draw):
    # Section 8's shape (often the student's own HousePriceNet, of another size) or a plain
    # stack of Linear layers: one layer alone is a linear model.
    architecture = draw(st.sampled_from(["house", "sequential"]))
    if architecture == "house" or draw(st.booleans()):
        sizes = [draw(st.integers(1, 5)), draw(st.integers(1, 8)), 1]
    else:
        sizes = [draw(st.integers(1, 5))] + draw(st.lists(st.integers(1, 6), max_size=2)) + [1]
    n, seed, epochs = draw(st.integers(1, 10)), draw(seeds()), draw(st.integers(2, 20))
    lr = draw(st.sampled_from([0.03, 0.1, 0.003, 0.01, 0.001]))
    scale, offset = draw(st.sampled_from([(10.0, 0.0), (1.0, 0.0), (100.0, 300.0)]))
    frozen = draw(st.sampled_from([[], [0]])) if len(sizes) > 2 else []
    X, y = other_data(seed + 1, n, sizes[0], scale, offset)
    return tuple(training_case(sizes, seed, X, y, epochs, lr, frozen, architecture))


# Hand-picked edges, judged beside the generated cases: 0 and 1 epochs, one sample, a linear model.
TRAINING_EDGES = [
    tuple(training_case([5, 7, 1], 50, *other_data(51, 6, 5, 100.0, 300.0), 0, 0.01, architecture="house")),
    tuple(training_case([2, 3, 1], 52, *other_data(53, 4, 2), 1, 0.1, architecture="house")),
    tuple(training_case([3, 1], 54, *other_data(55, 1, 3), 1, 0.02)),
    tuple(training_case([6, 1], 56, *other_data(57, 12, 6, 10.0), 40, 0.05)),
]


@check("train matches the reference on generated models (HousePriceNet of other sizes too), data and learning "
       "rates (0 to 20 epochs)", kind="value", points=2, hidden=True,
       depends=("check_train_other_cases", "check_net_forward_values"))
def check_train_generated(student, reference):
    failures = {}  # first line of a failure message -> (case, student's run), to name the mistake at the end

    def expected(*case):
        return {"case": list(case), "run": expected_run(reference, list(case))}

    def compare(actual, wanted, call):
        case = wanted["case"]
        try:
            judge_run(case, actual, wanted["run"], name=False)
        except CheckFailure as failure:
            failures[failure.message] = (case, actual)
            raise

    try:
        for_all(training_cases(), student.runner(run_training), expected, compare=compare, key="ex9.train", count=30,
                describe=lambda *case: call_text(case), explicit=TRAINING_EDGES)
    except CheckFailure as failure:
        found = next(((case, run) for message, (case, run) in failures.items() if failure.message.startswith(message)),
                     None)
        named = training_mistakes(*found) if found else None
        raise CheckFailure(failure.message, help="\n".join(p for p in (named, failure.help) if p)) from None

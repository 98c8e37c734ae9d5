"""Checks for Exercise 9: X_TRAIN, Y_TRAIN, HousePriceNet, count_parameters(model) and
train(model, X, y, epochs, lr), section 8's complete example.

Models cannot travel between the grader and the worker, so every model is built on both
sides from plain data: a list of layer sizes and the initial weights as tensors (seeded,
copied into the layers), never from the random state. The worker function `run_training`
builds the model, runs the student's `train` on it and sends back plain values: the losses,
the final weights and what it saw happen (optimizers created, steps, backward passes). The
grader runs the same function on its side with the trusted `train` (the reference; in a
student release, section 8's loop below) and compares the two runs.
"""

import math
import re
import types
from collections import OrderedDict
from pathlib import Path

import torch
import torch.nn as nn
import torch.nn.functional as F

from grader.checks import (CheckFailure, NotImplementedYet, StudentRaised, StudentTimeout, check, describe_type,
                           expect_tensor, for_all, worker_function)
from grader.misconceptions import load_catalog
from grader.strategies import composite, random_tensor, seeds, st

# Section 8's data, as printed in the chapter.
BOOK_X = torch.tensor([[10.0, 3.0, 2.0, 2.0], [15.0, 4.0, 2.5, 1.0], [20.0, 5.0, 3.0, 0.5], [8.0, 2.0, 1.0, 5.0],
                       [12.0, 3.0, 2.0, 3.0], [25.0, 6.0, 4.0, 0.0], [9.0, 2.0, 1.0, 4.0], [18.0, 4.0, 3.0, 1.5]])
BOOK_Y = torch.tensor([[200.0], [320.0], [450.0], [120.0], [240.0], [550.0], [140.0], [380.0]])
SECTION_NET = [4, 16, 1]  # HousePriceNet(4, 16, 1): 97 parameters
DEFAULT_BETAS = [0.9, 0.999]
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


# ---------------------------------------------------------------- building models from plain data


def initial_state(sizes, seed):
    """Initial weights for Linear layers sizes[0] -> sizes[1] -> ...: [W1, b1, W2, b2, ...],
    uniform in ±1/sqrt(fan_in) like nn.Linear's own, from a seeded generator."""
    gen = torch.Generator().manual_seed(seed)
    state = []
    for n_in, n_out in zip(sizes, sizes[1:]):
        bound = 1 / math.sqrt(n_in)
        state.append((torch.rand(n_out, n_in, generator=gen) * 2 - 1) * bound)
        state.append((torch.rand(n_out, generator=gen) * 2 - 1) * bound)
    return state


def model_text(architecture, sizes, frozen=()):
    if architecture == "house":
        text = f"HousePriceNet({', '.join(map(str, sizes))})"
    elif len(sizes) == 2:
        text = f"nn.Linear({sizes[0]}, {sizes[1]})"
    elif architecture == "dropout":
        layers = [f"Linear({a}, {b})" for a, b in zip(sizes, sizes[1:])]
        text = "nn.Sequential(" + ", ReLU(), Dropout(0.5), ".join(layers) + ") in train mode"
    elif architecture == "batchnorm":
        layers = [f"Linear({a}, {b})" for a, b in zip(sizes, sizes[1:])]
        text = "nn.Sequential(" + "".join(f"{layer}, ReLU(), BatchNorm1d({b}, affine=False), "
                                          for layer, b in zip(layers, sizes[1:-1])) + layers[-1] + ") in train mode"
    else:
        layers = [f"Linear({a}, {b})" for a, b in zip(sizes, sizes[1:])]
        text = "nn.Sequential(" + ", ReLU(), ".join(layers) + ")"
    if frozen:
        text += " with layer " + ", ".join(str(i + 1) for i in frozen) + " frozen"
    return text


@worker_function
def run_training(module, architecture, sizes, frozen, state, X, y, epochs, lr):
    """Build the model (`architecture` "house": the module's HousePriceNet(*sizes), else Linear
    layers of `sizes` with ReLU between, and with "dropout"/"batchnorm" a Dropout(0.5) /
    a BatchNorm1d(affine=False) after each ReLU), load `state`, freeze the Linear layers listed
    in `frozen`, call module.train on it (in a forked random generator, seeded) and
    report, as plain values: the losses (type and value of each), the model's weights afterwards,
    whether X and y were left alone, and what happened while train ran (optimizers created, steps
    taken, backward passes; with mode layers: the mode of each forward pass, a reseeding)."""
    if architecture == "house":
        model = module.HousePriceNet(*sizes)
        linears = [model.layer1, model.layer2]
    else:
        layers = []
        for index in range(len(sizes) - 1):
            layers.append(nn.Linear(sizes[index], sizes[index + 1]))
            if index < len(sizes) - 2:
                layers.append(nn.ReLU())
                if architecture == "dropout":
                    layers.append(nn.Dropout(0.5))
                elif architecture == "batchnorm":
                    layers.append(nn.BatchNorm1d(sizes[index + 1], affine=False))
        model = layers[0] if len(layers) == 1 else nn.Sequential(*layers)
        linears = [layer for layer in layers if isinstance(layer, nn.Linear)]
    with torch.no_grad():
        for index, layer in enumerate(linears):
            layer.weight.copy_(state[2 * index])
            layer.bias.copy_(state[2 * index + 1])
    for index in frozen:
        linears[index].requires_grad_(False)
    weights = [p for layer in linears for p in (layer.weight, layer.bias)]
    trainable = {id(p) for p in weights if p.requires_grad}
    frozen_before = [(p, p.detach().clone()) for p in weights if not p.requires_grad]
    X_before, y_before = X.clone(), y.clone()
    seen = {"optimizers": [], "steps": 0, "empty_steps": 0, "backwards": 0, "stale_backwards": 0, "modes": []}
    mode_layers = [layer for layer in model.modules() if isinstance(layer, (nn.Dropout, nn.BatchNorm1d))]
    if mode_layers:  # the mode (and grad mode) of every forward pass through the first of them
        mode_layers[0].register_forward_pre_hook(
            lambda layer, inputs: seen["modes"].append([bool(layer.training), torch.is_grad_enabled()]))

    def has_gradient(params):
        return any(p.grad is not None and bool(p.grad.detach().ne(0).any()) for p in params)

    init = torch.optim.Optimizer.__init__
    backward = torch.autograd.backward

    def watched_init(self, *args, **kwargs):
        init(self, *args, **kwargs)
        held = {id(p) for group in self.param_groups for p in group["params"]}
        betas = self.defaults.get("betas")
        lr_value = self.defaults.get("lr")
        seen["optimizers"].append({
            "type": type(self).__name__, "module": type(self).__module__,
            "lr": float(lr_value) if isinstance(lr_value, (int, float)) else None,
            "betas": [float(b) for b in betas] if isinstance(betas, (tuple, list)) else None,
            "holds_model": trainable <= held and held <= {id(p) for p in weights}})

    def before_step(optimizer, args, kwargs):
        # Called by Optimizer.step itself (torch/optim/optimizer.py), not by train calling the
        # registered hooks by hand to make up steps that never ran.
        import sys

        caller = sys._getframe(1).f_code.co_filename.replace("\\", "/")
        if not caller.endswith("torch/optim/optimizer.py"):
            seen["forged_steps"] = seen.get("forged_steps", 0) + 1
            return
        seen["steps"] += 1
        closure = args[1] if len(args) > 1 else kwargs.get("closure")  # args[0] is the optimizer itself
        with_closure = closure is not None
        if not with_closure and not has_gradient([p for group in optimizer.param_groups for p in group["params"]]):
            seen["empty_steps"] += 1  # (a closure computes the gradients inside the step)

    def watched_backward(*args, **kwargs):
        seen["backwards"] += 1
        if has_gradient(weights):
            seen["stale_backwards"] += 1
        return backward(*args, **kwargs)

    from torch.optim.optimizer import register_optimizer_step_pre_hook

    torch.optim.Optimizer.__init__ = watched_init
    hook = register_optimizer_step_pre_hook(before_step)
    torch.autograd.backward = watched_backward
    try:
        # Every run (the student's and the reference's) starts from the same random state, in a
        # forked generator: models with dropout see the same masks on both sides, whatever ran
        # before, and the caller's random state is left alone.
        rng_seed = 1234
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(rng_seed)
            try:
                losses = module.train(model, X, y, epochs, lr)
            finally:
                seen["reseeded"] = torch.initial_seed() != rng_seed
    finally:
        torch.optim.Optimizer.__init__ = init
        hook.remove()
        torch.autograd.backward = backward
    seen["unfrozen"] = any(p.requires_grad for p, _ in frozen_before)
    seen["left_training"] = bool(model.training) if isinstance(model, nn.Module) else None
    seen["frozen_changed"] = any(not torch.equal(p.detach(), before) for p, before in frozen_before)

    items = None
    if isinstance(losses, (list, tuple)):
        items = []
        for value in list(losses)[:100000]:
            # a float subclass is a float (the contract's Types rule)
            kind = "torch.Tensor" if isinstance(value, torch.Tensor) else \
                "float" if isinstance(value, float) else type(value).__name__
            number = None
            if isinstance(value, torch.Tensor):
                if value.numel() == 1:
                    number = float(value.detach().reshape(-1)[0])
            elif not isinstance(value, bool):
                try:
                    number = float(value)
                except (TypeError, ValueError):
                    number = None
            items.append([kind, number])
    # a list subclass is a list (its items are what is judged)
    kind = "torch.Tensor" if isinstance(losses, torch.Tensor) else \
        "list" if isinstance(losses, list) else type(losses).__name__
    return {"type": kind, "items": items, "weights": [p.detach().clone() for p in weights],
            "X_kept": bool(torch.equal(X, X_before)), "y_kept": bool(torch.equal(y, y_before)), "seen": seen}


def training_case(sizes, seed, X, y, epochs, lr, frozen=(), architecture="sequential"):
    """The arguments of run_training (after `module`) for one training run."""
    return [architecture, list(sizes), list(frozen), initial_state(sizes, seed), X, y, epochs, lr]


def expected_run(reference, case):
    trusted_module = trusted(reference)
    module = as_module(train=trusted_module.train, HousePriceNet=trusted_module.HousePriceNet)
    return run_training(module, *[a.clone() if isinstance(a, torch.Tensor) else a for a in case])


def call_text(case):
    architecture, sizes, frozen, _state, X, y, epochs, lr = case
    return (f"train({model_text(architecture, sizes, frozen)}, X{tuple(X.shape)}, y{tuple(y.shape)}, "
            f"epochs={epochs}, lr={lr:g})")


def in_worker(student, function, args, call):
    """student.run(function, *args), with the student's own call named in a failure: their code
    raised or timed out in `call`, not in the grader's helper."""
    try:
        return student.run(function, *args)
    except NotImplementedYet as stub:
        if stub.function in ("__init__", "forward"):  # the stub's HousePriceNet
            raise NotImplementedYet("HousePriceNet") from None
        raise
    except StudentRaised as raised:
        raised.call = call
        raise
    except StudentTimeout as timeout:
        seconds = re.match(r"timed out after ([0-9.e+-]+) s", str(timeout))
        if seconds is None:
            raise
        raise StudentTimeout(float(seconds.group(1)), f"in {call}") from None


def student_run(student, case):
    return in_worker(student, run_training, case, call_text(case))


# ---------------------------------------------------------------- comparing runs


def loss_values(run):
    return [number for _kind, number in run["items"] or []]


def same_loss(a, b) -> bool:
    return a is not None and b is not None and (math.isclose(a, b, rel_tol=1e-4, abs_tol=1e-6)
                                                or (math.isnan(a) and math.isnan(b)))


def same_weights(actual, expected, lr) -> bool:
    return len(actual) == len(expected) and all(
        a.shape == e.shape and torch.allclose(a.double(), e.double(), rtol=1e-4, atol=1e-5 + 0.05 * lr,
                                              equal_nan=True)
        for a, e in zip(actual, expected))


def same_losses(actual, expected) -> bool:
    a, e = loss_values(actual), loss_values(expected)
    return len(a) == len(e) and all(same_loss(x, y) for x, y in zip(a, e))


def reproduces(candidate, run, lr) -> bool:
    """Whether a catalog entry's run is the student's: same kinds of values, losses and weights."""
    if candidate["type"] != run["type"] or (candidate["items"] is None) != (run["items"] is None):
        return False
    kinds = [k for k, _ in candidate["items"] or []] == [k for k, _ in run["items"] or []]
    return kinds and same_losses(candidate, run) and same_weights(candidate["weights"], run["weights"], lr)


def known_mistakes(function, run_entry, matches):
    """The catalog entries of `function` that `matches(result of run_entry(entry))`."""
    found = []
    for entry in CATALOG:
        if entry.function != function:
            continue
        try:
            if matches(run_entry(entry)):
                found.append(entry)
        except Exception:  # an entry that cannot run on these inputs explains nothing
            continue
    return found


def naming(entries) -> str | None:
    if not entries:
        return None
    if len(entries) == 1:
        return entries[0].verdict()
    return ("This looks like one of these known mistakes, which give the same numbers here:\n"
            + "\n".join(f"- {e.name}. {e.advice}" for e in entries))


def trace(seen):
    """What was seen while train ran, reduced to what tells mistakes apart that give the same
    numbers (with 1 epoch, training a copy and never stepping both leave the weights alone)."""
    return ([(o["type"], o["holds_model"]) for o in seen["optimizers"]], seen["empty_steps"] > 0,
            seen["stale_backwards"] > 0)


def training_mistakes(case, run):
    """Known mistakes of `train` that reproduce the student's run exactly, by name. When
    several give the same numbers, those that also did what the grader saw are kept."""
    runs = {}

    def rerun(entry):
        runs[entry.name] = run_training(as_module(train=entry.implementation, HousePriceNet=section_net),
                                        *[a.clone() if isinstance(a, torch.Tensor) else a for a in case])
        return runs[entry.name]

    found = known_mistakes("train", rerun, lambda candidate: reproduces(candidate, run, case[-1]))
    closer = [entry for entry in found if trace(runs[entry.name]["seen"]) == trace(run["seen"])]
    return naming(closer or found)


def what_was_seen(seen, epochs, lr) -> list[str]:
    """Facts the worker observed while train ran (not guesses), for the feedback."""
    facts = []
    optimizers = seen["optimizers"]
    if not optimizers:
        facts.append("no torch.optim optimizer was created inside train")
    elif len(optimizers) > 1:
        facts.append(f"{len(optimizers)} optimizers were created for {epochs} epochs (create one, before the loop)")
    kinds = sorted({o["type"] for o in optimizers})
    if kinds and kinds != ["Adam"]:
        facts.append(f"the optimizer is {' and '.join(kinds)}, not torch.optim.Adam")
    rates = sorted({o["lr"] for o in optimizers if o["lr"] is not None and not math.isclose(o["lr"], lr)})
    if rates:
        zero = (" (0 is a learning rate too: `lr or 0.01` or `if not lr:` replaces it with another)"
                if lr == 0 else "")
        facts.append(f"the optimizer's learning rate is {', '.join(f'{r:g}' for r in rates)}, but train was called "
                     f"with lr={lr:g}{zero}")
    betas = [o["betas"] for o in optimizers if o["betas"] is not None and o["betas"] != DEFAULT_BETAS]
    if betas:
        facts.append(f"the optimizer's betas are {tuple(betas[0])}, not the default (0.9, 0.999)")
    if any(not o["holds_model"] for o in optimizers):
        facts.append("the optimizer does not hold the parameters of the model train was given (a copy of the "
                     "model, or another model?)")
    if seen["stale_backwards"]:
        facts.append(f"{seen['stale_backwards']} of the {seen['backwards']} backward passes started with gradients "
                     "already in the model (left from the epoch before, or from before train was called): "
                     "optimizer.zero_grad() missing, or after loss.backward() instead of before it")
    if seen["empty_steps"]:
        facts.append(f"{seen['empty_steps']} of the {seen['steps']} optimizer steps found no gradient at all "
                     "(taken after zero_grad() or before loss.backward())")
    if seen["unfrozen"] or seen["frozen_changed"]:
        what = " and ".join(part for flag, part in ((seen["unfrozen"], "require grad again after train"),
                                                    (seen["frozen_changed"], "have changed")) if flag)
        facts.append(f"a frozen layer's parameters (requires_grad=False) {what}: train only what requires grad, and "
                     "leave requires_grad as the caller set it")
    modes = seen.get("modes") or []
    if modes:  # a model with dropout or batch normalisation
        evals = sum(1 for training, _grad in modes if not training)
        if evals:
            facts.append(f"{evals} of the {len(modes)} forward passes ran with the model in eval mode (model.eval() "
                         "inside train?)")
        if len(modes) != epochs:
            facts.append(f"{len(modes)} forward passes ran for {epochs} epochs (a separate pass to record the "
                         "losses?)")
        if seen.get("reseeded"):
            facts.append("train reseeded the random generator (torch.manual_seed inside train): the dropout masks "
                         "are not those of the caller's random state")
        if seen.get("left_training") is False:
            facts.append("the model given in train mode was left in eval mode")
    if seen["steps"] != epochs:
        facts.append(f"{seen['steps']} optimizer steps ran for {epochs} epochs")
    if seen.get("forged_steps"):
        facts.append(f"train called the optimizer-step hooks {seen['forged_steps']} times by hand, outside any "
                     "optimizer.step()")
    if seen["backwards"] != epochs:
        facts.append(f"{seen['backwards']} backward passes ran for {epochs} epochs")
    return facts


LOSS_CAUSES = ("the loss is not the mean of the squared errors over all of X (a sum instead of the mean, another "
               "loss, or y of another shape than the predictions, which broadcasts), or the loss is recorded "
               "after the step instead of before it")
UPDATE_CAUSES = ("another optimizer than Adam, or not lr=lr, or other betas than the default; the optimizer "
                 "re-created every epoch; the gradients not cleared every epoch; or optimizer.step() before "
                 "loss.backward()")


def diagnosis(case, run, problem: str, name: bool = True) -> str:
    """Name the known mistakes that reproduce the run, or say which mistakes it could be."""
    epochs, lr = case[-2], case[-1]
    named = training_mistakes(case, run) if name else None
    facts = what_was_seen(run["seen"], epochs, lr)
    seen = f"While train ran, the grader saw: {'; '.join(facts)}." if facts else ""
    if named:
        return "\n".join(part for part in (named, seen) if part)
    causes = {
        "first_loss": f"The first loss is measured before any update, so the loss itself differs: {LOSS_CAUSES}.",
        "later_loss": f"The first losses match, so the loss is right and the updates differ: {UPDATE_CAUSES}.",
        "weights": "The losses are right but the model's weights at the end are not: train must update the model "
                   "it is given, in place (no copy), with exactly one optimizer step per epoch.",
    }[problem]
    return "\n".join(part for part in (causes, seen, "Compare your loop line by line with section 8's.") if part)


def judge_run(case, run, expected, *, weights=True, name=True):
    """Fail, with a diagnosis, unless the student's run gave the expected losses (and weights).
    `name`: look for the known mistakes that reproduce the run (each retrains the catalog)."""
    call = call_text(case)
    epochs, lr = case[-2], case[-1]

    def named_or(advice):
        return (training_mistakes(case, run) if name else None) or advice

    if run["items"] is None:
        raise CheckFailure(f"{call} returned {describe_run_type(run)}, expected a list of {epochs} floats",
                           help=named_or("Return the list of losses: one loss.item() per epoch."))
    actual, wanted = loss_values(run), loss_values(expected)
    if len(actual) != len(wanted):
        raise CheckFailure(f"{call} returned {len(actual)} losses, expected {len(wanted)} (one per epoch)",
                           help=named_or("Append loss.item() once in every epoch, and nothing else."))
    for index, (a, e) in enumerate(zip(actual, wanted)):
        if a is None:
            raise CheckFailure(f"{call}: losses[{index}] is a {run['items'][index][0]}, expected a float",
                               help=named_or("Append loss.item(), a Python float."))
        if not same_loss(a, e):
            where = {0: "", 1: " (losses[0] matches)"}.get(index, f" (losses[0] to losses[{index - 1}] match)")
            raise CheckFailure(f"{call}: losses[{index}] is {a:.7g}, expected {e:.7g}{where}",
                               help=diagnosis(case, run, "first_loss" if index == 0 else "later_loss", name))
    if weights and not same_weights(run["weights"], expected["weights"], lr):
        if all(torch.equal(a, s) for a, s in zip(run["weights"], case[3])) and epochs:
            state = "still holds its initial weights"
        else:
            gaps = [(float((a.double() - e.double()).abs().max()) if a.shape == e.shape else math.inf, i)
                    for i, (a, e) in enumerate(zip(run["weights"], expected["weights"])) if e.numel()]
            gap, index = max(gaps)
            part = ("weight" if index % 2 == 0 else "bias") + f" of Linear layer {index // 2 + 1}"
            state = f"differs from the reference's by up to {gap:.3g} in the {part}"
        raise CheckFailure(f"{call}: the losses are right, but afterwards the model {state}",
                           help=diagnosis(case, run, "weights", name))


def describe_run_type(run):
    if run["type"] == "NoneType":
        return "None (did you forget `return losses`?)"
    return f"a {run['type']}"


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
    model = module.HousePriceNet(*sizes)
    info = {"type": type(model).__name__, "is_module": isinstance(model, nn.Module), "parameters": None}
    for name in ("layer1", "activation", "layer2"):
        part = getattr(model, name, None)
        if isinstance(part, nn.Linear):
            info[name] = ["Linear", part.in_features, part.out_features, part.bias is not None]
        elif part is None:
            info[name] = None
        else:
            info[name] = [type(part).__name__]
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
    model = module.HousePriceNet(*sizes)
    with torch.no_grad():
        model.layer1.weight.copy_(state[0])
        model.layer1.bias.copy_(state[1])
        model.layer2.weight.copy_(state[2])
        model.layer2.bias.copy_(state[3])
    out = model(x)
    return out.detach() if isinstance(out, torch.Tensor) else out


def expected_output(sizes, state, x):
    """layer1 -> ReLU -> layer2, written out."""
    W1, b1, W2, b2 = state
    return F.linear(torch.relu(F.linear(x, W1, b1)), W2, b2)


def net_case(sizes, seed, batch, scale=3.0):
    state = initial_state(sizes, seed)
    x = random_tensor((batch, sizes[0]), torch.float32, seed + 1, scale)
    return [list(sizes), state, x]


def net_mistakes(sizes, state, x, actual):
    """Known mistakes of HousePriceNet that reproduce the student's output."""
    def matches(out):
        return type(actual) is torch.Tensor and actual.shape == out.shape and \
            torch.allclose(actual, out, rtol=1e-4, atol=1e-5 * (1 + (float(out.abs().max()) if out.numel() else 0)))
    return naming(known_mistakes(
        "HousePriceNet", lambda entry: net_output(as_module(HousePriceNet=entry.implementation), sizes, state, x),
        matches))


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
    model = module.HousePriceNet(*sizes)
    with torch.no_grad():
        model.layer1.weight.copy_(state[0])
        model.layer1.bias.copy_(state[1])
        model.layer2.weight.copy_(state[2])
        model.layer2.bias.copy_(state[3])
    order = []

    def noted(name, forward):
        def forward_noted(*args, **kwargs):
            order.append(name)
            return forward(*args, **kwargs)
        return forward_noted

    for name in ("layer1", "activation", "layer2"):  # self.layer1(x) and self.layer1.forward(x) alike
        layer = getattr(model, name)
        layer.forward = noted(name, layer.forward)
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

    entries = known_mistakes("HousePriceNet", rerun, lambda theirs: theirs[0] == order and type(out) is torch.Tensor
                             and torch.allclose(theirs[1], out, rtol=1e-4, atol=1e-4))
    raise CheckFailure(f"{call}: forward {said}, expected self.layer1, self.activation, self.layer2, each once and in "
                       "that order",
                       help=naming(entries) or "Apply the module's own attributes: x = self.layer1(x); "
                       "x = self.activation(x); x = self.layer2(x) (F.relu(x) or torch.relu(x) in place of "
                       "self.activation(x) does not apply the model's own activation module).")


@worker_function
def net_gradients(module, sizes, state, x, grad_output):
    model = module.HousePriceNet(*sizes)
    with torch.no_grad():
        model.layer1.weight.copy_(state[0])
        model.layer1.bias.copy_(state[1])
        model.layer2.weight.copy_(state[2])
        model.layer2.bias.copy_(state[3])
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
# ["relu"] or ["batchnorm", features, frozen] (BatchNorm holds buffers, which are no parameters).


@worker_function
def count_of(module, layers):
    built = []
    for layer in layers:
        if layer[0] == "linear":
            part = nn.Linear(layer[1], layer[2], bias=layer[3])
            part.requires_grad_(not layer[4])
        elif layer[0] == "batchnorm":
            part = nn.BatchNorm1d(layer[1])
            part.requires_grad_(not layer[2])
        else:
            part = nn.ReLU()
        built.append(part)
    model = built[0] if len(built) == 1 else nn.Sequential(*built)
    return module.count_parameters(model)


def layers_text(layers):
    parts = []
    for layer in layers:
        if layer[0] == "linear":
            text = f"Linear({layer[1]}, {layer[2]}{'' if layer[3] else ', bias=False'})"
            parts.append(text + (" frozen" if layer[4] else ""))
        elif layer[0] == "batchnorm":
            parts.append(f"BatchNorm1d({layer[1]})" + (" frozen" if layer[2] else ""))
        else:
            parts.append("ReLU()")
    return parts[0] if len(parts) == 1 else "nn.Sequential(" + ", ".join(parts) + ")"


def expected_count(layers):
    return count_of(as_module(count_parameters=SECTION_8.count_parameters), layers)


def judge_count(actual, layers):
    call = f"count_parameters({layers_text(layers)})"
    expected = expected_count(layers)
    if type(actual) is not int:
        shown = describe_type(actual)
        raise CheckFailure(f"{call} returned {shown}, expected the int {expected}",
                           help="Return a Python int: sum(p.numel() for p in ...) is one (no torch.tensor, no .item() "
                                "needed, no float).")
    if actual != expected:
        named = naming(known_mistakes("count_parameters",
                                      lambda entry: count_of(as_module(count_parameters=entry.implementation), layers),
                                      lambda value: value == actual))
        raise CheckFailure(f"{call} returned {actual}, expected {expected}",
                           help=named or "Add up p.numel() over model.parameters(), for the parameters with "
                                         "requires_grad only.")


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


@check("count_parameters is right on generated models (frozen layers, no bias, buffers)", kind="value", points=1,
       depends="check_count_frozen")
def check_count_generated(student):
    def compare(actual, expected, call):
        judge_count(actual, expected["layers"])

    for_all(counted_models(), student.runner(count_of), lambda layers: {"layers": layers}, compare=compare,
            key="ex9.count", count=40, describe=lambda layers: f"count_parameters({layers_text(layers)})")


# ---------------------------------------------------------------- train

BOOK_CASE = training_case(SECTION_NET, 9, BOOK_X, BOOK_Y, 30, 0.01)


@check("train returns a list of one Python float per epoch", kind="api", points=1)
def check_train_returns_floats(student):
    case = training_case(SECTION_NET, 9, BOOK_X, BOOK_Y, 5, 0.01)
    run = student_run(student, case)
    call = call_text(case)
    if run["items"] is None:
        raise CheckFailure(f"{call} returned {describe_run_type(run)}, expected a list of 5 floats",
                           help="Collect the losses in a list (losses = [] before the loop) and return it.")
    if run["type"] != "list":
        raise CheckFailure(f"{call} returned a {run['type']}, expected a list",
                           help="Return the list itself: losses = [] ... losses.append(...) ... return losses.")
    kinds = sorted({kind for kind, _ in run["items"]} - {"float"})
    if kinds:
        why = ": a tensor keeps the whole graph of its epoch alive" if "torch.Tensor" in kinds else ""
        raise CheckFailure(f"{call}: the losses hold {' and '.join(kinds)} values, expected Python floats",
                           help=naming_or(case, run, f"Append loss.item() (a Python float), not loss{why}."))
    if len(run["items"]) != 5:
        raise CheckFailure(f"{call} returned {len(run['items'])} losses, expected 5 (one per epoch)",
                           help=naming_or(case, run, "Append loss.item() once in every epoch."))


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
    facts = what_was_seen(run["seen"], 6, 0.05)
    optimizers = run["seen"]["optimizers"]
    single_adam = len(optimizers) == 1 and optimizers[0]["type"] == "Adam" and \
        optimizers[0]["module"].startswith("torch.optim")
    if facts or not single_adam:
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


@check("train works for other models, data sizes and learning rates", kind="value", points=2,
       depends="check_train_in_place")
def check_train_other_cases(student, reference):
    cases = [
        training_case([2, 1], 20, *other_data(21, 6, 2), 25, 0.1),  # one nn.Linear: a linear model
        training_case([3, 5, 4, 1], 22, *other_data(23, 10, 3, 50.0, 100.0), 20, 0.003),  # deeper, lr != 0.01
        training_case([1, 8, 1], 24, *other_data(25, 1, 1), 15, 0.05),  # one sample, one feature
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
        facts = what_was_seen(run["seen"], case[-2], case[-1])
        seen = f"While train ran, the grader saw: {'; '.join(facts)}." if facts else ""
        raise CheckFailure(failure.message, help="\n".join(part for part in (
            "Adam with lr=0 never changes the model, so every loss is the same: pass the lr argument to the "
            "optimizer as it is, also when it is 0 (no `lr or 0.01`, no `if not lr:` default).", seen) if part)
                           ) from None


# Models whose training depends on the mode and on the random generator: given in train mode,
# trained from the same initial weights and the same random state as the reference.
RANDOM_CASES = [
    training_case([4, 12, 1], 60, BOOK_X / 10, BOOK_Y / 100, 8, 0.01, architecture="dropout"),
    training_case([3, 6, 5, 1], 62, *other_data(63, 10, 3, 10.0), 6, 0.02, architecture="dropout"),
    # (every hidden unit alive on this batch: a unit with zero batch variance makes batch
    # normalisation's gradient float noise, which Adam amplifies differently in every process)
    training_case([3, 6, 1], 66, *other_data(67, 10, 3, 10.0), 6, 0.02, architecture="batchnorm"),
]


@check("train trains models with dropout or batch normalisation in train mode, as the reference does",
       kind="value", points=1, hidden=True, depends="check_train_other_cases")
def check_train_mode_layers(student, reference):
    for case in RANDOM_CASES:
        run = student_run(student, case)
        try:
            judge_run(case, run, expected_run(reference, case), name=False)
        except CheckFailure as failure:
            layer = MODE_LAYERS[case[0]]
            facts = what_was_seen(run["seen"], case[-2], case[-1])
            seen = f"While train ran, the grader saw: {'; '.join(facts)}." if facts else ""
            raise CheckFailure(
                f"{failure.message} (from the same initial weights and random state as the reference)",
                help="\n".join(part for part in (
                    f"Your train matches the reference on models without {layer}, so the difference comes from the "
                    "layers that depend on the mode or on the random generator: does train switch the model to eval "
                    "mode (model.eval()), reseed the random generator (torch.manual_seed), or record the losses from "
                    "a separate forward pass? Train the model in the mode it is given, without touching the random "
                    "state, and record the loss of the very pass you backpropagate.", seen) if part)) from None


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

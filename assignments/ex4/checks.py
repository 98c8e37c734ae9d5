"""Checks for Exercise 4: train_converter(celsius, fahrenheit) -> (model, losses)."""

import math

import torch
import torch.nn as nn  # noqa: F401  (used by the worker functions below)

from grader.checks import CheckFailure, Remote, StudentRaised, check, course_module, describe_type, sparkline, worker_function

BOOK_C = torch.linspace(-40, 100, 50).reshape(-1, 1)
BOOK_F = 1.8 * BOOK_C + 32
diagnose = course_module(__file__, "diagnosis").diagnose
NOISE_FLOOR = course_module(__file__, "diagnosis").NOISE_FLOOR
TOLERANCE_F = 0.5  # °F: the contract's bound, on every data set whatever its range
# Other linear scales, of similar size, the student has never seen: (name, slope, intercept, low, high)
OTHER_SCALES = [("Réaumur (R = 0.8·C)", 0.8, 0.0, -40.0, 100.0), ("a made-up scale (Y = -1.2·X + 20)", -1.2, 20.0, -30.0, 90.0)]


def unseen_points(low, high, count=40, seed=7):
    """Temperatures inside the training range but not on the training grid, the range's far
    ends included (a model clamped or bent near the ends shows there)."""
    gen = torch.Generator().manual_seed(seed)
    inside = low + (high - low) * torch.rand(count, 1, generator=gen)
    ends = torch.tensor([[0.002], [0.01], [0.99], [0.998]]) * (high - low) + low
    return torch.cat([inside, ends]).to(torch.float32)


@worker_function
def linear_params(module, model):
    """(weight, bias) when the model is a single nn.Linear(1, 1), else None."""
    if isinstance(model, nn.Linear) and tuple(model.weight.shape) == (1, 1):
        return float(model.weight.reshape(-1)[0]), float(model.bias.reshape(-1)[0])
    return None


@worker_function
def model_keeps_input(module, model, x):
    before = x.clone()
    model(x)
    return bool(torch.equal(before, x))


@worker_function
def inputs_after_training(module, celsius, fahrenheit):
    before = (celsius.clone(), fahrenheit.clone())
    module.train_converter(celsius, fahrenheit)
    return bool(torch.equal(before[0], celsius)), bool(torch.equal(before[1], fahrenheit))


@worker_function
def as_floats(module, *values):
    return [float(v) for v in values]


def as_losses(losses, student=None):
    """The loss list as floats: anything `float()` takes (0-dim tensors, numpy values) is
    accepted here, so that the api check alone judges the type."""
    if not isinstance(losses, (list, tuple)):
        raise CheckFailure(f"the losses are {describe_type(losses)}, expected a list of floats (one per epoch)")
    if student is not None and any(isinstance(loss, Remote) for loss in losses):
        try:
            losses = student.run(as_floats, *losses)  # each kept value travels as its handle
        except StudentRaised:
            pass  # judged below, with the type named
    values = []
    for loss in losses:
        if isinstance(loss, torch.Tensor) and loss.numel() == 1:
            loss = float(loss.reshape(-1)[0])
        if isinstance(loss, bool) or not isinstance(loss, (int, float)):
            raise CheckFailure(f"the losses hold {describe_type(loss)}, expected floats (use loss.item())")
        values.append(float(loss))
    return values


def clears_gradients(source) -> bool:
    """Whether train_converter (or a helper of it) clears gradients, to tell an oscillating
    loss's causes apart."""
    return bool(source.uses_of_names({"zero_grad", "zero_", "set_to_none"}, functions=["train_converter"]))


def trained(student, celsius, fahrenheit, observed=False):
    result, seen = student.train_converter.cached(celsius, fahrenheit, observed=True)
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        raise CheckFailure(f"train_converter returned {describe_type(result)}, expected a tuple (model, losses)")
    model, losses = result
    if not isinstance(model, Remote) or not model.is_module:
        raise CheckFailure(f"train_converter returned {describe_type(model)} as the model, expected an nn.Module")
    return (model, losses, seen or {}) if observed else (model, losses)


def expect_predictions(predicted, count: int, call: str) -> None:
    """(M, 1) floating-point predictions. The contract fixes the shape, not the float dtype."""
    if type(predicted) is not torch.Tensor:
        raise CheckFailure(f"{call} returned {describe_type(predicted)}, expected a torch.Tensor of shape ({count}, 1)")
    if tuple(predicted.shape) != (count, 1):
        raise CheckFailure(f"{call} returned shape {tuple(predicted.shape)}, expected ({count}, 1)",
                           help="Keep the (M, 1) layout of the input: one prediction per row.")
    if not predicted.is_floating_point():
        raise CheckFailure(f"{call} returned {str(predicted.dtype)[6:]} values, expected floating point")


def expect_alone_as_in_batch(model, points, predicted) -> None:
    """A temperature converts the same alone as among others (no statistics of the batch)."""
    for index in (0, len(points) // 2, len(points) - 1):
        if not torch.isfinite(predicted[index]).all():
            continue  # a model that diverged is diagnosed as such, below
        alone = model(points[index:index + 1])
        if type(alone) is not torch.Tensor or tuple(alone.shape) != (1, 1) or \
                not abs(float(alone[0, 0]) - float(predicted[index, 0])) <= 1e-3 * (1 + abs(float(predicted[index, 0]))):
            got = float(alone.reshape(-1)[0]) if type(alone) is torch.Tensor and alone.numel() else alone
            raise CheckFailure(f"model(x) converts {float(points[index, 0]):.4g} to {got} when given alone but to "
                               f"{float(predicted[index, 0]):.6g} among {len(points)} temperatures",
                               help="A prediction must not depend on the other inputs of the batch: normalise with "
                                    "statistics of the training data kept in the model, not of the input x "
                                    "(and no BatchNorm in training mode).")


def judge(student, source, model, losses, slope, intercept, low, high, tolerance, names, unit):
    """Fail with a diagnosis unless the model converts unseen points within `tolerance`."""
    points = unseen_points(low, high)
    predicted = model(points)
    expected = slope * points + intercept
    expect_predictions(predicted, len(points), f"model(x) for x of shape {tuple(points.shape)}")
    expect_alone_as_in_batch(model, points, predicted)
    errors = (predicted.to(torch.float64) - expected.to(torch.float64)).abs()
    worst = float(errors.max()) if torch.isfinite(errors).all() else math.inf
    at = float(points[int(torch.nan_to_num(errors, nan=math.inf).argmax())])
    flat = bool(predicted.to(torch.float64).std() < 0.01 * expected.to(torch.float64).std())
    verdict = diagnose(as_losses(losses, student), worst, at, tolerance, student.run(linear_params, model),
                       (slope, intercept), unit=unit, names=names, input_unit="°C" if names[0] == "C" else "",
                       flat_predictions=flat, clears_gradients=clears_gradients(source),
                       spread=float(expected.max() - expected.min()))
    if verdict.kind != "converged":
        raise CheckFailure(verdict.message)
    return predicted


@check("train_converter returns (nn.Module, list of float losses)", kind="api", points=1)
def check_return_types(student):
    model, losses = trained(student, BOOK_C, BOOK_F)
    result, _ = student.train_converter.cached(BOOK_C, BOOK_F, observed=True)
    if not isinstance(result, tuple):  # the contract's Types rule: a tuple, not a list
        raise CheckFailure(f"train_converter returned {describe_type(result)}, expected a tuple (model, losses)",
                           help="Return the pair as a tuple: `return model, losses`.")
    if not isinstance(losses, list):
        raise CheckFailure(f"the losses are {describe_type(losses)}, expected a list of floats")
    if not losses:
        raise CheckFailure("the losses list is empty: append loss.item() once per epoch")
    bad = next((loss for loss in losses if isinstance(loss, bool) or not isinstance(loss, (int, float))), None)
    if bad is not None:
        why = ": a tensor keeps the whole graph of its epoch alive" if isinstance(bad, torch.Tensor) else ""
        raise CheckFailure(f"the losses hold {describe_type(bad)}, expected Python floats",
                           help=f"Append loss.item() (a Python float), not loss{why}.")


@check("the model maps (M, 1) Celsius to (M, 1) predictions", kind="shape", points=1)
def check_model_shape(student):
    model, _ = trained(student, BOOK_C, BOOK_F)
    for m in (1, 7):
        x = torch.linspace(-10, 60, m).reshape(-1, 1)
        expect_predictions(model(x), m, f"model(x) for x of shape ({m}, 1)")


@check("the model does not modify the tensor it is given", kind="api", points=1, depends="check_model_shape")
def check_model_keeps_input(student):
    model, _ = trained(student, BOOK_C, BOOK_F)
    if not student.run(model_keeps_input, model, torch.linspace(-10, 60, 7).reshape(-1, 1)):
        raise CheckFailure("model(x) changed x in place: the caller's temperatures are overwritten",
                           help="Inside forward, normalise into a new tensor (x = (x - mean) / std), never with "
                                "-= or /=.")


@check("converges: within 0.5 °F on temperatures it was not trained on", kind="convergence", points=4,
       depends="check_model_shape")
def check_converges_on_book_data(student, source):
    model, losses = trained(student, BOOK_C, BOOK_F)
    judge(student, source, model, losses, 1.8, 32.0, -40.0, 100.0, TOLERANCE_F, ("C", "F"), "°F")


@check("the losses are finite and end far below where they started", kind="convergence", points=1,
       depends="check_model_shape")
def check_loss_curve(student):
    _, losses = trained(student, BOOK_C, BOOK_F)
    values = as_losses(losses, student)
    if not values:
        raise CheckFailure("the losses list is empty: append loss.item() once per epoch")
    if not all(math.isfinite(v) for v in values):
        raise CheckFailure(f"the losses become NaN or infinite ({sparkline(values)}): training diverged",
                           help="The learning rate is too high for unnormalised inputs: normalise them or lower it.")
    if values[0] <= NOISE_FLOOR:  # an exact fit from the start: its ratios are rounding noise
        raise CheckFailure(f"the loss starts at {values[0]:.4g}, already the exact fit: nothing is learned, so it "
                           "cannot end far below where it started",
                           help="Start from the model's own initial weights and let training find the line: the "
                                "loss list is that run's, from where it starts to where it ends.")
    if not values[-1] <= 0.01 * values[0]:
        raise CheckFailure(f"the loss went from {values[0]:.4g} to {values[-1]:.4g}: it should end below 1% of where "
                           f"it started (loss curve: {sparkline(values)})",
                           help="Train longer, normalise the inputs, or use a better optimiser (Adam).")


@check("does not modify celsius or fahrenheit", kind="api", points=1, depends="check_model_shape")
def check_inputs_unchanged(student):
    # The book's points shuffled: code that sorts (or otherwise fixes up) unsorted data in place shows.
    order = torch.randperm(len(BOOK_C), generator=torch.Generator().manual_seed(5))
    celsius_ok, fahrenheit_ok = student.run(inputs_after_training, BOOK_C[order], BOOK_F[order])
    if not (celsius_ok and fahrenheit_ok):
        which = "celsius" if not celsius_ok else "fahrenheit"
        raise CheckFailure(f"train_converter modified its input `{which}` in place",
                           help="Normalise into new tensors (x = (celsius - mean) / std), never with -= or /=.")


def scale_data(scale):
    _name, slope, intercept, low, high = scale
    x = torch.linspace(low, high, 50).reshape(-1, 1)
    return x, slope * x + intercept


def judge_other_scale(student, source, scale):
    """Train on a scale the student has never seen (one training per check: each has its own
    time limit) and judge the model as on the book's data."""
    name, slope, intercept, low, high = scale
    model, losses = trained(student, *scale_data(scale))
    # The contract's 0.5 °F in this scale's units: the same error measured in input degrees
    # (0.5 °F is 0.28 °C), never tighter for a narrower range.
    tolerance = TOLERANCE_F * abs(slope) / 1.8
    points = unseen_points(low, high)
    predicted = model(points)
    if type(predicted) is torch.Tensor and predicted.shape == points.shape and predicted.is_floating_point() and \
            torch.allclose(predicted.to(torch.float64), 1.8 * points.to(torch.float64) + 32, atol=0.5):
        raise CheckFailure(f"trained on {name}, the model still answers F = 1.8·C + 32: it memorised the "
                           "Fahrenheit formula instead of learning from the data it was given",
                           help="Fit the model to the celsius/fahrenheit arguments; never hard-code 1.8 or 32.")
    try:
        judge(student, source, model, losses, slope, intercept, low, high, tolerance, ("X", "Y"), "units")
    except CheckFailure as failure:
        raise CheckFailure(f"trained on {name}: {failure.message}") from None


@check("learns another linear scale from its data (not the Fahrenheit formula)", kind="convergence", points=2,
       hidden=True, depends="check_converges_on_book_data")
def check_learns_from_data(student, source):
    judge_other_scale(student, source, OTHER_SCALES[0])


@check("learns a made-up scale with a negative slope", kind="convergence", points=1, hidden=True,
       depends="check_learns_from_data")
def check_learns_negative_slope(student, source):
    judge_other_scale(student, source, OTHER_SCALES[1])


@check("training a second model leaves the first one alone", kind="api", points=1, hidden=True,
       depends="check_learns_negative_slope")
def check_models_independent(student):
    # The first model converged when it was judged; the other trainings (cached) came after.
    first, _ = trained(student, BOOK_C, BOOK_F)
    for scale in OTHER_SCALES:
        trained(student, *scale_data(scale))
    points = unseen_points(-40.0, 100.0)
    predicted = first(points)
    expect_predictions(predicted, len(points), f"model(x) for x of shape {tuple(points.shape)}")
    worst = float((predicted.to(torch.float64) - (1.8 * points + 32).to(torch.float64)).abs().max())
    if not worst <= TOLERANCE_F:
        raise CheckFailure(f"after models were trained on other data, the first model (trained on the book's data) "
                           f"is off by up to {worst:.3g} °F: the models share state, such as normalisation "
                           "statistics kept in global variables",
                           help="Keep everything a model needs inside it (attributes or buffers of the module), "
                                "so that every model returned by train_converter works on its own.")


# ---------------------------------------------------------------- training that is training


def same_loss(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-4, abs_tol=1e-7)


def proportional(reported: list[float], passes: list[float]) -> bool:
    """The same losses, or all scaled by one factor (the mean reported, the sum backpropagated)."""
    if not reported:
        return True
    scale = reported[0] / passes[0] if passes[0] else 1.0
    return scale > 0 and all(same_loss(r, scale * p) for r, p in zip(reported, passes))


def losses_problem(reported: list[float], passes: list[float]) -> str | None:
    """Why the reported losses are not the run's own, or None. One value per epoch: the loss
    backpropagated in it (or, measured after the step, the next one's; either may be scaled
    by one factor, e.g. the mean reported and the sum backpropagated); with mini-batches,
    their sum or an average of them, or the last one (not the first alone: that is a list
    thinned out to every k-th step)."""
    if not reported:
        return "the losses list is empty: append the loss of every epoch"
    if not passes:
        return ("no backward pass ran inside train_converter: the model was not trained by gradient descent "
                "(fitted in closed form, or looked up?), so the losses cannot be the training's")
    if len(reported) == len(passes):
        if proportional(reported, passes) or proportional(reported[:-1], passes[1:]):
            return None
        index = next(i for i, (r, p) in enumerate(zip(reported, passes)) if not same_loss(r, p))
        return (f"losses[{index}] is {reported[index]:.6g}, but the loss backpropagated in epoch {index} was "
                f"{passes[index]:.6g}: the list must hold the losses the training computed")
    if len(passes) % len(reported) == 0:
        size = len(passes) // len(reported)
        for index, value in enumerate(reported):
            chunk = passes[index * size:(index + 1) * size]
            inside = min(chunk) * (1 - 1e-4) - 1e-7 <= value <= max(chunk) * (1 + 1e-4) + 1e-7
            only_the_first = same_loss(value, chunk[0]) and not same_loss(value, chunk[-1])
            if not (inside and not only_the_first or same_loss(value, sum(chunk))):
                return (f"the list holds {len(reported)} losses for {len(passes)} backward passes, and losses[{index}] "
                        f"({value:.6g}) is not the sum, an average or the last of the {size} losses of its epoch: "
                        "record every epoch's loss, not every k-th step's")
        return None
    return (f"the list holds {len(reported)} losses, but {len(passes)} backward passes ran: record one loss per "
            "epoch, every epoch, as the training computes it")


@worker_function
def training_steps(module, celsius, fahrenheit):
    """Train once more, recording for every backward pass its loss, the optimizer step it
    belongs to (an LBFGS closure's passes run inside their step), the rows of the batch the
    model was last called on with grad enabled, and whether it ran inside `optimizer.step`.
    Returns (the losses reported as floats, or None, the passes)."""
    passes = []
    state = {"step": 0, "inside": False, "rows": None}
    backward, grad = torch.autograd.backward, torch.autograd.grad

    def record(roots):
        for root in [roots] if isinstance(roots, torch.Tensor) else list(roots or []):
            if isinstance(root, torch.Tensor) and root.numel() == 1 and len(passes) < 100_000:
                passes.append([float(root.detach().reshape(-1)[0]), state["step"], state["rows"], state["inside"]])
        state["rows"] = None

    def watched_backward(tensors, *args, **kwargs):
        record(tensors)
        return backward(tensors, *args, **kwargs)

    def watched_grad(outputs, inputs, *args, **kwargs):
        record(outputs)
        return grad(outputs, inputs, *args, **kwargs)

    def before_step(optimizer, args, kwargs):
        state["inside"] = True

    def after_step(optimizer, args, kwargs):
        state["inside"] = False
        state["step"] += 1

    def before_forward(layer, args):
        if torch.is_grad_enabled() and args and isinstance(args[0], torch.Tensor) and args[0].dim():
            state["rows"] = int(args[0].shape[0])

    optim = __import__("torch.optim.optimizer", fromlist=["Optimizer"])
    hooks = [optim.register_optimizer_step_pre_hook(before_step),
             optim.register_optimizer_step_post_hook(after_step),
             torch.nn.modules.module.register_module_forward_pre_hook(before_forward)]
    torch.autograd.backward, torch.autograd.grad = watched_backward, watched_grad
    try:
        result = module.train_converter(celsius, fahrenheit)
    finally:
        torch.autograd.backward, torch.autograd.grad = backward, grad
        for hook in hooks:
            hook.remove()
    try:
        reported = [float(loss) for loss in result[1]]
    except Exception:
        reported = None
    return reported, passes


def segmentations(units: list[list], rows: int, count: int) -> list[list[list]]:
    """Ways to group the optimizer steps into `count` epochs: by the rows they covered (an epoch
    ends where its steps have seen all `rows` training points: mini-batches, or one step over
    the whole data, or an LBFGS step however often it called its closure; phases of different
    batch sizes too), or `count` equal groups of steps (rows unknown, a held-out part, batches
    drawn with replacement)."""
    found = []
    covered = [max((p[2] for p in unit), default=None) if all(p[2] is not None for p in unit) else None
               for unit in units]
    if all(c is not None for c in covered):
        epochs, current, seen = [], [], 0
        for unit, c in zip(units, covered):
            current.append(unit)
            seen += c
            if seen >= rows:
                if seen > rows:
                    break  # a batch straddles two epochs: not whole passes
                epochs.append(current)
                current, seen = [], 0
        else:
            if not current and len(epochs) == count:
                found.append(epochs)
    if units and len(units) % count == 0:
        size = len(units) // count
        found.append([units[i * size:(i + 1) * size] for i in range(count)])
    return found


def grouping_problem(reported: list[float], epochs: list[list[list]], rows: int) -> str | None:
    """Why `reported` is not one loss per epoch of this grouping of the steps, or None. Each
    value is one its epoch backpropagated, their sum, an average or the last, or the whole
    data's loss measured in or after it (not backpropagated: it lies between what this epoch
    and its neighbours backpropagated)."""
    values = [[p[0] for unit in epoch for p in unit] for epoch in epochs]
    for index, (value, epoch) in enumerate(zip(reported, epochs)):
        passes = [p for unit in epoch for p in unit]
        if len(epoch) > 1 and all(p[2] == rows for p in passes):
            return (f"the list holds {len(reported)} losses for {sum(len(e) for e in epochs)} optimizer steps, each "
                    f"on all {rows} training points: every such step is an epoch, so record the loss of each (not "
                    f"one for every {len(epoch)} steps)")
        here = values[index]
        low = min(here + (values[index + 1] if index + 1 < len(values) else [0.0]))
        high = max(here + values[index - 1]) if index else 2 * max(here)
        inside = low * (1 - 1e-4) - 1e-7 <= value <= high * (1 + 1e-4) + 1e-7
        unknown = any(p[2] is None for p in passes)
        closure = any(p[3] for p in passes)
        only_the_first = len(epoch) > 1 and unknown and not closure and same_loss(value, here[0]) \
            and not same_loss(value, here[-1])
        if not (inside and not only_the_first or same_loss(value, sum(here))):
            return (f"the list holds {len(reported)} losses for {sum(len(e) for e in epochs)} optimizer steps, and "
                    f"losses[{index}] ({value:.6g}) is neither a loss its epoch backpropagated (their sum, an "
                    "average or the last) nor the whole data's loss measured in or after that epoch: record every "
                    "epoch's loss, not every k-th step's")
    return None


def epochs_problem(reported: list[float], passes: list, rows: int) -> str | None:
    """Why the reported losses are not one per epoch of the run, judged with the optimizer
    steps known (`training_steps`), or None. An epoch is one optimizer step over the whole
    data (LBFGS: one `step(closure)`, however often it called the closure), or the steps of
    one pass over mini-batches."""
    units: list[list] = []
    for loss, step, batch, inside in passes:
        if not units or units[-1][0][1] != step:
            units.append([])
        units[-1].append((loss, step, batch, inside))
    if not reported or not units:
        return None  # judged by losses_problem
    groupings = segmentations(units, rows, len(reported))
    if not groupings:
        closure = any(p[3] for p in passes)
        per_call = (" With LBFGS an epoch is one optimizer.step(closure), however often it calls the closure: "
                    "record the loss once per step, not inside the closure.") if closure else ""
        return (f"the list holds {len(reported)} losses, but the training took {len(units)} optimizer steps "
                f"({len(passes)} backward passes): record one loss per epoch, every epoch, as the training "
                f"computes it.{per_call}")
    problems = [grouping_problem(reported, epochs, rows) for epochs in groupings]
    return None if None in problems else problems[0]


@check("the losses are the training's own (one per epoch, as backpropagated)", kind="api", points=1,
       depends="check_model_shape")
def check_losses_are_the_runs(student, source):
    _, losses, seen = trained(student, BOOK_C, BOOK_F, observed=True)
    reported, passes = as_losses(losses, student), seen.get("backward_losses", [])
    problem = losses_problem(reported, passes)
    # LBFGS calls its closure several times per step: one value per backward pass is then one per
    # closure call, not per epoch. The steps are seen only by training again, under watch.
    closure_optimizer = bool(source.uses_of_names({"LBFGS"}, functions=["train_converter"]))
    if passes and reported and (problem and len(reported) != len(passes) or closure_optimizer):
        # Look at the run's optimizer steps and batches (mini-batches, a whole-data loss per epoch).
        rerun, steps = student.run(training_steps, BOOK_C, BOOK_F)
        if rerun is not None and steps:
            fits = losses_problem(rerun, [p[0] for p in steps]) is None and len(rerun) == len(steps)
            problem = epochs_problem(rerun, steps, len(BOOK_C)) if closure_optimizer or not fits else None
    if problem:
        raise CheckFailure(problem, help="Append loss.item() once per epoch, right where the loss is computed and "
                                         "backpropagated (with LBFGS: once per optimizer.step(closure)); do not "
                                         "thin out, extend or make up the list.")


@worker_function
def trainable_values(module, model):
    """(the number of trainable values, whether the predictions move when they are nudged)."""
    import copy

    count = sum(parameter.numel() for parameter in model.parameters() if parameter.requires_grad)
    probe = torch.linspace(-40.0, 100.0, 8).reshape(-1, 1)
    try:
        nudged = copy.deepcopy(model)
        with torch.no_grad():
            before = model(probe.clone())
            for parameter in nudged.parameters():
                if parameter.requires_grad:
                    parameter.add_(0.1 * (parameter.abs() + 1.0))
            after = nudged(probe.clone())
        moved = bool((before.double() - after.double()).abs().max() > 0)
    except Exception:  # a model that cannot be copied or called here: judged by its count alone
        moved = True
    return count, moved


@check("the model has parameters that training can change, and its predictions depend on them", kind="api",
       points=1,
       depends="check_model_shape")
def check_model_has_parameters(student):
    model, _ = trained(student, BOOK_C, BOOK_F)
    count, moved = student.run(trainable_values, model)
    if count == 0:
        raise CheckFailure("the returned model has no trainable parameters, so training cannot have produced it "
                           "(a lookup table or a formula over stored data?)",
                           help="Return the nn.Module you trained (nn.Linear, or a module holding it), with its "
                                "weight and bias as parameters.")
    if not moved:
        raise CheckFailure("the returned model's predictions do not depend on its trainable parameters: nudging "
                           "them changed no prediction, so training them cannot have produced it",
                           help="Compute the predictions from the parameters you trained (the nn.Linear's weight "
                                "and bias), not from numbers stored apart from them.")


def near_textbook(offset=0.0, noise=0.0, low=-40.0, high=100.0, count=50):
    """The book's formula with the intercept moved, a little noise or another range: data a
    special case for the textbook cannot anticipate. The expected line is the least-squares
    fit of the data."""
    x = torch.linspace(low, high, count).reshape(-1, 1)
    y = 1.8 * x + 32 + offset
    if noise:
        y = y + noise * torch.randn(x.shape, generator=torch.Generator().manual_seed(11))
    design = torch.cat([x, torch.ones_like(x)], dim=1).to(torch.float64)
    slope, intercept = torch.linalg.lstsq(design, y.to(torch.float64)).solution.reshape(-1).tolist()
    return x, y.to(torch.float32), slope, intercept, low, high


@worker_function
def train_on_views(module, celsius, fahrenheit):
    """train_converter on strided views of the data (every other element of a wider tensor: not
    contiguous, an ordinary input by the contract), made in the worker: tensors travel contiguous."""
    return module.train_converter(torch.stack([celsius, torch.zeros_like(celsius)], dim=-1)[..., 0],
                                  torch.stack([fahrenheit, torch.zeros_like(fahrenheit)], dim=-1)[..., 0])


def fine_grid():
    """The book's range every 0.5 °C (281 rows, 0 exactly among them) and one temperature of
    1e-31 °C: more rows than a batch size of 256 a special case could assume, an exact zero and a
    tiny value, with the least-squares line as the truth. Not thousands of rows: a solution the
    course accepts backpropagates the sum of the squared errors, whose step grows with the
    number of rows (tests/submissions/ex4/correct_sum_backpropagated_mean_reported.py: stable
    up to ~500 rows)."""
    x = torch.cat([torch.arange(-80, 201, dtype=torch.float64) / 2, torch.tensor([1e-31], dtype=torch.float64)])
    x = x.reshape(-1, 1)
    y = 1.8 * x + 32
    design = torch.cat([x, torch.ones_like(x)], dim=1)
    slope, intercept = torch.linalg.lstsq(design, y).solution.reshape(-1).tolist()
    return x.to(torch.float32), y.to(torch.float32), slope, intercept, -40.0, 100.0


def trained_on_views(student, celsius, fahrenheit):
    result = student.run(train_on_views, celsius, fahrenheit)
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        raise CheckFailure(f"train_converter returned {describe_type(result)}, expected a tuple (model, losses)")
    model, losses = result
    if not isinstance(model, Remote) or not model.is_module:
        raise CheckFailure(f"train_converter returned {describe_type(model)} as the model, expected an nn.Module")
    return model, losses


@check("learns data close to the book's but not the same (offset, noise, another range, 282 rows as views)",
       kind="convergence", points=1, hidden=True, depends="check_converges_on_book_data")
def check_learns_near_textbook(student, source):
    for name, (x, y, slope, intercept, low, high) in [
            ("F = 1.8·C + 32.7", near_textbook(offset=0.7)),
            ("F = 1.8·C + 32 with noise of 0.2 °F", near_textbook(noise=0.2)),
            ("F = 1.8·C + 32 on 20 points from 10 to 60 °C", near_textbook(low=10.0, high=60.0, count=20)),
            ("F = 1.8·C + 32 from -5 to 5 °C", near_textbook(low=-5.0, high=5.0)),
            ("F = 1.8·C + 32 every 0.5 °C from -40 to 100 °C and at 1e-31 °C (282 rows), given as "
             "non-contiguous views", fine_grid())]:
        model, losses = trained_on_views(student, x, y) if name.endswith("views") else trained(student, x, y)
        try:  # the contract's 0.5 °F on every data set, whatever its range
            judge(student, source, model, losses, slope, intercept, low, high, TOLERANCE_F, ("C", "F"), "°F")
        except CheckFailure as failure:
            raise CheckFailure(f"trained on {name}: {failure.message}",
                               help="Learn from the data you are given, whatever it is: no special case for "
                                    "data that looks like the book's.") from None

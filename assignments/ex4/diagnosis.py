"""Telling a beginner why the temperature converter did not converge (Exercise 4).

A helper module of ex4's checks (loaded with `grader.checks.course_module`): diagnoses from the
loss list and the model: diverged (NaN/inf or growing), never updated (a flat loss), gradients
never cleared or steps too large (loss oscillating), predicting the average (an (N, 1)/(N,)
broadcast), normalisation not undone (off by a sizeable part of the data's range), a tiny
loss yet an inexact fit (a bent model, a slope learned last), not converged (still falling,
or flat far above zero), converged. The loss curve is shown as a one-line sparkline.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from grader.checks import sparkline


@dataclass
class Diagnosis:
    kind: str  # "diverged", "not_updated", "not_cleared", "oscillates", "flat", "not_undone", "inexact",
    #            "not_converged", "converged"
    message: str


FIXES = ("normalise the inputs (e.g. (C - mean) / std, and the same for F), use a larger learning rate once the "
         "inputs are normalised, train for more epochs, or use torch.optim.Adam")


# Losses below this are float rounding in any units (a run that starts at the exact fit): their
# ratios are noise, which differs between runs, so a rise among them is no divergence.
NOISE_FLOOR = 1e-8


def diagnose(losses: list[float], worst_error: float, worst_at: float, tolerance: float,
             linear: tuple[float, float] | None = None, truth: tuple[float, float] | None = None,
             unit: str = "°F", names: tuple[str, str] = ("C", "F"), input_unit: str = "°C",
             flat_predictions: bool = False, clears_gradients: bool | None = None,
             spread: float | None = None) -> Diagnosis:
    """Explain a training run. `linear` is the learned (weight, bias) of a single nn.Linear;
    `flat_predictions`: the model answers (nearly) the same for every input; `clears_gradients`:
    whether the code clears gradients anywhere (None: unknown); `spread`: how far apart the
    expected outputs lie (max - min), to tell a model in the wrong units from an inexact one."""
    curve = f"loss curve: {sparkline(losses)}"
    if not losses:
        return Diagnosis("not_converged", "the loss list is empty: append loss.item() once per epoch")
    start, end = losses[0], losses[-1]
    numbers = f"loss went from {start:.4g} to {end:.4g} over {len(losses)} epochs"
    learned = ""
    if linear is not None:
        w, b = linear
        x, y = names
        learned = f"; learned {y} = {w:.4g}·{x} + {b:.4g}"
        if truth is not None:
            learned += f", expected {y} = {truth[0]:g}·{x} + {truth[1]:g}"
    if any(not math.isfinite(v) for v in losses) or not math.isfinite(worst_error):
        return Diagnosis("diverged", f"training diverged: the loss became NaN or infinite ({curve}). The learning "
                                     "rate is too high for unnormalised inputs (temperatures up to 100 make the "
                                     "gradients huge): normalise the inputs or lower the learning rate.")
    if len(losses) >= 2 and max(losses) - min(losses) <= 1e-9 * max(abs(start), 1e-12) and worst_error > tolerance:
        return Diagnosis("not_updated", f"the loss never changed ({numbers}): the parameters are never updated. "
                                        "Call optimizer.step() after loss.backward() (and optimizer.zero_grad() "
                                        "before it), and build the optimizer from the parameters of the model you "
                                        "train and return.")
    if end > start * 1.5 and end > NOISE_FLOOR:
        return Diagnosis("diverged", f"training diverged: {numbers} ({curve}). The learning rate is too high for "
                                     "unnormalised inputs: normalise the inputs or lower the learning rate.")
    tail = losses[len(losses) // 2:]
    ups = sum(1 for a, b in zip(tail, tail[1:]) if b > a * 1.05)
    if len(tail) > 10 and ups > len(tail) // 4 and worst_error > tolerance:
        step = "The steps are too large: lower the learning rate (or normalise the inputs)."
        if clears_gradients:
            return Diagnosis("oscillates", f"the loss oscillates instead of falling steadily ({numbers}; {curve}). "
                                           + step)
        return Diagnosis("not_cleared", f"the loss oscillates instead of falling steadily ({numbers}; {curve}). "
                                        "Are the gradients cleared each epoch? Call optimizer.zero_grad() before "
                                        "loss.backward(): otherwise gradients from earlier epochs add up. If they "
                                        "are, " + step[0].lower() + step[1:])
    at = f"{worst_at:.3g} {input_unit}".rstrip()
    if flat_predictions and worst_error > tolerance:
        return Diagnosis("flat", f"the model answers nearly the same for every input (off by up to {worst_error:.3g} "
                                 f"{unit} at {at}){learned}: it predicts the average. A common cause: the loss "
                                 "compares an (N, 1) prediction with an (N,) target, which broadcast to (N, N), so "
                                 "every prediction is pulled to the mean. Keep predictions and targets the same "
                                 f"shape. ({numbers}; {curve})")
    # Normalisation not undone: the answers are in other units, off by a sizeable part of the
    # data's own range. A small error (a tenth of the range or less) with a tiny loss is an
    # inexact fit instead (a slope still being learned, say), diagnosed below.
    wrong_units = spread is None or worst_error > 0.1 * spread
    if worst_error > tolerance and end <= 1e-4 * start and wrong_units:
        return Diagnosis("not_undone", f"the training loss fell from {start:.4g} to {end:.4g}, yet on new temperatures "
                                       f"the model is off by up to {worst_error:.3g} {unit} (at {at})"
                                       f"{learned}. The returned model does not map raw inputs to raw "
                                       "outputs: if you normalised, undo the normalisation inside the model you "
                                       "return (and never normalise the caller's tensors in place).")
    if worst_error > tolerance and end <= 1e-4 * start:
        return Diagnosis("inexact", f"the training loss fell from {start:.4g} to {end:.4g}, yet on new temperatures "
                                    f"the model is off by up to {worst_error:.3g} {unit} at {at} (allowed "
                                    f"{tolerance:g} {unit}){learned}: a small loss is not yet a close fit. A model "
                                    "of more than one nn.Linear can bend between and beyond the training points "
                                    "(nn.Linear(1, 1) is all a linear scale needs); with inputs scaled far below 1 "
                                    "the slope hardly moves the loss and is learned last (normalise to mean 0 and "
                                    f"std 1, or train longer). ({curve})")
    if worst_error > tolerance:
        still = "is still falling" if len(losses) >= 2 and losses[-1] < losses[-len(losses) // 10 - 1] * 0.99 \
            else "has flattened out far above zero"
        return Diagnosis("not_converged",
                         f"training did not converge: the worst error is {worst_error:.3g} {unit} at "
                         f"{at} (allowed {tolerance:g} {unit}); {numbers} and {still}{learned} ({curve}). "
                         f"Fixes: {FIXES}.")
    return Diagnosis("converged", f"converged: worst error {worst_error:.3g} {unit}; {numbers} ({curve})")

"""Judging a training function by what it did, not only by the numbers it gave back.

The worker half is `grader.remote.training.OptimizerWatch`: a check's own `@worker_function`
runs the student's training function inside it and returns `watch.report()`, plain values
(optimizers created, steps, backward passes...). This half reads that report against what a
correct training loop does, a `TrainingSpec`, and words every difference as a fact the grader
saw, for the feedback:

    from grader.training import TrainingSpec

    SECTION_8_LOOP = TrainingSpec(function="train", optimizer="Adam", betas=(0.9, 0.999))

    run = student.run(run_training, X, y, 6, 0.05)        # returns {"seen": watch.report(), ...}
    facts = SECTION_8_LOOP.facts(run["seen"], epochs=6, lr=0.05)
    if facts:
        raise CheckFailure("train(...): " + "; ".join(facts))

Facts are what the watch observed, never guesses: "2 optimizers were created for 6 epochs",
"the optimizer's learning rate is 0.01, but train was called with lr=0.05". A check uses them
to explain a wrong loss or weight it found by comparing with the reference, or judges them
directly (one optimizer, one step per epoch). Models for such checks are built from plain
data on both sides: see `grader.models`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch

from grader.checks import known_mistakes
from grader.core.outcomes import CheckFailure



@dataclass(frozen=True)
class TrainingSpec:
    """A correct full-batch training loop, as `OptimizerWatch` sees it: inside `function`, one
    `torch.optim.<optimizer>` created (with the `lr` the function was given, and `betas` unless
    None), holding the parameters of the model it was given; then every epoch one forward pass,
    one backward pass that starts from cleared gradients, and one optimizer step that has
    gradients to apply. Frozen parameters stay frozen and unchanged; a model given in train
    mode stays in it, trained with the caller's random state."""

    function: str = "train"
    optimizer: str = "Adam"
    betas: tuple | None = (0.9, 0.999)

    def facts(self, seen: dict, *, epochs: int, lr: float) -> list[str]:
        """Every way the watched run (`seen`: an `OptimizerWatch` report) differs from this
        loop trained for `epochs` epochs at `lr`, as sentences for the student; [] when none."""
        facts = []
        fn = self.function
        optimizers = seen["optimizers"]
        if not optimizers:
            facts.append(f"no torch.optim optimizer was created inside {fn}")
        elif len(optimizers) > 1:
            facts.append(f"{len(optimizers)} optimizers were created for {epochs} epochs (create one, before the "
                         "loop)")
        kinds = sorted({o["type"] for o in optimizers})
        if kinds and kinds != [self.optimizer]:
            facts.append(f"the optimizer is {' and '.join(kinds)}, not torch.optim.{self.optimizer}")
        rates = sorted({o["lr"] for o in optimizers if o["lr"] is not None and not math.isclose(o["lr"], lr)})
        if rates:
            zero = (" (0 is a learning rate too: `lr or 0.01` or `if not lr:` replaces it with another)"
                    if lr == 0 else "")
            facts.append(f"the optimizer's learning rate is {', '.join(f'{r:g}' for r in rates)}, but {fn} was "
                         f"called with lr={lr:g}{zero}")
        if self.betas is not None:
            betas = [o["betas"] for o in optimizers if o["betas"] is not None and o["betas"] != list(self.betas)]
            if betas:
                facts.append(f"the optimizer's betas are {tuple(betas[0])}, not the default {tuple(self.betas)}")
        if any(not o["holds_model"] for o in optimizers):
            facts.append(f"the optimizer does not hold the parameters of the model {fn} was given (a copy of the "
                         "model, or another model?)")
        facts += self._gradient_facts(seen)
        facts += self._mode_facts(seen, epochs)
        if seen["steps"] != epochs:
            facts.append(f"{seen['steps']} optimizer steps ran for {epochs} epochs")
        if seen.get("forged_steps"):
            facts.append(f"{fn} called the optimizer-step hooks {seen['forged_steps']} times by hand, outside any "
                         "optimizer.step()")
        if seen["backwards"] != epochs:
            facts.append(f"{seen['backwards']} backward passes ran for {epochs} epochs")
        return facts

    def _gradient_facts(self, seen: dict) -> list[str]:
        facts = []
        if seen["stale_backwards"]:
            facts.append(f"{seen['stale_backwards']} of the {seen['backwards']} backward passes started with "
                         "gradients already in the model (left from the epoch before, or from before "
                         f"{self.function} was called): optimizer.zero_grad() missing, or after loss.backward() "
                         "instead of before it")
        if seen["empty_steps"]:
            facts.append(f"{seen['empty_steps']} of the {seen['steps']} optimizer steps found no gradient at all "
                         "(taken after zero_grad() or before loss.backward())")
        if seen["unfrozen"] or seen["frozen_changed"]:
            what = " and ".join(part for flag, part in ((seen["unfrozen"], "require grad again after "
                                                         f"{self.function}"),
                                                        (seen["frozen_changed"], "have changed")) if flag)
            facts.append(f"a frozen layer's parameters (requires_grad=False) {what}: train only what requires grad, "
                         "and leave requires_grad as the caller set it")
        return facts

    def _mode_facts(self, seen: dict, epochs: int) -> list[str]:
        """Only for a model with dropout or batch normalisation (its passes' modes were seen)."""
        modes = seen.get("modes") or []
        if not modes:
            return []
        facts = []
        evals = sum(1 for training, _grad in modes if not training)
        if evals:
            facts.append(f"{evals} of the {len(modes)} forward passes ran with the model in eval mode (model.eval() "
                         f"inside {self.function}?)")
        if len(modes) != epochs:
            facts.append(f"{len(modes)} forward passes ran for {epochs} epochs (a separate pass to record the "
                         "losses?)")
        if seen.get("reseeded"):
            facts.append(f"{self.function} reseeded the random generator (torch.manual_seed inside "
                         f"{self.function}): the dropout masks are not those of the caller's random state")
        if seen.get("left_training") is False:
            facts.append("the model given in train mode was left in eval mode")
        return facts

    def seen_text(self, seen: dict, *, epochs: int, lr: float) -> str:
        """The facts as one paragraph for a failure's help ("While train ran, the grader saw:
        ..."), or "" when the run looked like this loop."""
        facts = self.facts(seen, epochs=epochs, lr=lr)
        return f"While {self.function} ran, the grader saw: {'; '.join(facts)}." if facts else ""

    def one_optimizer(self, seen: dict) -> bool:
        """Whether exactly one optimizer was created, and it is torch.optim's `optimizer`."""
        optimizers = seen["optimizers"]
        return len(optimizers) == 1 and optimizers[0]["type"] == self.optimizer and \
            optimizers[0]["module"].startswith("torch.optim")


# ---------------------------------------------------------------- comparing two runs
#
# A run is what a check's worker function returns for one call of the training function:
# `plain_losses(losses)` ("type", "items"), "weights" (the model's parameters afterwards, as
# [W1, b1, W2, b2, ...] for a stack of Linear layers) and "seen" (the watch's report). The
# grader makes the expected run by calling the same worker function with the reference.


def loss_values(run: dict) -> list:
    """The run's losses as numbers (None for a value that has none)."""
    return [number for _kind, number in run["items"] or []]


def same_loss(a, b) -> bool:
    """Two losses equal to float noise (1e-4 relative), or both NaN."""
    return a is not None and b is not None and (math.isclose(a, b, rel_tol=1e-4, abs_tol=1e-6)
                                                or (math.isnan(a) and math.isnan(b)))


def same_weights(actual, expected, lr: float) -> bool:
    """The same weights, to float noise grown by training at `lr` (Adam's steps are ~lr)."""
    return len(actual) == len(expected) and all(
        a.shape == e.shape and torch.allclose(a.double(), e.double(), rtol=1e-4, atol=1e-5 + 0.05 * lr,
                                              equal_nan=True)
        for a, e in zip(actual, expected))


def same_losses(actual: dict, expected: dict) -> bool:
    """The same number of losses, each equal to float noise (`same_loss`)."""
    a, e = loss_values(actual), loss_values(expected)
    return len(a) == len(e) and all(same_loss(x, y) for x, y in zip(a, e))


def same_run(candidate: dict, run: dict, lr: float) -> bool:
    """Whether two runs agree: the same kinds of values returned, the same losses and weights
    (a catalog entry's run reproducing the student's)."""
    if candidate["type"] != run["type"] or (candidate["items"] is None) != (run["items"] is None):
        return False
    kinds = [k for k, _ in candidate["items"] or []] == [k for k, _ in run["items"] or []]
    return kinds and same_losses(candidate, run) and same_weights(candidate["weights"], run["weights"], lr)


def watch_trace(seen: dict):
    """A watch's report reduced to what tells mistakes apart that give the same numbers (with 1
    epoch, training a copy and never stepping both leave the weights alone)."""
    return ([(o["type"], o["holds_model"]) for o in seen["optimizers"]], seen["empty_steps"] > 0,
            seen["stale_backwards"] > 0)


def reproducing_mistakes(catalog, function: str, rerun, run: dict, lr: float) -> list:
    """The known mistakes of the training function `function` (entries of `catalog`) whose run,
    `rerun(entry)` (the check's worker function called in the grader's process with the
    entry's implementation), is the student's `run`. When several give the same numbers, those
    the watch saw do the same things as the student's are kept."""
    runs = {}
    found = known_mistakes(catalog, function, rerun, lambda candidate: same_run(candidate, run, lr), results=runs)
    closer = [entry for entry in found if watch_trace(runs[entry.name]["seen"]) == watch_trace(run["seen"])]
    return closer or found


def returned_text(run: dict) -> str:
    """What the training function returned, when it is not a list: "a dict", "None (did you
    forget `return losses`?)"."""
    if run["type"] == "NoneType":
        return "None (did you forget `return losses`?)"
    return f"a {run['type']}"


def expect_loss_list(call: str, run: dict, *, epochs: int, named=None) -> None:
    """Fail unless the run returned a list of `epochs` Python floats (whatever their values).
    `named()`: the known mistakes that reproduce the run, as feedback, or None."""
    def named_or(advice):
        return (named() if named else None) or advice

    if run["items"] is None:
        raise CheckFailure(f"{call} returned {returned_text(run)}, expected a list of {epochs} floats",
                           help="Collect the losses in a list (losses = [] before the loop) and return it.")
    if run["type"] != "list":
        raise CheckFailure(f"{call} returned a {run['type']}, expected a list",
                           help="Return the list itself: losses = [] ... losses.append(...) ... return losses.")
    kinds = sorted({kind for kind, _ in run["items"]} - {"float"})
    if kinds:
        why = ": a tensor keeps the whole graph of its epoch alive" if "torch.Tensor" in kinds else ""
        raise CheckFailure(f"{call}: the losses hold {' and '.join(kinds)} values, expected Python floats",
                           help=named_or(f"Append loss.item() (a Python float), not loss{why}."))
    if len(run["items"]) != epochs:
        raise CheckFailure(f"{call} returned {len(run['items'])} losses, expected {epochs} (one per epoch)",
                           help=named_or("Append loss.item() once in every epoch."))


def judge_run(call: str, run: dict, expected: dict, *, epochs: int, lr: float, initial=None, weights: bool = True,
              named=None, seen: str = "", causes: dict | None = None, closing: str = "") -> None:
    """Fail unless the student's `run` (of `call`) returned the expected run's losses, one Python
    float per epoch, and (with `weights`) left the model with its weights. The first difference
    is reported: a return value that is no list, a count of losses, a value that is no number, a
    loss (the first one differing: "first_loss" when it is losses[0], measured before any
    update, so the loss itself differs; else "later_loss", the updates differ), or the weights
    ("weights": still `initial`, or where they differ most).

    The help names the known mistakes that reproduce the run, `named()` (called only when a
    failure needs it: each rerun trains once more; None: name nothing), followed by `seen`
    (what the watch saw: `TrainingSpec.seen_text`). When none reproduces it, a wrong loss or
    weight is explained by `causes[problem]` (the mistakes it could be), `seen` and `closing`."""
    def named_or(advice):
        return (named() if named else None) or advice

    def diagnosis(problem):
        found = named() if named else None
        parts = (found, seen) if found else ((causes or {}).get(problem), seen, closing)
        return "\n".join(part for part in parts if part)

    if run["items"] is None:
        raise CheckFailure(f"{call} returned {returned_text(run)}, expected a list of {epochs} floats",
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
                               help=diagnosis("first_loss" if index == 0 else "later_loss"))
    if weights and not same_weights(run["weights"], expected["weights"], lr):
        raise CheckFailure(f"{call}: the losses are right, but afterwards the model "
                           f"{weights_text(run['weights'], expected['weights'], initial, epochs)}",
                           help=diagnosis("weights"))


def weights_text(actual, expected, initial, epochs: int) -> str:
    """How a Linear stack's weights afterwards differ from the expected ones: "still holds its
    initial weights", or "differs from the reference's by up to 0.25 in the bias of Linear layer 2"."""
    if initial is not None and all(torch.equal(a, s) for a, s in zip(actual, initial)) and epochs:
        return "still holds its initial weights"
    gaps = [(float((a.double() - e.double()).abs().max()) if a.shape == e.shape else math.inf, i)
            for i, (a, e) in enumerate(zip(actual, expected)) if e.numel()]
    gap, index = max(gaps)
    part = ("weight" if index % 2 == 0 else "bias") + f" of Linear layer {index // 2 + 1}"
    return f"differs from the reference's by up to {gap:.3g} in the {part}"

"""What a training function does, seen from inside the worker: the optimizer watch.

A check that hands a model to the student's training function (ex9's `train(model, ...)`)
wants to know more than the numbers that come back: which optimizers were created, with which
learning rate, holding which parameters; how many steps they took and whether those steps had
gradients to apply; how many backward passes ran and whether they started from cleared
gradients. `OptimizerWatch` records all of it while the function runs, and `report()` hands it
back as plain values the grader can read.

It runs inside the worker, in a check's own `@worker_function`, which sees only torch, nn, F
and math as globals: import it inside the function's body (this module imports nothing outside
torch and the standard library, so the worker can always load it).

    @worker_function
    def run_training(module, X, y, epochs, lr):
        from grader.remote.training import OptimizerWatch, plain_losses

        model = nn.Linear(X.shape[1], 1)
        with OptimizerWatch(list(model.parameters()), model=model, seed=1234) as watch:
            losses = module.train(model, X, y, epochs, lr)
        return {**plain_losses(losses), "seen": watch.report()}

The grader reads the report with `grader.training.TrainingSpec` (its facts, worded for the
student). Everything in the worker is in the student's hands, so the watch counts only what
cannot be made up cheaply: a step counts only when torch's own `Optimizer.step` runs it
(the registered step hooks called by hand are counted apart, as forged), and the watch's
patches are put back however the training function ends.
"""

from __future__ import annotations

import sys

import torch

# Where torch's optimizers call the step hooks from: a step called anywhere else is forged.
OPTIMIZER_STEP_FILE = "torch/optim/optimizer.py"
MAX_LOSSES = 100_000  # a returned list longer than this is cut (the report must travel)


def has_gradient(params) -> bool:
    """Whether any of `params` holds a gradient with a non-zero value."""
    return any(p.grad is not None and bool(p.grad.detach().ne(0).any()) for p in params)


class OptimizerWatch:
    """Watch a training function: a context manager around the call, in the worker.

    `params`: the model's parameters as the check built it (the caller's list, in order). Those
    with `requires_grad` when the watch starts are the trainable ones; the others are frozen
    and must stay as they are. `model`: the model itself, to report whether it was left in train
    mode; its first `nn.Dropout` or `nn.BatchNorm1d` (if any) has the mode of every forward pass
    through it recorded. `seed`: run the function in a forked random generator seeded with it
    (the caller's random state is left alone, and every run sees the same random numbers),
    and report whether the function reseeded it.

    `report()`, once the block has ended, is a dict of plain values:

    - `optimizers`: one dict per `torch.optim.Optimizer` created: `type` (class name), `module`,
      `lr` and `betas` from its defaults (None when absent), `holds_model` (it holds every
      trainable parameter and nothing but `params`);
    - `steps`: optimizer steps run by `Optimizer.step`; `empty_steps`: those of them, taken
      without a closure, that found no non-zero gradient on their parameters; `forged_steps`:
      calls of the global step hooks from anywhere but `Optimizer.step` (not counted as steps);
    - `backwards`: calls of `torch.autograd.backward` (`loss.backward()` included);
      `stale_backwards`: those that started with a non-zero gradient already in `params`;
    - `unfrozen`: a frozen parameter requires grad afterwards; `frozen_changed`: its values
      changed;
    - `modes`: `[training, grad enabled]` for each forward pass through the model's first mode
      layer; `left_training`: the model's `training` flag afterwards (None without `model`);
    - `reseeded`: the function reseeded the generator (None without `seed`).
    """

    def __init__(self, params, *, model=None, seed: int | None = None):
        self.params = list(params)
        self.model = model
        self.seed = seed
        self.seen = {"optimizers": [], "steps": 0, "empty_steps": 0, "forged_steps": 0, "backwards": 0,
                     "stale_backwards": 0, "modes": [], "unfrozen": False, "frozen_changed": False,
                     "left_training": None, "reseeded": None}
        self._undo = []

    # ------------------------------------------------------------ what is watched

    def _watched_init(self, init):
        seen, trainable = self.seen, {id(p) for p in self.params if p.requires_grad}
        known = {id(p) for p in self.params}

        def watched_init(optimizer, *args, **kwargs):
            init(optimizer, *args, **kwargs)
            held = {id(p) for group in optimizer.param_groups for p in group["params"]}
            betas, lr = optimizer.defaults.get("betas"), optimizer.defaults.get("lr")
            seen["optimizers"].append({
                "type": type(optimizer).__name__, "module": type(optimizer).__module__,
                "lr": float(lr) if isinstance(lr, (int, float)) else None,
                "betas": [float(b) for b in betas] if isinstance(betas, (tuple, list)) else None,
                "holds_model": trainable <= held and held <= known})

        return watched_init

    def _before_step(self, optimizer, args, kwargs):
        # Called by Optimizer.step itself (torch/optim/optimizer.py), not by the training
        # function calling the registered hooks by hand to make up steps that never ran.
        caller = sys._getframe(1).f_code.co_filename.replace("\\", "/")
        if not caller.endswith(OPTIMIZER_STEP_FILE):
            self.seen["forged_steps"] += 1
            return
        self.seen["steps"] += 1
        closure = args[1] if len(args) > 1 else kwargs.get("closure")  # args[0] is the optimizer itself
        # (a closure computes the gradients inside the step)
        if closure is None and not has_gradient([p for group in optimizer.param_groups for p in group["params"]]):
            self.seen["empty_steps"] += 1

    def _watched_backward(self, backward):
        seen, params = self.seen, self.params

        def watched_backward(*args, **kwargs):
            seen["backwards"] += 1
            if has_gradient(params):
                seen["stale_backwards"] += 1
            return backward(*args, **kwargs)

        return watched_backward

    def _mode_layer(self):
        if not isinstance(self.model, torch.nn.Module):
            return None
        return next((layer for layer in self.model.modules()
                     if isinstance(layer, (torch.nn.Dropout, torch.nn.BatchNorm1d))), None)

    # ------------------------------------------------------------ the block

    def __enter__(self) -> "OptimizerWatch":
        self._frozen = [(p, p.detach().clone()) for p in self.params if not p.requires_grad]
        try:
            self._install()
        except BaseException:
            self._uninstall()
            raise
        return self

    def _install(self) -> None:
        from torch.optim.optimizer import register_optimizer_step_pre_hook

        optimizer_class, init, backward = torch.optim.Optimizer, torch.optim.Optimizer.__init__, torch.autograd.backward
        optimizer_class.__init__ = self._watched_init(init)
        self._undo.append(lambda: setattr(optimizer_class, "__init__", init))
        self._undo.append(register_optimizer_step_pre_hook(self._before_step).remove)
        torch.autograd.backward = self._watched_backward(backward)  # Tensor.backward looks it up at call time
        self._undo.append(lambda: setattr(torch.autograd, "backward", backward))
        layer = self._mode_layer()
        if layer is not None:  # the mode (and grad mode) of every forward pass through it
            modes = self.seen["modes"]
            self._undo.append(layer.register_forward_pre_hook(
                lambda layer, inputs: modes.append([bool(layer.training), torch.is_grad_enabled()])).remove)
        if self.seed is not None:
            self._random = torch.random.fork_rng(devices=[])
            self._random.__enter__()
            self._undo.append(lambda: self._random.__exit__(None, None, None))
            torch.manual_seed(self.seed)

    def _uninstall(self) -> None:
        undo, self._undo = self._undo, []
        for step in reversed(undo):
            step()

    def __exit__(self, *exc_info) -> None:
        if self.seed is not None:
            self.seen["reseeded"] = torch.initial_seed() != self.seed
        self._uninstall()
        self.seen["unfrozen"] = any(p.requires_grad for p, _ in self._frozen)
        self.seen["frozen_changed"] = any(not torch.equal(p.detach(), before) for p, before in self._frozen)
        if isinstance(self.model, torch.nn.Module):
            self.seen["left_training"] = bool(self.model.training)

    def report(self) -> dict:
        """What was seen, as plain values (see the class's docstring)."""
        return self.seen


def plain_losses(losses) -> dict:
    """What a training function returned, as plain values the grader can judge however wrong
    it is: `type` ("list", "torch.Tensor", "NoneType"...; a list subclass is a list) and, for a
    list or tuple, `items`: `[kind, number]` per value ("float" for a float or a float
    subclass, "torch.Tensor", "int"...; the number is None when it has none: a tensor of
    several values, a string, a bool). `items` is None for anything else."""
    items = None
    if isinstance(losses, (list, tuple)):
        items = []
        for value in list(losses)[:MAX_LOSSES]:
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
    kind = "torch.Tensor" if isinstance(losses, torch.Tensor) else \
        "list" if isinstance(losses, list) else type(losses).__name__
    return {"type": kind, "items": items}

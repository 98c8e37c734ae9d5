"""The training watch (this module runs in the worker).

While a training function runs (`[watch] training` in exercise.toml), the loss at the root of
every backward pass is recorded, so a check can tell a loss list the run produced from one
that was thinned out, extended or invented, and a model fitted without any training. It is
set up before the student's module is imported: `torch.autograd.backward` and `grad` are the
watch's own from the module's first line on, and replacing them during training is reported
to the integrity hook (integrity.py).

It depends on torch and the standard library only: the zygote loads it before any student.
"""

from __future__ import annotations

import sys

import torch


class TrainingWatch:
    """Records the loss at the root of every backward pass while a training function runs."""

    def __init__(self):
        self.active = False
        self.losses: list[float] = []
        self._backward = torch.autograd.backward
        self._grad = torch.autograd.grad
        # One bound method each, kept: every `self._watched_backward` is a new object, and
        # telling whether graded code replaced them needs `is`.
        self._hooks = (self._watched_backward, self._watched_grad)
        torch.autograd.backward, torch.autograd.grad = self._hooks  # Tensor.backward looks it up at call time

    def _record(self, roots) -> None:
        if not self.active:
            return
        for root in [roots] if isinstance(roots, torch.Tensor) else list(roots or []):
            # A loss is computed from something: a root with no graph of its own (a throwaway
            # `torch.tensor(v, requires_grad=True).backward()`) trains nothing.
            if isinstance(root, torch.Tensor) and root.numel() == 1 and root.grad_fn is not None \
                    and len(self.losses) < 100_000:
                self.losses.append(float(root.detach().reshape(-1)[0]))

    def _watched_backward(self, tensors, *args, **kwargs):
        self._record(tensors)
        return self._backward(tensors, *args, **kwargs)

    def _watched_grad(self, outputs, inputs, *args, **kwargs):
        self._record(outputs)
        return self._grad(outputs, inputs, *args, **kwargs)

    def run(self, function, args, kwargs) -> tuple[object, dict]:
        """Call a training function; return its value and the backward passes' losses."""
        self.losses, self.active = [], True
        # What is in place now: the watch's hooks, or a check's own wrappers around them.
        installed = (torch.autograd.backward, torch.autograd.grad)
        try:
            value = function(*args, **kwargs)
        finally:
            self.active = False
            now = (torch.autograd.backward, torch.autograd.grad)
            if now[0] is not installed[0] or now[1] is not installed[1]:
                sys.audit("grader.watch_handed_over", "torch.autograd.backward or grad replaced during training")
                torch.autograd.backward, torch.autograd.grad = installed
        return value, {"backward_losses": self.losses}

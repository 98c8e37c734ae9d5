"""Which watch a contract function runs under, in the worker (this module runs there).

The load request's `watch` names the forbidden functions and the contract functions they are
forbidden in (`guarded`: run under the forbidden-call watch, watch.py), and the training
functions (`training`: run under the training watch, watch_training.py). Both watches are
set up before the student's module exists: an alias it takes at import (`from
torch.nn.functional import mse_loss as m`) is then the watched function.
"""

from __future__ import annotations

from grader.remote.watch import ForbiddenCalls
from grader.remote.watch_training import TrainingWatch


class Watches:
    """The watches of one student module, by contract function."""

    def __init__(self):
        self.forbidden: ForbiddenCalls | None = None
        self.guarded: set[str] = set()  # contract functions that must not reach `forbidden`
        self.training: TrainingWatch | None = None
        self.trained: set[str] = set()  # contract functions whose backward passes are observed

    def set_up(self, watch: dict) -> None:
        """The watches of the load request's `watch`, before the student's module exists."""
        forbidden = ForbiddenCalls(list(watch.get("forbidden", [])))
        if forbidden and watch.get("guarded"):
            self.forbidden, self.guarded = forbidden, set(watch["guarded"])
        if watch.get("training"):
            self.training, self.trained = TrainingWatch(), set(watch["training"])

    def run(self, name, function, args, kwargs, reply: dict):
        """Call a contract function under the watches that apply to it; what they saw goes
        into `reply` (`observed`: the training's backward losses; `forbidden`: [name, label])."""
        if name in self.trained:
            value, reply["observed"] = self.training.run(function, args, kwargs)
            return value
        if name in self.guarded:
            self.forbidden.findings = []
            try:
                return self.forbidden.run(function, *args, **kwargs)
            finally:
                reply["forbidden"] = [[name, label] for label in self.forbidden.findings]
        return function(*args, **kwargs)

"""Torch dispatch modes for the worker's instruments (this module runs in the worker).

Two instruments look at operators at torch's dispatcher, below every Python route to them:
the forbidden-call watch (watch.py: a forbidden operator, however it was reached) and the
rules' write watch (rules_writes.py: a write into an argument's storage). Both push an
`operator_mode`, which shows each operator to a callback of theirs before running it. This
module also reads and cuts back the dispatch mode stack that graded code may have pushed on
or popped from.

It depends on torch and the standard library only: the zygote loads it before any student.
"""

from __future__ import annotations

import torch

_OPERATOR_MODE: list = []  # the class, built on first use (see operator_mode)


def operator_mode(see):
    """A dispatch mode, not yet entered, that calls `see(func, args, kwargs)` for every operator
    run while it is on the stack, before running the operator. Enter it with `__enter__`; leave
    it with `__exit__`, or with `close()`, which tolerates a mode the watched code popped."""
    if not _OPERATOR_MODE:
        _OPERATOR_MODE.append(_operator_mode_class())
    return _OPERATOR_MODE[0](see)


def _operator_mode_class():
    # Built on first use: torch's Python dispatch machinery is needed only once a watch is on.
    from torch.utils._python_dispatch import TorchDispatchMode

    class OperatorMode(TorchDispatchMode):
        """Sees every operator at the dispatcher, however it was called: through Python, C++
        (torch._C._nn), TorchScript compiled from a string, or a decomposition."""

        @classmethod
        def _should_skip_dynamo(cls) -> bool:
            return False  # else torch wraps __torch_dispatch__ in _disable_dynamo: torch._dynamo imported, ~1 s

        def __init__(self, see):
            super().__init__()
            self.see = see
            self.entered = False

        def __enter__(self):
            self.entered = True
            return super().__enter__()

        def close(self) -> None:
            if self.entered:
                self.entered = False
                try:
                    self.__exit__(None, None, None)
                except RuntimeError:  # popped by the code it watched: put back by the settings rule
                    pass

        def __torch_dispatch__(self, func, types, args=(), kwargs=None):
            kwargs = kwargs or {}
            self.see(func, args, kwargs)
            return func(*args, **kwargs)

    return OperatorMode


def dispatch_depth() -> int:
    """How many dispatch modes are on the stack now."""
    try:
        return torch._C._len_torch_dispatch_stack()
    except Exception:
        return 0


def pop_mode() -> None:
    """Take the innermost dispatch mode off the stack."""
    from torch.utils._python_dispatch import _pop_mode

    _pop_mode()


def pop_dispatch_modes(depth: int) -> None:
    """Back to `depth` modes (graded code pushed or popped some)."""
    for _ in range(100):
        now = dispatch_depth()
        if now <= depth:
            return
        pop_mode()

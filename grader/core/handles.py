"""What a call to the worker carries beside plain values, and how feedback names it.

A check's own function that must run beside the student's code (`worker_function`) travels
as its source; an object that cannot travel (an `nn.Module` the student's function returned)
stays in the worker and is reached through a `Remote` handle, which a later call sends back.
`wire_args` puts both on the wire; `call_label` and `describe_arg` name a call in feedback
("forward(<(4, 3) float32>, ...)").
"""

from __future__ import annotations

import inspect
import textwrap

from grader.core.outcomes import CheckFailure
from grader.remote import protocol, wire


class worker_function:
    """Decorator for a check's own function that must run inside the worker.

    The function still works locally (to compute the expected value with the reference),
    and travels to the worker as source code: ex2's `gradient(fn, x, y)` is called with
    functions the student has never seen. It may use `torch`, `nn`, `F` and `math` only.
    """

    def __init__(self, function):
        self.function = function
        self.__name__ = function.__name__
        source = textwrap.dedent(inspect.getsource(function))
        lines = source.splitlines()
        while lines and lines[0].lstrip().startswith("@"):
            lines.pop(0)
        self.source = wire.FunctionSource(function.__name__, "\n".join(lines) + "\n")

    def __call__(self, *args, **kwargs):
        return self.function(*args, **kwargs)


class Remote:
    """An object that stays in the worker (an nn.Module, say). Calls run over there, through
    the `StudentSession` whose worker holds it; a handle from an earlier worker is dead."""

    def __init__(self, session, ref: wire.HandleRef, generation: int):
        self._session = session
        self._ref = ref
        self._generation = generation
        self.type_name = ref.type_name
        self.is_module = ref.is_module
        self.is_callable = ref.is_callable
        self.text = ref.text

    def __repr__(self) -> str:
        return f"<{self.type_name} in the worker: {self.text[:80]}>"

    def _alive(self) -> wire.HandleRef:
        if self._generation != self._session.generation or self._session.worker is None:
            raise CheckFailure(f"the {self.type_name} returned earlier was lost when the worker restarted")
        return self._ref

    def __call__(self, *args):
        label = f"{self.type_name}({', '.join(describe_arg(a) for a in args)})"
        return self._session.call(self._alive(), wire_args(args), label=label)["value"]

    def attr(self, name: str):
        return self._session.request(protocol.getattr_(self._alive(), name),
                                     label=f"{self.type_name}.{name}")["value"]

    def method(self, name: str, *args):
        bound = self.attr(name)
        if not isinstance(bound, Remote):
            raise CheckFailure(f"{self.type_name}.{name} is not a method")
        return bound(*args)


def call_label(name: str, args, kwargs) -> str:
    return f"{name}({', '.join(describe_arg(a) for a in args)})"


def describe_arg(value) -> str:
    import torch

    if isinstance(value, torch.Tensor):
        return f"<{tuple(value.shape)} {str(value.dtype).replace('torch.', '')}>"
    if isinstance(value, wire.FunctionSource):
        return value.name
    if isinstance(value, worker_function):
        return value.__name__
    if isinstance(value, Remote):
        return value.type_name.rsplit(".", 1)[-1]
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def wire_args(args):
    """Check functions travel as source, remote objects as their handle."""
    out = []
    for a in args:
        if isinstance(a, worker_function):
            a = a.source
        elif isinstance(a, Remote):
            a = a._alive()
        out.append(a)
    return out

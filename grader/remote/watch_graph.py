"""A forbidden function's trace in a result's autograd graph (this module runs in the worker).

Many forbidden functions leave a node of their own in the graph of what they compute
(`F.mse_loss` leaves `MseLossBackward0`), however they were reached: `map()` over `torch._C`,
TorchScript, torch.ops. The forbidden-call watch (watch.py) learns each function's node by
calling it once on small inputs, then reads the graph of a guarded function's result for them.

It depends on torch and the standard library only: the zygote loads it before any student.
"""

from __future__ import annotations

import torch

# Autograd nodes too generic to say which function made them (a hand-written loss makes them too).
GENERIC_NODES = {"AddBackward0", "AddBackward1", "SubBackward0", "SubBackward1", "MulBackward0", "MulBackward1",
                 "DivBackward0", "DivBackward1", "PowBackward0", "PowBackward1", "MeanBackward0", "MeanBackward1",
                 "SumBackward0", "SumBackward1", "ExpBackward0", "LogBackward0", "AbsBackward0", "NegBackward0",
                 "ViewBackward0", "ExpandBackward0", "UnsqueezeBackward0", "SqueezeBackward0", "ToCopyBackward0",
                 "CloneBackward0", "AmaxBackward0", "MaxBackward0", "MaxBackward1", "IndexBackward0",
                 "GatherBackward0", "SelectBackward0", "SliceBackward0", "TBackward0", "MmBackward0",
                 "AddmmBackward0", "ReshapeAliasBackward0", "PermuteBackward0", "TransposeBackward0",
                 "SqrtBackward0", "RsubBackward0", "RsubBackward1", "ReluBackward0", "SigmoidBackward0",
                 "TanhBackward0", "WhereBackward0", "MinimumBackward0", "MaximumBackward0", "ClampBackward1",
                 "ClampMinBackward0", "ClampMaxBackward0", "AccumulateGrad", "AliasBackward0"}


def graph_nodes(candidates: list[tuple[str, object]]) -> dict[str, str]:
    """The autograd node each forbidden function (`(label, function)`; the first label found
    for a node keeps it) leaves in a result's graph, when it is its own (MseLossBackward0,
    NllLossBackward0, SoftmaxBackward0...), found by calling it once on small inputs. Generic
    nodes (a sum, a mean) say nothing and are left out."""
    found = {}
    with torch.enable_grad():
        for label, function in candidates:
            for args in _sample_args():
                try:
                    out = function(*args)
                except Exception:
                    continue
                node = getattr(out, "grad_fn", None) if isinstance(out, torch.Tensor) else None
                if node is not None and type(node).__name__ not in GENERIC_NODES:
                    found.setdefault(type(node).__name__, label)
                    break
    return found


def _sample_args():
    x = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], requires_grad=True)
    y = torch.tensor([[0.0, 1.0, -1.0], [2.0, 0.5, 0.5]])
    return [(x, y), (x, -1), (x, torch.tensor([0, 2])), (x,)]


def node_names(result, limit: int = 20_000):
    """The class name of every autograd node behind the tensors of `result` (at most `limit`)."""
    seen, todo = set(), [t.grad_fn for t in _tensors(result) if t.grad_fn is not None]
    while todo and len(seen) < limit:
        node = todo.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        yield type(node).__name__
        todo += [child for child, _ in getattr(node, "next_functions", ())]


def _tensors(value, depth: int = 0) -> list:
    if isinstance(value, torch.Tensor):
        return [value]
    if depth < 3 and isinstance(value, (list, tuple)):
        return [t for item in value for t in _tensors(item, depth + 1)]
    if depth < 3 and isinstance(value, dict):
        return [t for item in value.values() for t in _tensors(item, depth + 1)]
    return []

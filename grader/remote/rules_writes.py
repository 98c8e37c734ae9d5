"""Writes into a call's arguments, seen at the dispatcher (this module runs in the worker).

A write into an argument undone before the call returns (`x.data.sub_(m)` ... `x.data.add_(m)`:
the version counter of `.data` is its own) leaves nothing for the before-and-after comparison
(rules_arguments.py) to see. The first replay of a function's example (rules_replay.py) runs
under `ArgumentWrites`: a dispatch mode that sees every operator writing into a tensor (in
place or `out=`) and notes the first one whose tensor lives in an argument's storage.

It depends on torch and the standard library only: the zygote loads it before any student.
"""

from __future__ import annotations

import torch

from grader.remote.dispatch_modes import operator_mode
from grader.remote.rules_arguments import ModuleLeaf, argument_leaves


def argument_storages(labels: list, args, kwargs, may_change: set) -> dict[int, str]:
    """The storages of a call's tensor arguments (an nn.Module's parameters and buffers too),
    by address, with the argument's name; those it may change left out."""
    storages = {}
    for leaf in argument_leaves(labels, args, kwargs, may_change):
        for tensor_leaf in (leaf.leaves if isinstance(leaf, ModuleLeaf) else [leaf]):
            t = tensor_leaf.tensor
            if t.numel():
                storages.setdefault(t.untyped_storage().data_ptr(), tensor_leaf.path)
    return storages


class ArgumentWrites:
    """The first operator that writes into one of `storages` (address -> argument name) while
    `mode` is entered: `found` is then (argument name, operator name)."""

    def __init__(self, storages: dict[int, str]):
        self.storages, self.found = storages, None
        self.mode = operator_mode(self._see)

    def _see(self, func, args, kwargs) -> None:
        if self.found is not None:
            return
        schema = getattr(func, "_schema", None)
        for position, argument in enumerate(getattr(schema, "arguments", ())):
            info = argument.alias_info
            if info is None or not info.is_write:
                continue
            value = args[position] if position < len(args) else kwargs.get(argument.name)
            if isinstance(value, torch.Tensor) and value.numel():
                path = self.storages.get(value.untyped_storage().data_ptr())
                if path is not None:
                    self.found = (path, str(schema.name).replace("aten::", ""))
                    break

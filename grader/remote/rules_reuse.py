"""The rule "calls are independent" for plain arguments: freed objects' ids reused (this module runs in the worker).

A tensor argument's cache keyed on `id()` is shown by giving the same objects other values
(rules_replay.py's `_replay_freed`). Numbers, tuples and lists of them have no storage to
write into, so here Python's reuse of freed memory is used itself: a call on new objects
equal to the example's, which are then freed, and new objects holding other values made at
the very addresses (ids) the freed ones had. CPython hands a freed tuple's, list's or float's
memory to the next object of its kind and size; the objects are made one allocation each,
each right after a placeholder holding its address is freed. When the ids cannot be had,
nothing is judged, so a finding is always a real reuse of ids.

It depends on the standard library only: the zygote loads it before any student.
"""

from __future__ import annotations

RELOCATABLE = (tuple, list, float)  # the kinds of object placed at a freed one's address
TRIES = 256  # objects made while looking for the freed addresses


def plain(value, depth: int = 0) -> bool:
    """Numbers (bool excluded), and tuples and lists of them."""
    if type(value) in (int, float):
        return True
    return depth < 4 and type(value) in (tuple, list) and all(plain(v, depth + 1) for v in value)


def other_values(value, first_only: bool = False):
    """The same structure holding other values: floats x/2 + 1/4, ints above 1 doubled (0, 1
    and -1 kept, so a shape stays a shape of the same rank); with `first_only`, in a tuple or
    list only its first int above 1 (a reshape's element counts stay equal)."""
    if type(value) is float:
        return value / 2 + 0.25
    if type(value) is int:
        return value * 2 if value > 1 else value
    if first_only:
        items, doubled = [], False
        for v in value:
            bigger = type(v) is int and v > 1 and not doubled
            items.append(v * 2 if bigger else v if type(v) is int else other_values(v, True))
            doubled = doubled or bigger
        return type(value)(items)
    return type(value)([other_values(v) for v in value])


def fresh(value):
    """A new object equal to `value` (its floats new objects too)."""
    if type(value) is float:
        return value * 1.0
    if type(value) is int:
        return value
    return type(value)([fresh(v) for v in value])


def _maker(value):
    """A function making a new object equal to `value` in a single allocation of its kind."""
    if type(value) is float:
        return lambda: value * 1.0
    if type(value) is int:
        return lambda: value
    items = [fresh(v) for v in value]
    if type(value) is list:
        return items.copy  # PyList_New, which takes from the free list (list(items) would not)
    return lambda: tuple(items)


class Placement:
    """New objects equal to `values`, to be made at given addresses (ids). Everything is made
    ready beforehand (each object's items, the functions making it, the lists and dicts `at`
    works in), so that between the free and `at` nothing else takes a freed address: even a
    closure, `enumerate` or an empty list takes one from Python's free lists."""

    def __init__(self, values: list):
        self.values = values
        self.makers = [_maker(v) for v in values]
        self.relocatable = [type(v) in RELOCATABLE for v in values]
        self.made: list = [None] * len(values)
        self.targets: dict[int, int] = {}  # address -> position
        self.holding: dict[int, object] = {}  # address -> a placeholder keeping it for its own object
        self.spare: list = []  # objects made at no wanted address: kept, so the allocator moves on
        self.order: list = list(range(len(values)))

    def at(self, ids: list[int]) -> list | None:
        """The objects, each with the id in `ids` (a freed object's), or None when Python does not
        hand those addresses back. Ints are used as they are. Call once."""
        made, targets, holding = self.made, self.targets, self.holding
        for i in self.order:
            if self.relocatable[i]:
                targets[ids[i]] = i
            else:
                made[i] = self.values[i]
        for i in self.order:
            if made[i] is not None or ids[i] in holding:
                continue
            for _ in range(TRIES):
                obj = self.makers[i]()
                if id(obj) == ids[i]:
                    made[i] = obj
                    break
                if id(obj) in targets:
                    holding[id(obj)] = obj
                else:
                    self.spare.append(obj)
            else:
                return None
        while holding:
            address = next(iter(holding))
            i = targets[address]
            del holding[address]  # freed: its address is the next one handed out for its kind
            made[i] = self.makers[i]()
            if id(made[i]) != address:
                return None
        return made


def plain_call(args, kwargs) -> bool:
    """A call of plain arguments only, not all of them ints (whose small values Python shares)."""
    values = [*args, *kwargs.values()]
    return bool(values) and all(plain(v) for v in values) and not all(type(v) is int for v in values)


def frees_its_arguments(value, args, kwargs, depth: int = 0) -> bool:
    """Whether an answer holds none of the call's argument objects (`reshape_shape` may return
    its `new_shape` itself): one that does keeps it alive, so its id is never handed out again."""
    if depth == 0:
        arguments = {id(v) for v in [*args, *kwargs.values()] if type(v) in RELOCATABLE}
        return frees_its_arguments(value, arguments, None, 1)
    if id(value) in args:
        return False
    if depth < 6 and type(value) in (tuple, list):
        return all(frees_its_arguments(v, args, None, depth + 1) for v in value)
    return True

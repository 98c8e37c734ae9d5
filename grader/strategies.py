"""Hypothesis strategies for the inputs of tensor exercises: shapes that reach the edges
(rank 0, size-0 and size-1 dimensions) and tensors of a given shape, dtype and scale.

Values are drawn as a seed and a scale, not element by element: Hypothesis then shrinks the
shape (what a beginner can act on) and keeps the values generic (no exact ties at 0, where a
correct ReLU or |x| may pick either side's gradient).
"""

from __future__ import annotations

import importlib

import torch


class _LazyModule:
    """hypothesis.strategies, imported at its first use: a correct submission whose inputs
    are cached never needs Hypothesis, and `grade ex3` does not pay its import (~0.25 s)."""

    def __init__(self, name: str):
        self._name = name

    def __getattr__(self, attribute):
        return getattr(importlib.import_module(self._name), attribute)


st = _LazyModule("hypothesis.strategies")


class LazyStrategy:
    """A strategy built on first use (see `composite`): `for_all` takes it as it is; to draw
    from it inside another composite's body, `draw(strategy.build())`."""

    def __init__(self, build):
        self._build, self._built = build, None

    def build(self):
        if self._built is None:
            self._built = self._build()
        return self._built


def composite(function):
    """`hypothesis.strategies.composite`, applied only when inputs must really be generated
    (cached inputs need no Hypothesis). The function gets `draw` (and any arguments of its
    own) and returns one tuple of arguments for the function under test:

        @composite
        def pairs(draw, max_rank=3):
            shape = draw(shapes(0, max_rank))
            dtype, seed = draw(st.sampled_from(DTYPES)), draw(seeds())
            return random_tensor(shape, dtype, seed), random_tensor(shape, dtype, seed + 1)

        for_all(pairs(), student.mse, reference.mse, ...)

    Draw values as a seed (and a scale), not element by element: Hypothesis then shrinks a
    failure to a small shape, and the values stay generic."""

    def make(*args, **kwargs):
        return LazyStrategy(lambda: st.composite(function)(*args, **kwargs))

    make.__name__ = function.__name__
    return make


def lazy(build):
    """A strategy written with `st.…` calls, built on first use: `lazy(lambda: st.integers(0, 5))`."""
    return LazyStrategy(build)

# The floating dtypes the exercises take: draw one with st.sampled_from(DTYPES).
DTYPES = (torch.float32, torch.float64)


# The helpers below build real strategies: call them inside a `composite` function's body
# (or a `lazy` one), where Hypothesis is being used anyway.


def dims(high: int = 6, low: int = 0):
    """A dimension size: 1 often (where broadcasting bites), 0 too unless `low` is 1, else up to `high`."""
    return st.one_of(st.just(1), st.integers(low, high))


def shapes(min_rank: int = 0, max_rank: int = 4, high: int = 6, low: int = 0):
    """A shape, as a tuple: `min_rank` to `max_rank` sizes, each drawn by `dims(high, low)`."""
    return st.lists(dims(high, low), min_size=min_rank, max_size=max_rank).map(tuple)


def scales():
    """Magnitudes from 1e-3 to 1e3: far from 0 is where clamps and cancellations show."""
    return st.sampled_from([1.0, 1.0, 10.0, 1000.0, 0.001, 100.0])


def random_tensor(shape, dtype, seed: int, scale: float = 1.0, offset: float = 0.0) -> torch.Tensor:
    """A tensor of `shape` and `dtype`: standard normal values from `seed`, times `scale`, plus
    `offset`, drawn in float64 and then cast (the same seed gives the same values, rounded, in
    either dtype). A plain function: usable outside strategies too."""
    generator = torch.Generator().manual_seed(seed)
    return (torch.randn(tuple(shape), generator=generator, dtype=torch.float64) * scale + offset).to(dtype)


def seeds():
    """A seed for `random_tensor` (0 to 65536)."""
    return st.integers(0, 2**16)


def broadcastable_shapes(max_rank: int = 4, high: int = 6):
    """Two shapes that broadcast together: suffixes of one result shape (rank gaps of any
    size, including ()), some sizes replaced by 1. For use inside a composite's draw."""
    return st.composite(_broadcastable_shapes)(max_rank, high)


def _broadcastable_shapes(draw, max_rank, high):
    result = draw(shapes(0, max_rank, high))

    def operand():
        kept = result[len(result) - draw(st.integers(0, len(result))):]
        return tuple(1 if draw(st.booleans()) else size for size in kept)

    return operand(), operand()

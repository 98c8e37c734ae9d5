"""Models as plain data, on the grader's side: seeded weights, and the words for a model.

A model cannot travel to the worker, so a check describes the model it hands the student as
plain data and builds it on both sides (`grader.remote.models`: `linear_stack`,
`load_linear_state`, `layers_model`, re-exported here for the grader's side). This module
adds what only the grader needs: the seeded initial weights, and the model written out for
the feedback the way the student would write it ("nn.Sequential(Linear(3, 5), ReLU(),
Linear(5, 1)) with layer 1 frozen").

    from grader.models import seeded_linear_state, stack_text

    sizes = [3, 5, 1]
    case = [sizes, seeded_linear_state(sizes, seed=7), X, y]    # arguments of a @worker_function
    call = f"train({stack_text(sizes)}, X, y)"
"""

from __future__ import annotations

from grader.remote.models import (AFTER_RELU, layers_model, linear_stack, load_linear_state,  # noqa: F401
                                  seeded_linear_state)

__all__ = ["AFTER_RELU", "layers_model", "layers_text", "linear_stack", "load_linear_state", "seeded_linear_state",
           "stack_text"]


def stack_text(sizes, after_relu: str | None = None, frozen=()) -> str:
    """`linear_stack(sizes, after_relu)` as the student would write it, with the Linear layers
    listed in `frozen` (0-based) named: "nn.Linear(2, 1)", "nn.Sequential(Linear(3, 5), ReLU(),
    Linear(5, 1)) with layer 1 frozen"; a stack with mode layers says it is in train mode."""
    layers = [f"Linear({a}, {b})" for a, b in zip(sizes, sizes[1:])]
    if len(sizes) == 2:
        text = f"nn.Linear({sizes[0]}, {sizes[1]})"
    elif after_relu == "dropout":
        text = "nn.Sequential(" + ", ReLU(), Dropout(0.5), ".join(layers) + ") in train mode"
    elif after_relu == "batchnorm":
        text = "nn.Sequential(" + "".join(f"{layer}, ReLU(), BatchNorm1d({b}, affine=False), "
                                          for layer, b in zip(layers, sizes[1:-1])) + layers[-1] + ") in train mode"
    else:
        text = "nn.Sequential(" + ", ReLU(), ".join(layers) + ")"
    return text + frozen_text(frozen)


def frozen_text(frozen) -> str:
    """" with layer 1, 2 frozen" for the 0-based Linear layers `frozen`, or ""."""
    return " with layer " + ", ".join(str(i + 1) for i in frozen) + " frozen" if frozen else ""


def layers_text(layers) -> str:
    """A `layers_model` list as the student would write it: "Linear(3, 1)", "ReLU()",
    "nn.Sequential(Linear(4, 16) frozen, ReLU(), BatchNorm1d(16), Linear(16, 1, bias=False))"."""
    parts = []
    for layer in layers:
        if layer[0] == "linear":
            text = f"Linear({layer[1]}, {layer[2]}{'' if layer[3] else ', bias=False'})"
            parts.append(text + (" frozen" if layer[4] else ""))
        elif layer[0] == "batchnorm":
            parts.append(f"BatchNorm1d({layer[1]})" + (" frozen" if layer[2] else ""))
        else:
            parts.append("ReLU()")
    return parts[0] if len(parts) == 1 else "nn.Sequential(" + ", ".join(parts) + ")"

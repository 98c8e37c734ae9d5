"""Models built from plain data, the same way on both sides of the worker.

An `nn.Module` cannot travel between the grader and the worker, and a model built from the
random state is not the same model twice. A check that hands the student a model (to train
it, to count its parameters) describes it as plain data instead: layer sizes and initial
weights as tensors, drawn from a seeded generator. Its `@worker_function` builds the model in
the worker with these helpers, and the grader builds the same model on its side to run the
reference on it. Import them inside the worker function's body (a worker function sees only
torch, nn, F and math as globals); this module imports nothing outside torch and math.

    @worker_function
    def run_training(module, sizes, state, X, y):
        from grader.remote.models import linear_stack, load_linear_state

        model, linears = linear_stack(sizes)
        load_linear_state(linears, state)
        ...
"""

from __future__ import annotations

import math

import torch
import torch.nn as nn

AFTER_RELU = ("dropout", "batchnorm")  # what `linear_stack` can put after each hidden ReLU


def seeded_linear_state(sizes, seed: int) -> list:
    """Initial weights for Linear layers sizes[0] -> sizes[1] -> ...: [W1, b1, W2, b2, ...],
    uniform in ±1/sqrt(fan_in) like nn.Linear's own, from a generator seeded with `seed`
    (the caller's random state is left alone)."""
    gen = torch.Generator().manual_seed(seed)
    state = []
    for n_in, n_out in zip(sizes, sizes[1:]):
        bound = 1 / math.sqrt(n_in)
        state.append((torch.rand(n_out, n_in, generator=gen) * 2 - 1) * bound)
        state.append((torch.rand(n_out, generator=gen) * 2 - 1) * bound)
    return state


def linear_stack(sizes, after_relu: str | None = None):
    """Linear layers sizes[0] -> sizes[1] -> ... with a ReLU between two, and with
    `after_relu` "dropout" an nn.Dropout(0.5), "batchnorm" an nn.BatchNorm1d(affine=False),
    after each ReLU. Returns (model, its Linear layers in order): one layer alone is the
    nn.Linear itself, more are an nn.Sequential."""
    if after_relu not in (None, *AFTER_RELU):
        raise ValueError(f"after_relu must be one of {AFTER_RELU} or None, not {after_relu!r}")
    layers = []
    for index in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[index], sizes[index + 1]))
        if index < len(sizes) - 2:
            layers.append(nn.ReLU())
            if after_relu == "dropout":
                layers.append(nn.Dropout(0.5))
            elif after_relu == "batchnorm":
                layers.append(nn.BatchNorm1d(sizes[index + 1], affine=False))
    model = layers[0] if len(layers) == 1 else nn.Sequential(*layers)
    return model, [layer for layer in layers if isinstance(layer, nn.Linear)]


def load_linear_state(linears, state) -> list:
    """Copy `state` ([W1, b1, W2, b2, ...]) into the Linear layers `linears`, in order, without
    recording it in autograd. Returns their parameters in the same order: the model's weights
    as the check knows them (for `OptimizerWatch` and for reading them back)."""
    with torch.no_grad():
        for index, layer in enumerate(linears):
            layer.weight.copy_(state[2 * index])
            layer.bias.copy_(state[2 * index + 1])
    return [p for layer in linears for p in (layer.weight, layer.bias)]


def layers_model(layers):
    """A model from a list of layers as plain data, each ["linear", n_in, n_out, bias, frozen],
    ["relu"] or ["batchnorm", features, frozen] (BatchNorm1d holds buffers beside its
    parameters): the one layer alone, or an nn.Sequential of them. A frozen layer's parameters
    do not require grad."""
    built = []
    for layer in layers:
        if layer[0] == "linear":
            part = nn.Linear(layer[1], layer[2], bias=layer[3])
            part.requires_grad_(not layer[4])
        elif layer[0] == "batchnorm":
            part = nn.BatchNorm1d(layer[1])
            part.requires_grad_(not layer[2])
        else:
            part = nn.ReLU()
        built.append(part)
    return built[0] if len(built) == 1 else nn.Sequential(*built)


def describe_layers(model, names) -> dict:
    """What the attributes `names` of a (student's) model are, as plain values: ["Linear",
    in_features, out_features, has bias] for an nn.Linear, [class name] for anything else, None
    when the model has no such attribute."""
    described = {}
    for name in names:
        part = getattr(model, name, None)
        if isinstance(part, nn.Linear):
            described[name] = ["Linear", part.in_features, part.out_features, part.bias is not None]
        elif part is None:
            described[name] = None
        else:
            described[name] = [type(part).__name__]
    return described


def record_forward_order(model, names) -> list:
    """Wrap the forward of each attribute `names` of the model, on the instance (so that
    self.layer(x) and self.layer.forward(x) are both seen), and return the list that each call
    appends its attribute's name to, in the order they run."""
    order = []

    def noted(name, forward):
        def forward_noted(*args, **kwargs):
            order.append(name)
            return forward(*args, **kwargs)
        return forward_noted

    for name in names:
        layer = getattr(model, name)
        layer.forward = noted(name, layer.forward)
    return order

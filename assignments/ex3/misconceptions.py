"""Common mistakes in Exercise 3, each a wrong `forward` or `build_model` a beginner really writes."""

import torch
import torch.nn as nn
import torch.nn.functional as F

from grader.misconceptions import misconception


@misconception("forward", "x @ W1 instead of x @ W1.T",
               "W1 is stored as (n_hidden, n_in), the layout of nn.Linear.weight, so the first layer is "
               "x @ W1.T. (x @ W1 only runs at all when the layer is square.) See section 2 on matmul shapes.")
def no_transpose(x, W1, b1, W2, b2):
    return torch.relu(x @ W1 + b1) @ W2 + b2


@misconception("forward", "the ReLU is missing",
               "Without an activation the two layers collapse into one linear map. Apply torch.relu to the "
               "hidden layer: relu(x @ W1.T + b1). On the book's input every hidden unit is positive, which is "
               "why 1.70 still came out. See section 6.")
def no_relu(x, W1, b1, W2, b2):
    return (x @ W1.T + b1) @ W2 + b2


@misconception("forward", "sigmoid used where the exercise asks for ReLU",
               "The network uses ReLU, max(0, z): torch.relu(z), not torch.sigmoid(z). See section 6.")
def sigmoid_for_relu(x, W1, b1, W2, b2):
    return torch.sigmoid(x @ W1.T + b1) @ W2 + b2


@misconception("forward", "the first bias b1 is missing",
               "Add b1 to the hidden layer before the ReLU: relu(x @ W1.T + b1).")
def no_first_bias(x, W1, b1, W2, b2):
    return torch.relu(x @ W1.T) @ W2 + b2


@misconception("forward", "the output bias b2 is missing",
               "Add b2 to the output: relu(...) @ W2 + b2.")
def no_output_bias(x, W1, b1, W2, b2):
    return torch.relu(x @ W1.T + b1) @ W2


@misconception("forward", "ReLU applied to the output layer too",
               "The ReLU goes between the layers only; the output layer is linear, so predictions can be "
               "negative.")
def relu_on_output(x, W1, b1, W2, b2):
    return torch.relu(torch.relu(x @ W1.T + b1) @ W2 + b2)


@misconception("forward", "ReLU applied before adding the bias",
               "The bias belongs inside the activation: relu(x @ W1.T + b1), not relu(x @ W1.T) + b1.")
def relu_before_bias(x, W1, b1, W2, b2):
    return (torch.relu(x @ W1.T) + b1) @ W2 + b2


@misconception("forward", "reshape used as a transpose",
               "W1.reshape(n_in, n_hidden) keeps the numbers in memory order and only changes the shape: it "
               "is not the transpose. Use W1.T (or W1.t()). See section 1 on reshape.")
def reshape_as_transpose(x, W1, b1, W2, b2):
    return torch.relu(x @ W1.reshape(W1.shape[1], W1.shape[0]) + b1) @ W2 + b2


@misconception("forward", "the result is cut off from autograd (.detach(), .item() or torch.tensor(...))",
               "Build the output with torch operations on the inputs only; converting to numbers or calling "
               ".detach() stops gradients from flowing back to the weights. See section 4.")
def detached(x, W1, b1, W2, b2):
    return F.relu(x @ W1.T + b1).detach() @ W2.detach() + b2.detach()


# ---------------------------------------------------------------- build_model
#
# A model cannot leave the worker: the engine matches these by what the student's model holds
# (its layers and its state_dict, grader/misconceptions.py), with the entry run seeded like the
# worker, so layers left at their random initial values are reproduced too. Mistakes that leave
# the model's numbers right (shared memory, a cache) are named by the checks' own diagnosis:
# `feedback_contains`.

@misconception("build_model", "W2.reshape(...) used as the transpose in the second layer",
               "nn.Linear stores its weight as (out_features, in_features), so the second layer needs W2.T, the "
               "transpose of W2 (n_hidden, n_out). W2.reshape(n_out, n_hidden) has the right shape but keeps "
               "the numbers in memory order: it is not the transpose. See section 1 on reshape.")
def build_w2_reshaped(W1, b1, W2, b2):
    model = nn.Sequential(nn.Linear(W1.shape[1], W1.shape[0]), nn.ReLU(), nn.Linear(W2.shape[0], W2.shape[1]))
    with torch.no_grad():
        model[0].weight.copy_(W1)
        model[0].bias.copy_(b1)
        model[2].weight.copy_(W2.reshape(W2.shape[1], W2.shape[0]))
        model[2].bias.copy_(b2)
    return model


@misconception("build_model", "W1.T copied into the first layer",
               "W1 is already stored as (n_hidden, n_in), the layout of nn.Linear.weight: copy W1 as it is. Only "
               "W2, stored as (n_hidden, n_out), needs the transpose W2.T.")
def build_w1_transposed(W1, b1, W2, b2):
    model = nn.Sequential(nn.Linear(W1.shape[1], W1.shape[0]), nn.ReLU(), nn.Linear(W2.shape[0], W2.shape[1]))
    with torch.no_grad():
        model[0].weight.copy_(W1.T)
        model[0].bias.copy_(b1)
        model[2].weight.copy_(W2.T)
        model[2].bias.copy_(b2)
    return model


@misconception("build_model", "W2 copied into the second layer without the transpose",
               "nn.Linear(n_hidden, n_out).weight has shape (n_out, n_hidden), while W2 is (n_hidden, n_out): "
               "copy W2.T, its transpose.")
def build_w2_not_transposed(W1, b1, W2, b2):
    model = nn.Sequential(nn.Linear(W1.shape[1], W1.shape[0]), nn.ReLU(), nn.Linear(W2.shape[0], W2.shape[1]))
    with torch.no_grad():
        model[0].weight.copy_(W1)
        model[0].bias.copy_(b1)
        model[2].weight.copy_(W2)
        model[2].bias.copy_(b2)
    return model


@misconception("build_model", "the first layer's sizes read from W1.shape the wrong way round",
               "W1 has shape (n_hidden, n_in), so `n_hidden, n_in = W1.shape` and the first layer is "
               "nn.Linear(n_in, n_hidden): nn.Linear takes (in_features, out_features).")
def build_sizes_swapped(W1, b1, W2, b2):
    n_in, n_hidden = W1.shape
    model = nn.Sequential(nn.Linear(n_in, n_hidden), nn.ReLU(), nn.Linear(n_hidden, W2.shape[1]))
    with torch.no_grad():
        model[0].weight.copy_(W1)
        model[0].bias.copy_(b1)
        model[2].weight.copy_(W2.T)
        model[2].bias.copy_(b2)
    return model


@misconception("build_model", "the ReLU layer is missing from the model",
               "Without nn.ReLU() between them, the two nn.Linear layers collapse into one linear map: "
               "nn.Sequential(nn.Linear(...), nn.ReLU(), nn.Linear(...)).")
def build_no_relu(W1, b1, W2, b2):
    model = nn.Sequential(nn.Linear(W1.shape[1], W1.shape[0]), nn.Linear(W2.shape[0], W2.shape[1]))
    with torch.no_grad():
        model[0].weight.copy_(W1)
        model[0].bias.copy_(b1)
        model[1].weight.copy_(W2.T)
        model[1].bias.copy_(b2)
    return model


@misconception("build_model", "an extra ReLU after the output layer",
               "The ReLU goes between the two layers only: forward's output layer is linear, so the model must "
               "end with the second nn.Linear (its outputs can be negative).")
def build_extra_relu(W1, b1, W2, b2):
    model = nn.Sequential(nn.Linear(W1.shape[1], W1.shape[0]), nn.ReLU(), nn.Linear(W2.shape[0], W2.shape[1]),
                          nn.ReLU())
    with torch.no_grad():
        model[0].weight.copy_(W1)
        model[0].bias.copy_(b1)
        model[2].weight.copy_(W2.T)
        model[2].bias.copy_(b2)
    return model


@misconception("build_model", "nn.Sigmoid() used where the network has a ReLU",
               "forward applies relu between the layers, so the model needs nn.ReLU(), not nn.Sigmoid().")
def build_sigmoid(W1, b1, W2, b2):
    model = nn.Sequential(nn.Linear(W1.shape[1], W1.shape[0]), nn.Sigmoid(), nn.Linear(W2.shape[0], W2.shape[1]))
    with torch.no_grad():
        model[0].weight.copy_(W1)
        model[0].bias.copy_(b1)
        model[2].weight.copy_(W2.T)
        model[2].bias.copy_(b2)
    return model


@misconception("build_model", "only the weights are copied: the biases keep their random initial values",
               "nn.Linear starts with random weights AND random biases: copy b1 into model[0].bias and b2 into "
               "model[2].bias too.")
def build_biases_left_random(W1, b1, W2, b2):
    model = nn.Sequential(nn.Linear(W1.shape[1], W1.shape[0]), nn.ReLU(), nn.Linear(W2.shape[0], W2.shape[1]))
    with torch.no_grad():
        model[0].weight.copy_(W1)
        model[2].weight.copy_(W2.T)
    return model


@misconception("build_model", "copy_ the wrong way round: W1.copy_(layer.weight) overwrites the caller's W1",
               "a.copy_(b) writes b's values into a. To fill the layer, call copy_ on the layer: "
               "model[0].weight.copy_(W1). The other way round, the model keeps its random initial values and "
               "the caller's tensors are overwritten with them.")
def build_copy_reversed(W1, b1, W2, b2):
    model = nn.Sequential(nn.Linear(W1.shape[1], W1.shape[0]), nn.ReLU(), nn.Linear(W2.shape[0], W2.shape[1]))
    with torch.no_grad():
        W1.copy_(model[0].weight)
        b1.copy_(model[0].bias)
        W2.copy_(model[2].weight.T)
        b2.copy_(model[2].bias)
    return model


@misconception("build_model", "W2.t_() transposes the caller's W2 in place",
               "t_() (like every method ending in _) changes the tensor it is called on: the caller's W2 comes "
               "back transposed. W2.T gives the transpose without touching W2.")
def build_w2_transposed_in_place(W1, b1, W2, b2):
    model = nn.Sequential(nn.Linear(W1.shape[1], W1.shape[0]), nn.ReLU(), nn.Linear(W2.shape[0], W2.shape[1]))
    with torch.no_grad():
        model[0].weight.copy_(W1)
        model[0].bias.copy_(b1)
        model[2].weight.copy_(W2.t_())
        model[2].bias.copy_(b2)
    return model


@misconception("build_model", "the layers are the caller's tensors (nn.Parameter(W1), .weight.data = W1)",
               "nn.Parameter(W1) and `.weight.data = W1` do not copy: the model's parameters share memory with "
               "the caller's tensors, so training the model changes W1 and changing W1 changes the model. Copy "
               "the values in: `with torch.no_grad(): model[0].weight.copy_(W1)`.",
               feedback_contains="0.weight is W1", matchable=False)
def build_shares_arguments(W1, b1, W2, b2):
    model = nn.Sequential(nn.Linear(W1.shape[1], W1.shape[0]), nn.ReLU(), nn.Linear(W2.shape[0], W2.shape[1]))
    model[0].weight = nn.Parameter(W1)
    model[0].bias = nn.Parameter(b1)
    model[2].weight = nn.Parameter(W2.T)
    model[2].bias = nn.Parameter(b2)
    return model


@misconception("build_model", "nn.Parameter(W2.T): the second layer's weight is a view of the caller's W2",
               "W2.T is a view: it shares W2's memory. Wrapped in nn.Parameter, training the model changes the "
               "caller's W2. Copy it: nn.Parameter(W2.T.clone()), or model[2].weight.copy_(W2.T) under "
               "torch.no_grad().", feedback_contains="2.weight is a view of W2", matchable=False)
def build_w2_view(W1, b1, W2, b2):
    model = nn.Sequential(nn.Linear(W1.shape[1], W1.shape[0]), nn.ReLU(), nn.Linear(W2.shape[0], W2.shape[1]))
    with torch.no_grad():
        model[0].weight.copy_(W1)
        model[0].bias.copy_(b1)
        model[2].bias.copy_(b2)
    model[2].weight = nn.Parameter(W2.T)
    return model


@misconception("build_model", "requires_grad_(False) on the caller's tensors",
               "Turning off the caller's requires_grad changes their tensors for every later use (they stop "
               "learning). Copy under `with torch.no_grad():` instead, which leaves the arguments alone.",
               feedback_contains="no longer require grad", matchable=False)
def build_turns_off_grad(W1, b1, W2, b2):
    for tensor in (W1, b1, W2, b2):
        tensor.requires_grad_(False)
    model = nn.Sequential(nn.Linear(W1.shape[1], W1.shape[0]), nn.ReLU(), nn.Linear(W2.shape[0], W2.shape[1]))
    with torch.no_grad():
        model[0].weight.copy_(W1)
        model[0].bias.copy_(b1)
        model[2].weight.copy_(W2.T)
        model[2].bias.copy_(b2)
    return model


@misconception("build_model", "one model kept and reused for every call (a cache)",
               "Each call must build new layers: a model kept between calls (in a global, or a default argument "
               "such as `models={}`) is shared, so building a second model changes the first.",
               feedback_contains="changed the first model", matchable=False)
def build_cached(W1, b1, W2, b2, _models={}):
    key = (W1.shape, W2.shape)
    if key not in _models:
        _models[key] = nn.Sequential(nn.Linear(W1.shape[1], W1.shape[0]), nn.ReLU(),
                                     nn.Linear(W2.shape[0], W2.shape[1]))
    model = _models[key]
    with torch.no_grad():
        model[0].weight.copy_(W1)
        model[0].bias.copy_(b1)
        model[2].weight.copy_(W2.T)
        model[2].bias.copy_(b2)
    return model

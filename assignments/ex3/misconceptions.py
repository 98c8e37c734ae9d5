"""Common mistakes in Exercise 3, each a wrong `forward` a beginner really writes."""

import torch
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

"""Common mistakes in Exercise 9, each a wrong version of one contract function.

The grader's engine reruns catalog entries on a failing call's arguments, but `train` and
`count_parameters` take a model, which cannot leave the worker, and `HousePriceNet` is a class:
so all entries are `matchable=False` for the engine, and ex9's checks match them themselves
(checks.py, `known_mistakes`): they rebuild the same model with the same initial weights in the
grader's process, run each entry, and name the entries that reproduce the student's losses,
final weights, outputs or count. Several entries can give the same numbers (step before
backward and zero_grad between backward and step both leave the model untouched): the check
then names all of them."""

import torch
import torch.nn as nn
import torch.nn.functional as F

from grader.misconceptions import misconception

# ---------------------------------------------------------------- train


@misconception("train", "optimizer.step() before loss.backward()",
               "The step uses the gradients loss.backward() has just computed: the order in every epoch is "
               "optimizer.zero_grad(), loss.backward(), optimizer.step(). Stepped first, the optimizer sees no "
               "gradient (they were just cleared) and the model never changes.", matchable=False)
def step_before_backward(model, X, y, epochs, lr):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        loss = F.mse_loss(model(X), y)
        losses.append(loss.item())
        optimizer.zero_grad()
        optimizer.step()
        loss.backward()
    return losses


@misconception("train", "optimizer.zero_grad() between loss.backward() and optimizer.step()",
               "zero_grad() wipes the gradients backward() just computed, so step() has nothing to use and the "
               "model never changes. Clear them before backward(): zero_grad(), backward(), step().",
               matchable=False)
def zero_grad_before_step(model, X, y, epochs, lr):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        loss = F.mse_loss(model(X), y)
        losses.append(loss.item())
        loss.backward()
        optimizer.zero_grad()
        optimizer.step()
    return losses


@misconception("train", "optimizer.zero_grad() missing (gradients accumulate)",
               "backward() adds to .grad: without optimizer.zero_grad() every epoch, each step uses the sum of "
               "all the gradients so far. Call optimizer.zero_grad() before loss.backward() in every epoch.",
               matchable=False)
def no_zero_grad(model, X, y, epochs, lr):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        loss = F.mse_loss(model(X), y)
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
    return losses


@misconception("train", "optimizer re-created every epoch",
               "Adam keeps running averages of the gradients between steps; a new optimizer in every epoch starts "
               "them from zero each time. Create the optimizer once, before the loop.", matchable=False)
def optimizer_in_loop(model, X, y, epochs, lr):
    losses = []
    for _ in range(epochs):
        optimizer = torch.optim.Adam(model.parameters(), lr=lr)
        loss = F.mse_loss(model(X), y)
        losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return losses


@misconception("train", "SGD instead of Adam",
               "The exercise (like section 8) trains with torch.optim.Adam(model.parameters(), lr=lr); SGD takes "
               "other steps, so the losses and weights differ.", matchable=False)
def sgd(model, X, y, epochs, lr):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        loss = F.mse_loss(model(X), y)
        losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return losses


@misconception("train", "the learning rate hard-coded (lr=0.01) instead of the lr argument",
               "Pass the function's own argument: torch.optim.Adam(model.parameters(), lr=lr). The grader calls "
               "train with other learning rates than section 8's 0.01.", matchable=False)
def fixed_lr(model, X, y, epochs, lr):
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    losses = []
    for _ in range(epochs):
        loss = F.mse_loss(model(X), y)
        losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return losses


@misconception("train", "the sum of the squared errors instead of their mean",
               "MSE is the MEAN squared error: F.mse_loss(pred, y) or nn.MSELoss() (reduction='mean'), or "
               "((pred - y) ** 2).mean(); a sum is N times larger.", matchable=False)
def sum_loss(model, X, y, epochs, lr):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        loss = F.mse_loss(model(X), y, reduction="sum")
        losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return losses


@misconception("train", "the loss recorded after the step (of the updated model)",
               "Record the loss the epoch computed before its step: losses.append(loss.item()) right after "
               "loss = criterion(model(X), y). Measured again after step(), it is the next epoch's loss.",
               matchable=False)
def recorded_after_step(model, X, y, epochs, lr):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        loss = F.mse_loss(model(X), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            losses.append(F.mse_loss(model(X), y).item())
    return losses


@misconception("train", "losses recorded as tensors instead of Python floats",
               "Append loss.item(): a tensor keeps the whole graph of its epoch alive, and the contract asks for "
               "a list of Python floats.", matchable=False)
def tensor_losses(model, X, y, epochs, lr):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        loss = F.mse_loss(model(X), y)
        losses.append(loss)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return losses


@misconception("train", "a copy of the model trained instead of the model itself",
               "train must change the model it is given (in place), as section 8's loop does: no "
               "copy.deepcopy(model), no new HousePriceNet inside train.", matchable=False)
def trains_a_copy(model, X, y, epochs, lr):
    import copy

    model = copy.deepcopy(model)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        loss = F.mse_loss(model(X), y)
        losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return losses


# ---------------------------------------------------------------- count_parameters


@misconception("count_parameters", "the parameter tensors counted instead of their values",
               "len(list(model.parameters())) counts tensors (4 for HousePriceNet: two weights, two biases). "
               "Add up p.numel() for every parameter p instead.", matchable=False)
def counts_tensors(model):
    return len(list(model.parameters()))


@misconception("count_parameters", "frozen parameters (requires_grad=False) counted too",
               "Only trainable values count: sum(p.numel() for p in model.parameters() if p.requires_grad).",
               matchable=False)
def counts_frozen(model):
    return sum(p.numel() for p in model.parameters())


# ---------------------------------------------------------------- HousePriceNet
# A class cannot be a catalog entry as such: each entry is a function that builds the wrong
# network (the mutant `grade verify` makes replaces the class with it).


@misconception("HousePriceNet", "forward without the activation (layer2(layer1(x)))",
               "Apply self.activation between the two layers: layer1 -> activation -> layer2. Without it the two "
               "Linear layers collapse into one linear map (section 6).", matchable=False)
def no_activation(input_size, hidden_size, output_size):
    class HousePriceNet(nn.Module):
        def __init__(self):
            super().__init__()
            self.layer1 = nn.Linear(input_size, hidden_size)
            self.activation = nn.ReLU()
            self.layer2 = nn.Linear(hidden_size, output_size)

        def forward(self, x):
            return self.layer2(self.layer1(x))

    return HousePriceNet()


@misconception("HousePriceNet", "the activation applied after layer2 instead of between the layers",
               "The order is layer1 -> activation -> layer2: the ReLU acts on the hidden layer. After layer2 it "
               "clips every negative prediction to 0 and the layers still collapse into one linear map.",
               matchable=False)
def activation_last(input_size, hidden_size, output_size):
    class HousePriceNet(nn.Module):
        def __init__(self):
            super().__init__()
            self.layer1 = nn.Linear(input_size, hidden_size)
            self.activation = nn.ReLU()
            self.layer2 = nn.Linear(hidden_size, output_size)

        def forward(self, x):
            return self.activation(self.layer2(self.layer1(x)))

    return HousePriceNet()


@misconception("HousePriceNet", "forward calls torch.relu instead of self.activation",
               "forward must apply the module's own attributes in order: x = self.activation(x) between "
               "self.layer1 and self.layer2. torch.relu(x) gives the same numbers today, but the model's "
               "activation attribute is then ignored (swap it for nn.Tanh() and nothing changes).",
               matchable=False)
def relu_bypasses_attribute(input_size, hidden_size, output_size):
    class HousePriceNet(nn.Module):
        def __init__(self):
            super().__init__()
            self.layer1 = nn.Linear(input_size, hidden_size)
            self.activation = nn.ReLU()
            self.layer2 = nn.Linear(hidden_size, output_size)

        def forward(self, x):
            return self.layer2(torch.relu(self.layer1(x)))

    return HousePriceNet()

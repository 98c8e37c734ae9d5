"""Exercise 9: the complete example, house prices (chapter 2, section 8, "Putting It All
Together").

Read section 8 first: it builds the data, the model, the loss, the optimizer and the
training loop in one script. Here you write the same pieces as functions the grader can
call. Then run `grade ex9`.

    model = HousePriceNet(4, 16, 1)        # 97 parameters
    losses = train(model, X_TRAIN, Y_TRAIN, epochs=2000, lr=0.01)
    print(count_parameters(model), losses[0], losses[-1])

Leave the random generator to the caller: no torch.manual_seed anywhere in this file (not
at the top, as section 8's script has it, not in HousePriceNet or train). The results here
depend on it (initial weights, dropout masks), so the contract forbids seeding in ex9.
"""

import torch
import torch.nn as nn
import torch.nn.functional as F

# Section 8's eight houses, as float32 tensors:
# X_TRAIN: shape (8, 4), one row per house: [size (100s sqft), bedrooms, bathrooms, age (decades)].
# Y_TRAIN: shape (8, 1), the prices in $1000s, one row per house ([[200.0], [320.0], ...]).
X_TRAIN = None
Y_TRAIN = None


class HousePriceNet(nn.Module):
    """Section 8's two-layer network.

    - Attributes: self.layer1 = nn.Linear(input_size, hidden_size), self.activation = nn.ReLU(),
      self.layer2 = nn.Linear(hidden_size, output_size).
    - forward(x): x of shape (batch, input_size) -> layer1 -> activation -> layer2, a tensor of
      shape (batch, output_size), for any sizes and batch (0 and 1 included). Apply the three
      attributes themselves, each once and in that order (F.relu(x) instead of
      self.activation(x) does not apply the model's activation), and stay differentiable
      (no .detach(), .item() or torch.no_grad() in forward).
    - HousePriceNet(4, 16, 1) has 4*16 + 16 + 16*1 + 1 = 97 parameters: no layers or
      parameters beyond these three attributes.
    """

    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        raise NotImplementedError

    def forward(self, x):
        raise NotImplementedError


def count_parameters(model):
    """The number of trainable parameter values of any nn.Module, as an int.

    - Count values, not tensors: nn.Linear(4, 16) holds 4*16 + 16 = 80 values in 2 tensors.
    - A parameter with requires_grad=False (frozen) does not count, nor do buffers (the
      running statistics of a BatchNorm layer); a layer without bias has no bias to count.
    - A parameter two layers share (tied weights) is one parameter: count it once, as
      model.parameters() gives it once.
    - Return a Python int (not a tensor, not a float).
    """
    raise NotImplementedError


def train(model, X, y, epochs, lr):
    """Section 8's training loop, on `model` itself (in place); returns the loss of every epoch.

    - X: (N, F) float32, y: (N, 1) float32; model maps (N, F) to (N, 1). Any model, any sizes.
    - Create ONE optimizer, torch.optim.Adam(model.parameters(), lr=lr), before the loop.
    - Each of the `epochs` epochs: predictions on all of X, the MSE loss against y (the mean),
      record loss.item() (a Python float, before the step), optimizer.zero_grad(),
      loss.backward(), optimizer.step().
    - Return the list of the `epochs` losses (epochs=0 gives [] and leaves the model alone).
      Do not modify X or y.
    - Given the same initial weights, the losses (relative 1e-4) and the final weights
      (relative 1e-4 plus 1e-5 + 0.05 * lr) must be the reference's: exactly one forward
      pass, one backward pass and one step per epoch, the optimizer holding the model's own
      parameters (no copy of the model), lr taken as given (0 too: no `lr or 0.01`).
    - Train the model in the mode it is given (no model.eval() or model.train(): the mode
      changes dropout and batch normalisation), leave the random generator alone (no
      torch.manual_seed inside train: dropout must draw the caller's masks), and train only
      what requires grad (leave a frozen layer frozen and unchanged).
    """
    raise NotImplementedError

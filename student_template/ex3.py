"""Exercise 3: a manual forward pass (chapter 2, section 9, Exercise 3).

Read first: section 2 (matrix multiplication and broadcasting), section 5 (your first
neural network) and section 6 (ReLU). Then fill in the two functions below and run
`grade ex3` to check your work.

Conventions (the same as the book's solution and as `nn.Linear`):
    x   has shape (batch, n_in)        one row per example
    W1  has shape (n_hidden, n_in)     the layout of nn.Linear(n_in, n_hidden).weight
    b1  has shape (n_hidden,)
    W2  has shape (n_hidden, n_out)    note: NOT the nn.Linear layout
    b2  has shape (n_out,)

The book's example: x = [[2., 3.]], W1 = [[.5, -.3], [.2, .8]], b1 = [.1, -.1],
W2 = [[.4], [.6]], b2 = [0.]  gives  [[1.70]].
"""

import torch
import torch.nn as nn


def forward(x, W1, b1, W2, b2):
    """Return relu(x @ W1.T + b1) @ W2 + b2, a tensor of shape (batch, n_out).

    - Works for any batch size (0 and 1 included, 100 too) and layer sizes (1 included),
      values up to 1e3, in float32 and float64 (keep the dtype). Compared with the formula
      within float rounding: a relative 1e-4 in float32 (1e-7 in float64) plus 1e-5 (1e-9)
      times the largest output (at least 1).
    - Must stay differentiable: no .item(), .detach(), .tolist() or torch.tensor(...) on
      intermediate results, so that autograd can reach all five inputs (the gradients are
      compared with autograd's through the formula, for any upstream gradient).
    - Must not modify its inputs (no in-place operations such as += or .relu_() on them),
      and computes afresh on every call: no answer kept from an earlier call (the same
      tensors may hold new values next time).
    """
    raise NotImplementedError


def build_model(W1, b1, W2, b2):
    """Return nn.Sequential(nn.Linear, nn.ReLU, nn.Linear) holding COPIES of the values.

    Afterwards model(x) must equal forward(x, W1, b1, W2, b2) for float32 inputs.
    - nn.Linear(n_in, n_hidden).weight has shape (n_hidden, n_in): W1 fits as is.
    - The second layer's weight has shape (n_out, n_hidden): that is W2 transposed.
    - Copy the values in under torch.no_grad() (e.g. layer.weight.copy_(W1)), so that
      changing W1 later does not change the model: the layers must share no memory with
      the arguments (nn.Parameter(W1), `.weight.data = W1` and the view W2.T all share it;
      W2.T.clone() does not).
    - Leave W1, b1, W2, b2 as they are: values (copy_ writes into the tensor it is called on,
      and W2.t_() transposes the caller's W2) and requires_grad (they may require grad).
    - A second call builds a new model and leaves the first one alone (no cache, no global).
    - Same tolerance as forward, for any sizes (W1 and W2 may be square, n_out may be 1).
    """
    raise NotImplementedError

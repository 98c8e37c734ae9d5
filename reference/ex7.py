"""Exercise 7: backpropagation by hand (chapter 2, section 4, "Backpropagation").

Read first: section 4 (the chain rule and the computation graph x -> y -> z -> L), and
ex3 for the network. Then fill in the two functions below and run `grade ex7` to check.

The network is the one of ex3, with the same conventions:
    x   has shape (batch, n_in)
    W1  has shape (n_hidden, n_in)     the layout of nn.Linear(n_in, n_hidden).weight
    b1  has shape (n_hidden,)
    W2  has shape (n_hidden, n_out)    note: NOT the nn.Linear layout
    b2  has shape (n_out,)
    out = relu(x @ W1.T + b1) @ W2 + b2        shape (batch, n_out)

This time you compute the gradients yourself, by the chain rule, one operation at a time
from the output back to the inputs. No autograd: no Tensor.backward(), no torch.autograd
(nor torch.func), no requires_grad (the grader reads your code and watches it run to check).
Methods of your own classes may have any name, `backward` too: a layer class of your own
with forward() and backward() methods that apply the chain rule is fine.
"""

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    """Return the gradients of a loss L with respect to x, W1, b1, W2 and b2, as a dict.

    - grad_out is dL/dout, of shape (batch, n_out): the gradient arriving from the loss.
    - Return {"x": ..., "W1": ..., "b1": ..., "W2": ..., "b2": ...}: these keys, spelled
      exactly so (capital W), each value a tensor of the same shape as that input (the
      bias gradients are (n_hidden,) and (n_out,), not one row per example).
    - They must equal what autograd would compute for `(out * grad_out).sum()`, within float
      rounding: a relative 1e-4 in float32 (1e-7 in float64) plus an absolute margin of
      1e-5 (1e-9) times the largest gradient of that input (at least 1).
    - The ReLU's slope is 1 where its input is > 0, however small (1e-30, a subnormal 1e-40
      too), and 0 elsewhere, also at exactly 0 (as in PyTorch): the mask is z1 > 0, with no
      threshold.
    - Work for any batch size (0 and 1 included, thousands too) and layer sizes (1
      included), values from 1e-3 to 1e3, in float32 and float64 (keep the dtype), and for
      inputs that are non-contiguous or expanded views (.view() fails on those).
    - Do not modify the inputs, not even for a moment (no in-place operations such as +=,
      .t_() or .relu_() on them, even undone later).

    Tip: redo the forward pass first and keep the intermediate results (the hidden layer
    before and after the ReLU); then go backwards: output layer, ReLU, first layer.
    """
    # BEGIN SOLUTION
    # forward pass, keeping what the backward pass needs
    z1 = x @ W1.T + b1  # (batch, n_hidden)
    h = torch.relu(z1)  # (batch, n_hidden)
    # out = h @ W2 + b2
    grad_W2 = h.T @ grad_out  # (n_hidden, n_out)
    grad_b2 = grad_out.sum(0)  # b2 was added to every row
    grad_h = grad_out @ W2.T  # (batch, n_hidden)
    # h = relu(z1): slope 1 where z1 > 0, 0 elsewhere (0 at exactly 0, as in PyTorch)
    grad_z1 = grad_h * (z1 > 0)
    # z1 = x @ W1.T + b1
    grad_W1 = grad_z1.T @ x  # (n_hidden, n_in), the layout of W1
    grad_b1 = grad_z1.sum(0)
    grad_x = grad_z1 @ W1  # (batch, n_in)
    return {"x": grad_x, "W1": grad_W1, "b1": grad_b1, "W2": grad_W2, "b2": grad_b2}
    # END SOLUTION


def chain_rule_example():
    """Return (dL/dw, dL/db) as a tuple of two Python floats, worked out by hand.

    Section 4's graph: x = 2, w = 3, b = 1, y = w * x, z = y + b, L = z ** 2.
    Multiply the local derivatives along the path from L back to w (and to b), as the
    section does: dL/dz, then dz/dy, then dy/dw. No autograd here either. (The section
    checks its answer with PyTorch, which prints 28.0 and 14.0.) Ints of the same value are
    fine too; tensors are not (use .item()).
    """
    # BEGIN SOLUTION
    x, w, b = 2.0, 3.0, 1.0
    y = w * x  # 6
    z = y + b  # 7, and L = z**2 = 49
    dL_dz = 2 * z  # 14
    # dz/dy = 1 and dz/db = 1; dy/dw = x
    return dL_dz * x, dL_dz  # (28.0, 14.0)
    # END SOLUTION

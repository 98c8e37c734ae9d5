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
from the output back to the inputs. No autograd: no .backward(), no torch.autograd, no
requires_grad (the grader reads your code and watches it run to check).
"""

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    """Return the gradients of a loss L with respect to x, W1, b1, W2 and b2, as a dict.

    - grad_out is dL/dout, of shape (batch, n_out): the gradient arriving from the loss.
    - Return {"x": ..., "W1": ..., "b1": ..., "W2": ..., "b2": ...}: exactly these keys,
      each value a tensor of the same shape as that input (the bias gradients are
      (n_hidden,) and (n_out,), not one row per example).
    - They must equal what autograd would compute for `(out * grad_out).sum()`.
    - The ReLU's slope is 1 where its input is > 0 and 0 elsewhere, also at exactly 0
      (as in PyTorch).
    - Work for any batch size and layer sizes, in float32 and float64 (keep the dtype).
    - Do not modify the inputs (no in-place operations such as += or .relu_() on them).

    Tip: redo the forward pass first and keep the intermediate results (the hidden layer
    before and after the ReLU); then go backwards: output layer, ReLU, first layer.
    """
    raise NotImplementedError


def chain_rule_example():
    """Return (dL/dw, dL/db) as a tuple of two Python floats, worked out by hand.

    Section 4's graph: x = 2, w = 3, b = 1, y = w * x, z = y + b, L = z ** 2.
    Multiply the local derivatives along the path from L back to w (and to b), as the
    section does: dL/dz, then dz/dy, then dy/dw. No autograd here either. (The section
    checks its answer with PyTorch, which prints 28.0 and 14.0.)
    """
    raise NotImplementedError

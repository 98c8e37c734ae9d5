"""VALID: a Python loop over the batch, one sample at a time, accumulating outer products (torch.outer) into zeros_like accumulators (so the dtype follows the inputs and an empty batch gives zeros), and writing each row of the x gradient into a new_zeros buffer."""

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    dW1 = torch.zeros_like(W1)
    db1 = torch.zeros_like(b1)
    dW2 = torch.zeros_like(W2)
    db2 = torch.zeros_like(b2)
    dx = x.new_zeros(x.shape)
    for n in range(x.shape[0]):
        xn = x[n]                      # (n_in,)
        gn = grad_out[n]               # (n_out,)
        zn = W1 @ xn + b1              # (n_hidden,)
        hn = zn * (zn > 0)
        dW2 = dW2 + torch.outer(hn, gn)
        db2 = db2 + gn
        dzn = (W2 @ gn) * (zn > 0)
        dW1 = dW1 + torch.outer(dzn, xn)
        db1 = db1 + dzn
        dx[n] = dzn @ W1
    return {"x": dx, "W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


def chain_rule_example():
    # L = (w*x + b)^2 at x=2, w=3, b=1
    z = 3.0 * 2.0 + 1.0
    return (2.0 * z * 2.0, 2.0 * z)

"""Valid: one example at a time, with outer products added into zero tensors."""

import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    gx = torch.zeros_like(x)
    gW1 = torch.zeros_like(W1)
    gb1 = torch.zeros_like(b1)
    gW2 = torch.zeros_like(W2)
    gb2 = torch.zeros_like(b2)
    for i in range(x.shape[0]):
        z = W1 @ x[i] + b1  # (n_hidden,)
        h = z.clamp(min=0)
        g = grad_out[i]  # (n_out,)
        gW2 = gW2 + torch.outer(h, g)
        gb2 = gb2 + g
        gz = (W2 @ g) * (z > 0).to(z.dtype)
        gW1 = gW1 + torch.outer(gz, x[i])
        gb1 = gb1 + gz
        gx[i] = W1.T @ gz
    return {"W1": gW1, "b1": gb1, "W2": gW2, "b2": gb2, "x": gx}


def chain_rule_example():
    # L = (w*x + b)**2
    x, w, b = 2, 3, 1
    z = w * x + b
    dL_dz = 2.0 * z
    dL_dw = dL_dz * 1 * x
    dL_db = dL_dz * 1
    return (float(dL_dw), float(dL_db))

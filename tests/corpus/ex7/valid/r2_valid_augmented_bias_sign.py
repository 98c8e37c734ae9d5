"""VALID: each layer is rewritten in homogeneous coordinates (a column of ones appended to the input, the bias glued onto the weight matrix), so every layer is a single matmul and the bias gradient falls out as the last column (or row) of the augmented weight gradient; the ReLU slope is torch.sign of the ReLU output, which is 1 where z > 0 and exactly 0 elsewhere."""

import torch


def _ones_column(t):
    return t.new_ones(t.shape[0], 1)


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    x, W1, b1, W2, b2, g = (t.detach() for t in (x, W1, b1, W2, b2, grad_out))
    n_in, n_hidden = W1.shape[1], W1.shape[0]

    x_aug = torch.cat([x, _ones_column(x)], dim=1)            # (batch, n_in + 1)
    A1 = torch.cat([W1, b1.unsqueeze(1)], dim=1)             # (n_hidden, n_in + 1)
    h = torch.relu(x_aug @ A1.T)                             # (batch, n_hidden)
    h_aug = torch.cat([h, _ones_column(h)], dim=1)           # (batch, n_hidden + 1)
    A2 = torch.cat([W2, b2.unsqueeze(0)], dim=0)             # (n_hidden + 1, n_out)

    dA2 = h_aug.T @ g                                        # (n_hidden + 1, n_out)
    dh = (g @ A2.T)[:, :n_hidden]                            # drop the ones column
    dz = dh * torch.sign(h)
    dA1 = dz.T @ x_aug                                       # (n_hidden, n_in + 1)
    dx = (dz @ A1)[:, :n_in]

    return {
        "x": dx,
        "W1": dA1[:, :n_in],
        "b1": dA1[:, n_in],
        "W2": dA2[:n_hidden],
        "b2": dA2[n_hidden],
    }


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    z = w * x + b
    return 2.0 * z * x, 2.0 * z

"""WRONG: backward_by_hand gets the gradients from torch.func.vjp -- autograd under another name -- instead of writing out the chain rule -- breaks "backward_by_hand(...): ... by the chain rule written out: no autograd"; shows on every call (values equal autograd's exactly).
"""
import torch


def _out(x, W1, b1, W2, b2):
    return torch.relu(x @ W1.T + b1) @ W2 + b2


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    _, pullback = torch.func.vjp(_out, x, W1, b1, W2, b2)
    gx, gW1, gb1, gW2, gb2 = pullback(grad_out)
    return {"x": gx, "W1": gW1, "b1": gb1, "W2": gW2, "b2": gb2}


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    z = w * x + b
    dL_dz = 2 * z
    return (dL_dz * 1.0 * x, dL_dz * 1.0)

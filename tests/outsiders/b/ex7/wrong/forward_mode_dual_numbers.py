"""WRONG: backward_by_hand computes each gradient entry with forward-mode autograd (torch.autograd.forward_ad dual numbers, one tangent per input element) -- breaks "by the chain rule written out: no autograd (... no torch.autograd ...)"; shows on every call (values match autograd).
"""
import torch
import torch.autograd.forward_ad as fwAD


def _out(x, W1, b1, W2, b2):
    return torch.relu(x @ W1.T + b1) @ W2 + b2


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    inputs = [x, W1, b1, W2, b2]
    names = ["x", "W1", "b1", "W2", "b2"]
    grads = {}
    for i, (name, t) in enumerate(zip(names, inputs)):
        g = torch.zeros_like(t)
        flat = g.reshape(-1)
        for j in range(t.numel()):
            tangent = torch.zeros_like(t).reshape(-1)
            tangent[j] = 1
            with fwAD.dual_level():
                args = list(inputs)
                args[i] = fwAD.make_dual(t, tangent.reshape(t.shape))
                out = _out(*args)
                jvp = fwAD.unpack_dual(out).tangent
            flat[j] = (jvp * grad_out).sum()
        grads[name] = g
    return grads


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    z = w * x + b
    dL_dz = 2 * z
    return (dL_dz * 1.0 * x, dL_dz * 1.0)

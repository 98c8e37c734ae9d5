"""VALID: computes everything in the transposed orientation and transposes back: dW1^T = x^T dz1 is formed as torch.mm(x.t(), dz1).t() and dW2 = torch.mm(a1.t(), grad_out); the forward uses torch.addmm(b1, x, W1.t()); the ReLU backward uses masked_fill on a NEW tensor (da1.masked_fill(z1 <= 0, 0), not in place on an input); bias gradients via torch.sum(..., dim=0). Every result has its input's shape and dtype, matches PyTorch's automatic differentiation for (out * grad_out).sum(), no PyTorch's automatic differentiation used, inputs untouched. chain_rule_example returns the floats (28.0, 14.0) computed from the local derivatives.
"""
import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z1 = torch.addmm(b1, x, W1.t())
    a1 = z1.clamp(min=0)
    dW2 = torch.mm(a1.t(), grad_out)
    db2 = torch.sum(grad_out, dim=0)
    da1 = torch.mm(grad_out, W2.t())
    dz1 = da1.masked_fill(z1 <= 0, 0)
    dW1 = torch.mm(x.t(), dz1).t()
    db1 = torch.sum(dz1, dim=0)
    dx = torch.mm(dz1, W1)
    return {"x": dx, "W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    z = w * x + b          # 7
    dL_dz = 2 * z          # 14
    dz_dy, dz_db, dy_dw = 1.0, 1.0, x
    return (float(dL_dz * dz_dy * dy_dw), float(dL_dz * dz_db))

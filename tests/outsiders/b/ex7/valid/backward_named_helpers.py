"""VALID: the chain rule split into plain helper functions named relu_backward and linear_backward (called as functions, not Tensor.backward()), with local variables named grad_*; no autograd.
"""
import torch


def relu_backward(grad, pre_activation):
    return grad * (pre_activation > 0).to(grad.dtype)


def linear_backward(grad, inputs, weight_used):
    """For y = inputs @ weight_used: returns (d inputs, d weight_used)."""
    return grad @ weight_used.T, inputs.T @ grad


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z1 = x @ W1.T + b1
    h = torch.relu(z1)
    grad_h, grad_W2 = linear_backward(grad_out, h, W2)
    grad_b2 = grad_out.sum(dim=0)
    grad_z1 = relu_backward(grad_h, z1)
    grad_x, grad_W1_T = linear_backward(grad_z1, x, W1.T)
    grad_b1 = grad_z1.sum(dim=0)
    return {"x": grad_x, "W1": grad_W1_T.T, "b1": grad_b1, "W2": grad_W2, "b2": grad_b2}


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    grad_z = 2 * (w * x + b)
    return (grad_z * 1.0 * x, grad_z * 1.0)

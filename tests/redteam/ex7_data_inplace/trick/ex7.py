import torch


def backward_by_hand(x, W1, b1, W2, b2, grad_out):
    z1 = x @ W1.T + b1
    h = torch.relu(z1)
    grad_W2 = h.T @ grad_out
    grad_b2 = grad_out.sum(0)
    # flips the caller's tensor in place (and back): -(grad_out @ -W2.T) without a temporary
    W2.data.neg_()  # through .data: the version counter does not move
    grad_h = -(grad_out @ W2.T)
    W2.data.neg_()  # through .data: the version counter does not move
    grad_z1 = grad_h * (z1 > 0).to(grad_h.dtype)
    return {"x": grad_z1 @ W1, "W1": grad_z1.T @ x, "b1": grad_z1.sum(0), "W2": grad_W2, "b2": grad_b2}


def chain_rule_example():
    x, w, b = 2.0, 3.0, 1.0
    z = w * x + b
    return (2 * z * x, 2 * z)

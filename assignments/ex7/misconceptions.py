"""Common mistakes in Exercise 7, each a wrong `backward_by_hand` or `chain_rule_example` a
beginner really writes. Every one starts from the same forward pass:
z1 = x @ W1.T + b1, h = relu(z1), out = h @ W2 + b2."""

import torch

from grader.misconceptions import misconception


@misconception("backward_by_hand", "the ReLU's derivative is left out (no mask, or one that is always 1, "
               "such as h >= 0)",
               "Going back through h = relu(z1), multiply by the ReLU's slope: 1 where z1 > 0, 0 elsewhere, so "
               "grad_z1 = grad_h * (z1 > 0). (h >= 0 is true everywhere, so a mask made from it changes nothing; "
               "the numbers cannot tell that from no mask at all.) See section 6 on ReLU.")
def no_relu_mask(x, W1, b1, W2, b2, grad_out):
    z1 = x @ W1.T + b1
    h = torch.relu(z1)
    grad_z1 = grad_out @ W2.T
    return {"x": grad_z1 @ W1, "W1": grad_z1.T @ x, "b1": grad_z1.sum(0),
            "W2": h.T @ grad_out, "b2": grad_out.sum(0)}


@misconception("backward_by_hand", "the ReLU's slope taken as 1 at exactly 0 (z1 >= 0 instead of z1 > 0)",
               "At a pre-activation of exactly 0, PyTorch takes ReLU's slope as 0: use the mask z1 > 0 (or "
               "h > 0), not z1 >= 0.")
def tie_counts_as_one(x, W1, b1, W2, b2, grad_out):
    z1 = x @ W1.T + b1
    h = torch.relu(z1)
    grad_z1 = (grad_out @ W2.T) * (z1 >= 0)
    return {"x": grad_z1 @ W1, "W1": grad_z1.T @ x, "b1": grad_z1.sum(0),
            "W2": h.T @ grad_out, "b2": grad_out.sum(0)}


@misconception("backward_by_hand", "multiplied by relu(z1) itself instead of its slope",
               "The chain rule multiplies by the derivative of the ReLU, which is 0 or 1 (z1 > 0), not by its "
               "output h = relu(z1): grad_z1 = grad_h * (z1 > 0).")
def relu_value_for_slope(x, W1, b1, W2, b2, grad_out):
    z1 = x @ W1.T + b1
    h = torch.relu(z1)
    grad_z1 = (grad_out @ W2.T) * h
    return {"x": grad_z1 @ W1, "W1": grad_z1.T @ x, "b1": grad_z1.sum(0),
            "W2": h.T @ grad_out, "b2": grad_out.sum(0)}


@misconception("backward_by_hand", "the ReLU mask taken from the input x instead of the pre-activation z1",
               "The ReLU acts on the hidden layer's pre-activation z1 = x @ W1.T + b1 (shape (batch, n_hidden)), "
               "so its mask is z1 > 0; x > 0 only has the right shape when n_in equals n_hidden, and even then "
               "the wrong values.")
def mask_from_x(x, W1, b1, W2, b2, grad_out):
    z1 = x @ W1.T + b1
    h = torch.relu(z1)
    grad_z1 = (grad_out @ W2.T) * (x > 0)
    return {"x": grad_z1 @ W1, "W1": grad_z1.T @ x, "b1": grad_z1.sum(0),
            "W2": h.T @ grad_out, "b2": grad_out.sum(0)}


@misconception("backward_by_hand", "the bias gradients averaged over the batch (.mean(0)) instead of summed",
               "A bias is added to every example's row, so its gradient is the SUM of the rows' gradients: "
               "grad_out.sum(0) and grad_z1.sum(0). (With one example the two agree, which is why the book's "
               "example passed.)")
def bias_mean(x, W1, b1, W2, b2, grad_out):
    z1 = x @ W1.T + b1
    h = torch.relu(z1)
    grad_z1 = (grad_out @ W2.T) * (z1 > 0)
    return {"x": grad_z1 @ W1, "W1": grad_z1.T @ x, "b1": grad_z1.mean(0),
            "W2": h.T @ grad_out, "b2": grad_out.mean(0)}


@misconception("backward_by_hand", "the bias gradients not summed over the batch (one row per example)",
               "b1 has shape (n_hidden,) and b2 (n_out,), so their gradients must too: each example's row adds "
               "to the same bias, so sum the rows, grad_z1.sum(0) and grad_out.sum(0).")
def bias_not_summed(x, W1, b1, W2, b2, grad_out):
    z1 = x @ W1.T + b1
    h = torch.relu(z1)
    grad_z1 = (grad_out @ W2.T) * (z1 > 0)
    return {"x": grad_z1 @ W1, "W1": grad_z1.T @ x, "b1": grad_z1, "W2": h.T @ grad_out, "b2": grad_out}


@misconception("backward_by_hand", "the gradient of W1 in the (n_in, n_hidden) layout: x.T @ grad_z1",
               "W1 is stored as (n_hidden, n_in), and its gradient has the same shape: grad_W1 = grad_z1.T @ x. "
               "x.T @ grad_z1 is its transpose.")
def w1_transposed(x, W1, b1, W2, b2, grad_out):
    z1 = x @ W1.T + b1
    h = torch.relu(z1)
    grad_z1 = (grad_out @ W2.T) * (z1 > 0)
    return {"x": grad_z1 @ W1, "W1": x.T @ grad_z1, "b1": grad_z1.sum(0),
            "W2": h.T @ grad_out, "b2": grad_out.sum(0)}


@misconception("backward_by_hand", "the gradient of W1 reshaped to W1's shape from x.T @ grad_z1",
               "reshape keeps the numbers in memory order: it does not transpose. Compute grad_W1 = "
               "grad_z1.T @ x, which already has W1's shape (n_hidden, n_in).")
def w1_reshaped(x, W1, b1, W2, b2, grad_out):
    z1 = x @ W1.T + b1
    h = torch.relu(z1)
    grad_z1 = (grad_out @ W2.T) * (z1 > 0)
    return {"x": grad_z1 @ W1, "W1": (x.T @ grad_z1).reshape(W1.shape), "b1": grad_z1.sum(0),
            "W2": h.T @ grad_out, "b2": grad_out.sum(0)}


@misconception("backward_by_hand", "the gradient of x uses W1.T instead of W1",
               "The forward pass multiplied by W1.T, so going back multiplies by its transpose, W1 itself: "
               "grad_x = grad_z1 @ W1, shape (batch, n_hidden) @ (n_hidden, n_in) = (batch, n_in).")
def x_with_W1_T(x, W1, b1, W2, b2, grad_out):
    z1 = x @ W1.T + b1
    h = torch.relu(z1)
    grad_z1 = (grad_out @ W2.T) * (z1 > 0)
    return {"x": grad_z1 @ W1.T, "W1": grad_z1.T @ x, "b1": grad_z1.sum(0),
            "W2": h.T @ grad_out, "b2": grad_out.sum(0)}


@misconception("backward_by_hand", "the gradient of W2 computed from the pre-activation z1 instead of the "
               "ReLU's output h",
               "The second layer multiplies h = relu(z1), so grad_W2 = h.T @ grad_out. Using z1 gives wrong "
               "numbers wherever a hidden unit is below 0.")
def w2_from_preactivation(x, W1, b1, W2, b2, grad_out):
    z1 = x @ W1.T + b1
    h = torch.relu(z1)
    grad_z1 = (grad_out @ W2.T) * (z1 > 0)
    return {"x": grad_z1 @ W1, "W1": grad_z1.T @ x, "b1": grad_z1.sum(0),
            "W2": z1.T @ grad_out, "b2": grad_out.sum(0)}


@misconception("backward_by_hand", "the gradient of W2 in the nn.Linear layout (n_out, n_hidden): "
               "grad_out.T @ h",
               "In this exercise W2 is stored as (n_hidden, n_out) (out = h @ W2 + b2), not as nn.Linear's "
               "weight: its gradient is h.T @ grad_out, of W2's own shape.")
def w2_linear_layout(x, W1, b1, W2, b2, grad_out):
    z1 = x @ W1.T + b1
    h = torch.relu(z1)
    grad_z1 = (grad_out @ W2.T) * (z1 > 0)
    return {"x": grad_z1 @ W1, "W1": grad_z1.T @ x, "b1": grad_z1.sum(0),
            "W2": grad_out.T @ h, "b2": grad_out.sum(0)}


@misconception("backward_by_hand", "grad_out ignored (the gradient from the loss taken as all ones)",
               "grad_out is dL/dout, the gradient arriving from the loss: every gradient starts from it "
               "(grad_b2 = grad_out.sum(0), grad_W2 = h.T @ grad_out, grad_h = grad_out @ W2.T). torch.ones_like"
               "(out) is only right when the loss is out.sum().")
def grad_out_ignored(x, W1, b1, W2, b2, grad_out):
    z1 = x @ W1.T + b1
    h = torch.relu(z1)
    ones = torch.ones_like(h @ W2 + b2)
    grad_z1 = (ones @ W2.T) * (z1 > 0)
    return {"x": grad_z1 @ W1, "W1": grad_z1.T @ x, "b1": grad_z1.sum(0), "W2": h.T @ ones, "b2": ones.sum(0)}


@misconception("backward_by_hand", 'the dict\'s keys spelled differently ("w1", "w2" instead of "W1", "W2")',
               'Use exactly the argument names as keys, capital W included: {"x": ..., "W1": ..., "b1": ..., '
               '"W2": ..., "b2": ...}.')
def keys_lowercase(x, W1, b1, W2, b2, grad_out):
    z1 = x @ W1.T + b1
    h = torch.relu(z1)
    grad_z1 = (grad_out @ W2.T) * (z1 > 0)
    return {"x": grad_z1 @ W1, "w1": grad_z1.T @ x, "b1": grad_z1.sum(0),
            "w2": h.T @ grad_out, "b2": grad_out.sum(0)}


@misconception("chain_rule_example", "dL/dz taken as z instead of 2z",
               "L = z**2, so dL/dz = 2z = 14 (the power rule), not z = 7. Then dL/dw = 14 * 1 * 2 and "
               "dL/db = 14 * 1.")
def chain_no_two():
    z = 3.0 * 2.0 + 1.0
    return z * 1.0 * 2.0, z * 1.0


@misconception("chain_rule_example", "dL/dw and dL/db returned in the wrong order",
               "Return (dL/dw, dL/db): the derivative for w first.")
def chain_swapped():
    dL_dz = 2 * (3.0 * 2.0 + 1.0)
    return dL_dz, dL_dz * 2.0


@misconception("chain_rule_example", "dy/dw taken as w instead of x",
               "y = w * x, so dy/dw is x = 2 (the factor w multiplies), not w = 3: dL/dw = 14 * 1 * 2.")
def chain_dy_dw_is_w():
    dL_dz = 2 * (3.0 * 2.0 + 1.0)
    return dL_dz * 1.0 * 3.0, dL_dz * 1.0

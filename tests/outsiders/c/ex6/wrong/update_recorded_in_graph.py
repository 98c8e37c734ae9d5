"""WRONG: gets the gradient with torch.autograd.grad and updates with x = x - lr * g outside torch.no_grad(), so each new x is a non-leaf that carries the whole chain of earlier updates (the numbers are right). Breaks the contract's "update x -= lr * x.grad without recording the update in the graph" (stub: "under torch.no_grad(): the x that fn gets must never carry the earlier steps' graph"): with fn = lambda t: (seen.append((t.is_leaf, t.grad_fn)) or (t - 5) ** 2), descend(fn, 0.0, 0.1, 3) hands fn a leaf only at step 0; at steps 1 and 2 fn gets a non-leaf with grad_fn SubBackward0 (verified).
"""
import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        y = fn(x)
        values.append(y.item())
        (g,) = torch.autograd.grad(y, x)
        x = x - lr * g  # a fresh tensor, so no gradient to clear
    return (x.item(), values)


DIVERGING_LR = 1.5
